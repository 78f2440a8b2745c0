"""Creating a series and changing its plan from the series form's values, onto the undo stack.

Mixed into `SeriesView`, which sets these attributes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.ui.series.commands import CreateSeries, ReplanSeries

if TYPE_CHECKING:  # the ORM is imported after the first paint, with the core
    from PySide6.QtGui import QUndoStack

    from attune_desktop.core.container import Core
    from attune_desktop.core.models import Series

PLAN_KEYS = ("title", "venue", "facilitators", "weekday", "start_time", "first_date", "weeks")


class SeriesEdits:
    _core: Core
    _undo: QUndoStack

    def refresh(self) -> None:
        raise NotImplementedError

    def select_series(self, series_id: int) -> None:
        raise NotImplementedError

    def say(self, text: str) -> None:
        raise NotImplementedError

    def create_series(self, values: dict[str, Any]) -> str | None:
        """Create from the form's values; returns the refusal, or None when created."""
        fields = dict(values)
        kind, ident = fields.pop("source", ("blank", 0))
        title, first = fields.pop("title"), fields.pop("first_date")
        try:
            if kind == "template":
                made = self._core.series.create_from_template(ident, title, first, **fields)
            elif kind == "clone":
                made = self._core.series.clone_series(ident, title, first, **fields)
            else:
                made = self._core.series.create_series(title, first, **fields)
        except AttuneError as exc:
            return str(exc)
        self._undo.push(CreateSeries(self._core.series, made.id or 0, made.title))
        self.refresh()
        self.select_series(made.id or 0)
        self.say(
            _("Created “{title}” with {weeks} weeks.").format(title=made.title, weeks=made.weeks)
        )
        return None

    def edit_series(self, series: Series, values: dict[str, Any]) -> str | None:
        changes = {
            key: values[key]
            for key in (*PLAN_KEYS, "skip_dates", "time_zone")
            if key in values and _differs(getattr(series, key), values[key])
        }
        if not changes:
            return None
        try:
            record = self._core.series.replan_series(series.id or 0, **changes)
        except AttuneError as exc:
            return str(exc)
        self._undo.push(ReplanSeries(self._core.series, record))
        self.say(_("Saved the plan; Undo puts every week back as it was."))
        return None


def _differs(current: object, new: object) -> bool:
    if isinstance(current, str) and isinstance(new, str):
        return current.replace(" ", "") != new.replace(" ", "")
    return current != new
