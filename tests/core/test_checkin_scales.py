"""Check-in scales: the built-in scales read well in every language, custom ones are checked."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attune_desktop.core.checkin_scales import (
    BUILTIN_SCALES,
    DARK_TEXT,
    LANGUAGES,
    MAX_LABEL_CHARS,
    MAX_NAME_CHARS,
    MAX_OPTIONS,
    MIN_TEXT_CONTRAST,
    SOFT_PALETTE,
    GridAxis,
    Scale,
    ScaleError,
    ScaleLayout,
    ScaleOption,
    contrast_ratio,
    get_scale,
    is_rtl,
    language_of,
    make_custom_scale,
    normalize_colour,
    normalize_picture,
    picture_text,
    scale_from_json,
    scale_to_json,
)
from attune_desktop.core.errors import AttuneError

ALL_OPTIONS = [(scale, option) for scale in BUILTIN_SCALES.values() for option in scale.options]
ALL_OPTION_IDS = [f"{scale.key}.{option.key}" for scale, option in ALL_OPTIONS]


def feelings(n: int) -> list[tuple[str, str]]:
    words = ["Calm", "Tired", "Busy", "Worried", "Happy", "Cross", "Sad", "Excited", "Numb"]
    return [(word, "1F642") for word in words[:n]]


# --- the built-in scales ------------------------------------------------------------------------


def test_the_built_in_scales_and_their_option_keys_are_fixed() -> None:
    # Keys are what rounds store counts against: renaming one would orphan past rounds.
    assert {key: scale.keys for key, scale in BUILTIN_SCALES.items()} == {
        "regulation4": ("calm", "wobbly", "stormy", "flat"),
        "grid": ("high_unpleasant", "high_pleasant", "low_unpleasant", "low_pleasant"),
        "five": ("1", "2", "3", "4", "5"),
        "weather": ("sunny", "sun_cloud", "cloudy", "rainy", "stormy"),
    }
    assert all(scale.builtin for scale in BUILTIN_SCALES.values())


@pytest.mark.parametrize("scale", BUILTIN_SCALES.values(), ids=BUILTIN_SCALES.keys())
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_built_in_scale_is_fully_translated(scale: Scale, lang: str) -> None:
    assert scale.names[lang].strip()
    assert scale.questions[lang].strip()
    labels = [option.labels[lang] for option in scale.options]
    assert all(label.strip() for label in labels)
    assert len(set(labels)) == len(labels), "two options would read the same to the room"
    assert all(option.descriptions[lang].strip() for option in scale.options)
    assert all(len(label) <= MAX_LABEL_CHARS for label in labels)


def test_translations_are_not_english_left_in_place() -> None:
    for scale in BUILTIN_SCALES.values():
        for lang in ("ar", "uk", "zh"):
            assert scale.question(lang) != scale.question("en")
            for option in scale.options:
                assert option.description(lang) != option.description("en")


def test_a_language_falls_back_to_english_and_regions_find_their_language() -> None:
    calm = BUILTIN_SCALES["regulation4"].option("calm")
    assert calm.label() == "Calm"
    assert calm.label("de") == "Calm"  # no German yet
    assert calm.label("es-MX") == "En calma"
    assert calm.label("fr_CA") == "Calme"
    assert calm.label("zh-Hans-CN") == "平静"
    assert BUILTIN_SCALES["weather"].question("UK") == "Яка погода у вас всередині?"
    assert BUILTIN_SCALES["weather"].question("") == "What is the weather like inside you?"
    assert language_of(" AR-eg ") == "ar"
    assert is_rtl("ar-SA")
    assert not is_rtl("uk")


@pytest.mark.parametrize(("scale", "option"), ALL_OPTIONS, ids=ALL_OPTION_IDS)
def test_option_colours_are_soft_enough_for_dark_text(scale: Scale, option: ScaleOption) -> None:
    assert normalize_colour(option.colour) == option.colour
    assert contrast_ratio(option.colour, DARK_TEXT) >= 7  # comfortably above WCAG AA


@pytest.mark.parametrize(("scale", "option"), ALL_OPTIONS, ids=ALL_OPTION_IDS)
def test_option_pictures_are_single_openmoji_code_points(scale: Scale, option: ScaleOption) -> None:
    assert normalize_picture(option.picture) == option.picture
    assert len(option.picture_text) == 1
    assert ord(option.picture_text) >= 0x2600  # a symbol or emoji, never a letter


def test_the_stormy_colour_is_warm_but_never_an_alarm_red() -> None:
    stormy = BUILTIN_SCALES["regulation4"].option("stormy").colour
    red, green, blue = (int(stormy[i : i + 2], 16) for i in (1, 3, 5))
    assert red > green > blue  # warm: red-orange
    assert min(red, green, blue) > 0x80  # soft: no channel near zero, so not saturated
    assert BUILTIN_SCALES["regulation4"].option("stormy").picture == "1F7E0"  # orange, not red


def test_regulation_colours_follow_their_meaning() -> None:
    scale = BUILTIN_SCALES["regulation4"]
    assert [scale.option(k).picture_text for k in scale.keys] == ["🟢", "🟡", "🟠", "🔵"]


@pytest.mark.parametrize(
    ("key", "most_settled", "least_settled"),
    [
        ("regulation4", {"calm"}, {"stormy", "flat"}),
        ("grid", {"low_pleasant"}, {"high_unpleasant", "low_unpleasant"}),
        ("five", {"5"}, {"1"}),
        ("weather", {"sunny"}, {"stormy"}),
    ],
)
def test_order_runs_from_most_settled(
    key: str, most_settled: set[str], least_settled: set[str]
) -> None:
    scale = BUILTIN_SCALES[key]
    assert {o.key for o in scale.options if o.order == 0} == most_settled
    assert {o.key for o in scale.options if o.order == scale.max_order} == least_settled


def test_five_reads_from_really_hard_to_really_good() -> None:
    scale = BUILTIN_SCALES["five"]
    assert [scale.option(k).label() for k in scale.keys] == [
        "Really hard",
        "Hard",
        "In between",
        "Good",
        "Really good",
    ]


def test_the_grid_scale_fills_a_two_by_two_grid_by_energy_and_pleasantness() -> None:
    grid = BUILTIN_SCALES["grid"]
    assert grid.layout is ScaleLayout.GRID
    assert grid.grid_shape == (2, 2)
    cells = {(o.row, o.col): o.key for o in grid.options}
    assert cells == {
        (0, 0): "high_unpleasant",
        (0, 1): "high_pleasant",
        (1, 0): "low_unpleasant",
        (1, 1): "low_pleasant",
    }
    assert grid.axis_label(GridAxis.HIGH) == "More energy"
    assert grid.axis_label(GridAxis.PLEASANT, "fr") == "Agréable"
    assert all(s.layout is ScaleLayout.LIST for k, s in BUILTIN_SCALES.items() if k != "grid")
    assert BUILTIN_SCALES["five"].grid_shape is None
    assert BUILTIN_SCALES["five"].axis_label(GridAxis.HIGH) == ""


def test_the_built_in_scales_cannot_be_changed() -> None:
    with pytest.raises(TypeError):
        BUILTIN_SCALES["mine"] = BUILTIN_SCALES["five"]  # type: ignore[index]
    calm = BUILTIN_SCALES["regulation4"].option("calm")
    with pytest.raises(TypeError):
        calm.labels["en"] = "Chill"  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        calm.order = 3  # type: ignore[misc]
    assert hash(calm) == hash(BUILTIN_SCALES["regulation4"].option("calm"))


# --- finding a scale ----------------------------------------------------------------------------


def test_get_scale_finds_built_in_then_custom_and_names_the_missing_one() -> None:
    mine = make_custom_scale("mine", "Tea", feelings(3))
    assert get_scale("weather") is BUILTIN_SCALES["weather"]
    assert get_scale("mine", custom={"mine": mine}) is mine
    with pytest.raises(ScaleError, match="'gone' is not available"):
        get_scale("gone", custom={"mine": mine})
    # A custom scale stored under a built-in key never replaces the built-in one.
    assert get_scale("five", custom={"five": mine}) is BUILTIN_SCALES["five"]


def test_asking_a_scale_for_a_missing_option_is_a_scale_error() -> None:
    with pytest.raises(ScaleError, match="no option 'purple'"):
        BUILTIN_SCALES["regulation4"].option("purple")


# --- custom scales ------------------------------------------------------------------------------


def test_a_custom_scale_keeps_the_facilitators_words_in_settled_first_order() -> None:
    scale = make_custom_scale(
        "tea-1",
        "  Cup of   tea ",
        [("Warm cup", "2615", "#f4b9a0"), ("Half full", "u+1F375"), ("Empty cup", "☕")],
        question="How full is your cup?",
    )
    assert scale.name() == "Cup of tea"
    assert scale.question("es") == "How full is your cup?"  # no translation: their words
    assert scale.keys == ("warm_cup", "half_full", "empty_cup")
    assert [o.order for o in scale.options] == [0, 1, 2]
    assert [o.colour for o in scale.options] == ["#F4B9A0", SOFT_PALETTE[1], SOFT_PALETTE[2]]
    assert [o.picture for o in scale.options] == ["2615", "1F375", "2615"]
    assert not scale.builtin
    assert scale.layout is ScaleLayout.LIST


def test_custom_option_keys_stay_unique_even_when_labels_cannot_make_one() -> None:
    scale = make_custom_scale(
        "k", "Mixed", [("Hi!", ""), ("hi?", "2600"), ("平静", ""), ("😀", "")]
    )
    assert scale.keys == ("hi", "hi_2", "option_3", "option_4")


def test_a_question_defaults_to_the_scales_name() -> None:
    assert make_custom_scale("k", "Today", feelings(2)).question() == "Today"


@pytest.mark.parametrize(
    ("key", "name", "options", "message"),
    [
        ("k", "   ", feelings(2), "Give the scale a name"),
        ("k", "x" * (MAX_NAME_CHARS + 1), feelings(2), "80 characters or fewer"),
        ("k", "One", feelings(1), "at least 2 options"),
        ("k", "Many", feelings(MAX_OPTIONS + 1), "at most 8 options"),
        ("k", "Blank", [("Calm", ""), ("  ", "")], "Option 2 needs a label"),
        ("k", "Long", [("Calm", ""), ("y" * 41, "")], "keep each label to 40 characters"),
        ("k", "Twice", [("Calm", ""), (" calm ", "")], "both called “calm”"),
        ("k", "Colour", [("Calm", "", "green"), ("Busy", "")], "should look like #A8D5BA"),
        ("k", "Dark", [("Calm", "", "#202020"), ("Busy", "")], "too dark"),
        ("k", "Pic", [("Calm", "smiley"), ("Busy", "")], "picture for “Calm” can't be shown"),
        ("five", "Mine", feelings(2), "belongs to a built-in scale"),
        ("", "Mine", feelings(2), "key must be"),
        ("has space", "Mine", feelings(2), "key must be"),
    ],
)
def test_a_custom_scale_is_refused_with_a_message_that_says_what_to_fix(
    key: str, name: str, options: list[tuple[str, str]], message: str
) -> None:
    with pytest.raises(ScaleError, match=message) as caught:
        make_custom_scale(key, name, options)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, AttuneError)


def test_a_label_of_exactly_forty_characters_and_eight_options_are_allowed() -> None:
    options = [("z" * MAX_LABEL_CHARS, ""), *feelings(MAX_OPTIONS - 1)]
    assert len(make_custom_scale("k", "n" * MAX_NAME_CHARS, options).options) == MAX_OPTIONS


def test_a_pasted_emoji_or_hex_code_becomes_openmoji_hex() -> None:
    assert normalize_picture("☀️") == "2600"
    assert normalize_picture(" 1f7e2 ") == "1F7E2"
    assert normalize_picture("U+1F468-200D-1F467") == "1F468-200D-1F467"
    assert normalize_picture("👨‍👧") == "1F468-200D-1F467"
    assert normalize_picture("") == ""
    assert picture_text("1F468-200D-1F467") == "👨‍👧"
    assert picture_text("") == ""
    for bad in ("sun", "110000", "D800", "☀" * 11):
        with pytest.raises(ScaleError):
            normalize_picture(bad)


def test_colour_contrast_matches_the_wcag_extremes() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast_ratio("#777", "#777777") == pytest.approx(1)
    assert contrast_ratio("#FFFFFF", DARK_TEXT) > MIN_TEXT_CONTRAST


# --- storing a custom scale ---------------------------------------------------------------------

label_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"]),
    min_size=1,
    max_size=MAX_LABEL_CHARS,
).filter(lambda s: s.strip() and " ".join(s.split()) == s)
custom_options = st.lists(
    st.tuples(
        label_text,
        st.sampled_from(["", "2600", "1F7E2", "1F468-200D-1F467"]),
        st.one_of(st.none(), st.sampled_from(SOFT_PALETTE)),
    ),
    min_size=2,
    max_size=MAX_OPTIONS,
    unique_by=lambda option: option[0].casefold(),
)


@given(custom_options)
def test_a_stored_custom_scale_comes_back_the_same(
    options: list[tuple[str, str, str | None]],
) -> None:
    scale = make_custom_scale("mine", "My scale", options, question="How are you?")
    stored = scale_to_json(scale)
    assert scale_from_json("mine", "My scale", stored, question="How are you?") == scale
    # The stored form keeps what the database row's comment promises: key, label, picture.
    assert all({"key", "label", "picture"} <= set(row) for row in json.loads(stored))


def test_stored_keys_win_over_labels_so_old_counts_still_match() -> None:
    stored = json.dumps(
        [{"key": "a", "label": "Renamed calm", "picture": ""}, {"key": "b", "label": "Busy"}]
    )
    scale = scale_from_json("mine", "Mine", stored)
    assert scale.keys == ("a", "b")
    assert scale.option("a").label() == "Renamed calm"


@given(st.text(max_size=60))
def test_anything_unreadable_on_load_is_a_scale_error_never_a_crash(text: str) -> None:
    try:
        scale = scale_from_json("mine", "Mine", text)
    except ScaleError as error:
        assert str(error).strip()  # a sentence for the facilitator, not a traceback
    else:
        assert 2 <= len(scale.options) <= MAX_OPTIONS


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"label": "x"}', "should be a list"),
        ('[{"label": "a"}, 5]', "option 2 has no label"),
        ('[{"label": "a"}, {"picture": "2600"}]', "option 2 has no label"),
        ('[{"label": "a", "key": 3}, {"label": "b"}]', "option 1 has a broken key"),
        ('[{"label": "a", "key": "x"}, {"label": "b", "key": "x"}]', "used twice"),
        ('[{"label": "a"}]', "at least 2 options"),
        ('[{"label": "a", "colour": "#000"}, {"label": "b"}]', "too dark"),
    ],
)
def test_a_broken_stored_scale_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ScaleError, match=message):
        scale_from_json("mine", "Mine", text)
