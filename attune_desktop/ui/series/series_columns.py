"""The columns of the Series screen's list: title, meeting day and time, first date, weeks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from attune_desktop.core import locale_format
from attune_desktop.core.i18n import _
from attune_desktop.core.value_labels import meeting_day
from attune_desktop.ui.common.rows_model import Column

if TYPE_CHECKING:
    from attune_desktop.core.models import Series
    from attune_desktop.core.storage.first_look import SeriesRow

    # A series as the list holds it: a `Series` from the services, or, until the core is
    # attached, the same fields read by the first look.
    Listed = Series | SeriesRow


def series_columns() -> list[Column[Listed]]:
    return [
        Column(_("Series"), lambda s: s.title, tooltip=lambda s: s.title),
        Column(
            _("Meets"), lambda s: f"{meeting_day(s.weekday)} {locale_format.clock(s.start_time)}"
        ),
        Column(
            _("From"),
            lambda s: _("template") if s.is_template else locale_format.short_date(s.first_date),
        ),
        Column(_("Weeks"), lambda s: str(s.weeks), align_right=True),
        Column(_("Venue"), lambda s: s.venue, tooltip=lambda s: s.venue),
    ]
