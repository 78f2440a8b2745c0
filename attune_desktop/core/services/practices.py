"""The practice library: somatic co-regulation exercises a segment can use."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from attune_desktop.core import validation as v
from attune_desktop.core.errors import ValidationError
from attune_desktop.core.models import Practice, PracticeKind
from attune_desktop.core.pacing import PatternError, format_pattern, parse_pattern
from attune_desktop.core.services import snapshots
from attune_desktop.core.services.base import ChangeKind, Service, Validator, clean_changes, require
from attune_desktop.core.services.snapshots import Snapshot


def _pacing(value: object) -> str:
    text = v.clean_text(value, "pacing", max_len=200)
    if not text:
        return ""
    try:
        return str(format_pattern(parse_pattern(text)))
    except PatternError as exc:
        raise ValidationError("pacing", str(exc)) from exc


PRACTICE_FIELDS: dict[str, Validator] = {
    "name": lambda x: v.required_text(x, "name"),
    "kind": lambda x: v.choice(x, "kind", PracticeKind),
    "default_minutes": lambda x: v.minutes(x, "default_minutes"),
    "summary": lambda x: v.clean_text(x, "summary", max_len=400),
    "script": lambda x: v.notes(x, "script"),
    "pacing": _pacing,
    "cues": lambda x: v.notes(x, "cues", max_len=4_000),
    "care_notes": lambda x: v.notes(x, "care_notes", max_len=4_000),
    "slug": lambda x: None if x is None else v.clean_text(x, "slug", max_len=80) or None,
    "builtin": bool,
}


class PracticeService(Service):
    def list_practices(self) -> list[Practice]:
        with self._db.session() as db:
            return list(db.exec(select(Practice).order_by(col(Practice.name))))

    def get_practice(self, practice_id: int) -> Practice:
        with self._db.session() as db:
            return require(db.get(Practice, practice_id), "practice", practice_id)

    def find_by_slug(self, slug: str) -> Practice | None:
        with self._db.session() as db:
            return db.exec(select(Practice).where(Practice.slug == slug)).first()

    def create_practice(self, name: str, **fields: Any) -> Practice:
        clean = clean_changes({"name": name, **fields}, PRACTICE_FIELDS)
        with self._db.session() as db:
            practice = Practice(**clean)
            db.add(practice)
            db.flush()
            new_id = practice.id or 0
        self._announce("practice", ChangeKind.CREATED, (new_id,))
        return practice

    def update_practice(self, practice_id: int, **changes: Any) -> Practice:
        clean = clean_changes(changes, PRACTICE_FIELDS)
        with self._db.session() as db:
            practice = require(db.get(Practice, practice_id), "practice", practice_id)
            for name, value in clean.items():
                setattr(practice, name, value)
            db.add(practice)
        self._announce("practice", ChangeKind.UPDATED, (practice_id,))
        return practice

    def delete_practice(self, practice_id: int) -> Snapshot:
        """Delete from the library; segments that used it keep their copy of the script."""
        with self._db.session() as db:
            practice = require(db.get(Practice, practice_id), "practice", practice_id)
            snap = snapshots.take([practice])
            db.delete(practice)
        self._announce("practice", ChangeKind.DELETED, (practice_id,))
        return snap

    def restore_practice(self, snap: Snapshot) -> Practice:
        with self._db.session() as db:
            snapshots.put_back(db, snap)
        self._announce("practice", ChangeKind.CREATED, (snap.root_id,))
        return self.get_practice(snap.root_id)
