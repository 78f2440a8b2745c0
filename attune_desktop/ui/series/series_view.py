"""The organiser's Series screen: every series and curriculum template, and the selected term.

Top: the series list with New, Edit plan, Share (calendar, bundle) and Print (plan, report).
Below: the selected series' weeks (`TermPanel`), with move/cancel/add, attendance and the
facilitator's follow-up notes. Every write goes through a core service and onto the undo stack.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import shiboken6
from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QWidget,
)

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.ui.common.rows_model import RowsTableModel
from attune_desktop.ui.common.subscriptions import Subscriptions
from attune_desktop.ui.common.widgets import configure_table, empty_label, named, page_layout
from attune_desktop.ui.series.commands import DeleteSeries
from attune_desktop.ui.series.series_columns import series_columns
from attune_desktop.ui.series.series_edits import SeriesEdits
from attune_desktop.ui.series.series_sharing import SeriesSharing
from attune_desktop.ui.series.term_panel import TermPanel
from attune_desktop.ui.shell import UiContext

if TYPE_CHECKING:  # the ORM is imported after the first paint, with the core
    from attune_desktop.core.container import Core
    from attune_desktop.core.models import Series
    from attune_desktop.ui.series.series_columns import Listed
    from attune_desktop.ui.series.series_dialog import SeriesDialog


class SeriesView(SeriesEdits, QWidget):
    """The organiser's screen; it owns no data, only what the services return."""

    session_activated = Signal(int)  # open the session's agenda (main window wires it)
    run_requested = Signal(int)  # run the session (the lead wires the run window)
    _core: Core

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("seriesView")
        self._context = context
        self._undo = context.undo
        self._open: list[QWidget] = []  # dialogs kept alive while open
        self.model: RowsTableModel[Listed] = RowsTableModel(series_columns(), self)
        self.series_model = self.model
        self.series_table = named(QTableView(), "seriesTable")
        self.series_table.setModel(self.model)
        configure_table(self.series_table, stretch_column=0)
        self.series_table.setAccessibleName(_("Series"))
        self.term = TermPanel(context)
        self.term.agenda_requested.connect(self.session_activated)
        self.term.run_requested.connect(self.run_requested)
        self.term.message.connect(self.say)
        self.empty = empty_label(
            _(
                "No series yet. Choose “New series…” to plan a term of weekly sessions, from "
                "scratch or from a curriculum template, or import a template bundle."
            )
        )
        self.message = named(QLabel(), "seriesMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.sharing = SeriesSharing(self, context, self.selected_series_id)
        self.sharing.said.connect(self.say)
        self.sharing.imported.connect(self._on_imported)
        self.term.received.duplicate_requested.connect(self.sharing.save_template)
        self.term.pack_requested.connect(self.sharing.pack)
        self.term.pack_menu.addSeparator()
        self.term.pack_menu.addAction(self.sharing.include_routines_action)
        self.export_ics_action = self.sharing.export_ics_action
        self.export_bundle_action = self.sharing.export_bundle_action
        self.import_bundle_action = self.sharing.import_bundle_action

        layout = page_layout(
            self,
            _("Series"),
            _("Plan a term: each week's date, theme and status; print and share it."),
        )
        layout.addLayout(self._toolbar())
        layout.addWidget(self.empty, 1)
        split = self.split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.series_table)
        split.addWidget(self.term)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([150, 450])
        layout.addWidget(split, 1)
        layout.addWidget(self.message)

        self.series_table.selectionModel().selectionChanged.connect(self._on_series_selected)
        late = not context.ready
        context.when_ready(lambda core: self._on_core(core, late=late))
        self.refresh()  # before the core is open, from the first look: painted at once

    def _on_core(self, core: Core, *, late: bool) -> None:
        self._core = core
        Subscriptions(self).refresh_on(core.series.changed, self.refresh)
        if late:  # the rows shown came from the first look: the services' rows replace them
            self.refresh()

    def file_actions(self) -> list[QAction]:
        """For the main window's File menu."""
        return [self.export_ics_action, self.export_bundle_action, self.import_bundle_action]

    def _toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        new = named(QPushButton(_("New series…")), "newSeriesButton")
        new.setProperty("role", "primary")
        new.clicked.connect(self.ask_new_series)
        self.edit_button = named(QPushButton(_("Edit plan…")), "editSeriesButton")
        self.edit_button.clicked.connect(self.ask_edit_series)
        self.delete_button = named(QPushButton(_("Delete")), "deleteSeriesButton")
        self.delete_button.setToolTip(_("Delete the selected series with its sessions (undoable)"))
        self.delete_button.clicked.connect(self.delete_selected_series)
        share = self._menu_button(_("Share"), "shareButton", [])
        share.menu().addActions(self.file_actions())
        share.menu().addSeparator()
        share.menu().addAction(self.sharing.bundle_scripts_action)
        share.menu().addSeparator()
        share.menu().addAction(self.sharing.save_template_action)
        printing = self.print_button = self._menu_button(
            _("Print and report"),
            "printSeriesButton",
            [
                (_("Series plan: preview…"), lambda: self.sharing.sheet("plan", "preview")),
                (_("Series plan: print…"), lambda: self.sharing.sheet("plan", "print")),
                (_("Series plan: save PDF…"), lambda: self.sharing.sheet("plan", "pdf")),
                (_("Report: preview…"), lambda: self.sharing.sheet("report", "preview")),
                (_("Report: save PDF…"), lambda: self.sharing.sheet("report", "pdf")),
                (_("Report: save CSV…"), self.sharing.ask_report_csv),
            ],
        )
        for widget in (new, self.edit_button, self.delete_button, share, printing):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _menu_button(self, text: str, name: str, items: list[tuple[str, Any]]) -> QToolButton:
        button = named(QToolButton(), name)
        button.setText(text)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        for label, slot in items:
            menu.addAction(label, slot)
        button.setMenu(menu)
        return button

    # --- reading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.selected_series_id()
        rows: list[Listed] = []
        if self._context.ready:
            rows += self._core.series.list_series(templates=False)
            rows += self._core.series.templates()
        elif self._context.first_look is not None:
            rows += self._context.first_look.series
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.split.setVisible(bool(rows))
        self.print_button.setEnabled(bool(rows))
        row = self.model.find(lambda s: s.id == selected) if selected else 0
        if rows:  # the reset cleared the selection, so this announces it (once)
            self.series_table.selectRow(max(row, 0))
        else:
            self._on_series_selected()

    def selected_series(self) -> Series | None:
        """The selected series, once the core is open (the first look's rows are not
        `Series`: nothing edits them)."""
        if not self._context.ready:
            return None
        return cast("Series | None", self.model.selected_in(self.series_table))

    def selected_series_id(self) -> int | None:
        series = self.model.selected_in(self.series_table)
        return series.id if series else None

    def select_series(self, series_id: int) -> None:
        row = self.model.find(lambda s: s.id == series_id)
        if row >= 0:
            self.series_table.selectRow(row)

    def _on_series_selected(self, *_args: QItemSelection) -> None:
        series = self.selected_series()  # none before the core is open: nothing to edit yet
        received = series is not None and self._core.series.is_received(series.id or 0)
        self.term.set_series(self.selected_series_id(), received=received)
        dated = series is not None and not series.is_template
        self.edit_button.setEnabled(series is not None and not received)
        self.delete_button.setEnabled(series is not None and not received)
        self.export_ics_action.setEnabled(dated)
        self.export_bundle_action.setEnabled(series is not None)

    def say(self, text: str) -> None:
        self.message.setText(text)

    # --- creating and editing ----------------------------------------------------------------

    def ask_new_series(self) -> SeriesDialog:
        from attune_desktop.ui.series.series_dialog import SeriesDialog

        dialog = SeriesDialog(
            self,
            templates=self._core.series.templates(),
            earlier=self._core.series.list_series(templates=False),
            received=self._core.series.received_template_ids(),
        )
        dialog.submitted.connect(lambda values: self._on_submitted(dialog, values, None))
        self._keep(dialog)
        return dialog

    def ask_edit_series(self) -> SeriesDialog | None:
        series = self.selected_series()
        if series is None:
            return None
        from attune_desktop.ui.series.series_dialog import SeriesDialog

        dialog = SeriesDialog(self, editing=series)
        dialog.submitted.connect(lambda values: self._on_submitted(dialog, values, series))
        self._keep(dialog)
        return dialog

    def _on_submitted(
        self, dialog: SeriesDialog, values: dict[str, Any], old: Series | None
    ) -> None:
        refused = self.create_series(values) if old is None else self.edit_series(old, values)
        if refused:
            dialog.show_error(refused)
        else:
            dialog.accept()

    def _keep(self, dialog: QWidget) -> None:
        # A preview or print dialog deletes itself when closed: forget it then.
        self._open = [d for d in self._open if shiboken6.isValid(d) and d.isVisible()]
        self._open.append(dialog)
        dialog.open()  # type: ignore[attr-defined]

    # --- deleting ----------------------------------------------------------------------------

    def delete_selected_series(self) -> None:
        series = self.selected_series()
        if series is None or series.id is None:
            return
        try:
            snap = self._core.series.delete_series(series.id)
        except AttuneError as exc:  # a template received from the organisation
            return self.say(str(exc))
        self._undo.push(DeleteSeries(self._core.series, snap, series.title))
        self.refresh()
        self.say(_("Deleted “{title}”. Undo brings it back whole.").format(title=series.title))

    # --- sharing and printing (SeriesSharing does the work) -----------------------------------

    def import_bundle_file(self, path: str | Path) -> bool:
        return self.sharing.import_bundle_file(path)

    def _on_imported(self, series_id: int) -> None:
        self.refresh()
        self.select_series(series_id)
