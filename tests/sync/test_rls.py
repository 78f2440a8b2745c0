"""Row-level security with real roles: a laptop writes only its own rows, reads the library."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from attune_desktop.core.org import schema
from tests.sync.orgdb import Org

SERIES = (
    "INSERT INTO org.series (uid, title, weekday, start_time, first_date, weeks, "
    "session_minutes, updated_at) VALUES (:u, :t, 0, '18:00', '2026-09-07', 12, 120, now()) "
    "ON CONFLICT (uid) DO UPDATE SET title = excluded.title"
)


def _member(org: Org, base: str, *, organiser: bool = False) -> str:
    name = org.name(base)
    with create_engine(
        org.admin_url.replace("postgresql://", "postgresql+psycopg://")
    ).begin() as c:
        schema.create_member(c, name, "pw-" + name, organiser=organiser)
    return name


def _engine(org: Org, name: str):  # type: ignore[no-untyped-def]
    return create_engine(org.cluster.url(org.dbname, role=name, password="pw-" + name))


def test_laptop_b_can_neither_see_nor_change_laptop_a_rows(org: Org) -> None:
    """GIVEN laptop A published a series
    WHEN laptop B (its own role) reads, updates, upserts over it or hangs a session under it
    THEN B sees nothing, changes nothing, and its attempts are refused; A's row is unchanged"""
    a, b = _member(org, "rls_a"), _member(org, "rls_b")
    with _engine(org, a).begin() as conn:
        conn.execute(text(SERIES), {"u": "series-of-a", "t": "A's circle"})
    engine_b = _engine(org, b)
    with engine_b.begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM org.series")).scalar() == 0
        updated = conn.execute(
            text("UPDATE org.series SET title = 'taken' WHERE uid = 'series-of-a'")
        )
        assert updated.rowcount == 0
        deleted = conn.execute(text("DELETE FROM org.series WHERE uid = 'series-of-a'"))
        assert deleted.rowcount == 0
    with pytest.raises(DBAPIError, match="row-level security"), engine_b.begin() as conn:
        conn.execute(text(SERIES), {"u": "series-of-a", "t": "taken"})
    with pytest.raises(DBAPIError, match="row-level security"), engine_b.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO org.series (uid, owner, title, weekday, start_time, first_date, "
                "weeks, session_minutes, updated_at) VALUES ('forged', :a, 'x', 0, '18:00', "
                "'2026-09-07', 1, 1, now())"
            ),
            {"a": a},
        )
    with pytest.raises(DBAPIError, match="foreign key"), engine_b.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO org.session (uid, series_uid, title, start_time, target_minutes, "
                "status, updated_at) VALUES ('s', 'series-of-a', 'x', '18:00', 1, 'planned', now())"
            )
        )
    assert org.rows("SELECT owner, title FROM org.series") == [(a, "A's circle")]


def test_laptops_read_the_library_and_only_organisers_write_it(org: Org) -> None:
    """GIVEN an organiser and a laptop
    WHEN the organiser adds a practice and the laptop tries to change it
    THEN the laptop reads it and is refused the change; the organiser reads every laptop's rows"""
    boss, laptop = _member(org, "rls_boss", organiser=True), _member(org, "rls_lap")
    with _engine(org, boss).begin() as conn:
        conn.execute(
            text("INSERT INTO org.practice (uid, name, body) VALUES ('p', 'Breath', '{}')")
        )
    with _engine(org, laptop).begin() as conn:
        assert conn.execute(text("SELECT name FROM org.practice")).scalars().all() == ["Breath"]
        conn.execute(text(SERIES), {"u": "lap-series", "t": "Mine"})
    with pytest.raises(DBAPIError, match="permission denied"), _engine(org, laptop).begin() as c:
        c.execute(text("UPDATE org.practice SET name = 'changed'"))
    with _engine(org, boss).begin() as conn:
        assert conn.execute(text("SELECT title FROM org.series")).scalars().all() == ["Mine"]
