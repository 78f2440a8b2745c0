"""The breathing pacer: patterns a facilitator types, and the shape the room breathes with."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attune_desktop.core.pacing import (
    BreathPattern,
    PatternError,
    PhaseKind,
    breaths_per_minute,
    fit_cycles,
    format_pattern,
    pacer_frame,
    parse_pattern,
)

BOX = "in 4, hold 4, out 4, hold 4"
RELAXING = "in 4, hold 7, out 8"
SIGH = "in 2, in2 1, out 6"


@pytest.mark.parametrize("text", [BOX, RELAXING, "in 5, out 5", SIGH, "in 3.5, out 6.5"])
def test_the_patterns_of_the_library_read_and_write_back_unchanged(text) -> None:
    pattern = parse_pattern(text)
    assert format_pattern(pattern) == text


def test_sloppy_typing_is_read_and_written_back_tidily() -> None:
    pattern = parse_pattern("  IN 4 · Hold 7s ;out 8.0, ")
    assert [(p.kind, p.seconds) for p in pattern.phases] == [
        (PhaseKind.IN, 4.0),
        (PhaseKind.HOLD, 7.0),
        (PhaseKind.OUT, 8.0),
    ]
    assert format_pattern(pattern) == RELAXING


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("in 4, hld 4, out 4", "'hld 4': each phase is a word (in, hold, out) and seconds"),
        ("in four, out 4", "'in four': each phase is a word"),
        ("in 4 out 4", "'in 4 out 4': each phase is a word"),
        ("in 25, out 4", "'in 25': a phase lasts 0.5 to 20 seconds"),
        ("in 0, out 4", "'in 0': a phase lasts 0.5 to 20 seconds"),
        ("in 0.2, out 4", "'in 0.2': a phase lasts 0.5 to 20 seconds"),
        ("hold 4, out 4", "needs at least one 'in' and one 'out'"),
        ("in 4, hold 4", "needs at least one 'in' and one 'out'"),
        ("in2 1, in 2, out 6", "'in2 1': the top-up breath comes right after an 'in'"),
        ("", "needs phases"),
        (" , ", "needs phases"),
    ],
)
def test_a_wrong_pattern_says_which_part_is_wrong(text, message) -> None:
    with pytest.raises(PatternError) as raised:
        parse_pattern(text)
    assert message in str(raised.value)


@given(st.text(max_size=80))
def test_garbage_is_refused_with_a_pattern_error_and_nothing_else(text) -> None:
    try:
        pattern = parse_pattern(text)
    except PatternError as exc:
        assert str(exc)
    else:
        assert format_pattern(parse_pattern(format_pattern(pattern))) == format_pattern(pattern)


@given(
    st.lists(
        st.sampled_from(["in", "hold", "out", "in2", "hld", "IN", "2", ""]),
        min_size=0,
        max_size=8,
    ),
    st.lists(st.sampled_from(["4", "0", "20", "20.5", ".5", "x", "1e3", "-1"]), min_size=8),
)
def test_near_miss_patterns_are_refused_only_with_a_pattern_error(words, numbers) -> None:
    text = ", ".join(f"{w} {n}" for w, n in zip(words, numbers, strict=False))
    try:
        pattern = parse_pattern(text)
    except PatternError as exc:
        assert str(exc).endswith(".")  # a whole sentence the form can show
    else:
        assert all(0.5 <= p.seconds <= 20 for p in pattern.phases)
        assert {PhaseKind.IN, PhaseKind.OUT} <= {p.kind for p in pattern.phases}


def test_relaxing_breath_fills_five_minutes_with_whole_cycles_ending_on_an_exhale() -> None:
    plan = fit_cycles(parse_pattern(RELAXING), 5 * 60)
    assert plan.cycles == 15  # 15 × 19 s = 285 s
    assert plan.used_seconds == 285
    assert plan.leftover_seconds == 15  # a quiet lead-in to settle first
    assert pacer_frame(plan, plan.end_seconds - 0.01).word == "out"
    assert pacer_frame(plan, plan.end_seconds).finished


def test_trailing_holds_are_dropped_so_box_breathing_ends_breathing_out() -> None:
    plan = fit_cycles(parse_pattern(BOX), 60)
    # three full cycles (48 s) and a fourth without its last hold (12 s) fit exactly
    assert (plan.cycles, plan.used_seconds, plan.leftover_seconds) == (4, 60, 0)
    assert pacer_frame(plan, 59.99).kind is PhaseKind.OUT
    assert pacer_frame(plan, 60).finished


def test_a_segment_shorter_than_one_breath_still_gets_one() -> None:
    plan = fit_cycles(parse_pattern(RELAXING), 10)
    assert plan.cycles == 1 and plan.used_seconds == 19 and plan.leftover_seconds == 0


@given(
    st.sampled_from([BOX, RELAXING, "in 5, out 5", SIGH, "hold 2, in 4, out 6, hold 1"]),
    st.floats(min_value=0, max_value=30 * 60),
)
def test_fitted_breaths_use_whole_cycles_and_never_more_time_than_needed(text, seconds) -> None:
    pattern = parse_pattern(text)
    plan = fit_cycles(pattern, seconds)
    assert plan.cycles >= 1
    assert plan.used_seconds + plan.leftover_seconds == pytest.approx(
        max(seconds, plan.used_seconds)
    )
    if plan.used_seconds <= seconds:
        # one more cycle would not have fitted
        assert plan.used_seconds + pattern.cycle_seconds > seconds - 1e-6


def test_the_pacer_counts_up_each_phase_as_a_facilitator_would() -> None:
    plan = fit_cycles(parse_pattern(RELAXING), 19)
    spoken = [
        (pacer_frame(plan, t + 0.5).word, pacer_frame(plan, t + 0.5).count) for t in range(19)
    ]
    assert spoken == (
        [("in", n) for n in range(1, 5)]
        + [("hold", n) for n in range(1, 8)]
        + [("out", n) for n in range(1, 9)]
    )


def test_the_lead_in_is_a_quiet_settle_at_rest() -> None:
    plan = fit_cycles(parse_pattern("in 5, out 5"), 65)
    assert plan.lead_in_seconds == 5
    frame = pacer_frame(plan, 2.5)
    assert (frame.word, frame.size, frame.cycle, frame.progress) == ("settle", 0.0, 0, 0.5)
    assert pacer_frame(plan, 5.0).word == "in"
    assert pacer_frame(plan, 5.0 + 10 * 3 + 1).cycle == 4


def test_the_shape_grows_on_the_in_breath_stays_on_hold_and_shrinks_on_the_out_breath() -> None:
    plan = fit_cycles(parse_pattern(BOX), 12)  # one breath, no lead-in
    sizes = [pacer_frame(plan, t / 10).size for t in range(0, 120)]
    inhale, hold, exhale = sizes[:40], sizes[40:80], sizes[80:120]
    assert inhale == sorted(inhale) and inhale[0] == 0.0
    assert pacer_frame(plan, 4).size == pytest.approx(1.0)
    assert all(s == pytest.approx(1.0) for s in hold)
    assert exhale == sorted(exhale, reverse=True)
    assert pacer_frame(plan, 2).size == pytest.approx(0.5)  # cosine easing: half way at half time


def test_the_double_inhale_sigh_tops_up_after_a_first_breath_in() -> None:
    plan = fit_cycles(parse_pattern(SIGH), 9)
    assert pacer_frame(plan, 2).size == pytest.approx(0.8)  # the first inhale stops short
    top_up = pacer_frame(plan, 2.5)
    assert top_up.kind is PhaseKind.IN2 and top_up.word == "in"
    assert 0.8 < top_up.size < 1.0
    assert pacer_frame(plan, 3).size == pytest.approx(1.0)
    assert pacer_frame(plan, 6).kind is PhaseKind.OUT and pacer_frame(plan, 6).size < 1.0


@given(
    st.sampled_from([BOX, RELAXING, "in 5, out 5", SIGH, "out 4, in 4, hold 2"]),
    st.floats(min_value=1, max_value=120),
    st.floats(min_value=-1, max_value=130),
)
def test_the_shape_never_jumps_between_frames(text, seconds, t) -> None:
    plan = fit_cycles(parse_pattern(text), seconds)
    before, after = pacer_frame(plan, t), pacer_frame(plan, t + 0.001)
    assert abs(after.size - before.size) < 0.005
    assert 0.0 <= before.size <= 1.0 and 0.0 <= before.progress <= 1.0


def test_the_shape_is_continuous_at_every_phase_boundary() -> None:
    for text in (BOX, RELAXING, SIGH, "out 4, in 4, hold 2"):
        plan = fit_cycles(parse_pattern(text), 60)
        offsets, t = [], plan.lead_in_seconds
        for _ in range(plan.cycles):
            for phase in plan.pattern.phases:
                t += phase.seconds
                offsets.append(t)
        for boundary in [plan.lead_in_seconds, *offsets]:
            left, right = pacer_frame(plan, boundary - 1e-6), pacer_frame(plan, boundary + 1e-6)
            assert abs(left.size - right.size) < 1e-4, (text, boundary)


def test_the_frame_depends_only_on_the_time_asked_for() -> None:
    plan = fit_cycles(parse_pattern(BOX), 120)
    late = pacer_frame(plan, 77.3)
    for t in (0, 5, 90, 30):
        pacer_frame(plan, t)
    assert pacer_frame(plan, 77.3) == late


def test_five_in_five_out_is_six_breaths_a_minute() -> None:
    assert breaths_per_minute(parse_pattern("in 5, out 5")) == 6
    assert breaths_per_minute(parse_pattern(BOX)) == pytest.approx(3.75)


def test_a_pattern_is_a_value() -> None:
    assert parse_pattern(BOX) == parse_pattern("in 4 · hold 4 · out 4 · hold 4")
    assert isinstance(parse_pattern(BOX), BreathPattern)


# --- presets, rates and counting ------------------------------------------------------------

PRESET_RATES = {"box": 3.75, "478": 60 / 19, "resonance": 60 / 11, "sigh": 20 / 3, "humming": 5}


@pytest.mark.parametrize("key", sorted(PRESET_RATES))
@pytest.mark.parametrize("minutes", [1, 2, 4, 5, 10])
def test_every_preset_fits_whole_breaths_that_end_on_an_out_breath(key, minutes) -> None:
    from attune_desktop.core.pacing import phase_changes, preset, shown_count

    pattern = parse_pattern(preset(key).pacing)
    assert breaths_per_minute(pattern) == pytest.approx(PRESET_RATES[key])
    plan = fit_cycles(pattern, minutes * 60)
    assert plan.used_seconds + plan.leftover_seconds == pytest.approx(minutes * 60)
    assert plan.leftover_seconds < pattern.cycle_seconds  # no whole breath left unused
    last = pacer_frame(plan, plan.end_seconds - 0.01)
    assert last.kind is PhaseKind.OUT and shown_count(last, "natural") == "1"
    assert pacer_frame(plan, plan.end_seconds).finished
    changes = phase_changes(plan)
    kinds = [kind for _t, kind in changes if kind is not None]
    assert kinds.count(PhaseKind.OUT) == plan.cycles
    for (start, kind), (end, _next) in itertools.pairwise(changes):
        middle = pacer_frame(plan, (start + end) / 2)
        assert middle.kind is kind  # each phase is where the plan says, for its whole length
        assert middle.phase_start == pytest.approx(start)


def test_resonance_is_about_five_and_a_half_breaths_a_minute() -> None:
    from attune_desktop.core.pacing import describe, pattern_from_rate, preset

    assert describe(parse_pattern(preset("resonance").pacing)).startswith("5.45 breaths a minute")
    assert format_pattern(pattern_from_rate(6, 1, 2)) == "in 3.33, out 6.67"
    assert format_pattern(pattern_from_rate(5.5)) == "in 5.45, out 5.46"


@pytest.mark.parametrize(
    ("rate", "ratio", "words"),
    [(1, (1, 1), "2 to 20 breaths a minute"), (30, (1, 1), "2 to 20"), (6, (0, 1), "ratio")],
)
def test_a_rate_out_of_bounds_is_refused_with_the_bounds(rate, ratio, words) -> None:
    from attune_desktop.core.pacing import pattern_from_rate

    with pytest.raises(PatternError, match=words):
        pattern_from_rate(rate, *ratio)


def test_the_next_change_is_the_next_count_or_phase() -> None:
    plan = fit_cycles(parse_pattern("in 2.5, out 5"), 7.5)
    frame = pacer_frame(plan, 0.2)
    assert frame.next_change(0.2) == pytest.approx(0.5)  # counting down 3 → 2 at 0.5 s
    assert pacer_frame(plan, 2.0).next_change(2.0) == pytest.approx(2.5)  # the out-breath
    assert pacer_frame(plan, 8.0).next_change(8.0) == float("inf")  # finished
