"""Every cell of every table and list says what it holds, through Qt's accessibility interface.

A screen reader moving along a row of the routine's steps must hear the picture ("picture:
toothbrush"), the words, the minutes and the caregiver's line, not the same row summary four
times, and no cell (an icon-only one, an empty one) may be silent. The test asks QAccessible
for the cells of every item view on every screen and in every dialog, as AT-SPI hands them to
Orca.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from attune_desktop.ui.main_window import PAGES, MainWindow
from attune_desktop.ui.routines.step_panel import StepPanel
from attune_desktop.ui.shell import UiContext
from tests.ui.surfaces import build_dialogs

ITEMS = (QAccessible.Role.Cell, QAccessible.Role.ListItem, QAccessible.Role.TreeItem)


def cell_names(view: QAbstractItemView) -> dict[int, list[str]]:
    """The names a reader hears for the view's cells, row by row (a list: one per row)."""
    table = QAccessible.queryAccessibleInterface(view)
    rows: dict[int, list[str]] = {}
    for i in range(table.childCount()):
        child = table.child(i)
        if child is None or child.role() not in ITEMS:
            continue
        cell = child.tableCellInterface()
        row = cell.rowIndex() if cell is not None else i
        rows.setdefault(row, []).append(child.text(QAccessible.Text.Name).strip())
    return rows


def header_names(view: QAbstractItemView) -> list[str]:
    table = QAccessible.queryAccessibleInterface(view)
    header = view.findChild(QHeaderView)
    if header is None or not header.isVisibleTo(view):
        return []
    children = (table.child(i) for i in range(table.childCount()))
    return [
        c.text(QAccessible.Text.Name).strip()
        for c in children
        if c is not None and c.role() == QAccessible.Role.ColumnHeader
    ]


def silent_cells(top: QWidget, where: str) -> list[str]:
    """Cells with no name, rows whose cells all sound alike, and column headers with none."""
    found = []
    for view in top.findChildren(QAbstractItemView):
        what = f"{where}: {view.objectName() or type(view).__name__}"
        rows = cell_names(view)
        for row, names in rows.items():
            found += [f"{what} row {row}: a cell with no name" for n in names if not n]
            if len(names) > 1 and len(set(names)) < len(names):
                found.append(f"{what} row {row}: cells repeat a name {names}")
        if rows:
            found += [f"{what}: a column header with no name" for h in header_names(view) if not h]
    return found


def test_every_cell_on_every_screen_and_dialog_has_its_own_name(
    context: UiContext, main_window: MainWindow
) -> None:
    # GIVEN the starter content, every screen shown once, and every dialog built
    problems: list[str] = []
    for page in PAGES:
        main_window.show_page(page.key)
        # WHEN a screen reader walks the cells of each table and list
        problems += silent_cells(main_window.page(page.key), page.label)
    dialogs = build_dialogs(context, main_window)
    problems += [p for d in dialogs for p in silent_cells(d, d.windowTitle())]
    for dialog in dialogs:
        dialog.deleteLater()
    # THEN each cell says something, and the cells of a row say different things
    assert problems == [], f"{len(problems)} cell problems:\n  " + "\n  ".join(problems)


def test_a_steps_row_reads_its_picture_words_minutes_and_caregiver_line(
    main_window: MainWindow,
) -> None:
    # GIVEN the starter routine's steps (a picture, words, minutes and the caregiver's line)
    main_window.show_page("routines")
    panel = main_window.page("routines").findChild(StepPanel)
    assert panel is not None
    step = panel.model.step_at(0)
    assert step is not None and step.picture and step.caregiver_line
    # WHEN a screen reader moves along its first row
    picture, words, minutes, caregiver = cell_names(panel.table)[0]
    # THEN it hears what the picture shows, then each cell's own words
    assert picture.startswith("Step 1, picture: ") and picture != "Step 1, picture: none"
    assert words == f"Words: {step.words}"
    assert minutes == f"Minutes: {step.minutes}"
    assert caregiver == f"Caregiver: {step.caregiver_line}"
