"""Routine templates start in the family's language: all six sheet languages, every step."""

from __future__ import annotations

import pytest

from attune_desktop.core import routine_templates, sheet_words
from attune_desktop.core.services.families import FamilyService
from attune_desktop.core.starter import load_starter_content
from attune_desktop.core.storage.database import Database


@pytest.fixture
def families(db: Database) -> FamilyService:
    load_starter_content(db)
    return FamilyService(db)


def test_every_template_has_every_language_step_for_step() -> None:
    shipped = routine_templates.shipped_templates()
    assert len(shipped) == 7
    others = set(sheet_words.LANGUAGE_CODES) - {"en"}
    for slug, template in shipped.items():
        assert set(template.translations) == others, slug
        for code, (title, steps) in template.translations.items():
            assert title and len(steps) == len(template.steps), (slug, code)
            for (words, line), (_picture, _english, english_line) in zip(
                steps, template.steps, strict=True
            ):
                assert words.strip(), (slug, code)
                assert bool(line) == bool(english_line), (slug, code, words)


@pytest.mark.parametrize("code", sheet_words.LANGUAGE_CODES)
def test_a_family_starts_from_the_bedtime_template_in_its_language(
    families: FamilyService, code: str
) -> None:
    # GIVEN the shipped bedtime template and a family whose language is `code`
    template = next(r for r in families.routines(None) if r.slug == "bedtime")
    family = families.create_family(f"Family {code}", language=code)
    # WHEN it starts a routine from the template
    routine = families.routine_from_template(template.id or 0, family.id or 0)
    # THEN the title and every step are in its language, pictures and minutes as shipped
    shipped = routine_templates.shipped_templates()["bedtime"]
    title, steps = shipped.translations.get(code, (shipped.title, ()))
    assert routine.title == title
    got = families.steps(routine.id or 0)
    english = families.steps(template.id or 0)
    assert [s.picture for s in got] == [s.picture for s in english]
    assert [s.minutes for s in got] == [s.minutes for s in english]
    if code == "en":
        assert [s.words for s in got] == [s.words for s in english]
    else:
        assert [(s.words, s.caregiver_line) for s in got] == list(steps)


def test_a_chinese_family_gets_chinese_words(families: FamilyService) -> None:
    template = next(r for r in families.routines(None) if r.slug == "bedtime")
    family = families.create_family("Chen", language="zh")
    routine = families.routine_from_template(template.id or 0, family.id or 0)
    words = [s.words for s in families.steps(routine.id or 0)]
    assert routine.title == "睡前作息"
    assert "穿上睡衣" in words and "刷牙" in words
    assert "Pyjamas on" not in words


def test_what_the_facilitator_changed_in_a_template_stays_as_they_wrote_it(
    families: FamilyService,
) -> None:
    # GIVEN the bedtime template with its second step and title changed by the facilitator
    template = next(r for r in families.routines(None) if r.slug == "bedtime")
    second = families.steps(template.id or 0)[1]
    families.update_step(second.id or 0, words="Pyjamas and slippers")
    families.update_routine(template.id or 0, title="Our bedtime")
    family = families.create_family("Kovalenko", language="uk")
    # WHEN a Ukrainian family starts from it
    routine = families.routine_from_template(template.id or 0, family.id or 0)
    words = [s.words for s in families.steps(routine.id or 0)]
    # THEN the changes stay as written, and the steps still as shipped are in Ukrainian
    assert routine.title == "Our bedtime"
    assert words[1] == "Pyjamas and slippers"
    assert words[2] == "Почистити зуби"


def test_copying_a_family_routine_does_not_translate_it(families: FamilyService) -> None:
    a = families.create_family("A", language="en")
    b = families.create_family("B", language="zh")
    routine = families.create_routine(
        a.id or 0, "Bedtime routine", "bedtime", steps=[{"words": "Brush teeth"}]
    )
    copy = families.copy_routine(routine.id or 0, [b.id or 0])[0]
    assert copy.title == "Bedtime routine"
    assert families.steps(copy.id or 0)[0].words == "Brush teeth"
