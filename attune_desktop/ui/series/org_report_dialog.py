"""The organisation report dialog (Reports → Organisation report…): a date range, any sites,
facilitators and curricula, then Preview, Save PDF or Export CSV.

The choices are the labels the series in this home carry (an organiser's home holds every
laptop's published series); "Any" leaves a filter off. The PDF is the registered
"org-report" sheet, through the shared `SheetPrinter`; the CSV is `core.org_report`'s.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core.bundle import atomic_write
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import N_, _
from attune_desktop.core.org_report import OrgFilter, build_org_report, org_report_csv
from attune_desktop.ui.common.print_action import SheetPrinter
from attune_desktop.ui.common.widgets import named
from attune_desktop.ui.series.series_files import ask_save
from attune_desktop.ui.shell import UiContext

ANY = N_("Any")


def _date_edit(day: dt.date, name: str) -> QDateEdit:
    edit = named(QDateEdit(QDate(day.year, day.month, day.day)), name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class OrgReportDialog(QDialog):
    """Choose the range and filters; preview, save or export the report."""

    def __init__(self, context: UiContext, parent: QWidget | None, today: dt.date) -> None:
        super().__init__(parent)
        self.setObjectName("orgReportDialog")
        self.setWindowTitle(_("Organisation report"))
        self._core = context.core
        self.printer = SheetPrinter(self, context.core, context.settings)
        self.printer.said.connect(self._say)
        self.start = _date_edit(dt.date(today.year, 1, 1), "orgReportFrom")
        self.end = _date_edit(dt.date(today.year, 12, 31), "orgReportTo")
        circles = self._core.series.list_series()
        self.filters: dict[str, QComboBox] = {}
        form = QFormLayout()
        form.addRow(_("From"), self.start)
        form.addRow(_("To"), self.end)
        for key, label, values in (
            ("site", _("Site"), {s.site for s in circles}),
            ("facilitator", _("Facilitator"), {s.facilitators for s in circles}),
            ("curriculum", _("Curriculum"), {s.curriculum for s in circles}),
        ):
            combo = named(QComboBox(), f"orgReport_{key}")
            combo.addItems([ANY, *sorted((v for v in values if v), key=str.casefold)])
            self.filters[key] = combo
            form.addRow(label, combo)
        self.message = named(QLabel(), "orgReportMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for text, name, slot in (
            (_("Preview…"), "orgReportPreview", lambda: self._print("preview")),
            (_("Save PDF…"), "orgReportPdf", lambda: self._print("pdf")),
            (_("Export CSV…"), "orgReportCsv", self._ask_csv),
            (_("Close"), "orgReportClose", self.reject),
        ):
            button = named(QPushButton(text), name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def chosen(self) -> OrgFilter:
        """What the form says; a backwards range is refused with a message."""

        def labels(key: str) -> tuple[str, ...]:
            text = self.filters[key].currentText()
            return () if text == ANY else (text,)

        return OrgFilter(
            self.start.date().toPython(),  # type: ignore[arg-type]
            self.end.date().toPython(),  # type: ignore[arg-type]
            sites=labels("site"),
            facilitators=labels("facilitator"),
            curricula=labels("curriculum"),
        )

    def values(self) -> dict[str, object]:
        chosen = self.chosen()
        return {
            "from_date": chosen.start.isoformat(),
            "to_date": chosen.end.isoformat(),
            "site": chosen.sites,
            "facilitator": chosen.facilitators,
            "curriculum": chosen.curricula,
        }

    def _print(self, how: str) -> QWidget | None:
        try:
            values = self.values()
        except AttuneError as exc:
            self._say(str(exc))
            return None
        return self.printer.show(how, "org-report", values)

    def _ask_csv(self) -> None:
        suggested = Path.home() / "organisation-report.csv"
        ask_save(self, _("Export CSV"), suggested, _("CSV (*.csv)"), self.export_csv_to)

    def export_csv_to(self, path: str | Path) -> str:
        """Write the CSV to `path`; says (and returns) what happened."""
        try:
            report = build_org_report(self._core.db, self._core.checkins, self.chosen())
            out = atomic_write(path, org_report_csv(report).encode("utf-8"))
        except AttuneError as exc:
            self._say(str(exc))
            return str(exc)
        said = _("Saved the report of {count} circles to {out}.").format(
            count=len(report.circles), out=out
        )
        self._say(said)
        return said

    def _say(self, text: str) -> None:
        self.message.setText(text)
