"""Received copies of the organisation's library are read-only on this laptop.

A template or practice that a sync received is marked by its `OrgSyncState` row
(`received=True`); the services refuse to change or delete it, or the agenda of one of a
received template's weeks, and point to Duplicate.
"""

from __future__ import annotations

from sqlmodel import Session as DbSession

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import N_, _
from attune_desktop.core.models import OrgSyncState, Series, Session

READ_ONLY_PRACTICE = N_(
    "This practice comes from your organisation's library; duplicate it to change your own copy."
)
READ_ONLY_TEMPLATE = N_(
    "This template comes from your organisation's library; duplicate it to change your own copy."
)
READ_ONLY_CIRCLE = N_(
    "This circle was published by another laptop of your organisation; it is here for the "
    "organisation's report, and only that laptop can change it."
)
READ_ONLY_WEEK = N_(
    "This week belongs to a curriculum template from your organisation's library; duplicate it "
    "to change your own copy."
)


class ReadOnlyCopyError(AttuneError):
    """An edit or delete of a copy received from the organisation."""


def is_received(db: DbSession, uid: str | None) -> bool:
    """True when `uid` names a copy received from the organisation's library."""
    if not uid:
        return False
    state = db.get(OrgSyncState, uid)
    return bool(state is not None and state.received)


def refuse_received(db: DbSession, uid: str | None, sentence: str) -> None:
    if is_received(db, uid):
        raise ReadOnlyCopyError(_(sentence))


def refuse_received_series(db: DbSession, series: Series) -> None:
    """A received template points to Duplicate; a circle pulled from another laptop (on an
    organiser's home) says whose it is."""
    refuse_received(db, series.uid, READ_ONLY_TEMPLATE if series.is_template else READ_ONLY_CIRCLE)


def is_received_week(db: DbSession, session_id: int | None) -> bool:
    """True for a week (session) of a curriculum template received from the organisation."""
    session = db.get(Session, session_id) if session_id is not None else None
    series = db.get(Series, session.series_id) if session and session.series_id else None
    return bool(series is not None and series.is_template and is_received(db, series.uid))


def refuse_received_week(db: DbSession, session_id: int | None) -> None:
    if is_received_week(db, session_id):
        raise ReadOnlyCopyError(_(READ_ONLY_WEEK))
