"""Core fixtures: a fresh home and database per test, no Qt anywhere.

Every home's database is SQLite by default. With `--database postgresql` (or
ATTUNE_TEST_DATABASE=postgresql) it is a fresh PostgreSQL database instead, made from a
migrated template in the session's throw-away cluster, so the same tests run on both. A test
about the SQLite file itself (its bytes, WAL, backups) is marked `sqlite_only`.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from attune_desktop.core.config import AppPaths
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.core.storage.database import Database, open_database
from tests.conftest import chosen_database
from tests.pgcluster import PgCluster

TEMPLATE = "attune_core_template"

DatabaseUrls = Callable[[Path], str]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if chosen_database(config) == "sqlite":
        return
    skip = pytest.mark.skip(reason="about the SQLite file itself; the PostgreSQL run skips it")
    for item in items:
        if item.get_closest_marker("sqlite_only"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def pg_template(request: pytest.FixtureRequest) -> PgCluster:
    """The session's cluster, holding a database migrated once, copied for every test."""
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    cluster.create_database(TEMPLATE)
    open_database(cluster.url(TEMPLATE)).close()
    return cluster


@pytest.fixture
def database_urls(request: pytest.FixtureRequest, test_database: str) -> Iterator[DatabaseUrls]:
    """Fresh databases for this test: `database_urls(folder)` gives one's URL.

    SQLite: a new file in the folder (made when opened). PostgreSQL: a new database, already
    migrated (copied from the template), dropped after the test."""
    if test_database == "sqlite":
        names = itertools.count()
        yield lambda folder: f"sqlite:///{folder / f'attune-{next(names)}.sqlite3'}"
        return
    cluster: PgCluster = request.getfixturevalue("pg_template")
    made: list[str] = []

    def fresh(_folder: Path) -> str:
        name = f"t_{uuid.uuid4().hex[:20]}"
        cluster.create_database(name, template=TEMPLATE)
        made.append(name)
        return cluster.url(name)

    yield fresh
    for name in made:
        cluster.drop_database(name)


@pytest.fixture
def paths(tmp_path: Path, test_database: str, database_urls: DatabaseUrls) -> AppPaths:
    home = tmp_path / "home"
    if test_database == "sqlite":
        return AppPaths(home)
    return AppPaths(home, server_url=database_urls(tmp_path))


@pytest.fixture
def db(paths: AppPaths) -> Iterator[Database]:
    database = open_database(paths.database_url, backups_dir=paths.backups)
    yield database
    database.close()


@pytest.fixture
def sessions(db: Database) -> SessionService:
    return SessionService(db)


@pytest.fixture
def series(db: Database):
    from attune_desktop.core.services.series import SeriesService

    return SeriesService(db)


@pytest.fixture
def practices(db: Database):
    from attune_desktop.core.services.practices import PracticeService

    return PracticeService(db)
