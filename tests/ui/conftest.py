"""UI fixtures: offscreen Qt, a fresh home (so a developer's own data and settings stay out)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault(
    "QT_LOGGING_RULES", "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false"
)

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from attune_desktop.app import Core, open_core
from attune_desktop.ui.main_window import MainWindow
from attune_desktop.ui.shell import UiContext, load_bundled_fonts
from attune_desktop.ui.theme import apply_theme


@pytest.fixture(scope="session", autouse=True)
def _themed_app(qapp: QApplication) -> QApplication:
    load_bundled_fonts()
    apply_theme(qapp)
    return qapp


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def core(home: Path) -> Iterator[Core]:
    opened = open_core(home)
    yield opened
    opened.close()


@pytest.fixture
def context(core: Core) -> UiContext:
    return UiContext.create(core)


@pytest.fixture
def empty_core(home: Path) -> Iterator[Core]:
    """A fresh home without the starter content, for building things from scratch."""
    opened = open_core(home, load_starter_on_first_run=False)
    yield opened
    opened.close()


@pytest.fixture
def empty_context(empty_core: Core) -> UiContext:
    return UiContext.create(empty_core)


@pytest.fixture
def main_window(qtbot: QtBot, context: UiContext) -> Iterator[MainWindow]:
    """The main window over the starter content, shown at a first start's size."""
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1320, 760)
    window.show()
    yield window
    window.close()
