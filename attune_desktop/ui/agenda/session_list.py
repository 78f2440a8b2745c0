"""The list of sessions (or templates) beside the builder, with its session-level actions."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Signal, SignalInstance
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core import locale_format
from attune_desktop.core.i18n import _
from attune_desktop.core.services.sessions import SessionService, SessionTitle
from attune_desktop.ui.common.rows_model import Column, RowsTableModel
from attune_desktop.ui.common.widgets import configure_table, named, spoken_label


class SessionList(QWidget):
    session_selected = Signal(object)  # int | None
    new_requested = Signal()
    duplicate_requested = Signal(int)
    delete_requested = Signal(int)
    template_requested = Signal(int)  # save as template
    use_template_requested = Signal(int)

    def __init__(self, service: SessionService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.which = named(QComboBox(), "sessionListFilter")
        self.which.addItem(_("Sessions"), False)
        self.which.addItem(_("Templates"), True)
        self.which.setAccessibleName(_("Show sessions or templates"))
        self.model: RowsTableModel[SessionTitle] = RowsTableModel(
            [
                Column(_("Date"), lambda s: locale_format.short_date(s.date) if s.date else "—"),
                Column(_("Session"), lambda s: s.title, tooltip=lambda s: s.title),
            ],
            self,
        )
        self.table = named(QTableView(), "builderSessionsTable")
        self.table.setModel(self.model)
        configure_table(self.table, stretch_column=1)
        self.table.setAccessibleName(_("Sessions"))

        self.new_button = named(QPushButton(_("&New")), "newSession")
        self.new_button.setToolTip(_("New session (Ctrl+Shift+N)"))
        self.duplicate_button = named(QPushButton(_("Duplicate")), "duplicateSession")
        self.delete_button = named(QPushButton(_("Delete")), "deleteSession")
        self.template_button = named(QPushButton(_("Save as template")), "saveTemplate")
        self.use_button = named(QPushButton(_("New from template")), "useTemplate")

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.duplicate_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.which)
        layout.addWidget(spoken_label(self.which, _("Show sessions or templates")))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.template_button)
        layout.addWidget(self.use_button)

        self.which.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.selectionModel().selectionChanged.connect(self._on_selected)
        self.new_button.clicked.connect(self.new_requested)
        self.duplicate_button.clicked.connect(lambda: self._emit(self.duplicate_requested))
        self.delete_button.clicked.connect(lambda: self._emit(self.delete_requested))
        self.template_button.clicked.connect(lambda: self._emit(self.template_requested))
        self.use_button.clicked.connect(lambda: self._emit(self.use_template_requested))

    @property
    def showing_templates(self) -> bool:
        return bool(self.which.currentData())

    def refresh(self, select_id: int | None = None) -> None:
        current = select_id or self.selected_id()
        templates = self.showing_templates
        rows = self._service.list_session_titles(templates=templates)
        self.model.set_rows(rows)
        self.template_button.setVisible(not templates)
        self.use_button.setVisible(templates)
        row = self.model.find(lambda s: s.id == current) if current else -1
        if rows:
            self.table.selectRow(row if row >= 0 else 0)
        else:
            self.session_selected.emit(None)
        self._update_buttons()

    def select(self, session_id: int) -> None:
        session = self._service.get_session(session_id)
        if session.is_template != self.showing_templates:
            self.which.setCurrentIndex(1 if session.is_template else 0)
        row = self.model.find(lambda s: s.id == session_id)
        if row >= 0:  # already listed (the list follows every announcement): just select it
            self.table.selectRow(row)
            return
        self.refresh(select_id=session_id)

    def selected_id(self) -> int | None:
        session = self.model.selected_in(self.table)
        return session.id if session else None

    def _emit(self, signal: SignalInstance) -> None:
        ident = self.selected_id()
        if ident is not None:
            signal.emit(ident)

    def _update_buttons(self) -> None:
        ident = self.selected_id()
        for button in (self.duplicate_button, self.template_button, self.use_button):
            button.setEnabled(ident is not None)
        # A week of a template received from the organisation stays: the organisation's own
        self.delete_button.setEnabled(ident is not None and not self._service.is_received(ident))

    def _on_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()
        self.session_selected.emit(self.selected_id())
