"""What the organisation removes from its library leaves the laptops, unless a session uses it."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from attune_desktop.core.config import AppPaths
from attune_desktop.core.models import OrgSyncState, Practice, Segment, Series, Session
from attune_desktop.core.services.org_sync import GONE_VERSION
from attune_desktop.core.services.practices import PracticeService
from attune_desktop.core.services.received import ReadOnlyCopyError
from attune_desktop.core.storage.database import open_database
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
    THEN the template and "Gone" leave the laptop, "Used" stays as the laptop's own copy
    (editable, no longer received), and the summary says so once"""
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
    assert "your own copy to change" in done.stdout
    assert "2 shared templates or practices the organisation removed" in done.stdout
    assert _editable(lap, "Used")
    again = org.cli("org", "sync", home=lap)
    assert "no longer in the organisation's library" not in again.stdout
    assert _editable(lap, "Used")


def test_a_copy_an_older_version_kept_read_only_becomes_the_laptops_own(
    org: Org, tmp_path: Path
) -> None:
    """GIVEN a laptop whose older version kept a removed practice read-only (version -1)
    WHEN it syncs
    THEN the practice becomes the laptop's own, editable copy, said once"""
    lap = tmp_path / "lap"
    org.join(lap, "old_lap")
    set_practice(lap, "Kept", "Slow breath.")
    with editing(lap) as s:
        kept = s.exec(select(Practice).where(Practice.name == "Kept")).one()
        s.add(OrgSyncState(uid=kept.uid, kind="practice", version=GONE_VERSION, received=True))
        own = Series(title="My term", first_date=TERM_START)
        s.add(own)
        s.flush()
        session = Session(series_id=own.id, week=1, title="Week 1")
        s.add(session)
        s.flush()
        s.add(Segment(session_id=session.id or 0, title="Settle", practice_id=kept.id))
    assert not _editable(lap, "Kept")

    done = org.cli("org", "sync", home=lap)

    assert done.returncode == 0, done.stderr
    assert "“Kept” is no longer in the organisation's library" in done.stdout
    assert _editable(lap, "Kept")
    assert "no longer in the organisation's library" not in org.cli("org", "sync", home=lap).stdout


def _editable(home: Path, name: str) -> bool:
    """The practice service accepts an edit of the practice called `name` (then puts it back)."""
    db = open_database(AppPaths(home).database_url, backups_dir=AppPaths(home).backups)
    try:
        service = PracticeService(db)
        practice = next(p for p in service.list_practices() if p.name == name)
        try:
            service.update_practice(practice.id or 0, summary="mine")
        except ReadOnlyCopyError:
            return False
        service.update_practice(practice.id or 0, summary=practice.summary)
        return True
    finally:
        db.close()
