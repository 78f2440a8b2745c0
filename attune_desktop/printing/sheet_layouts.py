"""The four routine sheet layouts: fridge poster, doorway strip, cut-out cards, week tracker.

Each takes one routine (a `SheetItem`) and draws as many pages as its steps need: a long
routine flows onto more pages, with "continued" in the heading, rather than shrinking its
pictures past use. Layouts are written left to right; the canvas mirrors them for Arabic.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QBrush

from attune_desktop.core.pictograms import ATTRIBUTION, SHORT_ATTRIBUTION, is_pictogram
from attune_desktop.core.sheet_words import SheetWords, strip_speaker, words_for
from attune_desktop.printing.sheet_canvas import Canvas, mm

HEADER_MM = 30.0
FOOTER_MM = 9.0
WORDLESS_TOP_MM = 4.0  # a "Pictures only" sheet has no title: its pictures start near the top
CARD_GRIDS: dict[int, tuple[int, int]] = {  # cards per page -> (columns, rows), portrait
    1: (1, 1),
    2: (1, 2),
    3: (1, 3),
    4: (2, 2),
    6: (2, 3),
    8: (2, 4),
    9: (3, 3),
    12: (3, 4),
    15: (3, 5),
    16: (4, 4),
    20: (4, 5),
}
STRIP_MAX_STEPS = 7
# A page's step words share one size (the set looks even) unless that would go below the
# floor: then only the long step shrinks.
POSTER_WORDS_POINTS, POSTER_EVEN_FLOOR = 22.0, 15.0
STRIP_WORDS_POINTS, STRIP_EVEN_FLOOR = 18.0, 12.0
# The largest row a few steps get: a poster's row (its picture is the row less 7 mm, and at
# most 40% of the words' side so they keep room) and a tracker's row.
POSTER_MAX_ROW_MM, TRACKER_MAX_ROW_MM = 70.0, 40.0
SECOND_LANGUAGE_SCALE = 0.62  # a bilingual sheet's second language, against the first
FIRST_LANGUAGE_SHARE = 0.62  # of a bilingual step's words box; the second gets the rest


class Layout(StrEnum):
    POSTER = "poster"
    STRIP = "strip"
    CARDS = "cards"
    TRACKER = "tracker"

    @property
    def landscape(self) -> bool:
        return self is Layout.STRIP


@dataclass(frozen=True)
class SheetStep:
    picture: str
    words: str
    minutes: int | None = None
    caregiver_line: str = ""
    second: str = ""  # the words in the sheet's second language, when known


@dataclass(frozen=True)
class SheetItem:
    """One routine as a sheet shows it: what the family wrote, and in which language."""

    family_label: str
    language: str
    title: str
    time_of_day: str
    steps: tuple[SheetStep, ...]
    second_language: str = ""  # a bilingual sheet's second language, in smaller type
    second_title: str = ""

    @property
    def uses_pictograms(self) -> bool:
        return any(is_pictogram(step.picture) for step in self.steps)


NewPage = Callable[[], QSizeF]  # starts a page; returns the drawable size in layout pixels


@dataclass
class Sheet:
    """One routine being drawn: its canvas, words and the options that shape it."""

    canvas: Canvas
    item: SheetItem
    icons_only: bool
    new_page: NewPage

    @property
    def words(self) -> SheetWords:
        return words_for(self.item.language)

    @property
    def second_words(self) -> SheetWords | None:
        code = self.item.second_language
        return words_for(code) if code and code != self.item.language else None

    def first_share(self, step: SheetStep) -> float:
        """How much of a step's words box its first language gets (all, unless bilingual)."""
        return FIRST_LANGUAGE_SHARE if step.second and self.second_words else 1.0

    def step_words(
        self,
        rect: QRectF,
        step: SheetStep,
        points: float,
        *,
        align: Qt.AlignmentFlag,
        min_points: float | None = None,
    ) -> None:
        """A step's words; on a bilingual sheet, the second language below in smaller type."""
        c = self.canvas
        if not (step.second and self.second_words):
            c.text(rect, step.words, points, bold=True, min_points=min_points, align=align)
            return
        across = align & ~(Qt.AlignmentFlag.AlignVertical_Mask)
        main_h = rect.height() * FIRST_LANGUAGE_SHARE
        top = QRectF(rect.left(), rect.top(), rect.width(), main_h)
        size = c.text(
            top,
            step.words,
            points,
            bold=True,
            min_points=min_points,
            align=across | Qt.AlignmentFlag.AlignBottom,
        )
        below = QRectF(rect.left(), rect.top() + main_h, rect.width(), rect.height() - main_h)
        c.text(
            below,
            step.second,
            max(6.0, size * SECOND_LANGUAGE_SCALE),
            color=c.palette.muted,
            min_points=5,
            align=across | Qt.AlignmentFlag.AlignTop,
        )

    def begin_page(self, index: int, count: int) -> QSizeF:
        size = self.new_page()
        self.canvas.width = size.width()
        self.canvas.rtl = self.words.rtl
        self.canvas.painter.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if self.canvas.rtl else Qt.LayoutDirection.LeftToRight
        )
        self.footer(size, index, count)
        return size

    def header(self, size: QSizeF, index: int, height: float = mm(HEADER_MM)) -> float:
        """The sheet's kind above the family's own title; returns where the body starts.

        A "Pictures only" sheet is wordless: no kind, no title, the pictures start at the top.
        """
        if self.icons_only:
            return mm(WORDLESS_TOP_MM)
        c, words, second = self.canvas, self.words, self.second_words
        kicker = words.title_for(self.item.time_of_day)
        if second is not None:
            kicker = f"{kicker} · {second.title_for(self.item.time_of_day)}"
        if index:
            kicker = f"{kicker} ({words.continued})"
        c.text(c.box(0, 0, size.width(), mm(8)), kicker, 13, bold=True, color=c.palette.accent)
        title_h = height - mm(11)
        if second is not None and self.item.second_title:
            title_h *= 0.68
            c.text(
                c.box(0, mm(8) + title_h, size.width(), height - mm(11) - title_h),
                self.item.second_title,
                16,
                color=c.palette.muted,
                min_points=9,
                align=c.lead() | Qt.AlignmentFlag.AlignTop,
            )
        c.text(
            c.box(0, mm(8), size.width(), title_h), self.item.title, 28, bold=True, min_points=14
        )
        return height

    def footer(self, size: QSizeF, index: int, count: int) -> None:
        c = self.canvas
        top = size.height() - mm(FOOTER_MM)
        c.painter.setPen(c.pen(c.palette.rule, 0.25))
        c.painter.drawLine(QPointF(0, top), QPointF(size.width(), top))
        line = mm(4)
        pages = f"{index + 1}/{count}" if count > 1 else ""
        if self.icons_only:  # wordless: the page's number, and the pictures' shortest credit
            label, credit = pages, SHORT_ATTRIBUTION
        else:
            label = " · ".join(part for part in (self.item.family_label, pages) if part)
            credit = f"{self.words.pictures_by} {ATTRIBUTION}"
        if label:
            c.text(c.box(0, top + mm(0.8), size.width(), line), label, 8, color=c.palette.muted)
        if self.item.uses_pictograms:
            c.text(
                c.box(0, top + mm(0.8) + line, size.width(), line),
                credit,
                7,
                color=c.palette.muted,
                min_points=5,
            )

    def body_bottom(self, size: QSizeF) -> float:
        return size.height() - mm(FOOTER_MM) - mm(3)

    def caregiver(self, step: SheetStep) -> str:
        """The caregiver's line under the sheet's own "Me" (a written "me:" is dropped)."""
        return strip_speaker(step.caregiver_line, self.words)

    def caregiver_with_speaker(self, step: SheetStep) -> str:
        """The line with who says it: "Me: …", or the family's own "Dad: …" as written."""
        line = self.caregiver(step)
        if not line:
            return ""
        if line != step.caregiver_line.strip():  # a "me:" was dropped: print ours
            return f"{self.words.me}: {line}"
        head, sep, _rest = line.replace("：", ":").partition(":")
        if sep and 0 < len(head.strip()) <= 12 and len(head.split()) == 1:
            return line  # someone else speaks, e.g. "Dad: read the story"
        return f"{self.words.me}: {line}"


def _chunks(steps: Sequence[SheetStep], per_page: int) -> list[Sequence[SheetStep]]:
    if not steps:
        return [()]
    pages = math.ceil(len(steps) / per_page)
    size = math.ceil(len(steps) / pages)  # even pages: 8 steps at 7 a page print as 4 + 4
    return [steps[i : i + size] for i in range(0, len(steps), size)]


# --- fridge poster ---------------------------------------------------------------------------


def draw_poster(sheet: Sheet, page_height_estimate: float) -> None:
    steps = sheet.item.steps
    body = page_height_estimate - mm(HEADER_MM + FOOTER_MM + 12)
    capacity = max(3, math.floor(body / mm(26)))  # in rows of one unit
    chunks = _unit_chunks(steps, capacity, lambda step: _units(sheet, step))
    number = 0
    for index, chunk in enumerate(chunks):
        size = sheet.begin_page(index, len(chunks))
        top = sheet.header(size, index)
        number = _poster_rows(sheet, size, top, chunk, number)


def _units(sheet: Sheet, step: SheetStep) -> int:
    """How many row heights a step needs: long words get a taller row, never tiny type."""
    if sheet.icons_only:
        return 1
    words = 1 + (len(step.words) > 70) + (len(step.words) > 140)
    line = 1 + (len(step.caregiver_line) > 90) + (len(step.caregiver_line) > 160)
    return max(words, line)


def _unit_chunks(
    steps: Sequence[SheetStep], capacity: int, units: Callable[[SheetStep], int]
) -> list[Sequence[SheetStep]]:
    """Steps split into pages of at most `capacity` units, in order."""
    pages: list[Sequence[SheetStep]] = []
    current: list[SheetStep] = []
    used = 0
    for step in steps:
        need = units(step)
        if current and used + need > capacity:
            pages.append(current)
            current, used = [], 0
        current.append(step)
        used += need
    pages.append(current)
    if len(pages) == 1:
        return pages
    # Even out the page count's load, as `_chunks` does, when every step is one unit.
    if all(units(step) == 1 for step in steps):
        return _chunks(steps, capacity)
    return pages


def _poster_rows(
    sheet: Sheet, size: QSizeF, top: float, steps: Sequence[SheetStep], number: int
) -> int:
    c, words = sheet.canvas, sheet.words
    width = size.width()
    has_me = not sheet.icons_only and any(s.caregiver_line for s in steps)
    done_w = mm(22)
    me_w = width * 0.3 if has_me else 0.0
    head = mm(7)
    c.text(
        c.box(width - done_w, top, done_w, head),
        "" if sheet.icons_only else words.done,
        11,
        bold=True,
        color=c.palette.muted,
        align=Qt.AlignmentFlag.AlignCenter,
    )
    bottom = sheet.body_bottom(size)
    area = bottom - top - head
    unit = min(mm(POSTER_MAX_ROW_MM), area / max(1, sum(_units(sheet, step) for step in steps)))
    side = _poster_picture(unit, width - done_w - me_w)
    if has_me:
        words_x = mm(9) + side + mm(5)  # after the number and the picture
        you_w = width - done_w - me_w - words_x
        for x, w, label in ((words_x, you_w, words.you), (width - done_w - me_w, me_w, words.me)):
            c.text(c.box(x, top, w, head), label, 11, bold=True, color=c.palette.muted)
    common = _poster_words_size(sheet, steps, unit, width - done_w - me_w, side)
    y = top + head
    for step in steps:
        number += 1
        row = unit * _units(sheet, step)
        frame = c.box(0, y + mm(1), width, row - mm(2))
        c.panel(frame)
        picture_side = side
        x = mm(9)
        c.text(
            c.box(0, y, mm(9), row),
            str(number),
            12,
            bold=True,
            color=c.palette.muted,
            align=Qt.AlignmentFlag.AlignCenter,
        )
        picture_w = picture_side
        if sheet.icons_only:  # no words: the picture is centred in the row, as wide as it gets
            picture_w = width - x - done_w - mm(3)
        c.picture(c.box(x, y + (row - picture_side) / 2, picture_w, picture_side), step.picture)
        x += picture_side + mm(5)
        text_w = width - x - done_w - me_w - mm(3)
        if not sheet.icons_only:
            # The words sit just above their minutes, the pair centred in the row.
            minutes_h = mm(6) if step.minutes else 0.0
            words_h = (row - mm(4)) * 0.62 if step.minutes else row - mm(4)
            sheet.step_words(
                c.box(x, y + mm(2), text_w, words_h),
                step,
                common,
                min_points=8,
                align=c.lead()
                | (Qt.AlignmentFlag.AlignBottom if step.minutes else Qt.AlignmentFlag.AlignVCenter),
            )
            if step.minutes:
                c.text(
                    c.box(x, y + mm(2) + words_h, text_w, minutes_h),
                    words.minutes(step.minutes),
                    11,
                    color=c.palette.muted,
                    align=c.lead() | Qt.AlignmentFlag.AlignTop,
                )
            line = sheet.caregiver(step)
            if has_me and line:
                c.text(
                    c.box(width - done_w - me_w, y + mm(2), me_w - mm(2), row - mm(4)),
                    line,
                    12,
                    color=c.palette.muted,
                    min_points=7,
                )
        c.tick_box(
            c.box(width - done_w + mm(4), y + mm(1), done_w - mm(8), row - mm(2)).adjusted(
                0, mm(2), 0, -mm(2)
            )
        )
        y += row
    return number


def _poster_picture(unit: float, text_right: float) -> float:
    """A poster row's picture side: the row less its padding, leaving the words 60%."""
    if text_right <= 0:
        return unit - mm(7)
    return max(mm(10), min(unit - mm(7), (text_right - mm(9)) * 0.4))


def _poster_words_size(
    sheet: Sheet, steps: Sequence[SheetStep], unit: float, text_right: float, side: float
) -> float:
    """One type size for the page's words, so the rows look even: the size the tightest step
    needs, but never below POSTER_EVEN_FLOOR (a very long step shrinks alone instead)."""
    c = sheet.canvas
    if sheet.icons_only:
        return POSTER_WORDS_POINTS
    text_w = text_right - (mm(9) + side + mm(5)) - mm(3)
    common = POSTER_WORDS_POINTS
    for step in steps:
        row = unit * _units(sheet, step)
        words_h = (row - mm(4)) * 0.62 if step.minutes else row - mm(4)
        common = min(
            common,
            c.fitting(
                QRectF(0, 0, text_w, words_h * sheet.first_share(step)),
                step.words,
                POSTER_WORDS_POINTS,
                bold=True,
                min_points=POSTER_EVEN_FLOOR,
                align=c.lead() | Qt.AlignmentFlag.AlignVCenter,
            ),
        )
    return common


# --- strip -----------------------------------------------------------------------------------


def draw_strip(sheet: Sheet, _page_height: float) -> None:
    chunks = _chunks(sheet.item.steps, STRIP_MAX_STEPS)
    for index, chunk in enumerate(chunks):
        size = sheet.begin_page(index, len(chunks))
        top = sheet.header(size, index, mm(24))
        _strip_cells(sheet, size, top + mm(2), chunk)


def _strip_cells(sheet: Sheet, size: QSizeF, top: float, steps: Sequence[SheetStep]) -> None:
    c, words = sheet.canvas, sheet.words
    count = max(1, len(steps))
    gap = mm(7)
    cell_w = (size.width() - gap * (count - 1)) / count
    bottom = sheet.body_bottom(size)
    height = bottom - top
    share = 0.72 if sheet.icons_only else 0.5  # with no words, the pictures take the room
    picture_side = min(cell_w - mm(6), height * share, mm(70))
    has_me = not sheet.icons_only and any(step.caregiver_line for step in steps)
    picture_top = top + mm(3)
    if sheet.icons_only:  # no words below: the pictures sit in the middle of their cells
        picture_top = top + max(mm(3), (height - mm(21) - picture_side) / 2)
    words_rect = QRectF(
        0,
        0,
        cell_w - mm(4),
        (bottom - (top + mm(5) + picture_side) - mm(13) - mm(9) - mm(5))
        * (0.55 if has_me else 1.0),
    )
    common = min(
        [
            c.fitting(
                QRectF(0, 0, words_rect.width(), words_rect.height() * sheet.first_share(step)),
                step.words,
                STRIP_WORDS_POINTS,
                bold=True,
                min_points=STRIP_EVEN_FLOOR,
                align=Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            )
            for step in (steps if not sheet.icons_only else ())
        ],
        default=STRIP_WORDS_POINTS,
    )
    for i, step in enumerate(steps):
        x = i * (cell_w + gap)
        c.panel(c.box(x, top, cell_w, height))
        c.picture(c.box(x + mm(3), picture_top, cell_w - mm(6), picture_side), step.picture)
        y = top + mm(5) + picture_side
        tick = mm(13)
        text_h = bottom - y - tick - mm(9)
        if not sheet.icons_only:
            line = sheet.caregiver(step)
            minutes = words.minutes(step.minutes) if step.minutes else ""
            extra = mm(5)
            words_h = (text_h - extra) * (0.55 if has_me else 1.0)
            sheet.step_words(
                c.box(x + mm(2), y, cell_w - mm(4), words_h),
                step,
                common,
                min_points=7,
                align=Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            )
            c.text(
                c.box(x + mm(2), y + words_h, cell_w - mm(4), extra),
                minutes,
                10,
                color=c.palette.muted,
                align=Qt.AlignmentFlag.AlignCenter,
            )
            if line:
                c.text(
                    c.box(
                        x + mm(2),
                        y + words_h + extra + mm(1),
                        cell_w - mm(4),
                        text_h - words_h - extra - mm(1),
                    ),
                    sheet.caregiver_with_speaker(step),
                    9.5,
                    color=c.palette.muted,
                    min_points=6,
                    align=Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                )
        c.tick_box(c.box(x, bottom - tick - mm(8), cell_w, tick))
        c.text(
            c.box(x, bottom - mm(7.5), cell_w, mm(6)),
            "" if sheet.icons_only else words.done,
            9,
            color=c.palette.muted,
            align=Qt.AlignmentFlag.AlignCenter,
        )
        if i < len(steps) - 1:
            c.arrow(
                c.box(
                    x + cell_w + gap * 0.2, picture_top + picture_side / 2 - mm(4), gap * 0.6, mm(8)
                )
            )


# --- cards -----------------------------------------------------------------------------------


def draw_cards(sheet: Sheet, cards_per_page: int) -> None:
    columns, rows = CARD_GRIDS[cards_per_page]
    steps = sheet.item.steps
    pages = max(1, math.ceil(len(steps) / cards_per_page))
    for index in range(pages):
        chunk = steps[index * cards_per_page : (index + 1) * cards_per_page]
        size = sheet.begin_page(index, pages)
        bottom = sheet.body_bottom(size)
        _card_grid(sheet, size.width(), bottom, columns, rows, chunk, index * cards_per_page)


def _card_grid(
    sheet: Sheet,
    width: float,
    height: float,
    columns: int,
    rows: int,
    steps: Sequence[SheetStep],
    first: int,
) -> None:
    c = sheet.canvas
    cell_w, cell_h = width / columns, height / rows
    # One type size for every card on the page, so the set looks even.
    common = 26.0
    for step in steps if not sheet.icons_only else ():
        pad = min(cell_w, cell_h) * 0.08
        words_rect = QRectF(0, 0, cell_w - 2 * pad, (cell_h - 2 * pad) * 0.26)
        common = min(
            common,
            c.fitting(
                words_rect,
                step.words,
                26,
                bold=True,
                min_points=6,
                align=Qt.AlignmentFlag.AlignCenter,
            ),
        )
    for i, step in enumerate(steps):
        col, row = i % columns, i // columns
        cell = c.box(col * cell_w, row * cell_h, cell_w, cell_h)
        pad = min(cell_w, cell_h) * 0.08
        inner = cell.adjusted(pad, pad, -pad, -pad)
        words_h = 0.0 if sheet.icons_only else inner.height() * 0.26
        c.picture(
            QRectF(inner.left(), inner.top(), inner.width(), inner.height() - words_h), step.picture
        )
        if words_h:
            sheet.step_words(
                QRectF(inner.left(), inner.bottom() - words_h, inner.width(), words_h),
                step,
                common,
                align=Qt.AlignmentFlag.AlignCenter,
            )
        c.text(
            QRectF(cell.left() + mm(1.5), cell.top() + mm(1), mm(8), mm(5)),
            str(first + i + 1),
            7,
            color=c.palette.rule,
            align=Qt.AlignmentFlag.AlignLeft,
        )
    # Cut lines around every card, dashed and light, at the cards' true size; a part-filled
    # last page has lines only where there are cards.
    c.painter.setPen(c.pen(c.palette.muted, 0.2, Qt.PenStyle.DashLine))
    c.painter.setBrush(QBrush())
    for i in range(len(steps)):
        col, row = i % columns, i // columns
        c.painter.drawRect(c.box(col * cell_w, row * cell_h, cell_w, cell_h))


# --- week tracker ----------------------------------------------------------------------------


def draw_tracker(sheet: Sheet, page_height_estimate: float) -> None:
    body = page_height_estimate - mm(HEADER_MM + FOOTER_MM + 24)
    per_page = max(1, math.floor(body / mm(17)))
    chunks = _chunks(sheet.item.steps, per_page)
    for index, chunk in enumerate(chunks):
        size = sheet.begin_page(index, len(chunks))
        top = sheet.header(size, index)
        _tracker_grid(sheet, size, top, chunk)


def _tracker_grid(sheet: Sheet, size: QSizeF, top: float, steps: Sequence[SheetStep]) -> None:
    c, words = sheet.canvas, sheet.words
    width = size.width()
    if not sheet.icons_only:  # wordless: no week to write, seven columns to tick
        c.text(
            c.box(0, top, width, mm(8)), f"{words.week_of}: ____________", 12, color=c.palette.muted
        )
        top += mm(11)
    first_w = width * (0.22 if sheet.icons_only else 0.36)
    day_w = (width - first_w) / 7
    head = mm(2) if sheet.icons_only else mm(9)
    for d, day in enumerate(() if sheet.icons_only else words.weekdays):
        c.text(
            c.box(first_w + d * day_w, top, day_w, head),
            day,
            11,
            bold=True,
            min_points=7,
            align=Qt.AlignmentFlag.AlignCenter,
            wrap=False,
        )
    bottom = sheet.body_bottom(size)
    row = min(mm(TRACKER_MAX_ROW_MM), (bottom - top - head) / max(1, len(steps)))
    y = top + head
    c.painter.setPen(c.pen(c.palette.rule, 0.25))
    c.painter.drawLine(QPointF(0, y), QPointF(width, y))
    for step in steps:
        pic = min(row - mm(3), first_w - mm(2) if sheet.icons_only else first_w * 0.45)
        c.picture(c.box(0, y + mm(1.5), pic, pic), step.picture)
        if not sheet.icons_only:
            sheet.step_words(
                c.box(pic + mm(3), y, first_w - pic - mm(4), row),
                step,
                13,
                min_points=6,
                align=c.lead() | Qt.AlignmentFlag.AlignVCenter,
            )
        for d in range(7):
            c.tick_box(c.box(first_w + d * day_w, y + row * 0.2, day_w, row * 0.6))
        y += row
        c.painter.setPen(c.pen(c.palette.rule, 0.25))
        c.painter.drawLine(QPointF(0, y), QPointF(width, y))
