"""The form for a new series (blank, from a template, or a copy) and for editing a series' plan.

The dialog only gathers values; the view hands them to the service and either closes the
dialog or shows the service's message beside the form (`show_error`), so bad input changes
nothing and the organiser keeps what they typed.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core.i18n import N_, _
from attune_desktop.core.series_dates import next_on_weekday
from attune_desktop.ui.common.ui_language import date_edit_format, show_clock
from attune_desktop.ui.common.widgets import error_label, named, show_error

WEEKDAY_NAMES = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)

if TYPE_CHECKING:  # annotations only: the ORM is not imported before the first paint
    from attune_desktop.core.models import Series

BLANK = ("blank", 0)


class SeriesDialog(QDialog):
    """Emits `submitted(values)`; `values["source"]` is ("blank" | "template" | "clone", id)."""

    submitted = Signal(dict)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        templates: list[Series] | None = None,
        earlier: list[Series] | None = None,
        received: set[int] | None = None,  # templates from the organisation's library
        editing: Series | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("seriesDialog")
        self.setWindowTitle(_("Edit series plan") if editing else _("New series"))
        self.setMinimumWidth(520)
        self._syncing = False

        self.source = named(QComboBox(), "seriesSource")
        self.source.addItem(_("A blank series"), BLANK)
        self._sources: dict[tuple[str, int], Series] = {}
        for kind, label, rows in (
            ("template", _("Curriculum template"), templates or []),
            ("clone", _("A copy of"), earlier or []),
        ):
            for row in rows:
                title = row.title
                if kind == "template" and row.id in (received or set()):
                    title = _("{title} (from your organisation)").format(title=title)
                self.source.addItem(f"{label}: {title}", (kind, row.id))
                self._sources[(kind, row.id or 0)] = row
        self.title_edit = named(QLineEdit(), "seriesTitleEdit")
        self.title_edit.setMaxLength(120)
        self.title_edit.setPlaceholderText(_("e.g. Spring circle at the library"))
        self.venue = named(QLineEdit(), "seriesVenueEdit")
        self.venue.setMaxLength(200)
        self.facilitators = named(QLineEdit(), "seriesFacilitatorsEdit")
        self.facilitators.setMaxLength(300)
        self.weekday = named(QComboBox(), "seriesWeekday")
        self.weekday.addItems([_(name) for name in WEEKDAY_NAMES])
        self.start_time = named(QTimeEdit(QTime(18, 0)), "seriesStartTime")
        show_clock(self.start_time)
        self.first_date = named(QDateEdit(), "seriesFirstDate")
        self.first_date.setCalendarPopup(True)
        self.first_date.setDisplayFormat(date_edit_format())
        self.weeks = named(QSpinBox(), "seriesWeeks")
        self.weeks.setRange(1, 52)
        self.weeks.setValue(6)
        self.weeks.setSuffix(_(" weeks"))
        self.skips = named(QLineEdit(), "seriesSkipDates")
        self.skips.setPlaceholderText(_("dates to skip, e.g. 2026-12-22, 2026-12-29"))
        self.zone = named(QComboBox(), "seriesTimeZone")
        self.zone.setEditable(True)
        self.zone.addItem("")
        self.zone.setItemData(0, _("This laptop's time zone"), Qt.ItemDataRole.AccessibleTextRole)
        self.zone.addItems(sorted(zoneinfo.available_timezones()))
        zone_edit = self.zone.lineEdit()
        if zone_edit is not None:
            zone_edit.setPlaceholderText(_("this laptop's time zone"))
        self.error = error_label("seriesDialogError")

        form = QFormLayout()
        if editing is None:
            form.addRow(_("Start from"), self.source)
        form.addRow(_("Title"), self.title_edit)
        form.addRow(_("Venue"), self.venue)
        form.addRow(_("Facilitators"), self.facilitators)
        form.addRow(_("Meets on"), self.weekday)
        form.addRow(_("Starts at"), self.start_time)
        form.addRow(_("First date"), self.first_date)
        form.addRow(_("Number of weeks"), self.weeks)
        form.addRow(_("Skip dates"), self.skips)
        form.addRow(_("Time zone"), self.zone)
        if editing is not None and editing.is_template:  # a template has weeks, not dates
            for field in (self.first_date, self.skips, self.zone):
                form.setRowVisible(field, False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Save plan") if editing else _("Create series"))
        ok.setObjectName("seriesDialogOk")
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self.first_date.dateChanged.connect(self._on_date_changed)
        self.weekday.currentIndexChanged.connect(self._on_weekday_changed)
        self.source.currentIndexChanged.connect(self._on_source_changed)
        start = today or dt.date.today()
        self._set_date(next_on_weekday(start, 1))  # circles often meet on a Tuesday
        if editing is not None:
            self._fill(editing)

    def _fill(self, series: Series) -> None:
        self.title_edit.setText(series.title)
        self.venue.setText(series.venue)
        self.facilitators.setText(series.facilitators)
        self.start_time.setTime(QTime(series.start_time.hour, series.start_time.minute))
        self._set_date(series.first_date)
        self.weeks.setValue(series.weeks)
        self.skips.setText(series.skip_dates.replace(",", ", "))
        self.zone.setCurrentText(series.time_zone)

    def _set_date(self, day: dt.date) -> None:
        self.first_date.setDate(QDate(day.year, day.month, day.day))

    def values(self) -> dict[str, Any]:
        time = self.start_time.time()
        return {
            "source": self.source.currentData() or BLANK,
            "title": self.title_edit.text(),
            "venue": self.venue.text(),
            "facilitators": self.facilitators.text(),
            "weekday": self.weekday.currentIndex(),
            "start_time": dt.time(time.hour(), time.minute()),
            "first_date": self.first_date.date().toPython(),
            "weeks": self.weeks.value(),
            "skip_dates": self.skips.text(),
            "time_zone": self.zone.currentText().strip(),
        }

    def show_error(self, message: str) -> None:
        show_error(self.error, message)

    def _on_ok(self) -> None:
        self.error.hide()
        self.submitted.emit(self.values())

    def _on_date_changed(self, date: QDate) -> None:
        if not self._syncing:
            self._syncing = True
            self.weekday.setCurrentIndex(date.dayOfWeek() - 1)
            self._syncing = False

    def _on_weekday_changed(self, weekday: int) -> None:
        if not self._syncing:
            self._syncing = True
            current: dt.date = self.first_date.date().toPython()  # type: ignore[assignment]
            self._set_date(next_on_weekday(current, weekday))
            self._syncing = False

    def _on_source_changed(self) -> None:
        kind, ident = self.source.currentData() or BLANK
        source = self._sources.get((kind, ident))
        if source is None:
            return
        self.weeks.setValue(source.weeks)
        self.start_time.setTime(QTime(source.start_time.hour, source.start_time.minute))
        if not self.title_edit.text().strip():
            self.title_edit.setText(source.title.removesuffix(" (curriculum)"))
        self.venue.setText(self.venue.text() or source.venue)
        self.facilitators.setText(self.facilitators.text() or source.facilitators)
        if source.time_zone and not self.zone.currentText():
            self.zone.setCurrentText(source.time_zone)


class DateDialog(QDialog):
    """Ask for one date (and optionally a theme): to move a session or add an extra one."""

    chosen = Signal(object, str)  # dt.date, theme ("" when not asked)

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        prompt: str,
        day: dt.date,
        *,
        ask_theme: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("seriesDateDialog")
        self.setWindowTitle(title)
        self.date = named(QDateEdit(QDate(day.year, day.month, day.day)), "seriesDateEdit")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(date_edit_format())
        self.theme = named(QLineEdit(), "seriesThemeEdit")
        self.theme.setMaxLength(120)
        self.theme.setPlaceholderText(_("theme (optional)"))
        self.error = error_label("seriesDateError")
        self.setMinimumWidth(440)
        lead = QLabel(prompt)
        lead.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Date"), self.date)
        if ask_theme:
            form.addRow(_("Theme"), self.theme)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("seriesDateOk")
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(lead)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def show_error(self, message: str) -> None:
        show_error(self.error, message)

    def _on_ok(self) -> None:
        self.error.hide()
        self.chosen.emit(self.date.date().toPython(), self.theme.text().strip())
