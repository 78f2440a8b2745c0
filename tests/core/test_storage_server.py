"""A home on a PostgreSQL server: migrated to the models' schema, refused when not ours, and
honest that its backups are the organisation's job. Runs against the throw-away cluster."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from pathlib import Path

import pytest
from sqlmodel import SQLModel

from attune_desktop.core.container import open_core
from attune_desktop.core.errors import StorageError
from attune_desktop.core.storage import migrations
from attune_desktop.core.storage.backups import take_daily_backup
from attune_desktop.core.storage.database import open_database, parse_database_url
from tests.pgcluster import PgCluster


@pytest.fixture
def empty_url(pg_cluster: PgCluster):
    """A new, empty database on the cluster, dropped afterwards."""
    name = f"s_{uuid.uuid4().hex[:16]}"
    pg_cluster.create_database(name)
    yield pg_cluster.url(name)
    pg_cluster.drop_database(name)


def test_an_empty_server_database_gets_exactly_the_models_schema(empty_url: str) -> None:
    """GIVEN an empty PostgreSQL database
    WHEN the app opens it
    THEN the migrations bring it to the head, and its tables are the models' to the column."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import attune_desktop.core.models  # noqa: F401  (registers the tables)

    db = open_database(empty_url)
    try:
        assert db.on_server and db.created and db.path is None
        status = migrations.status(db.engine)
        assert status.current == status.head
        with db.engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
        # Known differences, the same on SQLite: 0004 and 0007 added the uids as nullable (SQLite
        # cannot tighten a column without rebuilding the table); the models always fill them.
        known = {
            ("modify_nullable", None, table, "uid")
            for table in ("session", "series", "segment", "practice", "checkinround")
        }
        assert {tuple(change[0][:4]) for change in differences} == known
    finally:
        db.close()
    again = open_database(empty_url)
    assert not again.created  # a second opening is no first run
    again.close()


def test_two_machines_opening_a_new_database_at_once_migrate_it_once(empty_url: str) -> None:
    """GIVEN an empty organisation database
    WHEN two machines open it at the same moment
    THEN both open it (one migrates under the lock, the other finds it done)."""
    problems: list[BaseException] = []

    def opener() -> None:
        try:
            open_database(empty_url).close()
        except BaseException as exc:  # reported below
            problems.append(exc)

    threads = [threading.Thread(target=opener) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert problems == []


def test_someone_elses_database_is_refused_and_left_untouched(
    pg_cluster: PgCluster, empty_url: str
) -> None:
    """GIVEN a database holding another program's table
    WHEN the app is pointed at it
    THEN it says so and creates nothing there."""
    name = empty_url.rsplit("/", 1)[1].split("?")[0]
    pg_cluster.psql("CREATE TABLE invoices (id int)", name)
    with pytest.raises(StorageError, match="holds tables, but not Attune Desktop's"):
        open_database(empty_url)
    tables = pg_cluster.psql(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", name
    )
    assert tables == [("invoices",)]


def test_a_database_from_a_newer_version_is_refused(pg_cluster: PgCluster, empty_url: str) -> None:
    """GIVEN an organisation database a newer version migrated
    WHEN this version opens it
    THEN it asks for an update and changes nothing."""
    open_database(empty_url).close()
    name = empty_url.rsplit("/", 1)[1].split("?")[0]
    pg_cluster.psql("UPDATE alembic_version SET version_num = '9999_future'", name)
    with pytest.raises(StorageError, match="newer version of Attune Desktop"):
        open_database(empty_url)
    assert pg_cluster.psql("SELECT version_num FROM alembic_version", name) == [("9999_future",)]


def test_wrong_password_missing_database_and_no_server_are_sentences(
    pg_cluster: PgCluster,
) -> None:
    """GIVEN a role with a password
    WHEN the app is given a wrong password, a database that does not exist, or a dead port
    THEN each is one clear sentence, and the password never appears in it."""
    pg_cluster.create_role("storage_probe", password="right-one")
    try:
        wrong = pg_cluster.url("postgres", role="storage_probe", password="s3cret-wrong")
        with pytest.raises(StorageError, match="refused the name or password") as refused:
            open_database(wrong)
        assert "s3cret-wrong" not in str(refused.value)
        missing = pg_cluster.url("no_such_db", role="storage_probe", password="right-one")
        with pytest.raises(StorageError, match="does not exist") as absent:
            open_database(missing)
        assert "right-one" not in str(absent.value)
    finally:
        pg_cluster.drop_role("storage_probe")
    with pytest.raises(StorageError, match="No PostgreSQL server answered"):
        open_database("postgresql://someone:pw@127.0.0.1:1/attune")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://u:p@host/db", "SQLite or PostgreSQL"),
        ("not a url at all", "not a database address"),
        ("postgresql://u@localhost", "names no database"),
    ],
)
def test_an_address_the_app_cannot_use_is_a_sentence(url: str, message: str) -> None:
    with pytest.raises(StorageError, match=message):
        open_database(url)


def test_postgres_addresses_mean_the_psycopg_driver() -> None:
    for given in ("postgresql://u@h/db", "postgres://u@h/db", "postgresql+psycopg://u@h/db"):
        assert parse_database_url(given).drivername == "postgresql+psycopg"


def test_a_server_home_leaves_backups_to_the_organisation(empty_url: str, tmp_path: Path) -> None:
    """GIVEN an organiser's home whose only database is the organisation's PostgreSQL
    WHEN it opens the first time, then again, and a backup, a restore or an export is asked for
    THEN the starter content loads once, no daily copy is attempted, and each backup action
    says backing up is the organisation's job (pg_dump) instead of failing."""
    core = open_core(tmp_path / "home", database_url=empty_url)
    try:
        assert core.first_run and core.starter is not None
        assert core.series.templates()  # the starter curriculum is in the server's database
    finally:
        core.close()
    core = open_core(tmp_path / "home", database_url=empty_url)
    try:
        assert not core.first_run and not core.daily_backup_pending
        assert take_daily_backup(core.db, core.paths.backups, now=dt.datetime.now(dt.UTC)) is None
        for attempt in (
            core.backups.back_up_now,
            lambda: core.backups.restore(tmp_path / "any.sqlite3"),
            lambda: core.backups.export_everything(tmp_path / "all.zip"),
        ):
            with pytest.raises(StorageError, match="organisation's job") as told:
                attempt()
            assert "pg_dump" in str(told.value)
        assert not (tmp_path / "home" / "attune.sqlite3").exists()
        assert not core.paths.backups.exists() or not any(core.paths.backups.iterdir())
    finally:
        core.close()
