"""Routine sheets families take home: picture-first, in their language, at true size.

`draw_routine_sheets` draws onto a print job that is already open (`pages.open_pages`), so a
series print pack can put routine sheets beside its other parts; `routine_sheets_renderer`
and `export_routine_sheets_pdf` make a job of their own for one family or a whole series.
A progress callback hears after every sheet and may cancel the job.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from attune_desktop.core import sheet_words
from attune_desktop.core.config import resources_dir
from attune_desktop.core.models import Family
from attune_desktop.core.services.families import FamilyService
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.printing.pages import (
    LAYOUT_DPI,
    Ink,
    Pages,
    Paper,
    PrintError,
    RenderFn,
    open_pages,
    print_direct,
    print_preview,
    write_pdf,
)
from attune_desktop.printing.sheet_canvas import Canvas
from attune_desktop.printing.sheet_layouts import (
    CARD_GRIDS,
    Layout,
    NewPage,
    Sheet,
    SheetItem,
    SheetStep,
    draw_cards,
    draw_poster,
    draw_strip,
    draw_tracker,
)

__all__ = [
    "Layout",
    "PrintCancelled",
    "SheetItem",
    "SheetOptions",
    "SheetStep",
    "draw_routine_sheets",
    "export_routine_sheets_pdf",
    "routine_sheet_items",
    "routine_sheets_renderer",
]

SHEET_MARGIN_MM = 12.0
Progress = Callable[[int, int], bool]  # (sheets done, sheets in all) -> carry on?


class PrintCancelled(PrintError):
    """The person stopped the job; no file was written."""


@dataclass(frozen=True)
class SheetOptions:
    layout: Layout = Layout.POSTER
    paper: Paper = Paper.A4
    ink: Ink = Ink.COLOR
    icons_only: bool = False
    cards_per_page: int = 6
    with_tracker: bool = False  # a week tracker page after each routine's sheet

    def __post_init__(self) -> None:
        if self.cards_per_page not in CARD_GRIDS:
            allowed = ", ".join(str(n) for n in CARD_GRIDS)
            raise PrintError(
                f"{self.cards_per_page} cards a page does not make a grid: choose {allowed}."
            )

    @classmethod
    def parse(
        cls,
        layout: str = "poster",
        paper: str = "a4",
        ink: str = "color",
        *,
        icons_only: bool = False,
        cards_per_page: int = 6,
        with_tracker: bool = False,
    ) -> SheetOptions:
        """Options from words (the command line, settings), with a clear message when wrong."""
        try:
            chosen = Layout(layout.strip().lower())
        except ValueError:
            names = ", ".join(item.value for item in Layout)
            raise PrintError(f"Unknown layout {layout!r}: choose {names}.") from None
        ink_name = "low" if ink.strip().lower() in ("low", "low-ink", "bw") else ink
        return cls(
            chosen,
            Paper.from_name(paper),
            Ink.from_name(ink_name),
            icons_only=icons_only,
            cards_per_page=cards_per_page,
            with_tracker=with_tracker,
        )


def sheet_page_layout(page_size: QPageSize, layout: Layout) -> QPageLayout:
    orientation = (
        QPageLayout.Orientation.Landscape if layout.landscape else QPageLayout.Orientation.Portrait
    )
    margins = QMarginsF(SHEET_MARGIN_MM, SHEET_MARGIN_MM, SHEET_MARGIN_MM, SHEET_MARGIN_MM)
    return QPageLayout(page_size, orientation, margins, QPageLayout.Unit.Millimeter)


def draw_routine_sheets(
    pages: Pages,
    items: Sequence[SheetItem],
    options: SheetOptions,
    progress: Progress | None = None,
    *,
    photos_dir: Path | None = None,
    pictures_dir: Path | None = None,
) -> int:
    """Draw every item's sheet (and tracker, if asked) onto the job; returns pages drawn.

    The paper comes from the device, so a print preview that switches to Letter redraws on
    Letter; orientation comes from the layout (a strip is landscape among portrait pages).
    """
    painter = pages.painter
    canvas = Canvas(
        painter,
        options.ink.palette,
        pictures_dir=pictures_dir or resources_dir() / "pictograms",
        photos_dir=photos_dir,
        outline=options.ink is Ink.LOW,
    )
    turner = _PageTurner(pages)
    page_size = pages.device.pageLayout().pageSize()
    parts = [options.layout]
    if options.with_tracker and options.layout is not Layout.TRACKER:
        parts.append(Layout.TRACKER)
    try:
        for done, item in enumerate(items):
            for part in parts:
                page = sheet_page_layout(page_size, part)
                rect = page.paintRectPixels(LAYOUT_DPI)
                body = QSizeF(rect.width(), rect.height())
                sheet = Sheet(canvas, item, options.icons_only, turner.turner(page, body))
                _draw_part(sheet, part, options, body)
            if progress is not None and not progress(done + 1, len(items)):
                raise PrintCancelled("Printing was stopped; nothing was saved.")
    finally:
        turner.close()
    return pages.pages_started


class _PageTurner:
    """Starts pages and keeps the painter scaled to layout pixels on each of them."""

    def __init__(self, pages: Pages) -> None:
        self._pages = pages
        self._scale = pages.device.logicalDpiX() / LAYOUT_DPI
        self._saved = False

    def turner(self, layout: QPageLayout, body: QSizeF) -> NewPage:
        def new_page() -> QSizeF:
            self.close()
            self._pages.start_page(layout)
            self._pages.painter.save()
            self._saved = True
            self._pages.painter.scale(self._scale, self._scale)
            return body

        return new_page

    def close(self) -> None:
        if self._saved:
            self._pages.painter.restore()
            self._saved = False


def _draw_part(sheet: Sheet, part: Layout, options: SheetOptions, body: QSizeF) -> None:
    if part is Layout.POSTER:
        draw_poster(sheet, body.height())
    elif part is Layout.STRIP:
        draw_strip(sheet, body.height())
    elif part is Layout.CARDS:
        draw_cards(sheet, options.cards_per_page)
    else:
        draw_tracker(sheet, body.height())


# --- from the database -----------------------------------------------------------------------


def routine_sheet_items(
    families: FamilyService,
    *,
    family_id: int | None = None,
    series_id: int | None = None,
    routine_ids: Sequence[int] | None = None,
) -> list[SheetItem]:
    """The sheets to print: one routine, a family's routines, or a whole series' families.

    Routines without steps are left out of a family's or a series' sheets; asking for
    nothing printable at all is an error that says why.
    """
    chosen: list[Family]
    if family_id is not None:
        chosen = [families.get_family(family_id)]
    elif series_id is not None:
        chosen = families.list_families(series_id=series_id)
        if not chosen:
            raise PrintError(f"Series {series_id} has no families yet: add one in Routines.")
    else:
        chosen = families.list_families()
    wanted = set(routine_ids) if routine_ids is not None else None
    items: list[SheetItem] = []
    for family in chosen:
        for routine in families.routines(family.id or 0):
            if wanted is not None and routine.id not in wanted:
                continue
            steps = tuple(
                SheetStep(s.picture, s.words, s.minutes, s.caregiver_line)
                for s in families.steps(routine.id or 0)
            )
            if steps:
                items.append(
                    SheetItem(
                        family.label, family.language, routine.title, routine.time_of_day, steps
                    )
                )
    if not items and family_id is not None and not families.routines(family_id):
        raise PrintError(
            f"“{chosen[0].label}” has no routines yet: add one in Routines (New or From "
            "template), then its steps."
        )
    if not items:
        raise PrintError(
            "There is nothing to print yet: the routines chosen have no steps. Add a step first."
        )
    return items


def routine_sheets_renderer(
    families: FamilyService,
    photos_dir: Path,
    options: SheetOptions,
    *,
    family_id: int | None = None,
    series_id: int | None = None,
    routine_ids: Sequence[int] | None = None,
    progress: Progress | None = None,
) -> tuple[RenderFn, str]:
    """A render function for the chosen sheets, and the job's title (read now, drawn later)."""
    items = routine_sheet_items(
        families, family_id=family_id, series_id=series_id, routine_ids=routine_ids
    )
    labels = sorted({item.family_label for item in items})
    title = (
        f"Routine sheets · {labels[0]}"
        if len(labels) == 1
        else (f"Routine sheets · {len(labels)} families")
    )

    def render(device: QPagedPaintDevice) -> None:
        # The first page takes its orientation before painting starts (a strip is landscape).
        device.setPageLayout(sheet_page_layout(device.pageLayout().pageSize(), options.layout))
        with open_pages(device) as pages:
            draw_routine_sheets(pages, items, options, progress, photos_dir=photos_dir)

    return render, title


def export_routine_sheets_pdf(
    families: FamilyService,
    photos_dir: Path,
    out_path: str | os.PathLike[str],
    options: SheetOptions,
    *,
    family_id: int | None = None,
    series_id: int | None = None,
    routine_ids: Sequence[int] | None = None,
    progress: Progress | None = None,
) -> Path:
    """Save sheets as one PDF at true size; a cancelled or failed job leaves no file."""
    render, title = routine_sheets_renderer(
        families,
        photos_dir,
        options,
        family_id=family_id,
        series_id=series_id,
        routine_ids=routine_ids,
        progress=progress,
    )
    return write_pdf(out_path, render, paper=options.paper, title=title)


def preview_routine_sheets(
    parent: QWidget | None, render: RenderFn, title: str, options: SheetOptions
) -> QPrintPreviewDialog:
    return print_preview(parent, render, paper=options.paper, title=title)


def print_routine_sheets(
    parent: QWidget | None, render: RenderFn, title: str, options: SheetOptions
) -> QPrintDialog:
    return print_direct(parent, render, paper=options.paper, title=title)


def print_routines_from_cli(
    families: FamilyService, photos_dir: Path, args: argparse.Namespace
) -> Path:
    """`attune-desktop print routines`: one family (by id or label) or a whole series."""
    options = SheetOptions.parse(
        args.layout,
        args.paper,
        args.ink,
        icons_only=args.icons_only,
        cards_per_page=args.cards_per_page,
        with_tracker=args.tracker,
    )
    family_id = _find_family(families, args.family) if args.family else None
    items = routine_sheet_items(families, family_id=family_id, series_id=args.series)
    if args.lang:
        if not sheet_words.is_supported(args.lang):
            allowed = ", ".join(sheet_words.LANGUAGE_CODES)
            raise PrintError(f"Sheets can be printed in {allowed}; '{args.lang}' is not one.")
        items = [replace(item, language=args.lang) for item in items]
    title = "Routine sheets"

    def render(device: QPagedPaintDevice) -> None:
        device.setPageLayout(sheet_page_layout(device.pageLayout().pageSize(), options.layout))
        with open_pages(device) as pages:
            draw_routine_sheets(pages, items, options, photos_dir=photos_dir)

    return write_pdf(args.out, render, paper=options.paper, title=title)


def _find_family(families: FamilyService, wanted: str) -> int:
    text = wanted.strip()
    if text.isdigit():
        return families.get_family(int(text)).id or 0
    matches = [f for f in families.list_families() if f.label.casefold() == text.casefold()]
    if len(matches) != 1:
        found = "No family" if not matches else f"{len(matches)} families"
        raise PrintError(
            f"{found} called {wanted!r}: see `attune-desktop list families` for ids and labels."
        )
    return matches[0].id or 0


def pack_routine_parts(
    sessions: SessionService,
    families: FamilyService,
    photos_dir: Path,
    session_id: int,
    options: SheetOptions | None = None,
) -> list[Callable[[Pages], None]]:
    """The families' routine sheets as a part of a session's print pack.

    The families are those of the session's series (a standalone session has none); routines
    without steps are left out. No family, or nothing printable, means no part rather than an
    error, so the pack still prints its run sheet, agenda and sign-in sheet.
    """
    session = sessions.get_session(session_id)
    if session.series_id is None:
        return []
    try:
        items = routine_sheet_items(families, series_id=session.series_id)
    except PrintError:
        return []
    chosen = options or SheetOptions()

    def draw(pages: Pages) -> None:
        draw_routine_sheets(pages, items, chosen, photos_dir=photos_dir)

    return [draw]
