"""Two laptops and an organiser sync through a real PostgreSQL, as separate processes."""

from __future__ import annotations

import signal
from pathlib import Path

from sqlmodel import select, text

from attune_desktop.core.models import CheckInCount, Series, Session
from tests.sync.homes import (
    SHARED_SCRIPT,
    add_template,
    editing,
    fill_home,
    practice_scripts,
    set_practice,
    set_template_title,
    template_titles,
)
from tests.sync.orgdb import Org


def test_two_laptops_publish_their_terms_and_a_retry_never_doubles(
    org: Org, tmp_path: Path
) -> None:
    """GIVEN two laptops with a 12-week term each, joined with their own roles
    WHEN each syncs, twice
    THEN the organisation holds each term once, owned by its laptop, with attendance, run
    times and only the check-in rounds that met the reveal rules"""
    a, b = tmp_path / "a", tmp_path / "b"
    fill_home(a, "PRIVATE-A")
    fill_home(b, "PRIVATE-B")
    name_a = org.join(a, "laptop_a")
    name_b = org.join(b, "laptop_b")
    for home in (a, b, a, b):
        done = org.cli("org", "sync", home=home)
        assert done.returncode == 0, done.stderr
    assert "0 series sent, 1 unchanged" in done.stdout
    owners = org.rows("SELECT owner, count(*) FROM org.session GROUP BY owner ORDER BY owner")
    assert owners == sorted([(name_a, 12), (name_b, 12)])
    assert org.rows("SELECT count(*) FROM org.segment") == [(2 * 12 * 6,)]
    assert org.rows("SELECT sum(attendance) FROM org.session") == [(2 * 6 * 8,)]
    assert org.rows("SELECT count(*) FROM org.checkin_round") == [(2 * 6,)]  # not the 3-answer ones
    assert org.rows("SELECT count(*) FROM org.segment WHERE script IS NOT NULL") == [(2 * 12,)]
    assert org.rows("SELECT DISTINCT script FROM org.segment WHERE script IS NOT NULL") == [
        (SHARED_SCRIPT,)
    ]


def test_nothing_private_reaches_any_column_of_the_organisation(org: Org, tmp_path: Path) -> None:
    """GIVEN two laptops and an organiser whose private texts (preparation, follow-ups, scripts
    not shared, materials, families, routines) all carry a marker
    WHEN all three sync
    THEN no column of any table in the organisation's schema holds a marker"""
    homes = [tmp_path / n for n in ("a", "b", "boss")]
    for n, home in enumerate(homes):
        fill_home(home, f"SECRET{n}")
        org.join(home, f"priv{n}", organiser=home.name == "boss")
        assert org.cli("org", "sync", home=home).returncode == 0
    columns = org.rows(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'org' ORDER BY 1, 2"
    )
    # alembic_version holds only the schema's migration revision
    assert {t for t, _c in columns} == {
        "meta", "laptop", "series", "session", "segment", "checkin_round", "checkin_count",
        "session_fidelity", "template", "practice", "alembic_version",
    }  # fmt: skip
    seen = 0
    for table, column in columns:
        for (value,) in org.rows(f'SELECT "{column}"::text FROM org."{table}"'):
            seen += 1
            assert "SECRET" not in (value or ""), f"org.{table}.{column} holds {value!r}"
    assert seen > 1000


def test_a_week_offline_catches_up_in_one_sync(org: Org, tmp_path: Path) -> None:
    """GIVEN a laptop that synced, then ran a week offline (one session delivered with its
    attendance, one removed) while the organiser shared a new template
    WHEN it syncs once
    THEN the organisation matches the laptop and the laptop holds the new template"""
    home, boss = tmp_path / "lap", tmp_path / "boss"
    fill_home(home, "OFF")
    org.join(home, "offline")
    org.join(boss, "offline_boss", organiser=True)
    assert org.cli("org", "sync", home=home).returncode == 0
    with editing(home) as s:
        week7 = s.exec(select(Session).where(Session.week == 7)).one()
        week7.status, week7.attendance = "delivered", 6
        s.add(week7)
        s.delete(s.exec(select(Session).where(Session.week == 12)).one())
    add_template(boss, "Shared curriculum")
    assert org.cli("org", "sync", home=boss).returncode == 0
    done = org.cli("org", "sync", home=home)
    assert done.returncode == 0, done.stderr
    assert "1 series sent" in done.stdout
    assert org.rows("SELECT count(*), sum(attendance) FROM org.session") == [(11, 6 * 8 + 6)]
    assert "Shared curriculum" in template_titles(home)


def test_two_organisers_editing_one_template_the_second_is_refused(
    org: Org, tmp_path: Path
) -> None:
    """GIVEN two organisers holding version 1 of one template
    WHEN both edit it and sync, one after the other
    THEN the first edit is published, the second is refused with a sentence naming who changed
    it, and neither the organisation's copy nor the second organiser's own copy is overwritten"""
    one, two, lap = tmp_path / "one", tmp_path / "two", tmp_path / "lap"
    uid = add_template(one, "Attachment basics")
    org.join(one, "org_one", organiser=True)
    name_two = org.join(two, "org_two", organiser=True)
    org.join(lap, "org_lap")
    assert org.cli("org", "sync", home=one).returncode == 0
    assert org.cli("org", "sync", home=two).returncode == 0
    set_template_title(one, uid, "Attachment basics (autumn)")
    set_template_title(two, uid, "Attachment basics (Tuesday group)")
    assert org.cli("org", "sync", home=one).returncode == 0
    refused = org.cli("org", "sync", home=two)
    assert refused.returncode == 1
    assert "was changed in the organisation by " + org.name("org_one") in refused.stdout
    assert org.rows("SELECT title, version FROM org.template") == [
        ("Attachment basics (autumn)", 2)
    ]
    assert "Attachment basics (Tuesday group)" in template_titles(two)
    assert name_two
    assert org.cli("org", "sync", home=lap).returncode == 0
    assert "Attachment basics (autumn)" in template_titles(lap)


def test_a_kill_mid_sync_leaves_both_sides_whole_and_a_rerun_completes(
    org: Org, tmp_path: Path
) -> None:
    """GIVEN a laptop with a big load (120 terms of 12 sessions)
    WHEN its sync is killed with SIGKILL after a few terms were sent, then run again
    THEN every term in the organisation was whole at the kill (all 12 sessions and their
    segments, or none), and the re-run completes with each row exactly once"""
    home = tmp_path / "big"
    fill_home(home, "BIG", series=120)
    org.join(home, "big")
    running = org.popen("org", "sync", home=home)
    assert running.stdout is not None
    for line in running.stdout:
        if line.startswith("[5/"):
            break
    running.send_signal(signal.SIGKILL)
    running.wait(timeout=30)
    sent = org.rows("SELECT count(*) FROM org.series")[0][0]
    assert 5 <= sent < 120
    per_series = org.rows(
        "SELECT s.uid, count(DISTINCT n.uid), count(g.uid) FROM org.series s "
        "LEFT JOIN org.session n ON n.series_uid = s.uid "
        "LEFT JOIN org.segment g ON g.session_uid = n.uid GROUP BY s.uid"
    )
    assert {(sessions, segments) for _u, sessions, segments in per_series} == {(12, 72)}
    with editing(home) as s:
        assert s.exec(text("PRAGMA integrity_check")).one()[0] == "ok"
    done = org.cli("org", "sync", home=home)
    assert done.returncode == 0, done.stderr
    assert org.rows("SELECT count(*) FROM org.series") == [(120,)]
    assert org.rows("SELECT count(*), count(DISTINCT uid) FROM org.session") == [(1440, 1440)]
    assert org.rows("SELECT count(*) FROM org.segment") == [(1440 * 6,)]


def test_an_organisers_home_holds_every_laptops_circles_for_the_report(
    org: Org, tmp_path: Path
) -> None:
    """GIVEN two laptops that published their terms, and an organiser's home
    WHEN the organiser syncs, a laptop records one more week and the other removes its term,
    and the organiser syncs again
    THEN the organiser's home holds each laptop's circle with its sessions, attendance and
    check-in counts, follows the change and the removal, and never publishes them back"""
    a, b, boss = tmp_path / "a", tmp_path / "b", tmp_path / "boss"
    fill_home(a, "PA")
    fill_home(b, "PB")
    org.join(a, "pull_a")
    org.join(b, "pull_b")
    org.join(boss, "pull_boss", organiser=True)
    for home in (a, b, boss):
        assert org.cli("org", "sync", home=home).returncode == 0
    with editing(boss) as s:
        assert len(s.exec(select(Session)).all()) == 24
        assert sum(x.attendance or 0 for x in s.exec(select(Session))) == 2 * 6 * 8
        assert len(s.exec(select(CheckInCount)).all()) == 2 * 6 * 4
    with editing(a) as s:
        week7 = s.exec(select(Session).where(Session.week == 7)).one()
        week7.status, week7.attendance = "delivered", 5
        s.add(week7)
    with editing(b) as s:
        s.delete(s.exec(select(Series)).one())
    for home in (a, b):
        assert org.cli("org", "sync", home=home).returncode == 0
    done = org.cli("org", "sync", home=boss)
    assert done.returncode == 0, done.stderr
    assert "0 series sent" in done.stdout
    with editing(boss) as s:
        assert [x.title for x in s.exec(select(Series))] == ["a circle 0"]
        assert sum(x.attendance or 0 for x in s.exec(select(Session))) == 6 * 8 + 5
    assert org.rows("SELECT DISTINCT owner FROM org.series") == [(org.name("pull_a"),)]


def test_a_laptop_on_a_new_computer_joins_again_with_a_reset_password(
    org: Org, tmp_path: Path
) -> None:
    """GIVEN a laptop that joined and synced, then moved to a new computer (a new home)
    WHEN the organiser resets its password and it joins again from the new, empty home
    THEN it syncs as the same role, and the terms the old computer published are left alone
    (only what a home sent and then deleted is removed); an unknown name is refused"""
    old, new = tmp_path / "old", tmp_path / "new"
    fill_home(old, "MOVE")
    name = org.join(old, "mover")
    assert org.cli("org", "sync", home=old).returncode == 0
    reset = org.cli("org", "reset-laptop", name, "--url", org.admin_url, home=tmp_path / "admin")
    assert reset.returncode == 0, reset.stderr
    password = reset.stdout.strip().splitlines()[-1]
    joined = org.cli("org", "join", org.url, "--laptop", name, home=new, stdin=password)
    assert joined.returncode == 0, joined.stderr
    assert org.cli("org", "sync", home=new).returncode == 0
    assert org.rows("SELECT owner, count(*) FROM org.series GROUP BY owner") == [(name, 1)]
    unknown = org.cli("org", "reset-laptop", "nobody", "--url", org.admin_url, home=new)
    assert unknown.returncode == 2
    assert "no laptop called 'nobody'" in unknown.stderr


def test_the_practice_library_reaches_laptops_and_follows_the_organisers_edits(
    org: Org, tmp_path: Path
) -> None:
    """GIVEN an organiser's own practice (not a built-in one)
    WHEN the organiser syncs, a laptop syncs, the organiser changes the script and both sync
    THEN the laptop holds the practice, then its new version, once"""
    boss, lap = tmp_path / "boss", tmp_path / "lap"
    set_practice(boss, "Hand on heart", "Rest a hand on your chest.")
    org.join(boss, "lib_boss", organiser=True)
    org.join(lap, "lib_lap")
    for home in (boss, lap):
        assert org.cli("org", "sync", home=home).returncode == 0
    assert practice_scripts(lap) == {"Hand on heart": "Rest a hand on your chest."}
    set_practice(boss, "Hand on heart", "Rest a hand on your chest; breathe out slowly.")
    for home in (boss, lap):
        assert org.cli("org", "sync", home=home).returncode == 0
    assert practice_scripts(lap) == {
        "Hand on heart": "Rest a hand on your chest; breathe out slowly."
    }
    assert org.rows("SELECT name, version FROM org.practice") == [("Hand on heart", 2)]
