"""The Series screen's File and Share work: calendar, bundles, templates, paper and the report.

Owns the actions the main window's File menu shows too. Every action reads the selected
series or session when triggered, runs through a core service or a printing module, and
reports one sentence (`said`); a refusal is said the same way and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.ui.common.print_action import SheetPrinter
from attune_desktop.ui.series import series_files as files
from attune_desktop.ui.series.commands import CreateSeries
from attune_desktop.ui.shell import UiContext

if TYPE_CHECKING:
    from attune_desktop.core.container import Core


class SeriesSharing(QObject):
    said = Signal(str)
    imported = Signal(int)  # the series (template) to show after an import or a save
    _core: Core
    printer: SheetPrinter

    def __init__(
        self, owner: QWidget, context: UiContext, selected: Callable[[], int | None]
    ) -> None:
        super().__init__(owner)
        self._owner, self._context = owner, context
        self._selected = selected
        self._open: list[QWidget] = []  # dialogs kept alive while open
        self.export_ics_action = self._action(_("Export &calendar (.ics)…"), self.ask_export_ics)
        self.export_bundle_action = self._action(
            _("Export &template bundle…"), self.ask_export_bundle
        )
        self.import_bundle_action = self._action(
            _("&Import template bundle…"), self.ask_import_bundle
        )
        self.save_template_action = self._action(
            _("Save as curriculum template"), self.save_template
        )
        self.bundle_scripts_action = self._action(_("Include my segment scripts in bundles"), None)
        self.bundle_scripts_action.setCheckable(True)
        self.bundle_scripts_action.setToolTip(
            _("Off: a bundle carries themes, agendas and practices but not your segment notes")
        )
        self.include_routines_action = self._action(_("Include the families' routine sheets"), None)
        self.include_routines_action.setCheckable(True)
        self.include_routines_action.setChecked(True)
        self.include_routines_action.setToolTip(
            _("The sheets of every family in this circle, after the agenda")
        )
        context.when_ready(self._on_core)  # every action here reads or writes through it

    def _on_core(self, core: Core) -> None:
        self._core = core
        self.printer = SheetPrinter(self._owner, core, self._context.settings)
        self.printer.said.connect(self.said)

    def _action(self, text: str, slot: Callable[[], None] | None) -> QAction:
        action = QAction(text, self)
        plain = text.replace("&", "")  # the menu's access key is no part of the name
        action.setObjectName(plain.split(" (")[0].rstrip("…").replace(" ", "_").lower())
        if slot is not None:
            action.triggered.connect(slot)
        return action

    def _run(self, work: Callable[[], str]) -> None:
        try:
            self.said.emit(work())
        except AttuneError as exc:
            self.said.emit(str(exc))

    def _save_as(
        self, caption: str, suffix: str, filters: str, write: Callable[[str], str]
    ) -> None:
        ident = self._selected()
        if ident is None:
            return
        where = files.suggested_name(self._core, ident, suffix)
        self._keep(
            files.ask_save(
                self._owner, caption, where, filters, lambda p: self._run(lambda: write(p))
            )
        )

    def _keep(self, dialog: QWidget) -> None:
        # A preview or print dialog deletes itself when closed: forget it then.
        self._open = [d for d in self._open if shiboken6.isValid(d) and d.isVisible()]
        self._open.append(dialog)

    # --- calendar, bundles, templates --------------------------------------------------------

    def ask_export_ics(self) -> None:
        ident = self._selected()
        self._save_as(
            _("Export calendar"),
            ".ics",
            _("Calendar (*.ics)"),
            lambda p: files.export_ics_to(self._core, ident or 0, p),
        )

    def ask_export_bundle(self) -> None:
        ident = self._selected()
        self._save_as(
            _("Export template bundle"),
            ".attune.json",
            _("Template bundle (*.attune.json *.json)"),
            lambda p: files.export_bundle_to(
                self._core, ident or 0, p, include_notes=self.bundle_scripts_action.isChecked()
            ),
        )

    def ask_import_bundle(self) -> None:
        self._keep(
            files.ask_open(
                self._owner,
                _("Import template bundle"),
                _("Template bundle (*.attune.json *.attune *.json)"),
                self.import_bundle_file,
            )
        )

    def import_bundle_file(self, path: str | Path) -> bool:
        """Import all of a bundle or nothing; a refusal says why, in a box and on the screen."""
        try:
            series_id, text = files.import_bundle_from(self._core, path)
        except AttuneError as exc:
            self.said.emit(_("Nothing was imported. {problem}").format(problem=exc))
            box = QMessageBox(
                QMessageBox.Icon.Warning, _("Nothing was imported"), str(exc), parent=self._owner
            )
            box.setObjectName("importRefusedBox")
            self._keep(box)
            box.open()
            return False
        self.imported.emit(series_id)
        self.said.emit(text)
        return True

    def save_template(self) -> None:
        ident = self._selected()
        if ident is None:
            return
        try:
            made = self._core.series.save_as_template(ident, self._copy_title(ident))
        except AttuneError as exc:
            self.said.emit(str(exc))
            return
        self._context.undo.push(CreateSeries(self._core.series, made.id or 0, made.title))
        self.imported.emit(made.id or 0)
        self.said.emit(
            _("Saved “{title}”: its themes and agendas, with no dates or records.").format(
                title=made.title
            )
        )

    def _copy_title(self, ident: int) -> str | None:
        """A template saved from a template is its copy: "… (copy)", never a taken title."""
        source = self._core.series.get_series(ident)
        if not source.is_template:
            return None
        from attune_desktop.core.services.practices import copy_name  # (ORM: after first paint)

        return copy_name(source.title, [t.title for t in self._core.series.templates()])

    # --- paper and the report ----------------------------------------------------------------

    def ask_report_csv(self) -> None:
        ident = self._selected()
        self._save_as(
            _("Save report (CSV)"),
            "-report.csv",
            _("CSV (*.csv)"),
            lambda p: files.report_csv_to(self._core, ident or 0, p),
        )

    def sheet(self, which: str, how: str) -> QWidget | None:
        """The series plan or the report: "preview", "print" or "pdf"."""
        ident = self._selected()
        if ident is None:
            return None
        name = "series-plan" if which == "plan" else "report"
        where = files.suggested_name(self._core, ident, f"-{which}.pdf").name
        return self.printer.show(how, name, {"series": ident}, suggested=where)

    def pack(self, session_id: int, how: str) -> QWidget | None:
        """The week's print pack, with the families' routine sheets when that is ticked."""
        try:
            session = self._core.series.get_session(session_id)
        except AttuneError as exc:
            self.said.emit(str(exc))
            return None
        values = {"session": session_id, "with_routines": self.include_routines_action.isChecked()}
        where = f"pack-week-{session.week or session_id}.pdf"
        return self.printer.show(how, "pack", values, suggested=where)
