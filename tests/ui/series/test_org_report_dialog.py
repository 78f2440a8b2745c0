"""Reports → Organisation report…: an organiser picks a range and a site, previews the report
and exports its CSV (the figures are those of tests/org_fixture.py)."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from attune_desktop.ui.main_window import MainWindow
from attune_desktop.ui.series.org_report_dialog import OrgReportDialog
from attune_desktop.ui.shell import UiContext
from tests.org_fixture import seed_org


def _dialog(qtbot: QtBot, context: UiContext) -> tuple[MainWindow, OrgReportDialog]:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.findChild(QAction, "orgReportAction").trigger()
    dialog = window.org_report_dialog
    assert dialog.isVisible()
    return window, dialog


def test_an_organiser_previews_and_exports_one_sites_report(
    qtbot: QtBot, empty_context: UiContext, tmp_path: Path
) -> None:
    """GIVEN the three-circle organisation in the organiser's home
    WHEN January and the North site are chosen, and Preview is pressed
    THEN a print preview of the circles report opens
    AND Export CSV writes Maple and Oak and their total (7 sessions planned)."""
    seed_org(empty_context.core)
    _window, dialog = _dialog(qtbot, empty_context)
    dialog.findChild(QDateEdit, "orgReportFrom").setDate(QDate(2026, 1, 1))
    dialog.findChild(QDateEdit, "orgReportTo").setDate(QDate(2026, 1, 31))
    site = dialog.findChild(QComboBox, "orgReport_site")
    assert [site.itemText(i) for i in range(site.count())] == ["Any", "North", "South"]
    site.setCurrentText("North")
    qtbot.mouseClick(dialog.findChild(QPushButton, "orgReportPreview"), Qt.MouseButton.LeftButton)
    previews = [w for w in QApplication.topLevelWidgets() if isinstance(w, QPrintPreviewDialog)]
    assert any(w.isVisible() and "Circles report" in w.windowTitle() for w in previews)
    for preview in previews:
        preview.close()
    said = dialog.export_csv_to(tmp_path / "north.csv")
    assert "2 circles" in said
    assert said in dialog.findChild(QLabel, "orgReportMessage").text()
    rows = list(csv.DictReader((tmp_path / "north.csv").open(encoding="utf-8")))
    assert [r["circle"] for r in rows] == ["Maple circle", "Oak circle", "All circles"]
    assert rows[-1]["sessions_planned"] == "7"
    dialog.close()


def test_a_backwards_range_is_said_not_thrown(qtbot: QtBot, empty_context: UiContext) -> None:
    """GIVEN the dialog WHEN the last day is before the first and Preview is pressed
    THEN the dialog says so, and no preview opens."""
    _window, dialog = _dialog(qtbot, empty_context)
    dialog.findChild(QDateEdit, "orgReportFrom").setDate(QDate(2026, 2, 1))
    dialog.findChild(QDateEdit, "orgReportTo").setDate(QDate(2026, 1, 1))
    qtbot.mouseClick(dialog.findChild(QPushButton, "orgReportPreview"), Qt.MouseButton.LeftButton)
    assert "before its first day" in dialog.findChild(QLabel, "orgReportMessage").text()
    dialog.close()
