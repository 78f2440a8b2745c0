"""What the Series screen saves and loads: calendar, bundle, the report's CSV.

Its sheets (plan, report, print pack) print through the shared `SheetPrinter`.

Each `*_to(path)` does the work and returns a sentence for the status line (raising
`AttuneError` with a clear message otherwise); `ask_save` / `ask_open` only choose the path,
with non-blocking file dialogs, so tests call the `*_to` functions directly.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

from attune_desktop.core.i18n import _

if TYPE_CHECKING:  # the ORM is imported after the first paint, with the core
    from attune_desktop.core.container import Core


def ask_save(
    parent: QWidget, caption: str, suggested: Path, filters: str, done: Callable[[str], object]
) -> QFileDialog:
    dialog = QFileDialog(parent, caption, str(suggested), filters)
    dialog.setObjectName("seriesSaveDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(suggested.suffix.lstrip("."))
    dialog.fileSelected.connect(done)
    dialog.open()
    return dialog


def ask_open(
    parent: QWidget, caption: str, filters: str, done: Callable[[str], object]
) -> QFileDialog:
    dialog = QFileDialog(parent, caption, str(Path.home()), filters)
    dialog.setObjectName("seriesOpenDialog")
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.fileSelected.connect(done)
    dialog.open()
    return dialog


def suggested_name(core: Core, series_id: int, suffix: str) -> Path:
    from attune_desktop.core.bundle import slugify

    title = core.series.get_series(series_id).title
    return Path.home() / f"{slugify(title)}{suffix}"


def export_ics_to(core: Core, series_id: int, path: str | Path) -> str:
    out = core.series.export_ics(series_id, path)
    return _(
        "Saved the calendar to {out}. Open it in your calendar program to add the sessions."
    ).format(out=out)


def export_bundle_to(
    core: Core, series_id: int, path: str | Path, *, include_notes: bool = False
) -> str:
    out = core.series.export_bundle(series_id, path, include_notes=include_notes)
    if include_notes:
        text = _(
            "Saved the template bundle to {out}: themes, agendas and practices, with your "
            "segment scripts; no dates, counts, follow-up notes or families."
        )
    else:
        text = _(
            "Saved the template bundle to {out}: themes, agendas and practices, without your "
            "segment scripts; no dates, counts, follow-up notes or families."
        )
    return text.format(out=out)


def import_bundle_from(core: Core, path: str | Path) -> tuple[int, str]:
    result = core.series.import_bundle(path)
    return result.series_id, result.message


def report_csv_to(core: Core, series_id: int, path: str | Path) -> str:
    from attune_desktop.core.bundle import atomic_write
    from attune_desktop.core.report import build_report, report_csv

    report = build_report(core.series, core.sessions, core.checkins, series_id)
    out = atomic_write(path, report_csv(report).encode("utf-8"))
    return _("Saved the report to {out}.").format(out=out)
