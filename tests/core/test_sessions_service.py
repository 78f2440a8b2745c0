"""Sessions and segments through the service: validated, ordered, announced, undoable."""

from __future__ import annotations

import pytest

from attune_desktop.core.errors import NotFoundError, ValidationError
from attune_desktop.core.services.base import Change, ChangeKind
from attune_desktop.core.services.sessions import SessionService


def titles(service: SessionService, session_id: int) -> list[str]:
    return [s.title for s in service.segments(session_id)]


def test_segments_keep_their_order_through_insert_move_and_delete(
    sessions: SessionService,
) -> None:
    session = sessions.create_session("Noticing", target_minutes=120)
    sid = session.id or 0
    for title in ("Welcome", "Teaching", "Closing"):
        sessions.add_segment(sid, kind="other", title=title)
    sessions.add_segment(sid, kind="break", title="Tea", position=2)
    assert titles(sessions, sid) == ["Welcome", "Teaching", "Tea", "Closing"]
    sessions.move_segment(sid, 3, 0)
    assert titles(sessions, sid) == ["Closing", "Welcome", "Teaching", "Tea"]
    second = sessions.segments(sid)[1]
    sessions.delete_segment(second.id or 0)
    assert titles(sessions, sid) == ["Closing", "Teaching", "Tea"]
    assert [s.position for s in sessions.segments(sid)] == [0, 1, 2]


def test_a_deleted_segment_comes_back_where_it_was(sessions: SessionService) -> None:
    sid = sessions.create_session("Making meaning").id or 0
    for title in ("A", "B", "C"):
        sessions.add_segment(sid, title=title, notes=f"notes for {title}")
    b = sessions.segments(sid)[1]
    snap = sessions.delete_segment(b.id or 0)
    restored = sessions.restore_segment(snap)
    assert titles(sessions, sid) == ["A", "B", "C"]
    assert restored.id == b.id and restored.notes == "notes for B"


def test_a_deleted_session_comes_back_whole(sessions: SessionService) -> None:
    sid = sessions.create_session("Responding", venue="Hall").id or 0
    sessions.add_segment(sid, kind="welcome")
    sessions.add_segment(sid, kind="closing")
    snap = sessions.delete_session(sid)
    with pytest.raises(NotFoundError):
        sessions.get_session(sid)
    assert sessions.segments(sid) == []
    sessions.restore_session(snap)
    assert sessions.get_session(sid).venue == "Hall"
    assert titles(sessions, sid) == ["Welcome", "Closing"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"planned_minutes": 0}, "planned_minutes"),
        ({"planned_minutes": -5}, "planned_minutes"),
        ({"planned_minutes": 241}, "planned_minutes"),
        ({"planned_minutes": "ten"}, "planned_minutes"),
        ({"title": "   "}, "title"),
        ({"notes": "x" * 20_001}, "notes"),
        ({"kind": "party"}, "kind"),
        ({"title": "Fine", "planned_minutes": 0}, "planned_minutes"),
    ],
)
def test_bad_segment_input_is_refused_and_changes_nothing(
    sessions: SessionService, changes: dict[str, object], field: str
) -> None:
    sid = sessions.create_session("Week 1").id or 0
    segment = sessions.add_segment(sid, title="Welcome", planned_minutes=10)
    with pytest.raises(ValidationError) as info:
        sessions.update_segment(segment.id or 0, **changes)
    assert info.value.field == field
    assert info.value.message  # a sentence the form can show beside the field
    unchanged = sessions.get_segment(segment.id or 0)
    assert (unchanged.title, unchanged.planned_minutes) == ("Welcome", 10)


def test_long_notes_emoji_and_right_to_left_text_are_kept_exactly(
    sessions: SessionService,
) -> None:
    sid = sessions.create_session("🌱 Week 1 — أسبوع").id or 0
    notes = ("Breathe with me 🌬️\nتنفس معي ببطء\n" * 300)[:10_000]
    segment = sessions.add_segment(sid, title="نرحب بكم 👋", notes=notes)
    stored = sessions.get_segment(segment.id or 0)
    assert stored.title == "نرحب بكم 👋"
    assert stored.notes == notes.strip()
    assert sessions.get_session(sid).title == "🌱 Week 1 — أسبوع"


def test_every_write_is_announced_after_it_is_committed(sessions: SessionService) -> None:
    seen: list[Change] = []
    sessions.changed.connect(seen.append)
    sid = sessions.create_session("Week 2").id or 0
    seg = sessions.add_segment(sid, kind="teaching")
    sessions.update_segment(seg.id or 0, planned_minutes=25)
    sessions.delete_segment(seg.id or 0)
    assert [(c.entity, c.kind) for c in seen] == [
        ("session", ChangeKind.CREATED),
        ("segment", ChangeKind.CREATED),
        ("segment", ChangeKind.UPDATED),
        ("segment", ChangeKind.DELETED),
    ]
    assert all(c.parent_id == sid for c in seen[1:])


def test_duplicate_copies_the_agenda_but_not_what_happened(sessions: SessionService) -> None:
    sid = sessions.create_session("Week 3", attendance=9, status="delivered").id or 0
    sessions.add_segment(sid, kind="welcome", materials="Name tags")
    copy = sessions.duplicate_session(sid)
    assert copy.title == "Week 3 (copy)"
    assert copy.status == "planned" and copy.attendance is None
    assert [s.materials for s in sessions.segments(copy.id or 0)] == ["Name tags"]


def test_a_template_starts_a_new_planned_session(sessions: SessionService) -> None:
    sid = sessions.create_session("Week 4").id or 0
    sessions.add_segment(sid, kind="check_in")
    template = sessions.duplicate_session(sid, as_template=True)
    assert template.is_template and template in sessions.templates()
    fresh = sessions.start_from_template(template.id or 0, title="Week 4 again", date="2027-03-02")
    assert not fresh.is_template
    assert fresh.title == "Week 4 again" and str(fresh.date) == "2027-03-02"
    assert titles(sessions, fresh.id or 0) == ["How are we arriving?"]


def test_planned_minutes_are_summed_per_session(sessions: SessionService) -> None:
    a = sessions.create_session("A").id or 0
    b = sessions.create_session("B").id or 0
    sessions.add_segment(a, planned_minutes=30)
    sessions.add_segment(a, planned_minutes=45)
    assert sessions.planned_minutes([a, b]) == {a: 75}


def test_the_light_session_list_matches_the_full_one_in_order_and_keeps_templates_apart(
    sessions: SessionService,
) -> None:
    import datetime as dt

    # GIVEN dated and undated sessions, made out of order, and a template
    sessions.create_session("Undated")
    sessions.create_session("Week 2", date=dt.date(2026, 3, 10))
    sessions.create_session("Week 1", date=dt.date(2026, 3, 3))
    sessions.create_session("A template", is_template=True)
    # WHEN the list of sessions is read the light way (as the Sessions screen does)
    light = [(s.id, s.title, s.date) for s in sessions.list_session_titles()]
    # THEN it is the full listing's ids, titles and dates, in the same order
    full = [(s.id, s.title, s.date) for s in sessions.list_sessions()]
    assert light == full
    assert [title for _, title, _ in light] == ["Week 1", "Week 2", "Undated"]
    # AND templates are listed only when asked for
    assert [s.title for s in sessions.list_session_titles(templates=True)] == ["A template"]
