"""A routine's steps as an item model: picture, words, minutes, the caregiver's part.

Like the agenda model it never writes: inline edits and drops become request signals the
view sends through the undoable controller, and the model is refreshed from the service.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QObject, Qt, Signal

from attune_desktop.core.bidi import is_rtl
from attune_desktop.core.i18n import N_, _
from attune_desktop.core.models import Step
from attune_desktop.ui.common.cell_names import cell_name
from attune_desktop.ui.common.row_edits import RowEdits
from attune_desktop.ui.common.row_moves import AnyIndex, RowMoves
from attune_desktop.ui.routines.pictures import PictureIcons

MIME_TYPE = "application/x-attune-step-row"
COL_PICTURE, COL_WORDS, COL_MINUTES, COL_CAREGIVER = range(4)
HEADERS = ("", N_("Words"), N_("Min"), N_("Caregiver (me)"))
SPOKEN_HEADERS = (N_("Picture"), N_("Words"), N_("Minutes"), N_("Caregiver"))
FIELDS = {COL_WORDS: "words", COL_MINUTES: "minutes", COL_CAREGIVER: "caregiver_line"}


class StepsTableModel(RowEdits[Step], RowMoves, QAbstractTableModel):
    move_requested = Signal(int, int)  # from row, to row
    mime_type = MIME_TYPE
    edit_requested = Signal(int, str, object)  # step id, field, value
    headers = HEADERS
    spoken_headers = SPOKEN_HEADERS
    edit_fields = FIELDS

    def __init__(
        self,
        icons: PictureIcons,
        parent: QObject | None = None,
        picture_name: Callable[[str], str] = lambda _picture: "",
    ) -> None:
        super().__init__(parent)
        self._icons = icons
        self._picture_name = picture_name  # what a reader says for the picture: "toothbrush"
        self._rows: list[Step] = []

    def set_steps(self, steps: list[Step]) -> None:
        self.beginResetModel()
        self._rows = list(steps)
        self.endResetModel()

    def step_at(self, row: int) -> Step | None:
        return self.row_at(row)

    def cell_data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        step = self.step_at(index.row())
        if step is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DecorationRole and column == COL_PICTURE:
            return self._icons.icon(step.picture)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_PICTURE:
                return str(index.row() + 1)
            if column == COL_MINUTES:
                return str(step.minutes) if step.minutes else ""
            return {COL_WORDS: step.words, COL_CAREGIVER: step.caregiver_line}.get(column)
        if role == Qt.ItemDataRole.EditRole:
            if column == COL_MINUTES:
                return step.minutes or 0
            return {COL_WORDS: step.words, COL_CAREGIVER: step.caregiver_line}.get(column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_WORDS, COL_CAREGIVER):
            text = step.words if column == COL_WORDS else step.caregiver_line
            side = Qt.AlignmentFlag.AlignRight if is_rtl(text) else Qt.AlignmentFlag.AlignLeft
            # Absolute: an Arabic screen mirrors left and right, the words' own side stays.
            return int(side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_WORDS, COL_CAREGIVER):
            return step.words if column == COL_WORDS else step.caregiver_line
        if role == Qt.ItemDataRole.AccessibleTextRole:  # each cell its own words
            if column == COL_PICTURE:
                picture = cell_name(SPOKEN_HEADERS[column], self._picture_name(step.picture))
                return _("Step {number}, {picture}").format(
                    number=index.row() + 1, picture=picture[0].lower() + picture[1:]
                )
            shown = self.cell_data(index, Qt.ItemDataRole.DisplayRole)
            return cell_name(SPOKEN_HEADERS[column], str(shown or ""))
        return None

    # --- drag and drop: a drop asks for a move; the service does it --------------------------
