"""File → Restore from backup…, Back up now…, Export everything…, and a home that cannot open."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton, QTableView
from pytestqt.qtbot import QtBot

from attune_desktop.cli import main
from attune_desktop.ui.backups.restore_dialog import RestoreDialog
from attune_desktop.ui.main_window import MainWindow
from attune_desktop.ui.shell import UiContext


def series_titles(window: MainWindow) -> list[str]:
    """The dated series on the Series screen (its curriculum templates are listed there too)."""
    model = window.findChild(QTableView, "seriesTable").model()
    titles = [model.index(row, 0).data() for row in range(model.rowCount())]
    return [title for title in titles if not title.endswith("(curriculum)")]


def open_restore(window: MainWindow, qtbot: QtBot) -> RestoreDialog:
    window.findChild(type(window.backup_actions.restore), "restoreAction").trigger()
    dialog = window.backup_actions.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_restore_a_backup_after_a_preview_and_the_screens_follow(
    qtbot: QtBot, context: UiContext
) -> None:
    # GIVEN a backup taken by hand, then the sample series deleted
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.backup_actions.back_up.trigger()
    assert "1 series, 6 sessions, 5 families" in window.backup_actions.message.text()
    core = context.core
    core.series.delete_series(core.series.list_series()[0].id or 0)
    qtbot.waitUntil(lambda: series_titles(window) == [])
    context.undo.setClean()

    # WHEN File → Restore from backup… is chosen
    dialog = open_restore(window, qtbot)

    # THEN the backups are listed with what each holds, the newest chosen
    table = dialog.findChild(QTableView, "backupsTable")
    assert table.model().rowCount() >= 1
    assert "1 series, 6 sessions, 5 families" in dialog.preview.text()
    assert "Backed up by hand" in dialog.preview.text()

    # WHEN Restore… is clicked, it asks first; then the restore is confirmed
    restore_button = dialog.findChild(QPushButton, "restoreButton")
    restore_button.click()
    box = dialog.confirm_box
    assert box is not None and box.isVisible()
    assert "1 series, 6 sessions, 5 families" in box.text()
    with qtbot.waitSignal(dialog.restored):
        box.findChild(QPushButton, "confirmRestoreButton").click()

    # THEN the data is back, every screen shows it, and undo forgets the replaced data
    qtbot.waitUntil(lambda: series_titles(window) == ["Attunement basics"])
    assert not dialog.isVisible()
    assert context.undo.count() == 0
    assert "Restored 1 series" in window.backup_actions.message.text()


def test_cancelling_the_confirmation_changes_nothing(qtbot: QtBot, context: UiContext) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    context.core.backups.back_up_now()
    context.core.sessions.create_session("Kept")
    dialog = open_restore(window, qtbot)

    dialog.findChild(QPushButton, "restoreButton").click()
    dialog.confirm_box.button(QMessageBox.StandardButton.Cancel).click()

    assert "Kept" in [s.title for s in context.core.sessions.list_sessions()]
    assert dialog.isVisible()


def test_a_damaged_file_shows_why_and_cannot_be_restored(
    qtbot: QtBot, context: UiContext, tmp_path: Path
) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    dialog = open_restore(window, qtbot)
    assert not dialog.table.isVisible()  # a fresh home has no backups yet
    assert "No backups yet" in dialog.empty.text()
    bad = tmp_path / "from-a-usb-stick.sqlite3"
    bad.write_bytes(b"not a database at all")

    dialog.add_file(bad)

    assert "damaged" in dialog.preview.text()
    assert not dialog.findChild(QPushButton, "restoreButton").isEnabled()


def test_export_everything_writes_one_file_that_restores(
    qtbot: QtBot, context: UiContext, tmp_path: Path
) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    out = tmp_path / "usb" / "circle"

    window.backup_actions.export_to(out)

    assert (tmp_path / "usb" / "circle.zip").is_file()
    assert "circle.zip" in window.backup_actions.message.text()
    dialog = open_restore(window, qtbot)
    dialog.add_file(tmp_path / "usb" / "circle.zip")
    assert "1 series, 6 sessions, 5 families" in dialog.preview.text()
    assert dialog.findChild(QPushButton, "restoreButton").isEnabled()


def test_a_home_that_cannot_open_is_a_message_box_not_a_traceback(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    # GIVEN a home whose database is damaged
    home = tmp_path / "home"
    home.mkdir()
    (home / "attune.sqlite3").write_bytes(b"this file was damaged by a bad USB stick")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)

    # WHEN the window is asked for
    code = main(["--home", str(home), "gui"])

    # THEN a message box says what is wrong, and no traceback is printed
    assert code == 2
    assert len(shown) == 1 and "not an Attune Desktop database" in shown[0]
    assert "Traceback" not in capsys.readouterr().err


def test_a_damaged_home_offers_a_backup_at_start_and_then_opens(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import attune_desktop.app
    from attune_desktop.app import open_core

    # GIVEN a home with a daily backup, whose database was then damaged
    home = tmp_path / "home"
    core = open_core(home)
    backup = core.backups.back_up_now()
    core.close()
    (home / "attune.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x13" * 8000)
    seen: list[str] = []

    def _exec(box: QMessageBox) -> int:
        seen.append(box.objectName())
        offer = box.findChild(QPushButton, "startupRestoreButton")
        if offer is not None:
            offer.click()  # the facilitator chooses "Restore a backup…"
        return 0

    monkeypatch.setattr(QMessageBox, "exec", _exec)
    monkeypatch.setattr(
        "attune_desktop.ui.startup_error.QFileDialog.getOpenFileName",
        lambda *_a, **_k: (str(backup.path), ""),
    )
    opened: list[int] = []
    monkeypatch.setattr(
        attune_desktop.app,
        "run_gui",
        lambda core, _argv, **_kw: opened.append(len(core.series.list_series())) or 0,
    )

    # WHEN the app starts
    code = main(["--home", str(home), "gui"])

    # THEN it offered the backup, restored it, and opened the window on the data
    assert seen == ["startupError", "startupRestored"]
    assert code == 0
    assert opened == [1]
    assert list((home / "backups").glob("damaged-*.sqlite3"))


def test_a_refused_write_in_the_window_shows_its_own_message(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from PySide6.QtWidgets import QApplication

    from attune_desktop.core.errors import StorageError
    from attune_desktop.ui.shell import install_excepthook

    # GIVEN the app's handler for errors that escape a slot
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(tmp_path / "logs")

    # WHEN a save is refused because the disk is full
    error = StorageError("The disk holding attune.sqlite3 is full, so the change was not saved.")
    sys.excepthook(StorageError, error, None)

    # THEN that message is shown as it is, and no crash report is written
    boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "attuneErrorMessage"]
    assert boxes and boxes[-1].isVisible()
    assert "is full, so the change was not saved" in boxes[-1].text()
    assert not (tmp_path / "logs").exists()
    for box in boxes:
        box.close()


def test_an_unexpected_error_shows_a_calm_message_and_keeps_a_report(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from PySide6.QtWidgets import QApplication

    from attune_desktop.ui.shell import install_excepthook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(tmp_path / "logs")

    try:
        raise RuntimeError("a bug")
    except RuntimeError as exc:
        sys.excepthook(RuntimeError, exc, exc.__traceback__)

    boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "crashMessage"]
    assert boxes and boxes[-1].isVisible()  # still there: not collected as soon as shown
    reports = list((tmp_path / "logs").glob("crash-*.txt"))
    assert len(reports) == 1 and "a bug" in reports[0].read_text()
    for box in boxes:
        box.close()
