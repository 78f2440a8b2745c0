"""How the steps list looks and behaves: big pictures, whole rows, drag to reorder."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from attune_desktop.core.i18n import _
from attune_desktop.ui.common.row_moves import enable_row_drags
from attune_desktop.ui.routines.steps_model import COL_CAREGIVER, COL_WORDS


def configure_steps_table(table: QTableView) -> None:
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    enable_row_drags(table)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    table.setIconSize(QSize(40, 40))
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(46)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    table.setAccessibleName(_("Steps"))
    table.setToolTip(
        _(
            "Enter edits the words (or the picture); Delete removes the step; "
            "drag or Ctrl+↑/↓ reorders"
        )
    )
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(COL_WORDS, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(COL_CAREGIVER, QHeaderView.ResizeMode.Stretch)
