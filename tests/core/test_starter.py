"""Starter content: a real practice library and sample series, loaded once however often asked."""

from __future__ import annotations

import datetime as dt

from attune_desktop.core.pacing import parse_pattern
from attune_desktop.core.services.checkins import CheckInService
from attune_desktop.core.services.families import FamilyService
from attune_desktop.core.services.practices import PracticeService
from attune_desktop.core.services.series import SeriesService
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.core.starter import SAMPLE_SLUG, load_starter_content
from attune_desktop.core.storage.database import Database

TUESDAY = dt.date(2026, 11, 24)


def test_practice_library_is_complete_and_trauma_informed(db: Database) -> None:
    load_starter_content(db, today=TUESDAY)
    practices = PracticeService(db).list_practices()
    assert len(practices) >= 12
    kinds = {p.kind for p in practices}
    assert {"breathing", "grounding", "humming", "self_holding", "movement", "orienting"} <= kinds
    paced = {p.pacing for p in practices if p.pacing}
    assert "in 4, hold 4, out 4, hold 4" in paced and "in 4, hold 7, out 8" in paced
    for practice in practices:
        assert practice.script and practice.care_notes and 1 <= practice.default_minutes <= 30
        if practice.pacing:
            parse_pattern(practice.pacing)  # every pacing pattern is one the pacer can run


def test_sample_series_has_six_full_120_minute_agendas(db: Database) -> None:
    load_starter_content(db, today=TUESDAY)
    series = SeriesService(db).find_by_slug(SAMPLE_SLUG)
    assert series is not None and series.title == "Attunement basics"
    service = SessionService(db)
    weeks = service.list_sessions(series_id=series.id)
    assert [s.week for s in weeks] == [1, 2, 3, 4, 5, 6]
    assert all(s.date and s.date.weekday() == series.weekday for s in weeks)
    minutes = service.planned_minutes([s.id or 0 for s in weeks])
    assert set(minutes.values()) == {120}
    for week in weeks:
        kinds = {seg.kind for seg in service.segments(week.id or 0)}
        assert {"welcome", "check_in", "practice", "break", "closing"} <= kinds
    delivered = [s for s in weeks if s.status == "delivered"]
    assert [s.week for s in delivered] == [1, 2, 3]
    assert all(s.attendance and s.date and s.date <= TUESDAY for s in delivered)
    assert len(CheckInService(db).list_rounds()) == 6


def test_the_curriculum_and_its_sessions_are_templates(db: Database) -> None:
    load_starter_content(db, today=TUESDAY)
    templates = SessionService(db).templates()
    assert len(templates) == 6
    assert all(t.date is None for t in templates)
    assert [s.title for s in SeriesService(db).list_series(templates=True)] == [
        "Attunement basics (curriculum)"
    ]


def test_example_families_speak_several_languages(db: Database) -> None:
    load_starter_content(db, today=TUESDAY)
    families = FamilyService(db).list_families()
    assert {"en", "es", "ar", "zh"} <= {f.language for f in families}
    assert len(FamilyService(db).routines(None)) >= 5  # routine templates


def test_loading_twice_adds_nothing_the_second_time(db: Database) -> None:
    first = load_starter_content(db, today=TUESDAY)
    assert first.added_anything
    counts = (
        len(PracticeService(db).list_practices()),
        SessionService(db).count(),
        len(FamilyService(db).list_families()),
        len(CheckInService(db).list_rounds()),
    )
    second = load_starter_content(db, today=TUESDAY)
    assert not second.added_anything
    assert second.summary() == "The starter content is already here; nothing was added."
    assert counts == (
        len(PracticeService(db).list_practices()),
        SessionService(db).count(),
        len(FamilyService(db).list_families()),
        len(CheckInService(db).list_rounds()),
    )
