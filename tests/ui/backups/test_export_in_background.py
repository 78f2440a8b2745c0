"""Export everything… runs on a worker thread through the window's one background helper."""

from __future__ import annotations

import sys
import threading
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from attune_desktop.app import open_core, run_gui
from attune_desktop.core.services.backups import BackupService


def test_export_everything_runs_off_the_window_thread_and_then_says_where_it_is(
    qtbot: QtBot, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GIVEN the app running on its event loop WHEN Export everything… writes a zip
    THEN the zip is written on another thread while the window keeps turning, the action
    is off meanwhile, and the message then says where the export is."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    writers: list[int] = []
    real_export = BackupService.export_everything

    def export_and_note(self: BackupService, out: Path) -> Path:
        writers.append(threading.get_ident())
        return real_export(self, out)

    monkeypatch.setattr(BackupService, "export_everything", export_and_note)
    core = open_core(home)
    out = tmp_path / "circle.zip"
    seen: dict[str, object] = {}

    earlier = set(QApplication.topLevelWidgets())  # a window another test left open is not ours

    def window() -> object:
        return next(
            w
            for w in QApplication.topLevelWidgets()
            if w.objectName() == "mainWindow" and w not in earlier
        )

    def start() -> None:
        actions = window().backup_actions  # type: ignore[attr-defined]
        actions.export_to(out)
        seen["enabled_while_writing"] = actions.export.isEnabled()
        QTimer.singleShot(20, wait)

    def wait(tries: int = 0) -> None:
        actions = window().backup_actions  # type: ignore[attr-defined]
        message = actions.message
        if (message is None or not message.isVisible()) and tries < 500:
            QTimer.singleShot(20, lambda: wait(tries + 1))
            return
        seen["message"] = message.text() if message is not None else ""
        seen["enabled_after"] = actions.export.isEnabled()
        if message is not None:
            message.close()
        window().close()  # type: ignore[attr-defined]

    QTimer.singleShot(0, start)
    try:
        assert run_gui(core, ["attune-desktop"]) == 0
    finally:
        core.close()
    assert writers and writers[0] != threading.get_ident()
    assert seen["enabled_while_writing"] is False and seen["enabled_after"] is True
    assert "circle.zip" in str(seen["message"])
    assert zipfile.is_zipfile(out)
