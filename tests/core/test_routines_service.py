"""Families build routines: every write validates first, and every delete can be undone."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from attune_desktop.core.errors import NotFoundError, ValidationError
from attune_desktop.core.photos import import_photo, photo_path
from attune_desktop.core.services.families import MAX_STEPS, FamilyService
from attune_desktop.core.starter import load_starter_content
from attune_desktop.core.storage.database import Database

ONE_PIXEL_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


@pytest.fixture
def families(db: Database) -> FamilyService:
    return FamilyService(db)


@pytest.fixture
def starter(db: Database) -> None:
    load_starter_content(db)


def _words(families: FamilyService, routine_id: int) -> list[str]:
    return [s.words for s in families.steps(routine_id)]


def test_a_family_is_a_label_and_a_language(families: FamilyService) -> None:
    # GIVEN a facilitator adding a family by the nickname it chose
    family = families.create_family("  The   Otters ", language="uk", notes="likes drawing")
    # THEN the label is tidied and the language kept
    assert family.label == "The Otters"
    assert families.get_family(family.id or 0).language == "uk"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"label": ""}, "label"),
        ({"label": "x" * 61}, "label"),
        ({"label": "ok", "language": "de"}, "language"),
        ({"label": "ok", "series_id": 999}, None),
    ],
)
def test_bad_family_input_changes_nothing(
    families: FamilyService, fields: dict[str, object], field: str | None
) -> None:
    label = fields.pop("label")
    with pytest.raises((ValidationError, NotFoundError)) as raised:
        families.create_family(label, **fields)  # type: ignore[arg-type]
    if field:
        assert getattr(raised.value, "field", None) == field
    assert families.list_families() == []


def test_deleting_a_family_can_be_undone_with_its_routines(
    families: FamilyService, starter: None
) -> None:
    # GIVEN a demo family with two routines
    family = next(f for f in families.list_families() if f.language == "ar")
    routines = families.routines(family.id)
    steps_before = {r.id: _words(families, r.id or 0) for r in routines}
    # WHEN it is deleted, then the delete is undone
    snapshot = families.delete_family(family.id or 0)
    assert families.routines(family.id) == []
    restored = families.restore_family(snapshot)
    # THEN the family, its routines and their steps are back with the same ids
    assert restored.id == family.id
    assert {r.id: _words(families, r.id or 0) for r in families.routines(family.id)} == (
        steps_before
    )


def test_a_routine_from_a_template_is_the_family_own_copy(
    families: FamilyService, starter: None
) -> None:
    # GIVEN the bedtime template and a new family
    template = next(r for r in families.routines(None) if r.slug == "bedtime")
    family = families.create_family("Night Owls", language="fr")
    # WHEN the family starts from the template and changes a step
    routine = families.routine_from_template(template.id or 0, family.id or 0)
    first = families.steps(routine.id or 0)[0]
    families.update_step(first.id or 0, words="Bain")
    # THEN the template is untouched
    assert families.steps(template.id or 0)[0].words != "Bain"
    assert routine.time_of_day == "bedtime"
    assert len(families.steps(routine.id or 0)) == len(families.steps(template.id or 0))


def test_copy_a_routine_to_several_families(families: FamilyService) -> None:
    a = families.create_family("A")
    b = families.create_family("B", language="es")
    c = families.create_family("C", language="zh")
    routine = families.create_routine(
        a.id or 0, "Calm down", "anytime", steps=[{"words": "Breathe", "minutes": 2}]
    )
    copies = families.copy_routine(routine.id or 0, [b.id or 0, c.id or 0])
    assert [r.family_id for r in copies] == [b.id, c.id]
    assert all(_words(families, r.id or 0) == ["Breathe"] for r in copies)
    with pytest.raises(ValidationError):
        families.copy_routine(routine.id or 0, [])


def test_steps_reorder_by_index_and_a_delete_comes_back_in_place(
    families: FamilyService,
) -> None:
    family = families.create_family("A")
    routine = families.create_routine(family.id or 0, "Morning")
    for word in ("wake", "wash", "dress", "eat"):
        families.add_step(routine.id or 0, words=word, picture="pictogram:23F0")
    # WHEN the last step moves to the top
    families.move_step(routine.id or 0, 3, 0)
    assert _words(families, routine.id or 0) == ["eat", "wake", "wash", "dress"]
    # WHEN a middle step is deleted and put back
    middle = families.steps(routine.id or 0)[2]
    snapshot = families.delete_step(middle.id or 0)
    assert _words(families, routine.id or 0) == ["eat", "wake", "dress"]
    families.restore_step(snapshot)
    # THEN it is back where it was, with its id, and positions are dense
    steps = families.steps(routine.id or 0)
    assert [s.words for s in steps] == ["eat", "wake", "wash", "dress"]
    assert steps[2].id == middle.id
    assert [s.position for s in steps] == [0, 1, 2, 3]
    # AND a step inserted at a position goes there
    families.add_step(routine.id or 0, position=1, words="stretch")
    assert _words(families, routine.id or 0)[1] == "stretch"
    with pytest.raises(ValidationError):
        families.move_step(routine.id or 0, 0, 9)


def test_routines_reorder_and_come_back_in_place(families: FamilyService) -> None:
    family = families.create_family("A")
    for title in ("Morning", "After school", "Bedtime"):
        families.create_routine(family.id or 0, title)
    families.move_routine(family.id or 0, 2, 0)
    assert [r.title for r in families.routines(family.id)] == ["Bedtime", "Morning", "After school"]
    middle = families.routines(family.id)[1]
    snapshot = families.delete_routine(middle.id or 0)
    families.restore_routine(snapshot)
    assert [r.title for r in families.routines(family.id)] == ["Bedtime", "Morning", "After school"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("minutes", 0.5),
        ("minutes", 241),
        ("minutes", "soon"),
        ("words", "w" * 201),
        ("caregiver_line", "c" * 201),
        ("picture", "http://example.com/x.png"),
        ("picture", "photo:../../etc/passwd"),
    ],
)
def test_bad_step_input_is_refused_with_its_field(
    families: FamilyService, field: str, value: object
) -> None:
    family = families.create_family("A")
    routine = families.create_routine(family.id or 0, "Morning")
    step = families.add_step(routine.id or 0, words="wake", minutes=5)
    with pytest.raises(ValidationError) as raised:
        families.update_step(step.id or 0, **{field: value})
    assert raised.value.field == field
    again = families.get_step(step.id or 0)
    assert (again.words, again.minutes) == ("wake", 5)


def test_words_of_200_characters_and_no_minutes_are_fine(families: FamilyService) -> None:
    family = families.create_family("A")
    routine = families.create_routine(family.id or 0, "Morning")
    step = families.add_step(routine.id or 0, words="w" * 200, minutes="")
    assert step.minutes is None
    assert len(step.words) == 200


def test_a_routine_holds_a_bounded_number_of_steps(families: FamilyService) -> None:
    family = families.create_family("A")
    routine = families.create_routine(
        family.id or 0, "Long", steps=[{"words": f"step {i}"} for i in range(MAX_STEPS)]
    )
    with pytest.raises(ValidationError, match="at most"):
        families.add_step(routine.id or 0, words="one more")


def test_every_write_is_announced(families: FamilyService) -> None:
    heard: list[tuple[str, str]] = []
    families.changed.connect(lambda change: heard.append((change.entity, change.kind.value)))
    family = families.create_family("A")
    routine = families.create_routine(family.id or 0, "Morning")
    families.add_step(routine.id or 0, words="wake")
    families.update_family(family.id or 0, label="B")
    assert heard == [
        ("family", "created"),
        ("routine", "created"),
        ("step", "created"),
        ("family", "updated"),
    ]


def test_a_photo_is_copied_in_and_a_non_photo_is_refused(tmp_path: Path) -> None:
    photos = tmp_path / "photos"
    png = tmp_path / "teddy.png"
    png.write_bytes(ONE_PIXEL_PNG)
    picture = import_photo(png, photos)
    assert picture.startswith("photo:") and picture.endswith(".png")
    stored = photo_path(photos, picture)
    assert stored is not None and stored.read_bytes() == png.read_bytes()
    text = tmp_path / "notes.png"
    text.write_text("not a picture at all")
    with pytest.raises(ValidationError, match="not a photo"):
        import_photo(text, photos)
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    with pytest.raises(ValidationError, match="empty"):
        import_photo(empty, photos)


def test_starter_content_has_the_five_templates_and_a_right_to_left_family(
    families: FamilyService, starter: None
) -> None:
    slugs = {r.slug for r in families.routines(None)}
    assert {"morning", "bedtime", "after-school", "calm-down-plan", "connection-ritual"} <= slugs
    languages = {f.language for f in families.list_families()}
    assert "ar" in languages and len(languages) >= 3
