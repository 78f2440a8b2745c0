"""What the Series screen saves, loads and prints: calendar, bundle, plan, report, print pack.

Each `*_to(path)` does the work and returns a sentence for the status line (raising
`AttuneError` with a clear message otherwise); `ask_save` / `ask_open` only choose the path,
with non-blocking file dialogs, so tests call the `*_to` functions directly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

from attune_desktop.app import Core
from attune_desktop.core.bundle import atomic_write, slugify

# Printing and the report are imported where used: they cost ~60 ms, and the Series screen
# (the first one shown) needs them only when something is printed or exported.
if TYPE_CHECKING:
    from attune_desktop.printing.pages import Paper, RenderFn
    from attune_desktop.printing.print_pack import PartDrawer


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
    title = core.series.get_series(series_id).title
    return Path.home() / f"{slugify(title)}{suffix}"


def export_ics_to(core: Core, series_id: int, path: str | Path) -> str:
    out = core.series.export_ics(series_id, path)
    return f"Saved the calendar to {out}. Open it in your calendar program to add the sessions."


def export_bundle_to(
    core: Core, series_id: int, path: str | Path, *, include_notes: bool = False
) -> str:
    out = core.series.export_bundle(series_id, path, include_notes=include_notes)
    scripts = "with" if include_notes else "without"
    return (
        f"Saved the template bundle to {out}: themes, agendas and practices, {scripts} your "
        "segment scripts; no dates, counts, follow-up notes or families."
    )


def import_bundle_from(core: Core, path: str | Path) -> tuple[int, str]:
    result = core.series.import_bundle(path)
    return result.series_id, result.message


def report_csv_to(core: Core, series_id: int, path: str | Path) -> str:
    from attune_desktop.core.report import build_report, report_csv

    report = build_report(core.series, core.sessions, core.checkins, series_id)
    out = atomic_write(path, report_csv(report).encode("utf-8"))
    return f"Saved the report to {out}."


def plan_renderer(core: Core, series_id: int, paper: Paper) -> tuple[RenderFn, str]:
    from attune_desktop.printing.series_plan import series_plan_renderer

    return series_plan_renderer(core.series, series_id, paper)


def report_pdf_renderer(core: Core, series_id: int, paper: Paper) -> tuple[RenderFn, str]:
    from attune_desktop.core.report import build_report
    from attune_desktop.printing.series_report import report_renderer

    report = build_report(core.series, core.sessions, core.checkins, series_id)
    return report_renderer(report, paper)


def pack_renderer(
    core: Core, session_id: int, paper: Paper, extra_parts: Sequence[PartDrawer] = ()
) -> tuple[RenderFn, str]:
    from attune_desktop.printing.print_pack import print_pack_renderer

    return print_pack_renderer(core.sessions, session_id, paper, extra_parts=extra_parts)


def show(parent: QWidget, how: str, made: tuple[RenderFn, str], paper: Paper) -> QWidget | None:
    """Preview or print a sheet (non-blocking); "pdf" is handled by the caller."""
    from attune_desktop.printing.pages import print_direct, print_preview

    render, title = made
    if how == "preview":
        return print_preview(parent, render, paper=paper, title=title)
    if how == "print":
        return print_direct(parent, render, paper=paper, title=title)
    return None
