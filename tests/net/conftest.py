"""Net fixtures: a fresh core without Qt, one session, and a server on loopback only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from attune_desktop.app import Core, open_core
from attune_desktop.core.config import resources_dir


@pytest.fixture
def core(tmp_path: Path) -> Iterator[Core]:
    opened = open_core(tmp_path / "home", load_starter_on_first_run=False)
    yield opened
    opened.close()


@pytest.fixture
def session_id(core: Core) -> int:
    return core.sessions.create_session("Arriving").id or 0


@pytest.fixture
def pictures() -> Path:
    return resources_dir() / "pictograms" / "color"
