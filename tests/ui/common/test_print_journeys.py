"""Printing as a facilitator does it, through the real window: menus, dialogs, files on disk."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QComboBox, QFileDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from attune_desktop.core.container import Core
from attune_desktop.ui.common.print_action import SheetPrinter
from attune_desktop.ui.main_window import MainWindow
from attune_desktop.ui.shell import UiContext

LETTER = (612, 792)
A4 = (595, 842)
SCRIPT = "SCRIPT-5T: let the breath find its own square"
CARE = "CARE-8N: with asthma, shorten the holds or skip them"
PREP = "PREP-2K: bring the tea urn"


def page_sizes(path: Path) -> list[tuple[int, int]]:
    return [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in PdfReader(path).pages
    ]


def pdf_text(path: Path) -> str:
    """What a search finds: pdftotext's text, Arabic presentation forms folded back (NFKC)."""
    raw = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    text = unicodedata.normalize("NFKC", raw)
    return "".join(c for c in text if c not in "\u202a\u202b\u202c\u202d\u202e\u200f")


def window_on(qtbot: QtBot, context: UiContext, page: str) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_page(page)
    return window


def action(widget: QWidget, name: str) -> QAction:
    found = widget.findChild(QAction, name)
    assert found is not None, name
    return found


def save_through_dialog(qtbot: QtBot, printer: SheetPrinter, out: Path) -> None:
    """The person types a file name in the save dialog that just opened and presses Save."""
    dialog = printer.open[-1]
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    with qtbot.waitSignal(printer.saved, timeout=30_000):
        dialog.selectFile(str(out))
        dialog.accept()


def build_session_by_keyboard(qtbot: QtBot, window: MainWindow) -> int:
    """A new session, a welcome and the library's box breathing, typed as a person would."""
    builder = window.sessions_view
    action(builder, "newSessionAction").trigger()  # Ctrl+Shift+N
    builder.header.title.clear()
    qtbot.keyClicks(builder.header.title, "Calm evening")
    qtbot.keyClick(builder.header.title, Qt.Key.Key_Return)
    action(builder, "addOther").trigger()  # Ctrl+N
    qtbot.keyClicks(builder.editor.title, "Welcome and tea")
    qtbot.keyClick(builder.editor.title, Qt.Key.Key_Return)
    action(builder, "addPractice").trigger()
    picker = builder._picker
    assert picker is not None
    qtbot.keyClicks(picker.filter, "box")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    session_id = builder.sessions.selected_id()
    assert session_id is not None
    return session_id


def test_build_a_session_and_print_both_sheets_from_the_sessions_screen(
    qtbot: QtBot, empty_core: Core, empty_context: UiContext, tmp_path: Path
) -> None:
    # GIVEN a library practice with a script and care notes, and Letter paper chosen in the app
    empty_core.practices.create_practice(
        "Box breathing",
        kind="breathing",
        default_minutes=4,
        pacing="in 4, hold 4, out 4, hold 4",
        script=SCRIPT,
        care_notes=CARE,
    )
    empty_context.settings.set("print/paper", "letter")
    window = window_on(qtbot, empty_context, "sessions")
    # WHEN the facilitator builds a session on the Sessions screen
    session_id = build_session_by_keyboard(qtbot, window)
    empty_core.sessions.update_session(session_id, prep_notes=PREP)
    printing = window.sessions_view.printing
    # AND chooses Print → Export PDF → Run sheet…, then Participant agenda…, saving each
    run_sheet, agenda = tmp_path / "run-sheet.pdf", tmp_path / "agenda.pdf"
    action(printing.menu, "pdfRunSheet").trigger()
    save_through_dialog(qtbot, printing.printer, run_sheet)
    action(printing.menu, "pdfParticipantAgenda").trigger()
    save_through_dialog(qtbot, printing.printer, agenda)
    # THEN both are PDFs on Letter paper, as chosen in the app
    assert set(page_sizes(run_sheet)) == {LETTER}
    assert set(page_sizes(agenda)) == {LETTER}
    # AND the run sheet has the plan, the preparation, and the practice's script and care notes
    facilitator = " ".join(pdf_text(run_sheet).split())
    for expected in ("RUN SHEET", "Calm evening", "Welcome and tea", "Box breathing", PREP):
        assert expected in facilitator
    assert "Practice script · Box breathing" in facilitator and SCRIPT in facilitator
    assert "Care notes" in facilitator and CARE in facilitator
    # AND the participants' agenda has the titles and times, and nothing private
    room = " ".join(pdf_text(agenda).split())
    assert "Calm evening" in room and "Box breathing" in room and "18:00" in room
    for private in (SCRIPT, CARE, PREP, "PREPARATION"):
        assert private.split(":")[0] not in room


def test_the_print_menu_previews_and_ctrl_p_prints_on_the_apps_paper(
    qtbot: QtBot, empty_core: Core, empty_context: UiContext, tmp_path: Path
) -> None:
    # GIVEN a session on the Sessions screen, Letter paper chosen in the app
    empty_context.settings.set("print/paper", "letter")
    window = window_on(qtbot, empty_context, "sessions")
    build_session_by_keyboard(qtbot, window)
    printing = window.sessions_view.printing
    # WHEN Print → Run sheet… and Participant agenda… and Take-home card… are chosen
    for name in ("previewRunSheet", "previewParticipantAgenda", "previewTakeHomeCard"):
        action(printing.menu, name).trigger()
        preview = printing.printer.open[-1]
        # THEN each opens a print preview of that sheet, on Letter
        assert isinstance(preview, QPrintPreviewDialog) and preview.isVisible()
        assert preview.printer().pageLayout().pageSize().id().name == "Letter"
        preview.close()
    # WHEN Ctrl+P is pressed in the agenda
    with qtbot.waitActive(window):
        window.activateWindow()
    window.sessions_view.table.setFocus()
    qtbot.keyClick(window.sessions_view.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = printing.printer.open[-1]
    # THEN the printer dialog opens on the app's paper, not the printer's default
    assert isinstance(dialog, QPrintDialog) and dialog.isVisible()
    assert dialog.printer().pageLayout().pageSize().id().name == "Letter"
    # AND printing from it (to a file) puts the run sheet on Letter pages
    out = tmp_path / "printed.pdf"
    printers = dialog.findChild(QComboBox, "printers")  # a machine may have real printers
    assert printers is not None
    printers.setCurrentIndex(printers.findText("Print to File (PDF)"))
    filename = dialog.findChild(QLineEdit, "filename")
    assert filename is not None
    filename.setText(str(out))
    dialog.accept()
    assert set(page_sizes(out)) == {LETTER}
    assert "RUN SHEET" in pdf_text(out)


def test_low_ink_prints_in_grey_through_the_printer_dialog(
    qtbot: QtBot, empty_context: UiContext
) -> None:
    # GIVEN the Routines print bar set to low ink
    window = window_on(qtbot, empty_context, "routines")
    family = empty_context.core.families.create_family("Otters")
    routine = empty_context.core.families.create_routine(family.id or 0, "Bedtime")
    empty_context.core.families.add_step(routine.id or 0, picture="", words="Brush teeth")
    view = window.page("routines")
    view.families.refresh()  # type: ignore[attr-defined]
    view.families.select(family.id)  # type: ignore[attr-defined]
    bar = view.print_bar  # type: ignore[attr-defined]
    bar.ink.setCurrentIndex(bar.ink.findData("low"))
    # WHEN Print… → All of this family's routines… is chosen
    action(bar, "print-family").trigger()
    dialog = bar.printer.open[-1]
    # THEN the printer dialog is set to grey scale (and the app's paper, A4 here)
    assert isinstance(dialog, QPrintDialog)
    assert dialog.printer().colorMode() is QPrinter.ColorMode.GrayScale
    assert dialog.printer().pageLayout().pageSize().id().name == "A4"
    dialog.reject()


def test_a_familys_routines_printed_as_one_document_from_the_routines_screen(
    qtbot: QtBot, core: Core, context: UiContext, tmp_path: Path
) -> None:
    # GIVEN the demo families, one of them with two routines, on the Routines screen
    window = window_on(qtbot, context, "routines")
    view = window.page("routines")
    family = next(f for f in core.families.list_families() if len(core.families.routines(f.id)) > 1)
    routines = [r.title for r in core.families.routines(family.id or 0)]
    view.families.select(family.id)  # type: ignore[attr-defined]
    view.routines.table.selectRow(0)  # type: ignore[attr-defined]
    bar = view.print_bar  # type: ignore[attr-defined]
    # WHEN Preview… → All of this family's routines… is chosen
    action(bar, "preview-family").trigger()
    preview = bar.printer.open[-1]
    # THEN one preview opens for the family's sheets (not just the selected routine)
    assert isinstance(preview, QPrintPreviewDialog) and preview.isVisible()
    assert family.label in preview.windowTitle()
    preview.close()
    # WHEN PDF → All of this family's routines… is saved
    out = tmp_path / "family.pdf"
    action(bar, "pdf-family").trigger()
    save_through_dialog(qtbot, bar.printer, out)
    # THEN one PDF holds every routine of the family, in their order, and no other family's
    text = pdf_text(out)
    positions = [text.index(title) for title in routines]
    assert positions == sorted(positions)
    others = [f.label for f in core.families.list_families() if f.id != family.id]
    assert not any(label in text for label in others)
    # WHEN Preview… → Every family in this circle… is chosen
    action(bar, "preview-series").trigger()
    circle = bar.printer.open[-1]
    # THEN one preview holds every family of the circle
    assert isinstance(circle, QPrintPreviewDialog)
    assert "families" in circle.windowTitle()
    circle.close()


def test_a_cups_printer_prints_on_the_apps_paper_not_its_own_default(qtbot: QtBot) -> None:
    """Qt's dialog writes a CUPS printer's default paper (from its PPD) back on OK."""
    import pytest
    from PySide6.QtPrintSupport import QPrinterInfo

    from attune_desktop.printing.pages import Paper, print_direct

    default = QPrinterInfo.defaultPrinter()
    if default.isNull() or not default.defaultPageSize().isValid():
        pytest.skip("no CUPS printer here (CI); checked with cups-pdf whose default is A4")
    # GIVEN a printer whose own default paper is not the one chosen in the app
    default_id = default.defaultPageSize().id()
    paper = Paper.LETTER if default_id.name == "A4" else Paper.A4
    drawn_on: list[QPageSize] = []
    # WHEN the person prints through the dialog, changing nothing
    dialog = print_direct(
        None,
        lambda device: drawn_on.append(device.pageLayout().pageSize()),
        paper=paper,
        title="paper check",
    )
    dialog.accept()
    # THEN the sheet is drawn on the app's paper
    assert drawn_on and drawn_on[0].isEquivalentTo(paper.page_size)  # CUPS: 'ANSI A' = Letter
