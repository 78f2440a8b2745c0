"""Follow-up notes: a facilitator's private reminders, carried into the next session's prep.

"Check back in about the big game" is jotted during or after a session and must come back
when the next session is prepared and on the presenter view. It is never for the room: no
projector, no print for families, no shared export and no report reads this service, and
the only way out of it is `for_preparation` and `notes_for_session`, which the facilitator's
own screens call.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session as DbSession
from sqlmodel import col, select

from attune_desktop.core import validation as v
from attune_desktop.core.errors import ValidationError
from attune_desktop.core.i18n import _
from attune_desktop.core.models import FollowUpNote, Session
from attune_desktop.core.services import snapshots
from attune_desktop.core.services.base import ChangeKind, Service, require
from attune_desktop.core.services.snapshots import Snapshot

NOTE_MAX = 2_000
MAX_NOTES_PER_SESSION = 200


@dataclass(frozen=True)
class CarriedNote:
    """An open note from an earlier session, with where it came from."""

    note: FollowUpNote
    from_week: int | None
    from_title: str
    from_date: dt.date | None


def _text(value: object) -> str:
    text = v.clean_text(value, "text", max_len=NOTE_MAX, multiline=True)
    if not text:
        raise ValidationError("text", _("Write the follow-up first; an empty note is not kept."))
    return text


class FollowUpService(Service):
    def notes_for_session(self, session_id: int) -> list[FollowUpNote]:
        """Notes written in this session, oldest first."""
        with self._db.session() as db:
            query = (
                select(FollowUpNote)
                .where(FollowUpNote.session_id == session_id)
                .order_by(col(FollowUpNote.created_at), col(FollowUpNote.id))
            )
            return list(db.exec(query))

    def for_preparation(self, session_id: int) -> list[CarriedNote]:
        """Open notes from the earlier sessions of the same series, newest session first.

        A note stays until it is ticked done, so a follow-up that could not happen last week
        comes back again the week after. A cancelled session passes its notes on; a session
        outside any series has no earlier sessions.
        """
        with self._db.session() as db:
            session = require(db.get(Session, session_id), "session", session_id)
            earlier = _earlier_sessions(db, session)
            if not earlier:
                return []
            by_id = {s.id: s for s in earlier}
            query = (
                select(FollowUpNote)
                .where(col(FollowUpNote.session_id).in_(list(by_id)))
                .where(col(FollowUpNote.done).is_(False))
                .order_by(col(FollowUpNote.created_at), col(FollowUpNote.id))
            )
            notes = list(db.exec(query))
        order = {s.id: index for index, s in enumerate(earlier)}
        notes.sort(key=lambda n: -order[n.session_id])
        return [
            CarriedNote(
                n,
                by_id[n.session_id].week,
                by_id[n.session_id].title,
                by_id[n.session_id].date,
            )
            for n in notes
        ]

    def add_note(self, session_id: int, text: object) -> FollowUpNote:
        clean = _text(text)
        with self._db.session() as db:
            require(db.get(Session, session_id), "session", session_id)
            existing = db.exec(select(FollowUpNote.id).where(FollowUpNote.session_id == session_id))
            if len(list(existing)) >= MAX_NOTES_PER_SESSION:
                raise ValidationError(
                    "text",
                    _("A session can hold {max_notes_per_session} follow-up notes at most.").format(
                        max_notes_per_session=MAX_NOTES_PER_SESSION
                    ),
                )
            note = FollowUpNote(session_id=session_id, text=clean)
            db.add(note)
            db.flush()
            new_id = note.id or 0
        self._announce("followup", ChangeKind.CREATED, (new_id,), session_id)
        return note

    def update_note(
        self, note_id: int, *, text: object = None, done: bool | None = None
    ) -> FollowUpNote:
        clean = None if text is None else _text(text)
        with self._db.session() as db:
            note = require(db.get(FollowUpNote, note_id), _("follow-up note"), note_id)
            if clean is not None:
                note.text = clean
            if done is not None:
                note.done = bool(done)
            db.add(note)
        self._announce("followup", ChangeKind.UPDATED, (note_id,), note.session_id)
        return note

    def get_note(self, note_id: int) -> FollowUpNote:
        with self._db.session() as db:
            return require(db.get(FollowUpNote, note_id), _("follow-up note"), note_id)

    def delete_note(self, note_id: int) -> Snapshot:
        with self._db.session() as db:
            note = require(db.get(FollowUpNote, note_id), _("follow-up note"), note_id)
            snap = snapshots.take([note])
            session_id = note.session_id
            db.delete(note)
        self._announce("followup", ChangeKind.DELETED, (note_id,), session_id)
        return snap

    def restore_note(self, snap: Snapshot) -> FollowUpNote:
        with self._db.session() as db:
            snapshots.put_back(db, snap)
            note = require(db.get(FollowUpNote, snap.root_id), _("follow-up note"), snap.root_id)
        self._announce("followup", ChangeKind.CREATED, (snap.root_id,), note.session_id)
        return note


def _earlier_sessions(db: DbSession, session: Session) -> list[Session]:
    """Sessions of the same series that come before this one, in calendar order."""
    if session.series_id is None:
        return []
    siblings = [
        s
        for s in db.exec(select(Session).where(Session.series_id == session.series_id))
        if s.id != session.id
    ]

    def key(s: Session) -> tuple[dt.date, int, int]:
        return (s.date or dt.date.min, s.week or 0, s.id or 0)

    here = key(session)
    earlier = [s for s in siblings if key(s) < here]
    earlier.sort(key=key)
    return earlier
