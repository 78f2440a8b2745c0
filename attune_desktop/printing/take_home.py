"""The take-home card "what we practised today": one page a family keeps on the fridge.

The session's practices in large type, each breathing pattern drawn as a wave (up for the
in-breath, level for a hold, down for the out-breath) with its seconds, and the week's
invitation, in the family's language. It reads only what families may see: the session's
title and date, the practice segments' titles and the practices' pacing. Never notes,
scripts, care notes, preparation notes or materials.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QBrush, QColor, QPageLayout, QPainterPath, QPen

from attune_desktop.core import sheet_words
from attune_desktop.core.config import resources_dir
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.core.models import Segment, SegmentKind, Session
from attune_desktop.core.pacing import BreathPattern, PatternError, PhaseKind, parse_pattern
from attune_desktop.core.sheet_words import TakeHomeWords, take_home_words
from attune_desktop.printing.catalogue import SheetRequest
from attune_desktop.printing.jobs import Part, PrintJob, ink_of, paper_of
from attune_desktop.printing.markup import date_label
from attune_desktop.printing.pages import LAYOUT_DPI, Ink, Pages, Paper, PrintError
from attune_desktop.printing.sheet_canvas import Canvas, mm

if TYPE_CHECKING:
    from attune_desktop.core.container import Core

CARD_MARGIN_MM = 15.0
NAME_MM, WAVE_MM, GAP_MM = 15.0, 32.0, 5.0  # a practice's name, its breath drawn, between
INVITATION_MM = 58.0
FOOTER_MM = 8.0
TOP_UP_LEVEL = 0.75  # where an in-breath stops when a second, top-up in-breath follows


@dataclass(frozen=True)
class CardPractice:
    title: str  # the segment's participant-facing title
    pattern: BreathPattern | None


@dataclass(frozen=True)
class TakeHomeCard:
    session_title: str
    date: dt.date | None
    language: str
    practices: tuple[CardPractice, ...]

    @property
    def words(self) -> TakeHomeWords:
        return take_home_words(self.language)


def card_practices(core: Core, segments: Sequence[Segment]) -> tuple[CardPractice, ...]:
    """The session's practice segments, with the pattern their practice breathes by."""
    found = []
    for segment in segments:
        if segment.practice_id is None and segment.kind != SegmentKind.PRACTICE.value:
            continue
        pattern = None
        if segment.practice_id is not None:
            try:
                pacing = core.practices.get_practice(segment.practice_id).pacing
                pattern = parse_pattern(pacing) if pacing.strip() else None
            except (AttuneError, PatternError):
                pattern = None  # a practice deleted or unpaced: its name is still worth printing
        found.append(CardPractice(segment.title, pattern))
    return tuple(found)


def card_languages(core: Core, session: Session) -> list[str]:
    """The languages of the families in the session's circle (English when there are none)."""
    codes: list[str] = []
    if session.series_id is not None:
        for family in core.families.list_families(series_id=session.series_id):
            code = sheet_words.words_for(family.language).code
            if code not in codes:
                codes.append(code)
    return codes or [sheet_words.DEFAULT_LANGUAGE]


def take_home_job(
    cards: Sequence[TakeHomeCard], paper: Paper = Paper.A4, ink: Ink = Ink.COLOR
) -> PrintJob:
    """One page per card (one card per language)."""

    def draw(pages: Pages, layout: QPageLayout) -> None:
        margins = QMarginsF(CARD_MARGIN_MM, CARD_MARGIN_MM, CARD_MARGIN_MM, CARD_MARGIN_MM)
        page = QPageLayout(
            layout.pageSize(),
            QPageLayout.Orientation.Portrait,
            margins,
            QPageLayout.Unit.Millimeter,
        )
        rect = page.paintRectPixels(LAYOUT_DPI)
        body = QSizeF(rect.width(), rect.height())
        scale = pages.device.logicalDpiX() / LAYOUT_DPI
        canvas = Canvas(
            pages.painter,
            ink.palette,
            pictures_dir=resources_dir() / "pictograms",
            photos_dir=None,
            outline=ink is Ink.LOW,
        )
        for card in cards:
            pages.start_page(page)
            pages.painter.save()
            try:
                pages.painter.scale(scale, scale)
                draw_card(canvas, card, body)
            finally:
                pages.painter.restore()

    title = (
        _("Take-home card · {session_title}").format(session_title=cards[0].session_title)
        if cards
        else _("Take-home card")
    )
    return PrintJob(title, paper, ink, (Part(draw),))


def build_take_home(core: Core, request: SheetRequest) -> PrintJob:
    """The registered "take-home" sheet: a card per language (`lang`, or the circle's)."""
    session_id = request.needed("session")
    session = core.sessions.get_session(session_id)
    lang = request.text("lang").strip()
    if lang and not sheet_words.is_supported(lang):
        allowed = ", ".join(sheet_words.LANGUAGE_CODES)
        raise PrintError(
            _("Cards can be printed in {allowed}; '{lang}' is not one.").format(
                allowed=allowed, lang=lang
            )
        )
    languages = [lang] if lang else card_languages(core, session)
    cards = session_cards(core, session, languages)
    return take_home_job(cards, paper_of(request), ink_of(request))


def session_cards(core: Core, session: Session, languages: Sequence[str]) -> list[TakeHomeCard]:
    practices = card_practices(core, core.sessions.segments(session.id or 0))
    return [TakeHomeCard(session.title, session.date, code, practices) for code in languages]


# --- drawing ---------------------------------------------------------------------------------


def draw_card(c: Canvas, card: TakeHomeCard, size: QSizeF) -> None:
    """The card on one page of `size` layout pixels: heading, practices, invitation, footer."""
    words = card.words
    c.width = size.width()
    c.rtl = sheet_words.words_for(card.language).rtl
    c.painter.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if c.rtl else Qt.LayoutDirection.LeftToRight
    )
    width = size.width()
    c.text(c.box(0, 0, width, mm(10)), words.heading, 16, bold=True, color=c.palette.accent)
    c.text(c.box(0, mm(10), width, mm(18)), card.session_title, 26, bold=True, min_points=14)
    when = date_label(card.date) if card.language == "en" or card.date is None else ""
    if card.date is not None and not when:
        when = card.date.isoformat()  # digits read the same in every language
    c.text(c.box(0, mm(28), width, mm(7)), when, 12, color=c.palette.muted)
    c.text(c.box(0, mm(36), width, mm(9)), words.try_at_home, 15, color=c.palette.muted)
    top = mm(48)
    bottom = size.height() - mm(FOOTER_MM) - mm(INVITATION_MM) - mm(4)
    _practices(c, card, QRectF(0, top, width, bottom - top))
    _invitation(c, words, QRectF(0, bottom + mm(4), width, mm(INVITATION_MM)))
    _footer(c, card, size)


def _practices(c: Canvas, card: TakeHomeCard, area: QRectF) -> None:
    """Each practice's name, and its breath drawn under it when it has a pattern; everything
    shrinks together when a long session would not fit the page."""
    if not card.practices:
        c.text(c.box(0, area.top(), area.width(), mm(20)), card.words.nothing_practised, 22)
        return
    heights = [mm(NAME_MM) + (mm(WAVE_MM) if p.pattern else 0) for p in card.practices]
    needed = sum(heights) + mm(GAP_MM) * (len(heights) - 1)
    shrink = min(1.0, area.height() / needed)
    y = area.top()
    for practice, height in zip(card.practices, heights, strict=True):
        name_height = mm(NAME_MM) * shrink
        c.text(
            c.box(0, y, area.width(), name_height),
            practice.title,
            28,
            bold=True,
            min_points=12,
        )
        if practice.pattern is not None:
            wave = QRectF(0, y + name_height, area.width(), (height * shrink) - name_height)
            _wave(c, practice.pattern, card.words, wave)
        y += (height + mm(GAP_MM)) * shrink


def _wave(c: Canvas, pattern: BreathPattern, words: TakeHomeWords, rect: QRectF) -> None:
    """One breath as a line: up while breathing in, level while holding, down breathing out;
    under each phase its word and seconds. Mirrored for right-to-left languages."""
    label_height = min(mm(7), rect.height() * 0.35)
    curve = QRectF(rect.left(), rect.top(), rect.width(), rect.height() - label_height)
    total = pattern.cycle_seconds
    level = 0.0
    x = 0.0
    points = [(0.0, 0.0)]
    spans: list[tuple[float, float, str, float]] = []
    for index, phase in enumerate(pattern.phases):
        width = rect.width() * phase.seconds / total
        following = pattern.phases[index + 1].kind if index + 1 < len(pattern.phases) else None
        if phase.kind is PhaseKind.IN:
            level = TOP_UP_LEVEL if following is PhaseKind.IN2 else 1.0
        elif phase.kind is PhaseKind.IN2:
            level = 1.0
        elif phase.kind is PhaseKind.OUT:
            level = 0.0
        points.append((x + width, level))
        spans.append((x, width, _phase_word(phase.kind, words), phase.seconds))
        x += width

    def at(px: float, py: float) -> QPointF:
        mirrored = rect.width() - px if c.rtl else px
        return QPointF(curve.left() + mirrored, curve.bottom() - py * curve.height())

    path = QPainterPath(at(*points[0]))
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        middle = (x0 + x1) / 2  # a soft S between levels, never a sharp corner
        path.cubicTo(at(middle, y0), at(middle, y1), at(x1, y1))
    fill = QPainterPath(path)
    fill.lineTo(at(points[-1][0], 0.0))
    fill.lineTo(at(0.0, 0.0))
    painter = c.painter
    if not c.outline:
        painter.setPen(QPen(Qt.PenStyle.NoPen))
        painter.setBrush(QBrush(QColor(c.palette.fill)))
        painter.drawPath(fill)
    pen = c.pen(c.palette.accent, 1.0)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(QBrush())
    painter.drawPath(path)
    for start, width, word, seconds in spans:
        label = c.box(start, curve.bottom() + mm(0.5), width, label_height)
        text = f"{word} {words.seconds(seconds)}"
        c.text(
            label,
            text,
            12,
            color=c.palette.muted,
            min_points=6,
            wrap=False,
            align=Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
        )


def _phase_word(kind: PhaseKind, words: TakeHomeWords) -> str:
    if kind in (PhaseKind.IN, PhaseKind.IN2):
        return words.breathe_in
    return words.breathe_out if kind is PhaseKind.OUT else words.hold


def _invitation(c: Canvas, words: TakeHomeWords, rect: QRectF) -> None:
    c.panel(rect)
    inner = rect.adjusted(mm(6), mm(5), -mm(6), -mm(5))
    c.text(
        c.box(inner.left(), inner.top(), inner.width(), mm(9)),
        words.this_week,
        16,
        bold=True,
        color=c.palette.accent,
    )
    body = c.box(inner.left(), inner.top() + mm(11), inner.width(), inner.height() - mm(11))
    c.text(body, words.invitation, 22, min_points=12, align=c.lead() | Qt.AlignmentFlag.AlignTop)


def _footer(c: Canvas, card: TakeHomeCard, size: QSizeF) -> None:
    top = size.height() - mm(FOOTER_MM)
    c.painter.setPen(c.pen(c.palette.rule, 0.25))
    c.painter.drawLine(QPointF(0, top), QPointF(size.width(), top))
    c.text(c.box(0, top + mm(1), size.width(), mm(5)), card.session_title, 8, color=c.palette.muted)
