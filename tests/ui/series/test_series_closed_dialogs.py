"""A print preview or save dialog closed in Series does not break the next one."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from attune_desktop.ui.series.series_view import SeriesView
from attune_desktop.ui.shell import UiContext


def _open_dialogs() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and isinstance(w, QDialog)]


def test_closing_a_preview_then_asking_for_another_paper_works(
    qtbot: QtBot, context: UiContext
) -> None:
    # GIVEN the Series screen with the sample series chosen
    view = SeriesView(context)
    qtbot.addWidget(view)
    view.resize(1300, 720)
    view.show()
    # WHEN the facilitator previews the series plan and closes the preview (Close deletes it)
    view.sharing.sheet("plan", "preview")
    preview = QApplication.activeModalWidget() or view.sharing._open[-1]
    assert isinstance(preview, QDialog)
    preview.reject()
    QApplication.sendPostedEvents(None, 0)  # the deferred delete happens now
    QApplication.processEvents()
    # AND then asks for the report as CSV, and for the series plan's PDF
    before = set(_open_dialogs())
    view.sharing.ask_report_csv()
    view.sharing.sheet("plan", "pdf")
    # THEN each opens its save dialog (no "Something went wrong")
    shown = [d for d in _open_dialogs() if d not in before]
    assert sorted(d.windowTitle() for d in shown) == ["Save PDF", "Save report (CSV)"]
    for dialog in shown:
        dialog.reject()
