"""The elastic agenda: taking time back from what is left when a session runs late."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attune_desktop.core.elastic import (
    SegmentPlan,
    floor_minutes,
    propose_recovery,
)

EVENING = [
    SegmentPlan("Welcome", 10, fixed=True),
    SegmentPlan("Teaching", 20),
    SegmentPlan("Discussion", 30),
    SegmentPlan("Break", 15, fixed=True),
    SegmentPlan("Breathing practice", 10),
    SegmentPlan("Closing circle", 10, fixed=True),
]


def test_running_six_minutes_late_takes_it_from_the_flexible_segments_still_to_come() -> None:
    proposal = propose_recovery(EVENING, current_index=1, late_seconds=6 * 60)
    assert proposal.recovered_minutes == 6 and proposal.short_by_minutes == 0
    # Discussion has 15 min of room, the practice 5: they give in proportion, 3 to 1
    assert proposal.changes == [(2, 30, 25), (4, 10, 9)]
    assert proposal.summary == (
        "Takes back 6 min: Discussion 30 → 25 min, Breathing practice 10 → 9 min."
    )


def test_part_of_a_minute_late_is_recovered_as_a_whole_minute() -> None:
    proposal = propose_recovery(EVENING, current_index=1, late_seconds=50)
    assert proposal.late_minutes == 1 and proposal.recovered_minutes == 1
    assert all(isinstance(m, int) for m in proposal.new_minutes)


def test_on_time_changes_nothing() -> None:
    proposal = propose_recovery(EVENING, current_index=2, late_seconds=-120)
    assert proposal.changes == [] and proposal.summary == "On time: nothing to take back."


def test_the_current_segment_and_those_before_it_are_left_alone() -> None:
    proposal = propose_recovery(EVENING, current_index=2, late_seconds=4 * 60)
    assert proposal.changes == [(4, 10, 6)]  # Discussion is under way: it is not cut
    assert proposal.new_minutes[:3] == (10, 20, 30)


def test_when_there_is_not_enough_room_it_says_how_far_short() -> None:
    proposal = propose_recovery(EVENING, current_index=3, late_seconds=12 * 60)
    assert proposal.changes == [(4, 10, 5)]  # the practice goes down to half, no further
    assert (proposal.recovered_minutes, proposal.short_by_minutes) == (5, 7)
    assert "still 7 min late" in proposal.summary


def test_a_short_segment_keeps_at_least_a_minute() -> None:
    assert floor_minutes(1) == 1 and floor_minutes(3) == 2 and floor_minutes(30) == 15
    tiny = [SegmentPlan("Now", 5), SegmentPlan("Stretch", 1), SegmentPlan("Hum", 2)]
    proposal = propose_recovery(tiny, current_index=0, late_seconds=10 * 60)
    assert proposal.new_minutes == (5, 1, 1)
    assert proposal.short_by_minutes == 9


def test_a_segment_that_is_not_on_the_agenda_is_refused() -> None:
    with pytest.raises(ValueError, match="not on this agenda"):
        propose_recovery(EVENING, current_index=6, late_seconds=60)


agendas = st.lists(
    st.builds(
        SegmentPlan,
        title=st.sampled_from(["Welcome", "Talk", "Practice", "Break", "Circle"]),
        planned_minutes=st.integers(min_value=0, max_value=60),
        fixed=st.booleans(),
    ),
    min_size=1,
    max_size=12,
)


@given(agendas, st.data(), st.floats(min_value=-600, max_value=120 * 60))
def test_any_proposal_keeps_the_rules(segments, data, late_seconds) -> None:
    current = data.draw(st.integers(min_value=0, max_value=len(segments) - 1))
    proposal = propose_recovery(segments, current, late_seconds)
    room = sum(
        max(0, s.planned_minutes - floor_minutes(s.planned_minutes))
        for i, s in enumerate(segments)
        if i > current and not s.fixed
    )
    late = max(0, math.ceil(late_seconds / 60 - 1e-9))
    for index, old, new in proposal.changes:
        segment = segments[index]
        assert index > current and not segment.fixed
        assert floor_minutes(old) <= new < old
    assert proposal.recovered_minutes == sum(o - n for _, o, n in proposal.changes)
    assert proposal.recovered_minutes + proposal.short_by_minutes == late
    if late <= room:
        assert proposal.recovered_minutes == late and proposal.short_by_minutes == 0
    else:
        assert proposal.recovered_minutes == room


@given(agendas, st.integers(min_value=1, max_value=60))
def test_the_cut_is_shared_in_proportion_to_each_segments_room(segments, late_minutes) -> None:
    proposal = propose_recovery(segments, 0, late_minutes * 60)
    rooms = {
        i: s.planned_minutes - floor_minutes(s.planned_minutes)
        for i, s in enumerate(segments)
        if i > 0 and not s.fixed and s.planned_minutes > floor_minutes(s.planned_minutes)
    }
    total = sum(rooms.values())
    cuts = {i: o - n for i, o, n in proposal.changes}
    for i, room in rooms.items():
        fair = proposal.recovered_minutes * room / total
        assert abs(cuts.get(i, 0) - fair) < 1
