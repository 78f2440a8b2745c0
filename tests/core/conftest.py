"""Core fixtures: a fresh home and database per test, no Qt anywhere."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from attune_desktop.core.config import AppPaths
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.core.storage.database import Database, open_database


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "home")


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
