"""Agenda arithmetic: the clock times and totals a facilitator plans by."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given
from hypothesis import strategies as st

from attune_desktop.core import agenda


def test_clock_times_follow_from_the_start_time() -> None:
    slots = agenda.slots(dt.time(18, 0), [10, 15, 20])
    assert [(s.start_label, s.end_label) for s in slots] == [
        ("18:00", "18:10"),
        ("18:10", "18:25"),
        ("18:25", "18:45"),
    ]


def test_a_session_running_past_midnight_says_so() -> None:
    slots = agenda.slots(dt.time(23, 30), [20, 20])
    assert slots[1].start_label == "23:50"
    assert slots[1].end_label == "00:10 (+1 day)"


def test_totals_say_over_or_under_the_target() -> None:
    assert agenda.totals([60, 65], 120).summary == "2 h 05 min planned: 5 min over the 2 h target"
    assert agenda.totals([60, 50], 120).summary == "1 h 50 min planned: 10 min under the 2 h target"
    assert agenda.totals([120], 120).difference == 0


def test_materials_are_gathered_once_each_in_order() -> None:
    gathered = agenda.gather_materials(["Name tags\nPens", "- pens\n• Feelings cards", "", "Tea"])
    assert gathered == ["Name tags", "Pens", "Feelings cards", "Tea"]


def test_near_identical_materials_are_gathered_once() -> None:
    # GIVEN segments that name the same things in slightly different ways
    blocks = [
        "Feelings cards\nTissues\nName tags",
        "feelings  cards.\n- tissue\nNAME-TAGS",
        "1. Feeling card;\n• Tissues!\nGlasses of water",
        "Glass of water\n  Tea lights \ntealight\nboxes\nbox",
        "Bubbles\nBubble",
    ]
    # WHEN they are gathered
    gathered = agenda.gather_materials(blocks)
    # THEN each thing is listed once, in the first wording, tidied
    assert gathered == [
        "Feelings cards",
        "Tissues",
        "Name tags",
        "Glasses of water",
        "Tea lights",
        "boxes",
        "Bubbles",
    ]


def test_different_materials_stay_apart() -> None:
    gathered = agenda.gather_materials(["Glass\nGlasses case\nPen\nPencil\n2 pens\nقلم\nأقلام"])
    assert gathered == ["Glass", "Glasses case", "Pen", "Pencil", "2 pens", "قلم", "أقلام"]


@given(st.lists(st.integers(min_value=1, max_value=240), max_size=40))
def test_slots_are_contiguous_and_add_up(minutes: list[int]) -> None:
    slots = agenda.slots(dt.time(9, 15), minutes)
    for before, after in itertools.pairwise(slots):
        assert before.end_minute == after.start_minute
    if slots:
        assert slots[-1].end_minute - slots[0].start_minute == sum(minutes)
