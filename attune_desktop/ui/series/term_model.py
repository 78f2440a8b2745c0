"""The term as a table: each week's number, date, theme, status, planned length and head count.

A cancelled week stays in the list (the plan and the calendar keep it too), drawn muted with
its theme struck through, so the term reads at a glance.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import QApplication

from attune_desktop.core import locale_format
from attune_desktop.core.i18n import _
from attune_desktop.core.kinds import SessionStatus
from attune_desktop.core.value_labels import status_label
from attune_desktop.ui.common.row_moves import AnyIndex
from attune_desktop.ui.common.rows_model import Column, RowsTableModel

if TYPE_CHECKING:
    from attune_desktop.core.models import Session
    from attune_desktop.core.storage.first_look import WeekRow

    # A week as the table holds it: a `Session` from the services, or, until the core is
    # attached, the same fields read by the first look.
    Week = Session | WeekRow

THEME_COLUMN = 2


def term_columns(length: Callable[[Week], str]) -> list[Column[Week]]:
    return [
        Column(_("Week"), lambda s: str(s.week or ""), align_right=True),
        Column(_("Date"), lambda s: locale_format.day_date(s.date) if s.date else "—"),
        Column(_("Theme"), lambda s: s.title, tooltip=lambda s: s.title),
        Column(_("Status"), lambda s: status_label(s.status)),
        Column(_("Length"), length, align_right=True),
        Column(
            _("Came"), lambda s: "" if s.attendance is None else str(s.attendance), align_right=True
        ),
    ]


class TermModel(RowsTableModel["Week"]):
    def __init__(self, length: Callable[[Week], str], parent: QObject | None = None) -> None:
        super().__init__(term_columns(length), parent)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        session = self.row_at(index.row())
        if session is not None and session.status == SessionStatus.CANCELLED.value:
            if role == Qt.ItemDataRole.ForegroundRole:
                muted = QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
                return QBrush(muted)
            if role == Qt.ItemDataRole.FontRole and index.column() == THEME_COLUMN:
                font = QFont()
                font.setStrikeOut(True)
                return font
        return super().data(index, role)
