"""A template or practice received from the organisation is read-only; a duplicate is not."""

from __future__ import annotations

import datetime as dt

import pytest

from attune_desktop.core.models import OrgSyncState
from attune_desktop.core.services.practices import PracticeService
from attune_desktop.core.services.received import ReadOnlyCopyError
from attune_desktop.core.services.series import SeriesService
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.core.storage.database import Database


def _mark_received(db: Database, uid: str, kind: str) -> None:
    with db.session() as s:
        s.add(OrgSyncState(uid=uid, kind=kind, fingerprint="x", version=1, received=True))


def test_a_received_practice_refuses_edit_and_delete_but_duplicates(
    db: Database, practices: PracticeService
) -> None:
    """GIVEN a practice received from the organisation's library
    WHEN the facilitator edits or deletes it
    THEN each is refused with a sentence pointing to Duplicate, and a duplicate is editable"""
    got = practices.create_practice("Org breath", kind="other", default_minutes=5)
    _mark_received(db, got.uid, "practice")
    with pytest.raises(ReadOnlyCopyError, match="duplicate it to change your own copy"):
        practices.update_practice(got.id or 0, name="Mine now")
    with pytest.raises(ReadOnlyCopyError, match="organisation's library"):
        practices.delete_practice(got.id or 0)
    copy = practices.duplicate_practice(got.id or 0)
    practices.update_practice(copy.id or 0, summary="my words")
    assert practices.get_practice(copy.id or 0).summary == "my words"
    assert practices.get_practice(got.id or 0).name == "Org breath"


def test_a_received_template_refuses_edit_and_delete_but_saves_as_own(
    db: Database, series: SeriesService
) -> None:
    """GIVEN a curriculum template received from the organisation
    WHEN the facilitator edits or deletes it
    THEN each is refused, and a copy saved from it is the facilitator's own to change"""
    made = series.create_series("Org term", dt.date(2026, 1, 5), weeks=2)
    template = series.save_as_template(made.id or 0, "Org template")
    _mark_received(db, template.uid, "template")
    with pytest.raises(ReadOnlyCopyError, match="template comes from your organisation"):
        series.update_series(template.id or 0, title="Changed")
    with pytest.raises(ReadOnlyCopyError):
        series.delete_series(template.id or 0)
    own = series.save_as_template(template.id or 0, "My template")
    assert series.update_series(own.id or 0, title="Mine").title == "Mine"


def test_the_weeks_of_a_received_template_refuse_agenda_edits_but_duplicate(
    db: Database, series: SeriesService, sessions: SessionService
) -> None:
    """GIVEN a curriculum template received from the organisation, its first week with a segment
    WHEN the facilitator edits that week's agenda (add, change, move, delete, rename)
    THEN each is refused pointing to Duplicate, and a duplicate of the week is their own"""
    made = series.create_series("Org term", dt.date(2026, 1, 5), weeks=2)
    template = series.save_as_template(made.id or 0, "Org template")
    week = series.sessions_of(template.id or 0)[0].id or 0
    segment = sessions.add_segment(week, title="Opening")
    sessions.add_segment(week, title="Closing")
    _mark_received(db, template.uid, "template")
    assert sessions.is_received(week) and not sessions.is_received(
        series.sessions_of(made.id or 0)[0].id or 0
    )
    for refused in (
        lambda: sessions.add_segment(week, title="Mine"),
        lambda: sessions.update_segment(segment.id or 0, title="Changed"),
        lambda: sessions.move_segment(week, 0, 1),
        lambda: sessions.delete_segment(segment.id or 0),
        lambda: sessions.update_session(week, title="Renamed"),
        lambda: sessions.delete_session(week),
        lambda: series.remove_session(week),
        lambda: series.replan_series(template.id or 0, weeks=3),
    ):
        with pytest.raises(ReadOnlyCopyError, match="organisation's library"):
            refused()
    copy = sessions.duplicate_session(week, as_template=True)
    assert not sessions.is_received(copy.id or 0)
    sessions.add_segment(copy.id or 0, title="Mine")
    assert [s.title for s in sessions.segments(copy.id or 0)] == ["Opening", "Closing", "Mine"]


def test_a_circle_pulled_from_another_laptop_is_not_taken_for_a_template(
    db: Database, series: SeriesService, sessions: SessionService
) -> None:
    """GIVEN on an organiser's home a dated circle pulled from another laptop (marked received)
    WHEN its plan or a week's agenda is changed
    THEN neither is refused as a received template, nor is it listed as one"""
    circle = series.create_series("Their circle", dt.date(2026, 1, 5), weeks=2)
    _mark_received(db, circle.uid, "circle")
    week = series.sessions_of(circle.id or 0)[0].id or 0
    assert not series.is_received(circle.id or 0) and not sessions.is_received(week)
    assert circle.id not in series.received_template_ids()
    series.replan_series(circle.id or 0, weeks=3)
    sessions.add_segment(week, title="Welcome")
    assert len(series.sessions_of(circle.id or 0)) == 3


def test_a_pulled_circle_refused_says_whose_it_is(db: Database, series: SeriesService) -> None:
    """GIVEN on an organiser's home a circle pulled from another laptop (marked received)
    WHEN its title is changed or it is deleted
    THEN the refusal says it belongs to another laptop (not that it is a template to duplicate)
    and nothing changes"""
    circle = series.create_series("Their circle", dt.date(2026, 1, 5), weeks=2)
    _mark_received(db, circle.uid, "circle")
    for attempt in (
        lambda: series.update_series(circle.id or 0, title="Mine now"),
        lambda: series.delete_series(circle.id or 0),
    ):
        with pytest.raises(ReadOnlyCopyError, match="another laptop") as refused:
            attempt()
        assert "template" not in str(refused.value)
    assert series.get_series(circle.id or 0).title == "Their circle"
