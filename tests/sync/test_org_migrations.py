"""The organisation schema's own migrations (core/org/migrations), on a real PostgreSQL:
`org init` makes the schema as it always was, adopts a database set up before migrations,
applies a newer revision, does nothing at the newest, and refuses a schema from the future."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

from sqlalchemy import create_engine
from sqlmodel import select

from attune_desktop.core.models import Session
from attune_desktop.core.org import migrations
from tests.pgcluster import SUPERUSER, PgCluster
from tests.sync.homes import editing, fill_home
from tests.sync.orgdb import Org

BEFORE_MIGRATIONS = Path(__file__).with_name("org_schema_before_migrations.sql")
HEAD = "org_0001_schema"

NEXT_REVISION = '''"""a throw-away second revision: series get a colour"""

from alembic import op

revision = "org_0002_test_colour"
down_revision = "org_0001_schema"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE org.series ADD COLUMN colour text NOT NULL DEFAULT ''")
    op.execute("UPDATE org.meta SET value = '2' WHERE key = 'schema_version'")


def downgrade() -> None:
    op.execute("ALTER TABLE org.series DROP COLUMN colour")
'''


def schema_dump(cluster: PgCluster, dbname: str) -> str:
    """pg_dump of the `org` schema's definitions (no rows, no version table), comments out."""
    done = subprocess.run(
        [
            str(cluster.bindir / "pg_dump"), "--schema-only", "--schema=org", "--no-owner",
            "--exclude-table=org.alembic_version", "-h", str(cluster.socket_dir),
            "-p", str(cluster.port), "-U", SUPERUSER, dbname,
        ],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    lines = done.stdout.splitlines()
    return "\n".join(
        line for line in lines if line and not line.startswith(("--", "\\restrict", "\\unrestrict"))
    )


def revision(org: Org) -> list[tuple[str, ...]]:
    return [tuple(row) for row in org.rows("SELECT version_num FROM org.alembic_version")]


def old_style(org: Org) -> Org:
    """Another organisation database on the cluster, set up by `org init` before migrations."""
    legacy = Org(org.cluster, f"{org.dbname}_old", org.env, f"{org.suffix}_old")
    org.cluster.create_database(legacy.dbname)
    org.cluster.psql(BEFORE_MIGRATIONS.read_text("utf-8"), dbname=legacy.dbname)
    org.cluster.psql("INSERT INTO org.meta VALUES ('schema_version', '1')", dbname=legacy.dbname)
    return legacy


def test_a_fresh_init_makes_the_schema_org_init_always_made(org: Org, tmp_path: Path) -> None:
    """GIVEN a new database set up by `org init` (the fixture), and one holding the schema as
    `org init` made it before migrations
    WHEN their `org` schemas are dumped, and `org init` runs again
    THEN tables, keys, indexes, grants and row-level security are the same, the new one is at
    the newest revision, and the second `org init` changes nothing and says so"""
    legacy = old_style(org)
    try:
        assert schema_dump(org.cluster, org.dbname) == schema_dump(org.cluster, legacy.dbname)
    finally:
        org.cluster.drop_database(legacy.dbname)
    assert revision(org) == [(HEAD,)]
    before = schema_dump(org.cluster, org.dbname)
    done = org.cli("org", "init", "--url", org.admin_url, home=tmp_path / "admin")
    assert done.returncode == 0, done.stderr
    assert "up to date" in done.stdout
    assert schema_dump(org.cluster, org.dbname) == before
    assert revision(org) == [(HEAD,)]


def test_an_old_style_organisation_is_adopted_and_keeps_syncing(org: Org, tmp_path: Path) -> None:
    """GIVEN an organisation database set up before migrations, where a laptop already synced
    WHEN the administrator runs `org init` with this version, and the laptop syncs a change
    THEN it is recognised and recorded at the newest revision, the laptop's rows are all
    there, its schema matches a fresh one, and the sync sends the change"""
    legacy = old_style(org)
    try:
        home = tmp_path / "lap"
        fill_home(home, "OLD")
        legacy.join(home, "old_laptop")
        assert legacy.cli("org", "sync", home=home).returncode == 0
        published = legacy.rows("SELECT uid, owner, attendance FROM org.session ORDER BY uid")
        assert len(published) == 12

        done = legacy.cli("org", "init", "--url", legacy.admin_url, home=tmp_path / "admin")

        assert done.returncode == 0, done.stderr
        assert "Recognised an organisation database set up before" in done.stdout
        assert revision(legacy) == [(HEAD,)]
        assert legacy.rows("SELECT uid, owner, attendance FROM org.session ORDER BY uid") == (
            published
        )
        assert schema_dump(org.cluster, legacy.dbname) == schema_dump(org.cluster, org.dbname)
        with editing(home) as s:
            week7 = s.exec(select(Session).where(Session.week == 7)).one()
            week7.status, week7.attendance = "delivered", 5
            s.add(week7)
        synced = legacy.cli("org", "sync", home=home)
        assert synced.returncode == 0, synced.stderr
        assert "1 series sent" in synced.stdout
        assert legacy.rows("SELECT attendance FROM org.session WHERE week = 7") == [(5,)]
    finally:
        org.cluster.drop_database(legacy.dbname)


def test_a_newer_revision_is_applied_and_then_refused_by_the_older_version(
    org: Org, tmp_path: Path
) -> None:
    """GIVEN an organisation where a laptop synced, and a second revision of the schema (a
    throw-away one, as a later Attune Desktop would bring)
    WHEN the schema is upgraded with it, twice, then `org init` of this version runs
    THEN the column is added with the rows kept and the second upgrade does nothing; this
    version refuses the newer schema in a sentence, touching nothing; laptops still sync"""
    home = tmp_path / "lap"
    fill_home(home, "NEXT")
    org.join(home, "next_laptop")
    assert org.cli("org", "sync", home=home).returncode == 0
    folder = tmp_path / "next"
    folder.mkdir()
    (folder / "org_0002_test_colour.py").write_text(NEXT_REVISION, "utf-8")
    engine = create_engine(org.cluster.url(org.dbname))
    try:
        with engine.begin() as conn:
            said = migrations.upgrade(conn, extra_versions=[folder])
        assert said == (
            "The organisation's schema was upgraded from revision org_0001_schema to "
            "org_0002_test_colour."
        )
        with engine.begin() as conn:
            again = migrations.upgrade(conn, extra_versions=[folder])
        assert "up to date (revision org_0002_test_colour)" in again
    finally:
        engine.dispose()
    assert org.rows("SELECT count(*), min(colour) FROM org.series") == [(1, "")]
    assert revision(org) == [("org_0002_test_colour",)]

    done = org.cli("org", "init", "--url", org.admin_url, home=tmp_path / "admin")

    assert done.returncode == 2  # a user error: a sentence, no traceback
    assert "schema revision org_0002_test_colour, newer than this Attune Desktop" in done.stderr
    assert "Traceback" not in done.stderr
    assert revision(org) == [("org_0002_test_colour",)]
    synced = org.cli("org", "sync", home=home)
    assert synced.returncode == 0, synced.stderr


def test_two_administrators_running_init_at_once_set_it_up_once(org: Org) -> None:
    """GIVEN a new, empty organisation database
    WHEN two administrators run `org init` at the same moment
    THEN one sets the schema up and the other, having waited, finds it up to date"""
    dbname = f"{org.dbname}_twice"
    org.cluster.create_database(dbname)
    engine = create_engine(org.cluster.url(dbname))
    said: list[str] = []
    problems: list[BaseException] = []
    barrier = threading.Barrier(2)

    def init() -> None:
        try:
            barrier.wait(30)
            with engine.begin() as conn:
                said.append(migrations.upgrade(conn))
        except BaseException as exc:  # reported below
            problems.append(exc)

    try:
        threads = [threading.Thread(target=init) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
    finally:
        engine.dispose()
    try:
        assert problems == []
        assert sorted("up to date" in s for s in said) == [False, True]
        assert any(s.startswith("The organisation's schema, roles and") for s in said)
        rows = org.cluster.psql("SELECT version_num FROM org.alembic_version", dbname=dbname)
        assert rows == [(HEAD,)]
    finally:
        org.cluster.drop_database(dbname)
