"""No derived figure undoes the banding: an attacker's enumeration finds every band ambiguous.

For each round shown anywhere (the results, the session's shift, the series chart, the CSV
export, the end-of-term report and its CSV, the organisation report and its CSV), every
count vector is tried in the round's place, with the rest of the home as it is. A vector is
*consistent* when everything shown or exported reads exactly the same with it. The test fails
when, for a banded option, all consistent vectors agree on its count: then the band hid nothing.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import sqlite3
from pathlib import Path

import pytest

from attune_desktop.app import Core
from attune_desktop.core.checkin_rules import reveal
from attune_desktop.core.models import RoundMoment, SessionStatus
from attune_desktop.core.org_report import OrgFilter, build_org_report, org_report_csv
from attune_desktop.core.report import build_report, report_csv


def _put(core: Core, round_id: int, counts: dict[str, int]) -> None:
    """Write a closed round's counts straight into the file (what the attacker varies)."""
    with sqlite3.connect(core.paths.database) as db:
        for key, count in counts.items():
            db.execute(
                "UPDATE checkincount SET count = ? WHERE round_id = ? AND option_key = ?",
                (count, round_id, key),
            )


def _everything_shown(core: Core, session_id: int, series_id: int) -> str:
    """Every figure the app shows or exports about the session's rounds, as one text."""
    service = core.checkins
    parts = [repr(service.results(r.id or 0)) for r in service.rounds(session_id)]
    parts.append(repr(service.session_shift(session_id)))
    parts.append(repr(service.series_shifts(series_id)))
    parts.append(service.export_csv([session_id]))
    report = build_report(core.series, core.sessions, service, series_id)
    parts.append(repr(report.weeks))
    parts.append(report_csv(report))
    org = build_org_report(core.db, service, OrgFilter(dt.date(2000, 1, 1), dt.date(2099, 12, 31)))
    parts.append(repr(org))
    parts.append(org_report_csv(org))
    return "\n".join(parts)


def _session(core: Core, attendance: int) -> tuple[int, int]:
    plan = core.series.create_series("Circle", dt.date(2026, 1, 5), weeks=1)
    series_id = plan.id or 0
    session = core.series.sessions_of(series_id)[0]
    session_id = session.id or 0
    core.series.set_status(session_id, SessionStatus.DELIVERED)
    core.series.set_attendance(session_id, attendance)
    return series_id, session_id


def _closed_round(core: Core, session_id: int, moment: str, counts: dict[str, int], n: int) -> int:
    round_id = core.checkins.open_round(session_id, moment, "weather", min_responses=n).id or 0
    core.checkins.set_tally(round_id, counts)
    core.checkins.close_round(round_id)
    return round_id


def _ambiguity(core: Core, round_id: int, session_id: int, series_id: int) -> dict[str, set[int]]:
    """For each banded option of the round, the counts some consistent vector gives it."""
    round_ = core.checkins.get_round(round_id)
    scale = core.checkins.scale(round_.scale_key)
    truth = core.checkins.counts_of(round_id)
    shown = reveal(scale, truth, True, round_.min_responses)
    banded = [c.option.key for c in shown.cells if c.banded]
    seen = _everything_shown(core, session_id, series_id)
    top = max(truth.values()) + 2
    possible: dict[str, set[int]] = {key: set() for key in banded}
    try:
        for values in itertools.product(range(top + 1), repeat=len(scale.options)):
            candidate = dict(zip(scale.keys, values, strict=True))
            # What reveal shows is part of what is shown: a cheap first sieve.
            if reveal(scale, candidate, True, round_.min_responses) != shown:
                continue
            _put(core, round_id, candidate)
            if _everything_shown(core, session_id, series_id) == seen:
                for key in banded:
                    possible[key].add(candidate[key])
    finally:
        _put(core, round_id, truth)
    return possible


WEATHER = ("sunny", "sun_cloud", "cloudy", "rainy", "stormy")


def _check_pair(core: Core, opening: dict[str, int], closing: dict[str, int], n: int) -> None:
    series_id, session_id = _session(core, attendance=12)
    first = _closed_round(core, session_id, RoundMoment.OPENING, opening, n)
    last = _closed_round(core, session_id, RoundMoment.CLOSING, closing, n)
    for round_id in (first, last):
        for key, counts in _ambiguity(core, round_id, session_id, series_id).items():
            # THEN a banded option could still hold more than one count
            assert len(counts) >= 2, (round_id, key, counts)


def test_the_issue_example_keeps_its_banded_counts_hidden(core: Core) -> None:
    # GIVEN the round that gave itself away: 7 answers, Sunny 3, Cloudy 2, the rest banded,
    # with an opening-to-closing shift on the same scale
    opening = {"sunny": 3, "sun_cloud": 1, "cloudy": 2, "rainy": 1, "stormy": 0}
    closing = {"sunny": 4, "sun_cloud": 2, "cloudy": 0, "rainy": 0, "stormy": 1}
    # WHEN every count vector is tried against all that is shown and exported
    # THEN no banded option's count is the only one possible
    _check_pair(core, opening, closing, 5)


def test_a_minimum_met_exactly_does_not_pin_the_band(core: Core) -> None:
    # GIVEN a round whose shown counts plus one banded answer make exactly the minimum
    opening = {"sunny": 2, "sun_cloud": 2, "cloudy": 2, "rainy": 2, "stormy": 1}
    closing = {"sunny": 3, "sun_cloud": 3, "cloudy": 2, "rainy": 0, "stormy": 1}
    _check_pair(core, opening, closing, 9)


@pytest.mark.parametrize("seed", range(6))
def test_random_rooms_keep_every_band_ambiguous(core: Core, seed: int) -> None:
    rng = random.Random(seed)

    def room() -> dict[str, int]:
        size = rng.randint(5, 9)
        counts = dict.fromkeys(WEATHER, 0)
        for _ in range(size):
            counts[rng.choice(WEATHER[: rng.randint(2, 5)])] += 1
        return counts

    _check_pair(core, room(), room(), rng.choice((3, 5)))


def test_the_home_folder_is_left_as_found(core: Core, tmp_path: Path) -> None:
    # The attacker's writes above go straight to the file; this guards the helper itself.
    series_id, session_id = _session(core, attendance=8)
    round_id = _closed_round(core, session_id, RoundMoment.OPENING, {"sunny": 4, "rainy": 3}, 5)
    before = core.checkins.counts_of(round_id)
    _ambiguity(core, round_id, session_id, series_id)
    assert core.checkins.counts_of(round_id) == before
