"""The facilitator's own practice library: make, copy, find, restore, share; and its pacer words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from attune_desktop.core.bundle import BundleError
from attune_desktop.core.errors import NotFoundError, ValidationError
from attune_desktop.core.pacer_words import DEFAULT_WORDS, clean_words, room_words, word_for
from attune_desktop.core.pacing import Counting, pacer_frame, shown_count
from attune_desktop.core.practice_files import (
    MAX_FILE_BYTES,
    PRACTICES_FORMAT,
    PracticeFileError,
    parse_practices,
)
from attune_desktop.core.services.practices import PracticeFilter, PracticeService, copy_name
from attune_desktop.core.starter import load_starter_content
from attune_desktop.core.storage.database import Database


def _own(practices: PracticeService, name: str = "Slow river", **fields):
    base = {
        "kind": "breathing",
        "default_minutes": 3,
        "script": "Let the breath move like a slow river.",
        "pacing": "in 3, out 6",
    }
    return practices.create_practice(name, **{**base, **fields})


# --- make and change ---------------------------------------------------------------------------


def test_a_practice_is_saved_with_its_words_counting_and_tones(practices) -> None:
    practice = _own(
        practices,
        phase_words={"en": {"out": " let  go "}, "fr": {"out": "relâchez"}},
        counting="up",
        breath_tones=True,
    )
    stored = practices.get_practice(practice.id)
    assert json.loads(stored.phase_words) == {"en": {"out": "let go"}, "fr": {"out": "relâchez"}}
    assert (stored.counting, stored.breath_tones) == ("up", True)


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"name": "  "}, "name"),
        ({"default_minutes": 0}, "minutes"),
        ({"pacing": "in 4, hld 4"}, "'hld 4'"),
        ({"pacing": "in 30, out 4"}, "0.5 to 20 seconds"),
        ({"kind": "dancing"}, "kind"),
        ({"counting": "sideways"}, "counting"),
        ({"phase_words": {"de": {"in": "ein"}}}, "not a room language"),
        ({"phase_words": {"en": {"exhale": "out"}}}, "not a phase"),
        ({"phase_words": {"en": {"out": "x" * 31}}}, "longer than 30"),
        ({"phase_words": "{not json"}, "could not be read"),
        ({"breath_tones": "yes"}, "on or off"),
    ],
)
def test_a_wrong_field_is_refused_with_a_clear_message_and_nothing_changes(
    practices, fields, words
) -> None:
    practice = _own(practices)
    with pytest.raises(ValidationError) as refused:
        practices.update_practice(practice.id, **fields)
    assert words in str(refused.value)
    assert practices.get_practice(practice.id).name == "Slow river"


def test_a_duplicate_is_a_named_copy_of_the_facilitators_own(db: Database, practices) -> None:
    load_starter_content(db)
    box = practices.find_by_slug("box-breathing")
    copy = practices.duplicate_practice(box.id)
    again = practices.duplicate_practice(box.id)
    assert (copy.name, again.name) == ("Box breathing (copy)", "Box breathing (copy 2)")
    assert copy.builtin is False and copy.slug is None
    assert (copy.script, copy.pacing, copy.care_notes) == (box.script, box.pacing, box.care_notes)
    assert copy_name("Box breathing (copy)", ["Box breathing (copy)"]) == "Box breathing (copy 2)"


def test_an_edited_starter_practice_can_be_restored_to_its_original(
    db: Database, practices
) -> None:
    load_starter_content(db)
    hum = practices.find_by_slug("humming-breath")
    assert word_for(json.loads(hum.phase_words), "fr", "out") == "fredonnez"
    practices.update_practice(hum.id, script="My own words.", pacing="in 3, out 9")
    assert practices.is_changed_from_original(hum.id)
    before = practices.restore_original(hum.id)
    assert before["script"] == "My own words."
    restored = practices.get_practice(hum.id)
    assert restored.pacing == "in 4, out 8" and restored.script.startswith(hum.script[:20])
    assert not practices.is_changed_from_original(hum.id)
    own = _own(practices)
    with pytest.raises(NotFoundError, match="your own"):
        practices.restore_original(own.id)


# --- find --------------------------------------------------------------------------------------


def test_the_library_is_found_by_name_script_words_kind_and_length(db: Database, practices) -> None:
    load_starter_content(db)
    _own(practices, script="Imagine the respiración of the sea.")

    def names(**wanted) -> set[str]:
        return {p.name for p in practices.search(PracticeFilter(**wanted))}

    assert names(text="box breathing") == {"Box breathing"}
    assert "Box breathing" in names(text="box")
    assert "Slow river" in names(text="SLOW  river")
    assert names(text="respiracion sea") == {"Slow river"}  # accents and case do not matter
    assert names(text="self holding") == names(kind="self_holding")
    assert all(p.kind == "humming" for p in practices.search(PracticeFilter(kind="humming")))
    short = practices.search(PracticeFilter(max_minutes=2))
    assert short and all(p.default_minutes <= 2 for p in short)
    long = practices.search(PracticeFilter(min_minutes=5))
    assert long and all(p.default_minutes >= 5 for p in long)
    assert names(text="nothing-like-this") == set()


# --- share -------------------------------------------------------------------------------------


def test_practices_exported_to_a_file_import_elsewhere_and_only_once(
    tmp_path: Path, practices
) -> None:
    one = _own(practices, phase_words={"en": {"out": "let go"}}, breath_tones=True)
    two = _own(practices, "Feet on the floor", kind="grounding", pacing="")
    out = practices.export_practices([one.id, two.id], tmp_path / "mine.json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == PRACTICES_FORMAT and len(data["practices"]) == 2

    practices.delete_practice(two.id)
    report = practices.import_practices(out)
    assert report.added == ["Feet on the floor"] and report.already_here == ["Slow river"]
    again = practices.import_practices(out)
    assert again.added == [] and len(again.already_here) == 2
    assert "already here" in again.message

    practices.update_practice(one.id, script="Changed here.")
    third = practices.import_practices(out)
    assert third.renamed == ["Slow river"] and "Slow river (imported)" in third.added
    imported = next(p for p in practices.list_practices() if p.name == "Slow river (imported)")
    assert imported.breath_tones and json.loads(imported.phase_words) == {"en": {"out": "let go"}}


def _file(*practices: object, **extra: object) -> bytes:
    body = {"format": PRACTICES_FORMAT, "version": 1, "practices": list(practices), **extra}
    return json.dumps(body).encode()


GOOD = {"slug": "slow-river", "name": "Slow river", "pacing": "in 3, out 6"}


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"\xff\xfe\x00", "not a text file"),
        (b"{", "not valid JSON"),
        (b"[" * 100_000, "nested too deeply"),
        (json.dumps({"format": "attune-desktop.series-template"}).encode(), "not an Attune"),
        (_file(GOOD, version=99), "newer Attune Desktop"),
        (_file({**GOOD, "pacing": "in 4, hld 4"}), "practices[0].pacing"),
        (_file({**GOOD, "default_minutes": "5"}), "must be a whole number"),
        (_file({**GOOD, "breath_tones": 1}), "must be true or false"),
        (_file({**GOOD, "evil": 1}), "not a field a file can have"),
        (_file(GOOD, GOOD), "listed twice"),
        (_file({**GOOD, "slug": "../../etc"}), "slug"),
        (_file({**GOOD, "phase_words": '{"en": {"out": "\\u0007"}}'}), "cannot be shown"),
        (_file(*[{**GOOD, "slug": f"p{i}"} for i in range(501)]), "at most 500"),
    ],
)
def test_a_hostile_file_is_refused_whole_with_a_clear_message(raw: bytes, words: str) -> None:
    with pytest.raises(PracticeFileError) as refused:
        parse_practices(raw, name="evil.json")
    assert words in str(refused.value)
    assert isinstance(refused.value, BundleError)


def test_a_bad_practice_late_in_a_file_adds_nothing_at_all(tmp_path: Path, practices) -> None:
    path = tmp_path / "mixed.json"
    path.write_bytes(_file(GOOD, {"slug": "bad", "name": "", "pacing": ""}))
    with pytest.raises(PracticeFileError, match=r"practices\[1\]\.name"):
        practices.import_practices(path)
    assert practices.list_practices() == []


def test_a_huge_or_missing_file_is_refused_before_reading(tmp_path: Path, practices) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (MAX_FILE_BYTES + 1))
    with pytest.raises(PracticeFileError, match="larger than 2 MB"):
        practices.import_practices(big)
    with pytest.raises(PracticeFileError, match="does not exist"):
        practices.import_practices(tmp_path / "nowhere.json")
    with pytest.raises(PracticeFileError, match="not a file"):
        practices.import_practices(tmp_path)


# --- the pacer's words and numbers -------------------------------------------------------------


def test_phase_words_fall_back_to_the_rooms_language_defaults() -> None:
    custom = clean_words({"en": {"out": "hum"}})
    assert room_words(custom, "en")["out"] == "hum"
    assert room_words(custom, "es")["out"] == DEFAULT_WORDS["es"]["out"]
    assert room_words(custom, "zh-Hans")["in"] == "吸气"
    assert room_words({}, "de")["in"] == "breathe in"  # not a room language: English
    assert set(DEFAULT_WORDS) == {"en", "es", "fr", "ar", "uk", "zh"}


def test_the_pacer_plan_carries_the_practices_words_counting_and_tones(practices) -> None:
    practice = _own(practices, phase_words={"en": {"out": "hum"}}, breath_tones=True)
    plan = practices.pacer_plan(practice.id, 60)
    assert plan is not None and plan.tones and plan.counting == "natural"
    assert json.loads(plan.phase_words) == {"en": {"out": "hum"}}
    assert practices.pacer_plan(_own(practices, "Unpaced", pacing="").id, 60) is None


def test_the_out_breath_never_counts_up_unless_asked(practices) -> None:
    plan = practices.pacer_plan(_own(practices, pacing="in 4, hold 7, out 8").id, 19)
    assert plan is not None
    out = [pacer_frame(plan, 11 + t + 0.5) for t in range(8)]
    assert [shown_count(f, Counting.NATURAL) for f in out] == [str(n) for n in range(8, 0, -1)]
    assert [shown_count(f, Counting.UP) for f in out] == [str(n) for n in range(1, 9)]
    assert {shown_count(f, Counting.NONE) for f in out} == {""}
    breathe_in = [shown_count(pacer_frame(plan, t + 0.5), "natural") for t in range(4)]
    assert breathe_in == ["1", "2", "3", "4"]
    assert [shown_count(pacer_frame(plan, t + 0.5), "down") for t in range(4)] == [
        "4",
        "3",
        "2",
        "1",
    ]


def test_a_practices_own_pacer_words_travel_in_a_template_bundle(
    db: Database, practices, tmp_path: Path, database_urls
) -> None:
    import datetime as dt

    from attune_desktop.core.services.series import SeriesService
    from attune_desktop.core.storage.database import open_database

    series = SeriesService(db)
    made = series.create_series("Autumn", first_date=dt.date(2026, 9, 7), weeks=1)
    week = series.sessions_of(made.id)[0]
    own = _own(practices, phase_words={"en": {"out": "let go"}}, counting="none")
    from attune_desktop.core.services.sessions import SessionService

    SessionService(db).add_practice_segment(week.id, own.id)
    plain = _own(practices, "Plain breath")
    SessionService(db).add_practice_segment(week.id, plain.id)
    out = series.export_bundle(made.id, tmp_path / "autumn.json")
    carried = {p["name"]: p for p in json.loads(out.read_text(encoding="utf-8"))["practices"]}
    assert carried["Slow river"]["phase_words"] == '{"en":{"out":"let go"}}'
    assert "phase_words" not in carried["Plain breath"]  # an older app still opens it
    elsewhere = open_database(database_urls(tmp_path / "other"))
    try:
        SeriesService(elsewhere).import_bundle(out)
        theirs = {p.name: p for p in PracticeService(elsewhere).list_practices()}
        assert theirs["Slow river"].counting == "none"
        assert json.loads(theirs["Slow river"].phase_words) == {"en": {"out": "let go"}}
    finally:
        elsewhere.close()
