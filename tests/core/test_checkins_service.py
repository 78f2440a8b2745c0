"""Check-in rounds in the database: counts per option only, and the reveal rules everywhere."""

from __future__ import annotations

import csv
import io
import threading

import pytest
from sqlalchemy import inspect, text

from attune_desktop.core.checkin_rules import RevealStatus, RuleError
from attune_desktop.core.services.checkins import CheckInService, RoundClosedError
from attune_desktop.core.storage.database import Database


@pytest.fixture
def checkins(db: Database) -> CheckInService:
    return CheckInService(db)


@pytest.fixture
def session_id(sessions) -> int:
    return sessions.create_session("Arriving").id or 0


def test_the_database_holds_counts_per_option_and_nothing_per_person(
    db: Database, checkins: CheckInService, session_id: int
) -> None:
    # GIVEN a round answered one by one (as the kiosk and phones do) and a paper tally added
    round_id = checkins.open_round(session_id, "opening", "regulation4").id or 0
    for key in ("calm", "calm", "flat", "wobbly", "calm"):
        checkins.record_answer(round_id, key)
    checkins.set_tally(round_id, {"stormy": 2, "calm": 1}, add=True)
    checkins.close_round(round_id)
    # THEN the count table has exactly round, option and count columns
    columns = {c["name"] for c in inspect(db.engine).get_columns("checkincount")}
    assert columns == {"round_id", "option_key", "count"}
    round_columns = {c["name"] for c in inspect(db.engine).get_columns("checkinround")}
    assert not round_columns & {"created_at", "updated_at", "device", "ip", "answered_at"}
    # AND its rows are one per option with the totals, nothing per answer
    with db.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT round_id, option_key, count FROM checkincount ORDER BY option_key")
        ).all()
        tables = set(inspect(conn).get_table_names())
    assert [tuple(r) for r in rows] == [
        (round_id, "calm", 4),
        (round_id, "flat", 1),
        (round_id, "stormy", 2),
        (round_id, "wobbly", 1),
    ]
    assert not any("answer" in name or "vote" in name for name in tables)


def test_the_minimum_can_be_lowered_to_three_with_a_warning_and_never_below(
    checkins: CheckInService, session_id: int
) -> None:
    round_id = checkins.open_round(session_id, "closing", "five").id or 0
    assert checkins.set_min_responses(round_id, 3)  # a warning comes back
    with pytest.raises(RuleError):
        checkins.set_min_responses(round_id, 2)
    assert checkins.get_round(round_id).min_responses == 3
    for key in ("1", "2", "2"):
        checkins.record_answer(round_id, key)
    assert checkins.close_round(round_id).status is RevealStatus.REVEALED
    # AND once closed it can't be tried again with another minimum
    with pytest.raises(RoundClosedError):
        checkins.set_min_responses(round_id, 5)


def test_too_few_answers_stay_hidden_on_screen_and_in_the_export(
    checkins: CheckInService, session_id: int
) -> None:
    hidden = checkins.open_round(session_id, "opening", "weather").id or 0
    for key in ("sunny", "sunny", "rainy", "cloudy"):
        checkins.record_answer(hidden, key)
    result = checkins.close_round(hidden)
    assert result.status is RevealStatus.HIDDEN_TOO_FEW
    assert result.total is None and result.cells == ()
    rows = list(csv.DictReader(io.StringIO(checkins.export_csv([session_id]))))
    assert len(rows) == 1
    assert rows[0]["shown"] == "" and rows[0]["share_percent"] == ""
    assert "Fewer than 5" in rows[0]["note"]
    # AND the session shift says nothing about a hidden round
    assert checkins.session_shift(session_id).result.shift is None


def test_an_answer_for_a_closed_round_changes_nothing(
    checkins: CheckInService, session_id: int
) -> None:
    round_id = checkins.open_round(session_id, "opening", "weather").id or 0
    checkins.close_round(round_id)
    with pytest.raises(RoundClosedError):
        checkins.record_answer(round_id, "sunny")
    with pytest.raises(RoundClosedError):
        checkins.set_tally(round_id, {"sunny": 9})
    assert checkins.answered(round_id) == 0


def test_an_answer_off_the_scale_or_for_no_round_is_refused_without_effect(
    checkins: CheckInService, session_id: int
) -> None:
    from attune_desktop.core.errors import NotFoundError

    round_id = checkins.open_round(session_id, "opening", "weather").id or 0
    checkins.record_answer(round_id, "sunny")
    with pytest.raises(RuleError):
        checkins.record_answer(round_id, "volcano")
    with pytest.raises(NotFoundError):
        checkins.record_answer(round_id + 99, "sunny")
    assert checkins.counts_of(round_id) == {
        "sunny": 1,
        "sun_cloud": 0,
        "cloudy": 0,
        "rainy": 0,
        "stormy": 0,
    }


def test_every_built_in_option_has_a_bundled_picture() -> None:
    from attune_desktop.core.checkin_scales import BUILTIN_SCALES
    from attune_desktop.core.config import resources_dir

    folder = resources_dir() / "pictograms" / "color"
    missing = [
        f"{scale.key}/{option.key}: {option.picture}"
        for scale in BUILTIN_SCALES.values()
        for option in scale.options
        if not (folder / f"{option.picture}.svg").is_file()
    ]
    assert missing == []


def test_two_people_making_scales_at_once_on_one_home_get_two_scales(paths) -> None:
    """GIVEN one home open twice (two people on one server home, or two windows)
    WHEN both make a scale of their own at the same moment, round after round
    THEN every scale is made, each with its own key (none refused as a duplicate)"""
    from attune_desktop.core.storage.database import open_database

    databases = [open_database(paths.database_url) for _ in range(2)]
    services = [CheckInService(database) for database in databases]
    barrier = threading.Barrier(2)
    problems: list[BaseException] = []

    def make(service: CheckInService, name: str) -> None:
        try:
            barrier.wait(30)
            service.create_scale(name, [("Calm", "😌"), ("Busy", "🌀")])
        except BaseException as exc:  # reported below
            problems.append(exc)

    try:
        for turn in range(5):
            threads = [
                threading.Thread(target=make, args=(service, f"Scale {turn}-{who}"))
                for who, service in enumerate(services)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
        custom = [s for s in services[0].scales() if s.key.startswith("custom-")]
    finally:
        for database in databases:
            database.close()
    assert problems == []
    assert len(custom) == 10
    assert len({scale.key for scale in custom}) == 10
