"""Families (known only by the label they chose), their routines and the routines' steps.

Every write validates first, so a bad field changes nothing, and every delete returns a
snapshot so undo can put the rows back with their ids. Steps and routines keep a dense
`position` (0, 1, 2...) so moves are by index, as the builder shows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session as DbSession
from sqlmodel import col, select

from attune_desktop.core import routine_templates, sheet_words
from attune_desktop.core import validation as v
from attune_desktop.core.errors import ValidationError
from attune_desktop.core.i18n import _
from attune_desktop.core.models import Family, Routine, Series, Step, TimeOfDay
from attune_desktop.core.services import snapshots
from attune_desktop.core.services.base import ChangeKind, Service, Validator, clean_changes, require
from attune_desktop.core.services.snapshots import Snapshot

LABEL_MAX = 60
WORDS_MAX = 200
MAX_STEPS = 100  # a 40-step routine flows onto more pages; more than this is not a routine
MAX_ROUTINES = 50
PICTURE_PREFIXES = ("pictogram:", "photo:")


def _language(value: object) -> str:
    code = v.clean_text(value, "language", max_len=16).lower()
    if not sheet_words.is_supported(code):
        allowed = ", ".join(sheet_words.LANGUAGE_CODES)
        raise ValidationError(
            "language",
            _("Sheets can be printed in {allowed}; '{value}' is not one of them.").format(
                allowed=allowed, value=value
            ),
        )
    return code.replace("_", "-").split("-")[0]


def _optional_id(value: object) -> int | None:
    if value is None or value == "":
        return None
    return v.whole_number(value, "series", low=1, high=2**62)


def _picture(value: object) -> str:
    text = v.clean_text(value, "picture", max_len=200)
    if text and not text.startswith(PICTURE_PREFIXES):
        raise ValidationError(
            "picture", _("'{text}' is not a pictogram or a photo.").format(text=text)
        )
    if text.startswith("photo:") and ("/" in text or "\\" in text or ".." in text):
        raise ValidationError("picture", _("A photo must be a file in the photos folder."))
    return text


def _optional_minutes(value: object) -> int | None:
    if value is None or value == "" or value == 0:
        return None
    return v.minutes(value, "minutes")


FAMILY_FIELDS: dict[str, Validator] = {
    "label": lambda x: v.required_text(x, "label", max_len=LABEL_MAX),
    "language": _language,
    "series_id": _optional_id,
    "notes": lambda x: v.notes(x, "notes"),
}

ROUTINE_FIELDS: dict[str, Validator] = {
    "title": lambda x: v.required_text(x, "title"),
    "time_of_day": lambda x: v.choice(x, "time_of_day", TimeOfDay),
}

STEP_FIELDS: dict[str, Validator] = {
    "picture": _picture,
    "words": lambda x: v.clean_text(x, "words", max_len=WORDS_MAX),
    "minutes": _optional_minutes,
    "caregiver_line": lambda x: v.clean_text(x, "caregiver_line", max_len=WORDS_MAX),
}


class FamilyService(Service):
    # --- reading ----------------------------------------------------------------------------

    def list_families(self, *, series_id: int | None = None) -> list[Family]:
        with self._db.session() as db:
            query = select(Family)
            if series_id is not None:
                query = query.where(Family.series_id == series_id)
            return list(db.exec(query.order_by(col(Family.label), col(Family.id))))

    def get_family(self, family_id: int) -> Family:
        with self._db.session() as db:
            return require(db.get(Family, family_id), "family", family_id)

    def routines(self, family_id: int | None) -> list[Routine]:
        """A family's routines; with None, the routine templates."""
        with self._db.session() as db:
            return self._routines(db, family_id)

    def get_routine(self, routine_id: int) -> Routine:
        with self._db.session() as db:
            return require(db.get(Routine, routine_id), "routine", routine_id)

    def steps(self, routine_id: int) -> list[Step]:
        with self._db.session() as db:
            return self._steps(db, routine_id)

    def get_step(self, step_id: int) -> Step:
        with self._db.session() as db:
            return require(db.get(Step, step_id), "step", step_id)

    # --- families ---------------------------------------------------------------------------

    def create_family(self, label: str, **fields: Any) -> Family:
        clean = clean_changes({"label": label, **fields}, FAMILY_FIELDS)
        with self._db.session() as db:
            self._check_series(db, clean.get("series_id"))
            family = Family(**clean)
            db.add(family)
            db.flush()
            new_id = family.id or 0
        self._announce("family", ChangeKind.CREATED, (new_id,), family.series_id)
        return family

    def update_family(self, family_id: int, **changes: Any) -> Family:
        clean = clean_changes(changes, FAMILY_FIELDS)
        with self._db.session() as db:
            family = require(db.get(Family, family_id), "family", family_id)
            if "series_id" in clean:
                self._check_series(db, clean["series_id"])
            for name, value in clean.items():
                setattr(family, name, value)
            db.add(family)
        self._announce("family", ChangeKind.UPDATED, (family_id,), family.series_id)
        return family

    def delete_family(self, family_id: int) -> Snapshot:
        """Delete a family with its routines and steps; the snapshot lets undo put it back."""
        with self._db.session() as db:
            family = require(db.get(Family, family_id), "family", family_id)
            rows: list[Any] = [family]
            for routine in self._routines(db, family_id):
                rows += [routine, *self._steps(db, routine.id or 0)]
            snap = snapshots.take(rows)
            series_id = family.series_id
            db.delete(family)
        self._announce("family", ChangeKind.DELETED, (family_id,), series_id)
        return snap

    def restore_family(self, snap: Snapshot) -> Family:
        with self._db.session() as db:
            snapshots.put_back(db, snap)
            family = require(db.get(Family, snap.root_id), "family", snap.root_id)
        self._announce("family", ChangeKind.CREATED, (snap.root_id,), family.series_id)
        return family

    # --- routines ---------------------------------------------------------------------------

    def create_routine(
        self,
        family_id: int,
        title: str,
        time_of_day: str = TimeOfDay.ANYTIME.value,
        *,
        steps: Sequence[dict[str, Any]] = (),
    ) -> Routine:
        """A new routine at the end of the family's list, with the steps given (if any)."""
        clean = clean_changes({"title": title, "time_of_day": time_of_day}, ROUTINE_FIELDS)
        if len(steps) > MAX_STEPS:
            raise ValidationError(
                "steps",
                _("A routine can hold at most {max_steps} steps.").format(max_steps=MAX_STEPS),
            )
        clean_steps = [clean_changes(step, STEP_FIELDS) for step in steps]
        with self._db.session() as db:
            require(db.get(Family, family_id), "family", family_id)
            existing = self._routines(db, family_id)
            if len(existing) >= MAX_ROUTINES:
                raise ValidationError(
                    "title",
                    _("A family can keep at most {max_routines} routines.").format(
                        max_routines=MAX_ROUTINES
                    ),
                )
            routine = Routine(family_id=family_id, position=len(existing), **clean)
            db.add(routine)
            db.flush()
            for position, step in enumerate(clean_steps):
                db.add(Step(routine_id=routine.id or 0, position=position, **step))
            new_id = routine.id or 0
        self._announce("routine", ChangeKind.CREATED, (new_id,), family_id)
        return routine

    def routine_from_template(self, template_id: int, family_id: int) -> Routine:
        """A family's own copy of a template (or of any routine), steps and all; a shipped
        template's words come in the family's language."""
        return self.copy_routine(template_id, [family_id])[0]

    def copy_routine(self, routine_id: int, family_ids: Sequence[int]) -> list[Routine]:
        """Copies of a routine for other families, each at the end of that family's list."""
        if not family_ids:
            raise ValidationError("family", _("Choose at least one family to copy the routine to."))
        source = self.get_routine(routine_id)
        steps = [
            s.model_dump(include={"picture", "words", "minutes", "caregiver_line"})
            for s in self.steps(routine_id)
        ]
        with self._db.session() as db:
            languages = [
                require(db.get(Family, family_id), "family", family_id).language
                for family_id in family_ids
            ]
        copies = []
        for family_id, language in zip(family_ids, languages, strict=True):
            title, own = source.title, steps
            if source.is_template:  # a shipped template starts in the family's language
                title, own = routine_templates.localise(source.slug, language, title, steps)
            copies.append(self.create_routine(family_id, title, source.time_of_day, steps=own))
        return copies

    def update_routine(self, routine_id: int, **changes: Any) -> Routine:
        clean = clean_changes(changes, ROUTINE_FIELDS)
        with self._db.session() as db:
            routine = require(db.get(Routine, routine_id), "routine", routine_id)
            for name, value in clean.items():
                setattr(routine, name, value)
            db.add(routine)
        self._announce("routine", ChangeKind.UPDATED, (routine_id,), routine.family_id)
        return routine

    def delete_routine(self, routine_id: int) -> Snapshot:
        with self._db.session() as db:
            routine = require(db.get(Routine, routine_id), "routine", routine_id)
            snap = snapshots.take([routine, *self._steps(db, routine_id)])
            family_id = routine.family_id
            db.delete(routine)
            db.flush()
            self._renumber(db, self._routines(db, family_id))
        self._announce("routine", ChangeKind.DELETED, (routine_id,), family_id)
        return snap

    def restore_routine(self, snap: Snapshot) -> Routine:
        """Put a deleted routine back, with its steps, where it was in the family's list."""
        with self._db.session() as db:
            data = snap.rows[0][1]
            ordered = self._routines(db, data["family_id"])
            snapshots.put_back(db, snap)
            routine = require(db.get(Routine, snap.root_id), "routine", snap.root_id)
            ordered.insert(max(0, min(int(data["position"]), len(ordered))), routine)
            self._renumber(db, ordered)
            family_id = routine.family_id
        self._announce("routine", ChangeKind.CREATED, (snap.root_id,), family_id)
        return routine

    def move_routine(self, family_id: int, from_index: int, to_index: int) -> None:
        with self._db.session() as db:
            self._move(db, self._routines(db, family_id), from_index, to_index, "routine")
        self._announce("routine", ChangeKind.UPDATED, (), family_id)

    # --- steps ------------------------------------------------------------------------------

    def add_step(self, routine_id: int, position: int | None = None, **fields: Any) -> Step:
        """Add a step (at the end unless a position is given)."""
        clean = clean_changes(fields, STEP_FIELDS)
        with self._db.session() as db:
            require(db.get(Routine, routine_id), "routine", routine_id)
            ordered = self._steps(db, routine_id)
            if len(ordered) >= MAX_STEPS:
                raise ValidationError(
                    "steps",
                    _("A routine can hold at most {max_steps} steps.").format(max_steps=MAX_STEPS),
                )
            step = Step(routine_id=routine_id, **clean)
            index = len(ordered) if position is None else max(0, min(position, len(ordered)))
            ordered.insert(index, step)
            self._renumber(db, ordered)
            db.flush()
            new_id = step.id or 0
        self._announce("step", ChangeKind.CREATED, (new_id,), routine_id)
        return step

    def update_step(self, step_id: int, **changes: Any) -> Step:
        clean = clean_changes(changes, STEP_FIELDS)
        with self._db.session() as db:
            step = require(db.get(Step, step_id), "step", step_id)
            for name, value in clean.items():
                setattr(step, name, value)
            db.add(step)
        self._announce("step", ChangeKind.UPDATED, (step_id,), step.routine_id)
        return step

    def delete_step(self, step_id: int) -> Snapshot:
        with self._db.session() as db:
            step = require(db.get(Step, step_id), "step", step_id)
            snap = snapshots.take([step])
            routine_id = step.routine_id
            db.delete(step)
            db.flush()
            self._renumber(db, self._steps(db, routine_id))
        self._announce("step", ChangeKind.DELETED, (step_id,), routine_id)
        return snap

    def restore_step(self, snap: Snapshot) -> Step:
        """Put a deleted step back where it was, with its id."""
        data = dict(snap.rows[0][1])
        with self._db.session() as db:
            position = int(data.pop("position", 0))
            routine_id = int(data["routine_id"])
            require(db.get(Routine, routine_id), "routine", routine_id)
            ordered = self._steps(db, routine_id)
            step = Step(**data)
            ordered.insert(max(0, min(position, len(ordered))), step)
            self._renumber(db, ordered)
            db.flush()
        self._announce("step", ChangeKind.CREATED, (snap.root_id,), routine_id)
        return step

    def move_step(self, routine_id: int, from_index: int, to_index: int) -> None:
        """Move one step to a new place (indexes are positions in the routine)."""
        with self._db.session() as db:
            self._move(db, self._steps(db, routine_id), from_index, to_index, "step")
        self._announce("step", ChangeKind.UPDATED, (), routine_id)

    # --- helpers ----------------------------------------------------------------------------

    @staticmethod
    def _routines(db: DbSession, family_id: int | None) -> list[Routine]:
        query = select(Routine)
        if family_id is None:
            query = query.where(Routine.is_template)
        else:
            query = query.where(Routine.family_id == family_id)
        return list(db.exec(query.order_by(col(Routine.position), col(Routine.id))))

    @staticmethod
    def _steps(db: DbSession, routine_id: int) -> list[Step]:
        query = (
            select(Step)
            .where(Step.routine_id == routine_id)
            .order_by(col(Step.position), col(Step.id))
        )
        return list(db.exec(query))

    @staticmethod
    def _renumber(db: DbSession, rows: Sequence[Routine | Step]) -> None:
        for index, row in enumerate(rows):
            row.position = index
            db.add(row)

    def _move(
        self, db: DbSession, ordered: list[Any], from_index: int, to_index: int, what: str
    ) -> None:
        if not (0 <= from_index < len(ordered) and 0 <= to_index < len(ordered)):
            raise ValidationError("position", _("That {what} cannot move there.").format(what=what))
        ordered.insert(to_index, ordered.pop(from_index))
        self._renumber(db, ordered)

    @staticmethod
    def _check_series(db: DbSession, series_id: int | None) -> None:
        if series_id is not None:
            require(db.get(Series, series_id), "series", series_id)
