"""Received copies of the organisation's library are read-only on this laptop.

A template or practice that a sync received is marked by its `OrgSyncState` row
(`received=True`); the services refuse to change or delete it and point to Duplicate.
"""

from __future__ import annotations

from sqlmodel import Session as DbSession

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import N_, _
from attune_desktop.core.models import OrgSyncState

READ_ONLY_PRACTICE = N_(
    "This practice comes from your organisation's library; duplicate it to change your own copy."
)
READ_ONLY_TEMPLATE = N_(
    "This template comes from your organisation's library; duplicate it to change your own copy."
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
