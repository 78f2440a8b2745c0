"""Routine sheets families take home: picture-first, in their language, at true size.

`draw_routine_sheets` draws onto a print job that is already open (`pages.open_pages`), so a
series print pack can put routine sheets beside its other parts; `routine_sheets_job` makes
them a job (a part) of their own for one routine, a family or a whole circle, and
`build_routine_sheets` is the registered "routines" sheet. A progress callback hears after
every sheet and may cancel the job.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize

from attune_desktop.core import routine_templates, sheet_words
from attune_desktop.core.config import resources_dir
from attune_desktop.core.i18n import _
from attune_desktop.core.models import Family, Session
from attune_desktop.core.services.families import FamilyService
from attune_desktop.printing.catalogue import Progress, SheetRequest
from attune_desktop.printing.jobs import Part, PrintJob, paper_of
from attune_desktop.printing.pages import LAYOUT_DPI, Ink, Pages, Paper, PrintError
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

if TYPE_CHECKING:
    from attune_desktop.core.container import Core

__all__ = [
    "Layout",
    "PrintCancelled",
    "SheetItem",
    "SheetOptions",
    "SheetStep",
    "build_routine_sheets",
    "draw_routine_sheets",
    "routine_sheet_items",
    "routine_sheets_job",
]

SHEET_MARGIN_MM = 12.0


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
                _("{cards_per_page} cards a page does not make a grid: choose {allowed}.").format(
                    cards_per_page=self.cards_per_page, allowed=allowed
                )
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
            raise PrintError(
                _("Unknown layout {layout!r}: choose {names}.").format(layout=layout, names=names)
            ) from None
        return cls(
            chosen,
            Paper.from_name(paper),
            Ink.from_name(ink),
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
                raise PrintCancelled(_("Printing was stopped; nothing was saved."))
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
            raise PrintError(
                _("Series {series_id} has no families yet: add one in Routines.").format(
                    series_id=series_id
                )
            )
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
            _(
                "“{label}” has no routines yet: add one in Routines (New or From "
                "template), then its steps."
            ).format(label=chosen[0].label)
        )
    if not items:
        raise PrintError(
            _("There is nothing to print yet: the routines chosen have no steps. Add a step first.")
        )
    return items


def routine_sheets_job(
    items: Sequence[SheetItem],
    options: SheetOptions,
    photos_dir: Path,
    progress: Progress | None = None,
) -> PrintJob:
    """The chosen sheets as a job (read now, drawn later); its first page takes the layout's
    orientation before painting starts (a strip is landscape)."""
    labels = sorted({item.family_label for item in items})
    title = (
        _("Routine sheets · {family}").format(family=labels[0])
        if len(labels) == 1
        else (_("Routine sheets · {count} families").format(count=len(labels)))
    )

    def draw(pages: Pages, _layout: QPageLayout) -> None:
        draw_routine_sheets(pages, items, options, progress, photos_dir=photos_dir)

    part = Part(draw, opening=lambda size: sheet_page_layout(size, options.layout))
    return PrintJob(title, options.paper, options.ink, (part,))


def build_routine_sheets(core: Core, request: SheetRequest) -> PrintJob:
    """The registered "routines" sheet: one routine, a family's routines, or a whole circle.

    `family` is an id or a label; `routine` narrows a family to one routine; `lang` prints
    the fixed words in another of the sheet languages; `second_language` makes the sheets
    bilingual.
    """
    options = SheetOptions.parse(
        request.text("layout", "poster"),
        paper_of(request).value,
        request.ink,
        icons_only=request.flag("icons_only"),
        cards_per_page=request.number("cards_per_page") or 6,
        with_tracker=request.flag("tracker"),
    )
    families = core.families
    family = request.text("family").strip()
    family_id = _find_family(families, family) if family else None
    routine_id = request.number("routine")
    items = routine_sheet_items(
        families,
        family_id=family_id,
        series_id=request.number("series"),
        routine_ids=[routine_id] if routine_id is not None else None,
    )
    lang = _sheet_language(request.text("lang"))
    if lang:
        items = [replace(item, language=lang) for item in items]
    second = _sheet_language(request.text("second_language"))
    if second:
        items = [bilingual(item, second) for item in items]
    return routine_sheets_job(items, options, core.paths.photos, request.progress)


def _sheet_language(code: str) -> str:
    code = code.strip().lower()
    if code and not sheet_words.is_supported(code):
        allowed = ", ".join(sheet_words.LANGUAGE_CODES)
        raise PrintError(
            _("Sheets can be printed in {allowed}; '{lang}' is not one.").format(
                allowed=allowed, lang=code
            )
        )
    return code.replace("_", "-").split("-")[0] if code else ""


def bilingual(item: SheetItem, second: str) -> SheetItem:
    """The sheet with a second language in smaller type: its own fixed words, and the
    template's words for every title and step still as a shipped template has them (a
    family's own words have no second version and print once)."""
    if second == item.language:
        return item
    steps = tuple(
        replace(
            step, second=routine_templates.in_language(step.words, second, picture=step.picture)
        )
        for step in item.steps
    )
    title = routine_templates.in_language(item.title, second)
    return replace(item, steps=steps, second_language=second, second_title=title)


def _find_family(families: FamilyService, wanted: str) -> int:
    text = wanted.strip()
    if text.isdigit():
        return families.get_family(int(text)).id or 0
    matches = [f for f in families.list_families() if f.label.casefold() == text.casefold()]
    if len(matches) != 1:
        found = _("No family") if not matches else _("{count} families").format(count=len(matches))
        raise PrintError(
            _(
                "{found} called {wanted!r}: see `attune-desktop list families` for ids and labels."
            ).format(found=found, wanted=wanted)
        )
    return matches[0].id or 0


def circle_routine_sheets(core: Core, session: Session, ink: Ink) -> list[PrintJob]:
    """The routine sheets of every family in the session's circle, for its print pack.

    A standalone session has none; routines without steps are left out. No family, or
    nothing printable, means no part rather than an error, so the pack still prints.
    """
    if session.series_id is None:
        return []
    try:
        items = routine_sheet_items(core.families, series_id=session.series_id)
    except PrintError:
        return []
    return [routine_sheets_job(items, SheetOptions(ink=ink), core.paths.photos)]
