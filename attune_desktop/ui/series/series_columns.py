"""The columns of the Series screen's list: title, meeting day and time, first date, weeks."""

from __future__ import annotations

from attune_desktop.core import locale_format
from attune_desktop.core.i18n import N_, _
from attune_desktop.core.models import Series
from attune_desktop.ui.common.rows_model import Column

WEEKDAYS = (
    N_("Mondays"),
    N_("Tuesdays"),
    N_("Wednesdays"),
    N_("Thursdays"),
    N_("Fridays"),
    N_("Saturdays"),
    N_("Sundays"),
)


def series_columns() -> list[Column[Series]]:
    return [
        Column(_("Series"), lambda s: s.title, tooltip=lambda s: s.title),
        Column(
            _("Meets"), lambda s: f"{_(WEEKDAYS[s.weekday])} {locale_format.clock(s.start_time)}"
        ),
        Column(
            _("From"),
            lambda s: _("template") if s.is_template else locale_format.short_date(s.first_date),
        ),
        Column(_("Weeks"), lambda s: str(s.weeks), align_right=True),
        Column(_("Venue"), lambda s: s.venue, tooltip=lambda s: s.venue),
    ]
