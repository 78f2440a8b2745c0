"""Stable uids for what an organisation's database names: filled on upgrade, new on a copy."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from alembic import command
from sqlalchemy import create_engine
from sqlmodel import select

from attune_desktop.core.config import AppPaths
from attune_desktop.core.models import Practice, Segment, Series, Session
from attune_desktop.core.starter import load_starter_content
from attune_desktop.core.storage import migrations
from attune_desktop.core.storage.database import Database, open_database


# Homes from before the uids (0005) exist only as SQLite files: a PostgreSQL home starts at
# this version, so the upgrade of old rows is a SQLite file's story.
@pytest.mark.sqlite_only
def test_rows_from_before_uids_each_get_one_on_upgrade(paths: AppPaths) -> None:
    """GIVEN a home at revision 0005 holding a series, a session, a segment and a practice
    WHEN this version opens it
    THEN each of them has a uid of its own, and segments' scripts are not shared"""
    paths.home.mkdir(parents=True)
    engine = create_engine(paths.database_url)
    config = migrations._config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0005_practices")
        conn.exec_driver_sql(
            "INSERT INTO series (title, venue, facilitators, weekday, start_time, first_date,"
            " weeks, skip_dates, time_zone, session_minutes, is_template, created_at,"
            " updated_at) VALUES ('Old', '', '', 0, '18:00:00', '2026-01-05', 2, '', '', 120,"
            " 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
        for n in (1, 2):
            conn.exec_driver_sql(
                "INSERT INTO practice (name, kind, default_minutes, summary, script, pacing,"
                " cues, care_notes, builtin, phase_words, counting, breath_tones) VALUES"
                f" ('P{n}', 'other', 5, '', '', '', '', '', 0, '', 'natural', 0)"
            )
    engine.dispose()
    db = open_database(paths.database_url, backups_dir=paths.backups)
    db.close()
    with sqlite3.connect(paths.database) as conn:
        for table in ("series", "practice"):
            uids = [row[0] for row in conn.execute(f"SELECT uid FROM {table}")]
            assert all(uids) and len(set(uids)) == len(uids)
        assert conn.execute("SELECT count(*) FROM orgsyncstate").fetchone() == (0,)


def test_every_copy_gets_a_uid_of_its_own(db: Database) -> None:
    """GIVEN the starter content
    WHEN a series is made from a template, cloned, saved as a template, and a session and a
    segment are duplicated
    THEN no two series, sessions, segments or practices share a uid"""
    from attune_desktop.core.services.series import SeriesService
    from attune_desktop.core.services.sessions import SessionService

    load_starter_content(db)
    series, sessions = SeriesService(db), SessionService(db)
    template = series.templates()[0]
    made = series.create_from_template(template.id or 0, "Autumn", dt.date(2026, 9, 7))
    clone = series.clone_series(made.id or 0, "Spring", dt.date(2027, 3, 1))
    series.save_as_template(clone.id or 0, "Spring curriculum")
    first = series.sessions_of(made.id or 0)[0]
    sessions.duplicate_session(first.id or 0)
    segment = sessions.segments(first.id or 0)[0]
    sessions.duplicate_segment(segment.id or 0)
    with db.session() as s:
        for model in (Series, Session, Segment, Practice):
            uids = [row.uid for row in s.exec(select(model))]
            assert len(uids) > 1 and len(set(uids)) == len(uids), model.__name__
