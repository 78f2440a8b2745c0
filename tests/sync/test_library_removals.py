"""What the organisation removes from its library leaves the laptops, unless a session uses it."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from attune_desktop.core.models import Practice, Segment, Series, Session
from tests.sync.homes import (
    TERM_START,
    add_template,
    editing,
    practice_scripts,
    set_practice,
    template_titles,
)
from tests.sync.orgdb import Org


def test_removed_library_items_leave_laptops_unless_their_sessions_use_them(
    org: Org, tmp_path: Path
) -> None:
    """GIVEN a laptop that received two practices and a template from the organisation,
    and one of its own sessions uses the practice "Used"
    WHEN the organisation's library drops all three and the laptop syncs
    THEN the template and "Gone" leave the laptop, "Used" stays, and the summary says why"""
    boss, lap = tmp_path / "boss", tmp_path / "lap"
    set_practice(boss, "Gone", "Breathe.")
    set_practice(boss, "Used", "Hand on heart.")
    add_template(boss, "Org course", weeks=1)
    org.join(boss, "rm_boss", organiser=True)
    org.join(lap, "rm_lap")
    for home in (boss, lap):
        assert org.cli("org", "sync", home=home).returncode == 0
    assert "Org course" in template_titles(lap)
    with editing(lap) as s:
        used = s.exec(select(Practice).where(Practice.name == "Used")).one()
        own = Series(title="My term", first_date=TERM_START)
        s.add(own)
        s.flush()
        session = Session(series_id=own.id, week=1, title="Week 1")
        s.add(session)
        s.flush()
        s.add(Segment(session_id=session.id or 0, title="Settle", practice_id=used.id))
    org.rows("DELETE FROM org.practice")
    org.rows("DELETE FROM org.template")

    done = org.cli("org", "sync", home=lap)

    assert done.returncode == 0, done.stderr
    assert "Org course" not in template_titles(lap)
    assert set(practice_scripts(lap)) >= {"Used"}
    assert "Gone" not in practice_scripts(lap)
    assert "“Used” is no longer in the organisation's library" in done.stdout
    assert "2 shared templates or practices the organisation removed" in done.stdout
    again = org.cli("org", "sync", home=lap)
    assert "no longer in the organisation's library" not in again.stdout
