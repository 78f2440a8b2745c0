"""Check-in rules: the room sees nothing early, nothing from too few, and no exact small number."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from attune_desktop.core.checkin_rules import (
    DEFAULT_MIN_RESPONSES,
    FLOOR_MIN_RESPONSES,
    MAX_COUNT,
    OPEN_MESSAGE,
    SMALL_CELL,
    SMALL_CELL_SHARE,
    RevealResult,
    RevealStatus,
    RuleError,
    ShiftDirection,
    reveal,
    series_shift,
    shift,
    small_cell_label,
    too_few_message,
    validate_counts,
    validate_min_responses,
)
from attune_desktop.core.checkin_scales import BUILTIN_SCALES, Scale, make_custom_scale

REGULATION = BUILTIN_SCALES["regulation4"]
FIVE = BUILTIN_SCALES["five"]

scales = st.sampled_from(
    [*BUILTIN_SCALES.values(), make_custom_scale("yes-no", "Yes or no", [("Yes", ""), ("No", "")])]
)
min_responses = st.integers(FLOOR_MIN_RESPONSES, 12)


@st.composite
def scale_and_counts(draw: st.DrawFn, high: int = 15) -> tuple[Scale, dict[str, int]]:
    scale = draw(scales)
    keys = draw(st.lists(st.sampled_from(scale.keys), unique=True))  # options left out are 0
    return scale, {key: draw(st.integers(0, high)) for key in keys}


def numbers_in(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\d+", text)}


# --- the minimum number of answers --------------------------------------------------------------


def test_the_privacy_constants() -> None:
    assert (DEFAULT_MIN_RESPONSES, FLOOR_MIN_RESPONSES, SMALL_CELL) == (5, 3, 2)


@given(st.integers(max_value=FLOOR_MIN_RESPONSES - 1))
def test_a_minimum_below_three_is_refused(n: int) -> None:
    with pytest.raises(RuleError, match="can't be lower than 3"):
        validate_min_responses(n)


@pytest.mark.parametrize("n", [3, 4])
def test_lowering_the_minimum_to_three_or_four_warns(n: int) -> None:
    (warning,) = validate_min_responses(n)
    assert f"minimum of {n}" in warning
    assert "5 keeps everyone safer" in warning


@given(st.integers(min_value=DEFAULT_MIN_RESPONSES, max_value=10_000))
def test_the_default_minimum_or_more_needs_no_warning(n: int) -> None:
    assert validate_min_responses(n) == []


@pytest.mark.parametrize("n", [True, 4.0, "5", None])
def test_a_minimum_must_be_a_whole_number(n: object) -> None:
    with pytest.raises(RuleError, match="whole number"):
        validate_min_responses(n)  # type: ignore[arg-type]


@given(scale_and_counts(), st.booleans(), st.integers(max_value=FLOOR_MIN_RESPONSES - 1))
def test_no_minimum_below_the_floor_can_ever_reveal(
    drawn: tuple[Scale, dict[str, int]], closed: bool, n: int
) -> None:
    scale, counts = drawn
    with pytest.raises(RuleError):
        reveal(scale, counts, closed, n)


# --- the paper tally ----------------------------------------------------------------------------


def test_a_tally_fills_in_options_nobody_chose() -> None:
    assert validate_counts(REGULATION, {"calm": 4, "flat": 0}) == {
        "calm": 4,
        "wobbly": 0,
        "stormy": 0,
        "flat": 0,
    }


@pytest.mark.parametrize(
    ("counts", "message", "field"),
    [
        ({"purple": 1}, "'purple' is not an option of “Body colours”", "purple"),
        ({"calm": -1}, "count for “Calm” can't be below 0", "calm"),
        ({"flat": MAX_COUNT + 1}, "count for “Flat” can't be more than 999", "flat"),
        ({"wobbly": 2.5}, "count for “Wobbly” must be a whole number", "wobbly"),
        ({"wobbly": "3"}, "count for “Wobbly” must be a whole number", "wobbly"),
        ({"stormy": True}, "count for “Stormy” must be a whole number", "stormy"),
    ],
)
def test_a_bad_tally_names_the_option_at_fault(
    counts: dict[str, object], message: str, field: str
) -> None:
    with pytest.raises(RuleError, match=message) as caught:
        validate_counts(REGULATION, counts)  # type: ignore[arg-type]
    assert caught.value.option_key == field


def test_a_refused_tally_never_repeats_the_number_typed() -> None:
    with pytest.raises(RuleError) as caught:
        validate_counts(REGULATION, {"calm": 4321})
    assert "4321" not in str(caught.value)


@given(st.integers(0, MAX_COUNT))
def test_any_count_from_zero_to_999_is_accepted(n: int) -> None:
    assert validate_counts(FIVE, {"3": n})["3"] == n


# --- revealing ----------------------------------------------------------------------------------


def test_an_open_round_shows_nothing_however_many_answered() -> None:
    result = reveal(REGULATION, {"calm": 9, "wobbly": 3}, closed=False)
    assert result == RevealResult(RevealStatus.HIDDEN_OPEN, OPEN_MESSAGE)
    assert result.message == "Results appear when the round is closed."
    assert not result.revealed


def test_a_closed_round_with_too_few_stays_hidden() -> None:
    result = reveal(REGULATION, {"calm": 2, "stormy": 2}, closed=True)
    assert result.status is RevealStatus.HIDDEN_TOO_FEW
    assert result.message == (
        "Fewer than 5 answered, so results stay hidden to keep everyone anonymous."
    )
    assert result.cells == ()
    assert result.total is None


def test_the_minimum_itself_is_enough_and_one_fewer_is_not() -> None:
    counts = {"calm": 2, "wobbly": 2}
    assert reveal(REGULATION, counts, True, min_responses=4).revealed
    assert not reveal(REGULATION, counts, True, min_responses=5).revealed
    assert reveal(REGULATION, {"calm": 3}, True, min_responses=3).revealed


def test_a_revealed_round_shows_big_counts_exactly_and_small_ones_as_a_band() -> None:
    result = reveal(REGULATION, {"calm": 5, "wobbly": 3, "stormy": 1}, closed=True)
    assert result.status is RevealStatus.REVEALED
    # the total is not shown either: 9 − 5 − 3 would give the banded cells away
    assert result.total is None
    assert "9" not in result.message
    shown = {c.option.key: (c.shown_count, c.band_label) for c in result.cells}
    assert shown == {
        "calm": (5, "5"),
        "wobbly": (3, "3"),
        "stormy": (None, "fewer than 2"),
        "flat": (None, "fewer than 2"),  # a 0 beside the band would give the 1 away
    }
    # AND bars are measured against the largest shown count: 5/9 beside "5" would give 9 back
    shares = {c.option.key: c.share for c in result.cells}
    assert shares["calm"] == 1.0
    assert shares["wobbly"] == pytest.approx(3 / 5)
    assert shares["stormy"] == shares["flat"] == SMALL_CELL_SHARE


@given(scale_and_counts(), st.booleans(), min_responses)
def test_a_hidden_round_never_leaks_a_count_or_total(
    drawn: tuple[Scale, dict[str, int]], closed: bool, n: int
) -> None:
    scale, counts = drawn
    result = reveal(scale, counts, closed, n)
    if result.revealed:
        return
    assert result.cells == ()
    assert result.total is None
    assert result.message in (OPEN_MESSAGE, too_few_message(n))
    # The only number a hidden round may mention is the minimum the facilitator set.
    assert numbers_in(repr(result)) <= {n}
    # And it reads the same whatever the hidden counts were.
    assert result == reveal(scale, {}, closed, n)


@given(scale_and_counts(), min_responses)
def test_a_revealed_small_cell_never_shows_an_exact_number(
    drawn: tuple[Scale, dict[str, int]], n: int
) -> None:
    scale, counts = drawn
    result = reveal(scale, counts, True, n)
    assume(result.revealed)
    tally = validate_counts(scale, counts)
    for cell in result.cells:
        count = tally[cell.option.key]
        if count < SMALL_CELL:
            assert cell.banded
            assert cell.shown_count is None
            assert cell.band_label == small_cell_label()
            assert numbers_in(cell.band_label) == {SMALL_CELL}
            assert cell.share == SMALL_CELL_SHARE  # the bar cannot be measured either
        else:
            assert cell.shown_count == count
            assert cell.band_label == str(count)
            # a share of the room only when the total is shown, else of the largest count
            shown = [c for c in tally.values() if c >= SMALL_CELL]
            whole = sum(tally.values()) if result.total is not None else max(shown)
            assert cell.share == pytest.approx(count / whole)


@given(scale_and_counts(), min_responses, st.data())
def test_none_and_one_look_the_same_to_the_room(
    drawn: tuple[Scale, dict[str, int]], n: int, data: st.DataObject
) -> None:
    # GIVEN two rounds that differ only in which small options one person chose
    scale, counts = drawn
    tally = validate_counts(scale, counts)
    small = [key for key, count in tally.items() if count < SMALL_CELL]
    assume(small)
    swapped = dict(tally)
    for key in small:
        swapped[key] = data.draw(st.integers(0, SMALL_CELL - 1))
    assume(sum(swapped.values()) == sum(tally.values()))
    # THEN the room sees exactly the same thing
    assert reveal(scale, tally, True, n) == reveal(scale, swapped, True, n)


@given(scale_and_counts(high=MAX_COUNT), min_responses)
def test_shares_sum_sensibly(drawn: tuple[Scale, dict[str, int]], n: int) -> None:
    scale, counts = drawn
    result = reveal(scale, counts, True, n)
    assume(result.revealed)
    assert all(0 <= cell.share <= 1 for cell in result.cells)
    exact = sum(cell.share for cell in result.cells if not cell.banded)
    if not any(cell.banded for cell in result.cells):
        assert exact == pytest.approx(1)
    else:  # measured against the largest shown count, which gets the full bar
        assert max(cell.share for cell in result.cells if not cell.banded) == 1.0
    assert [cell.option.key for cell in result.cells] == list(scale.keys)


@given(scale_and_counts(), st.booleans(), min_responses)
def test_the_result_does_not_depend_on_the_order_counts_arrive_in(
    drawn: tuple[Scale, dict[str, int]], closed: bool, n: int
) -> None:
    scale, counts = drawn
    reversed_counts: Mapping[str, int] = dict(reversed(list(counts.items())))
    assert reveal(scale, counts, closed, n) == reveal(scale, reversed_counts, closed, n)


def test_a_bad_tally_is_refused_even_while_the_round_is_open() -> None:
    with pytest.raises(RuleError, match="not an option"):
        reveal(REGULATION, {"sunny": 3}, closed=False)


# --- shift within a session ---------------------------------------------------------------------


def test_a_group_that_ends_calmer_shifts_toward_settled() -> None:
    # GIVEN a session that opened mostly wobbly and stormy and closed mostly calm
    opening = {"calm": 1, "wobbly": 4, "stormy": 3, "flat": 2}
    closing = {"calm": 7, "wobbly": 2, "flat": 1}
    result = shift(REGULATION, opening, closing)
    assert result.reason == ""
    assert result.shift is not None
    moved = result.shift
    # THEN the means are over the answers shown exactly (the single "calm" and the single
    # "flat" are banded, so they are left out, as on the screen; counting them would let
    # anyone solve for the band)
    assert moved.mean_before == pytest.approx((1 * 4 + 2 * 3 + 2 * 2) / 9)
    assert moved.mean_after == pytest.approx((0 * 7 + 1 * 2) / 9)
    assert moved.difference < 0
    assert moved.direction is ShiftDirection.TOWARD_SETTLED
    assert (moved.total_before, moved.total_after) == (None, None)  # both hide their totals
    changes = {o.option.key: o.change for o in moved.options}
    assert changes["wobbly"] is None  # no share of the room while the totals are hidden
    assert changes["stormy"] is None  # 3 then 0: the 0 is a small cell, so no number
    assert changes["calm"] is None  # 1 then 7: the 1 is a small cell
    # AND with nothing banded, totals and changes in share of the room are shown
    before = {"calm": 2, "wobbly": 4, "stormy": 2, "flat": 2}
    after = {"calm": 4, "wobbly": 2, "stormy": 2, "flat": 2}
    whole = shift(REGULATION, before, after)
    assert whole.shift is not None
    assert (whole.shift.total_before, whole.shift.total_after) == (10, 10)
    wobbly = next(o for o in whole.shift.options if o.option.key == "wobbly")
    assert wobbly.change == pytest.approx(2 / 10 - 4 / 10)


def test_the_reverse_session_shifts_away_and_equal_rounds_do_not_move() -> None:
    calm = {"calm": 6, "wobbly": 2}
    upset = {"stormy": 5, "flat": 3}
    reversed_shift = shift(REGULATION, calm, upset).shift
    assert reversed_shift is not None
    assert reversed_shift.direction is ShiftDirection.AWAY_FROM_SETTLED
    steady = shift(REGULATION, calm, dict(calm)).shift
    assert steady is not None
    assert steady.direction is ShiftDirection.NO_CHANGE
    assert all(o.change in (None, 0) for o in steady.options)


def test_the_five_scale_shifts_toward_settled_when_answers_go_up() -> None:
    moved = shift(FIVE, {"1": 3, "2": 3}, {"4": 3, "5": 3}).shift
    assert moved is not None
    assert moved.direction is ShiftDirection.TOWARD_SETTLED


@pytest.mark.parametrize(
    ("opening", "closing", "kwargs", "reason"),
    [
        ({"calm": 2}, {"calm": 9}, {}, "the opening round is hidden. Fewer than 5 answered"),
        ({"calm": 9}, {"calm": 4}, {}, "the closing round is hidden. Fewer than 5 answered"),
        ({"calm": 9}, {"calm": 9}, {"closing_closed": False}, "closing round is hidden. Results"),
        (None, {"calm": 9}, {}, "there was no opening round"),
    ],
)
def test_no_shift_is_shown_when_either_round_is_hidden(
    opening: dict[str, int] | None,
    closing: dict[str, int],
    kwargs: dict[str, bool],
    reason: str,
) -> None:
    result = shift(REGULATION, opening, closing, **kwargs)
    assert result.shift is None
    assert reason in result.reason


def test_each_round_keeps_its_own_minimum() -> None:
    result = shift(REGULATION, {"calm": 3}, {"calm": 3}, opening_min_responses=3)
    assert result.shift is None
    assert "closing round is hidden" in result.reason
    both = shift(
        REGULATION,
        {"calm": 3},
        {"calm": 3},
        opening_min_responses=3,
        closing_min_responses=3,
    )
    assert both.shift is not None


@given(scale_and_counts(), scale_and_counts(), min_responses)
def test_a_hidden_shift_never_leaks_either_rounds_total(
    first: tuple[Scale, dict[str, int]], second: tuple[Scale, dict[str, int]], n: int
) -> None:
    scale, opening = first
    closing = {k: v for k, v in second[1].items() if k in scale.keys}
    result = shift(scale, opening, closing, opening_min_responses=n, closing_min_responses=n)
    opened = reveal(scale, opening, True, n)
    closed = reveal(scale, closing, True, n)
    assert (result.shift is not None) == (opened.revealed and closed.revealed)
    if result.shift is None:
        assert numbers_in(result.reason) <= {n}


# --- shift across a series ----------------------------------------------------------------------


def test_a_series_chart_hides_whole_weeks_never_half_of_one() -> None:
    weeks = [
        ("Week 1", {"wobbly": 4, "stormy": 3}, {"calm": 5, "wobbly": 2}),
        ("Week 2", {"calm": 6}, {"calm": 2, "flat": 1}),  # closing too few
        ("Week 3", None, {"calm": 8}),  # no opening round
        ("Week 4", {"flat": 3, "calm": 3}, {"calm": 6}),
    ]
    chart = series_shift(REGULATION, weeks)
    assert [week.label for week in chart] == ["Week 1", "Week 2", "Week 3", "Week 4"]
    assert [week.hidden for week in chart] == [False, True, True, False]
    week2 = chart[1]
    assert week2.shift is None  # not even the opening mean, though it alone had enough
    assert "closing round is hidden" in week2.reason
    assert "3" not in week2.reason  # the closing total stays unknown
    week1 = chart[0].shift
    assert week1 is not None
    assert week1.direction is ShiftDirection.TOWARD_SETTLED


def test_a_series_uses_the_minimum_it_is_given() -> None:
    weeks = [("Week 1", {"calm": 3}, {"calm": 3})]
    assert series_shift(REGULATION, weeks)[0].hidden
    assert not series_shift(REGULATION, weeks, min_responses=3)[0].hidden
    with pytest.raises(RuleError):
        series_shift(REGULATION, weeks, min_responses=2)


five_counts = st.dictionaries(st.sampled_from(FIVE.keys), st.integers(0, 6))
week_rounds = st.tuples(st.one_of(st.none(), five_counts), st.one_of(st.none(), five_counts))


@given(st.lists(week_rounds, max_size=8), min_responses)
def test_a_series_week_is_hidden_exactly_when_a_round_is(
    rounds: list[tuple[dict[str, int] | None, dict[str, int] | None]], n: int
) -> None:
    weeks = [(f"Week {i}", opening, closing) for i, (opening, closing) in enumerate(rounds, 1)]
    chart = series_shift(FIVE, weeks, min_responses=n)
    assert len(chart) == len(weeks)
    for (label, opening, closing), week in zip(weeks, chart, strict=True):
        both = all(
            counts is not None and reveal(FIVE, counts, True, n).revealed
            for counts in (opening, closing)
        )
        assert week.label == label
        assert week.hidden is not both
        if week.shift is not None:
            assert 0 <= week.shift.mean_before <= FIVE.max_order
            assert 0 <= week.shift.mean_after <= FIVE.max_order
        else:
            assert numbers_in(week.reason) <= {n}


def test_the_total_shows_only_when_no_cell_is_banded() -> None:
    # GIVEN a round where every option has two or more answers
    full = reveal(REGULATION, {"calm": 5, "wobbly": 3, "stormy": 2, "flat": 2}, closed=True)
    # THEN the total is shown
    assert full.total == 12 and full.message == "12 answered."
    # BUT once one option has a single answer, the total (total − the rest = 1) is hidden
    one = reveal(REGULATION, {"calm": 5, "wobbly": 3, "stormy": 1, "flat": 2}, closed=True)
    assert one.total is None
    assert [c.band_label for c in one.cells if c.banded] == [small_cell_label()]


def test_with_a_banded_cell_the_bars_do_not_give_the_total_back() -> None:
    # GIVEN 5 + 3 + 1: the single answer is banded and the total hidden
    result = reveal(REGULATION, {"calm": 5, "wobbly": 3, "stormy": 1}, closed=True)
    shares = {c.option.key: result.display_share(c) for c in result.cells}
    # THEN exact bars are measured against the largest count, not the total (5/9 would let
    # anyone work out 9 from "5" and its bar)
    assert shares["calm"] == 1.0
    assert shares["wobbly"] == 3 / 5
