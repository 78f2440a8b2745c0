"""The practice library: somatic co-regulation exercises a segment can use.

The facilitator owns it: practices are made, duplicated, edited and deleted here (the views
make each step undoable), a starter practice can be brought back as it shipped, and the
library is searched by name, kind and the words of its script.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import col, select

from attune_desktop.core import validation as v
from attune_desktop.core.config import resources_dir
from attune_desktop.core.errors import NotFoundError
from attune_desktop.core.i18n import _
from attune_desktop.core.models import Practice
from attune_desktop.core.pacer_words import clean_words_json, parse_words, words_json
from attune_desktop.core.pacing import (
    Counting,
    PacerPlan,
    PatternError,
    counting_style,
    fit_cycles,
    parse_pattern,
)
from attune_desktop.core.practice_fields import PRACTICE_FIELDS, shared_fields
from attune_desktop.core.services import snapshots
from attune_desktop.core.services.base import ChangeKind, Service, clean_changes, require
from attune_desktop.core.services.received import READ_ONLY_PRACTICE, is_received, refuse_received
from attune_desktop.core.services.snapshots import Snapshot

if TYPE_CHECKING:
    from attune_desktop.core import practice_files

STARTER_FILE = "practices.json"
__all__ = ["PRACTICE_FIELDS", "PracticeFilter", "PracticeService"]


@dataclass(frozen=True)
class PracticeFilter:
    """What the library shows: words to find, a kind, and a length range in minutes."""

    text: str = ""
    kind: str = ""
    min_minutes: int = 0
    max_minutes: int = 0  # 0: no upper limit

    def matches(self, practice: Practice) -> bool:
        if self.kind and practice.kind != self.kind:
            return False
        if self.min_minutes and practice.default_minutes < self.min_minutes:
            return False
        if self.max_minutes and practice.default_minutes > self.max_minutes:
            return False
        words = _fold(self.text).split()
        if not words:
            return True
        haystack = _fold(
            " ".join(
                (
                    practice.name,
                    practice.kind.replace("_", " "),
                    practice.summary,
                    practice.script,
                    practice.cues,
                )
            )
        )
        # Each word typed starts a word of the practice: "box" finds "Box", not "inbox".
        return all(re.search(r"(?<!\w)" + re.escape(word), haystack) for word in words)


def _fold(text: str) -> str:
    """Lower case without accents, so "respiracion" finds "respiración"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def copy_name(name: str, taken: Iterable[str]) -> str:
    """'Box breathing (copy)', then '(copy 2)', … so a duplicate never shares a name."""
    used = {n.casefold() for n in taken}
    base = re.sub(r" \(copy(?: \d+)?\)$", "", name)[: v.TITLE_MAX - 10]
    candidate = _("{base} (copy)").format(base=base)
    number = 2
    while candidate.casefold() in used:
        candidate = _("{base} (copy {number})").format(base=base, number=number)
        number += 1
    return candidate


def starter_practices() -> dict[str, dict[str, Any]]:
    """The starter practices as shipped, by slug (read from resources/starter)."""
    path = resources_dir() / "starter" / STARTER_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    return {item["slug"]: item for item in data["practices"]}


def starter_fields(item: dict[str, Any]) -> dict[str, Any]:
    """A shipped practice as service fields; what the file leaves out takes the defaults."""
    return {
        "name": item["name"],
        "kind": item["kind"],
        "default_minutes": int(item["default_minutes"]),
        "summary": item.get("summary", ""),
        "script": item.get("script", ""),
        "pacing": item.get("pacing", ""),
        "cues": item.get("cues", ""),
        "care_notes": item.get("care_notes", ""),
        "phase_words": clean_words_json(item.get("phase_words", "")),
        "counting": item.get("counting", Counting.NATURAL.value),
        "breath_tones": bool(item.get("breath_tones", False)),
    }


class PracticeService(Service):
    def list_practices(self) -> list[Practice]:
        with self._db.session() as db:
            return list(db.exec(select(Practice).order_by(col(Practice.name))))

    def get_practice(self, practice_id: int) -> Practice:
        with self._db.session() as db:
            return require(db.get(Practice, practice_id), "practice", practice_id)

    def is_received(self, practice_id: int) -> bool:
        """True for a read-only copy received from the organisation's library."""
        with self._db.session() as db:
            practice = require(db.get(Practice, practice_id), "practice", practice_id)
            return is_received(db, practice.uid)

    def search(self, wanted: PracticeFilter) -> list[Practice]:
        """The library filtered by words (name, kind, summary, script, cues), kind and length."""
        return [p for p in self.list_practices() if wanted.matches(p)]

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
            refuse_received(db, practice.uid, READ_ONLY_PRACTICE)
            for name, value in clean.items():
                setattr(practice, name, value)
            db.add(practice)
        self._announce("practice", ChangeKind.UPDATED, (practice_id,))
        return practice

    def delete_practice(self, practice_id: int) -> Snapshot:
        """Delete from the library; segments that used it keep their copy of the script."""
        with self._db.session() as db:
            practice = require(db.get(Practice, practice_id), "practice", practice_id)
            refuse_received(db, practice.uid, READ_ONLY_PRACTICE)
            snap = snapshots.take([practice])
            db.delete(practice)
        self._announce("practice", ChangeKind.DELETED, (practice_id,))
        return snap

    def duplicate_practice(self, practice_id: int) -> Practice:
        """A copy to adapt, named '… (copy)': the facilitator's own, never a starter."""
        original = self.get_practice(practice_id)
        names = [p.name for p in self.list_practices()]
        fields = shared_fields(original)
        fields["name"] = copy_name(original.name, names)
        return self.create_practice(**fields)

    def original_of(self, practice_id: int) -> dict[str, Any] | None:
        """The shipped fields of a starter practice, or None for the facilitator's own."""
        practice = self.get_practice(practice_id)
        if not practice.builtin or not practice.slug:
            return None
        item = starter_practices().get(practice.slug)
        return starter_fields(item) if item is not None else None

    def is_changed_from_original(self, practice_id: int) -> bool:
        original = self.original_of(practice_id)
        if original is None:
            return False
        return shared_fields(self.get_practice(practice_id)) != original

    def restore_original(self, practice_id: int) -> dict[str, Any]:
        """Bring a starter practice back as it shipped; returns the fields it had before."""
        original = self.original_of(practice_id)
        if original is None:
            raise NotFoundError(
                _("Only a starter practice can be restored to its original; this one is your own.")
            )
        before = shared_fields(self.get_practice(practice_id))
        self.update_practice(practice_id, **original)
        return before

    def pacer_plan(self, practice_id: int, seconds: float) -> PacerPlan | None:
        """Whole breaths of the practice fitted to `seconds`, with its words and counting;
        None when it has no pacing (or, from an old file, one the pacer cannot read)."""
        practice = self.get_practice(practice_id)
        if not practice.pacing:
            return None
        try:
            plan = fit_cycles(parse_pattern(practice.pacing), seconds)
        except (PatternError, ValueError):
            return None
        return plan.styled(
            words=words_json(parse_words(practice.phase_words)),
            counting=counting_style(practice.counting),
            tones=practice.breath_tones,
        )

    # --- sharing ----------------------------------------------------------------------------

    def export_practices(
        self, practice_ids: Sequence[int], out_path: str | os.PathLike[str]
    ) -> Path:
        """Save the chosen practices to one file, in the order given."""
        practices = [self.get_practice(ident) for ident in practice_ids]
        from attune_desktop.core import practice_files  # bundles: read when first used

        return practice_files.write_practices(practices, out_path)

    def import_practices(self, path: str | os.PathLike[str]) -> practice_files.PracticeImport:
        """Check the whole file first, then add its new practices in one transaction."""
        from attune_desktop.core import practice_files

        checked = practice_files.read_practices(path)
        with self._db.session() as db:
            report = practice_files.import_practices(db, checked)
        if report.added_ids:
            self._announce("practice", ChangeKind.CREATED, tuple(report.added_ids))
        return report

    def restore_practice(self, snap: Snapshot) -> Practice:
        with self._db.session() as db:
            snapshots.put_back(db, snap)
        self._announce("practice", ChangeKind.CREATED, (snap.root_id,))
        return self.get_practice(snap.root_id)
