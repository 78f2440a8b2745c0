"""Pictograms are found by words in every sheet language; sheets speak the family's language."""

from __future__ import annotations

import pytest

from attune_desktop.core import sheet_words
from attune_desktop.core.models import TimeOfDay
from attune_desktop.core.pictograms import PictogramIndex, fold


@pytest.fixture(scope="module")
def index() -> PictogramIndex:
    return PictogramIndex.load()


def test_the_set_is_large_enough_and_every_pictogram_has_both_styles(index: PictogramIndex) -> None:
    assert len(index) >= 150
    for item in index.all():
        assert index.svg_path(item.key).exists()
        assert index.svg_path(item.key, outline=True).exists()
        assert item.english and item.spanish


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("toothbrush", "1FAA5"),
        ("brush teeth", "1FAA5"),
        ("cepillo de dientes", "1FAA5"),
        ("DIENTES", "1FAA5"),
        ("bed", "1F6CF"),
        ("cama", "1F6CF"),
        ("abrazo", "1F917"),
        ("hug", "1F917"),
        ("jabon", "1F9FC"),  # without the accent of "jabón"
    ],
)
def test_search_finds_by_english_and_spanish_words(
    index: PictogramIndex, query: str, expected: str
) -> None:
    keys = [p.key for p in index.search(query, limit=5)]
    assert expected in keys


def test_search_ranks_an_exact_word_first_and_needs_every_word(index: PictogramIndex) -> None:
    assert index.search("toothbrush")[0].key == "1FAA5"
    assert index.search("toothbrush zebra") == []
    assert len(index.search("")) == len(index)


def test_a_spanish_search_names_its_results_in_spanish(index: PictogramIndex) -> None:
    # GIVEN an English-speaking family WHEN the facilitator types Spanish words
    found = index.find("cepillo de dientes", limit=1, language="en")
    # THEN the picture is named in the language that matched, not in English
    assert found[0].pictogram.key == "1FAA5"
    assert (found[0].language, found[0].name) == ("es", "cepillo de dientes")
    # AND English words give English names, whatever the family speaks
    found = index.find("toothbrush", limit=1, language="es")
    assert (found[0].language, found[0].name) == ("en", "toothbrush")


def test_the_familys_own_language_names_and_ranks_first(index: PictogramIndex) -> None:
    # GIVEN a Spanish-speaking family WHEN nothing is typed THEN every name is in Spanish
    everything = index.find("", language="es")
    assert len(everything) == len(index)
    assert {f.language for f in everything} == {"es"}
    assert next(f for f in everything if f.pictogram.key == "1F6CF").name == "cama"
    # WHEN a word means something in both languages ("pan": bread, or a frying pan)
    # THEN the family's own meaning comes first
    assert index.find("pan", limit=1, language="es")[0].language == "es"
    assert index.find("pan", limit=1, language="en")[0].language == "en"
    # AND every sheet language names pictures in its own words (CLDR's names)
    assert index.find("", limit=1, language="ar")[0].language == "ar"
    assert index.find("", limit=1, language="pt")[0].language == "en"  # not a sheet language
    assert index.find("cama", limit=1, language="fr")[0].name == "cama"


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Baño ÉTÉ") == "bano ete"


@pytest.mark.parametrize("code", ["en", "es", "fr", "ar", "uk", "zh"])
def test_every_language_has_every_fixed_word(code: str) -> None:
    words = sheet_words.words_for(code)
    assert words.code == code
    for time in TimeOfDay:
        assert words.title_for(time.value).strip()
    assert all(day.strip() for day in words.weekdays)
    assert len(set(words.weekdays)) == 7
    for text in (words.done, words.me, words.you, words.week_of, words.continued):
        assert text.strip()
    assert str(5) in words.minutes(5)
    if code != "en":
        assert words.done != "Done" and words.weekdays[0] != "Mon"


def test_only_arabic_reads_right_to_left() -> None:
    assert [w.code for w in sheet_words.languages() if w.rtl] == ["ar"]


def test_plurals_follow_the_language() -> None:
    assert sheet_words.words_for("en").minutes(1) == "1 minute"
    assert sheet_words.words_for("uk").minutes(2) == "2 хвилини"
    assert sheet_words.words_for("uk").minutes(5) == "5 хвилин"
    assert sheet_words.words_for("uk").minutes(21) == "21 хвилина"
    assert sheet_words.words_for("ar").minutes(2) == "دقيقتان"


def test_unknown_codes_fall_back_to_english_and_regions_are_ignored() -> None:
    assert sheet_words.words_for("de").code == "en"
    assert sheet_words.words_for("es-MX").code == "es"


def test_a_written_speaker_is_not_printed_twice() -> None:
    es = sheet_words.words_for("es")
    assert sheet_words.strip_speaker("yo: tres respiraciones", es) == "tres respiraciones"
    assert sheet_words.strip_speaker("我：先听", sheet_words.words_for("zh")) == "先听"
    assert sheet_words.strip_speaker("three breaths", es) == "three breaths"


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("ar", "فرشاة أسنان", "1FAA5"),  # CLDR's toothbrush
        ("ar", "سرير", "1F6CF"),  # bed
        ("ar", "تنظيف الأسنان", "1FAA5"),  # a routine word
        ("ar", "واجبات", "1F4DD"),  # homework
        ("zh", "牙刷", "1FAA5"),
        ("zh", "床", "1F6CF"),
        ("zh", "睡衣", "1F455"),  # pyjamas
        ("zh", "作业", "1F4DD"),
        ("uk", "зубна щітка", "1FAA5"),
        ("uk", "ліжко", "1F6CF"),
        ("uk", "піжама", "1F455"),
        ("uk", "перекус", "1F34E"),
        ("fr", "brosse à dents", "1FAA5"),
        ("fr", "goûter", "1F34E"),
        ("fr", "devoirs", "1F4DD"),
        ("es", "cena", "1F37D"),
        ("es", "merienda", "1F34E"),
        ("es", "pijama", "1F455"),
        ("en", "homework", "1F4DD"),
        ("en", "snack", "1F34E"),
        ("en", "pyjamas", "1F455"),
        ("en", "dinner", "1F37D"),
    ],
)
def test_search_finds_pictures_in_every_sheet_language(
    index: PictogramIndex, language: str, query: str, expected: str
) -> None:
    # GIVEN a family of this language WHEN the facilitator types its word for a picture
    found = index.find(query, limit=5, language=language)
    # THEN the picture is among the first results, named in that language
    assert expected in [f.pictogram.key for f in found], [f.name for f in found]
    assert found[0].language == language


@pytest.mark.parametrize("word", ["homework", "snack", "pyjamas", "cena"])
def test_the_words_families_use_find_something_whatever_the_family_speaks(
    index: PictogramIndex, word: str
) -> None:
    for language in sheet_words.LANGUAGE_CODES:
        assert index.find(word, limit=3, language=language), (word, language)


def test_every_pictogram_has_words_in_every_sheet_language(index: PictogramIndex) -> None:
    for item in index.all():
        for code in sheet_words.LANGUAGE_CODES:
            assert item.words.get(code), (item.key, code)
    toothbrush = index.get("1FAA5")
    assert toothbrush is not None and toothbrush.name_in("zh") == "牙刷"
