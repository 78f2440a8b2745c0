"""The breathing pacer: a shape that grows on the in-breath and shrinks on the out-breath.

Every frame is worked out from the clock (`core.pacing.pacer_frame` at the practice's elapsed
time), so a late frame is simply skipped, never accumulated. One single-shot timer is armed for
the next instant anything can change: at a steady frame rate only while the shape moves (in
and out), and otherwise not until the next count or phase (a hold, the lead-in, and always in
reduced motion). Each frame repaints only the band between the old and the new circle.

Reduced motion (a setting, or the desktop's own preference when Qt reports one) replaces the
growing circle with a still prompt that changes only when the phase changes. The words are the
practice's own in the room's language (`core.pacer_words`), and the numbers follow the
practice's counting (never counting up an out-breath unless asked) or are turned off.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QHideEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QRegion,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from attune_desktop.core.checkin_scales import LANGUAGES, language_of
from attune_desktop.core.pacer_words import parse_words, room_words
from attune_desktop.core.pacing import PacerFrame, PacerPlan, PhaseKind, pacer_frame, shown_count
from attune_desktop.ui.common.settings import Settings

REST_RADIUS_SHARE = 0.38  # the shape at rest, as a share of the largest circle
STILL_SIZE = 0.55  # the still prompt's circle in reduced motion, between rest and full
MIN_FRAME_MS = 8
MOTION_FPS = 20.0  # a slow breath needs no more; the edge moves a few px a frame at 1080p
MIN_STEP_PX = 2.0  # a smaller move than this is not repainted
RING_SLABS = 6  # slabs per half circle: the rectangles that cover a moving edge
RING_MARGIN = 2.0  # pixels either side of the edge that a ring-only paint redraws

REDUCED_MOTION_KEY = "pacer/reduced_motion"  # "system", "on" or "off"
NUMBERS_KEY = "pacer/numbers"
LANGUAGE_KEY = "pacer/language"


class TonePlayer(Protocol):
    """Plays the soft breath tones (the run's chime player, so volume and mute are shared)."""

    def play_breath(self, breathing_in: bool) -> None: ...


def desktop_prefers_reduced_motion() -> bool:
    hints = QGuiApplication.styleHints()
    if hints is None:
        return False
    try:
        preference = hints.accessibility().motionPreference()
    except (AttributeError, RuntimeError):  # an older Qt reports nothing
        return False
    return bool(preference == Qt.MotionPreference.ReducedMotion)


@dataclass(frozen=True)
class PacerLook:
    """How the room's pacer looks, whatever the practice: the room's settings."""

    reduced_motion: bool = False
    numbers: bool = True
    language: str = "en"

    @classmethod
    def load(cls, settings: Settings) -> PacerLook:
        choice = (settings.text(REDUCED_MOTION_KEY) or "system").lower()
        reduced = desktop_prefers_reduced_motion() if choice == "system" else choice == "on"
        language = language_of(settings.text(LANGUAGE_KEY) or "en")
        return cls(
            reduced_motion=reduced,
            numbers=settings.flag(NUMBERS_KEY),
            language=language if language in LANGUAGES else "en",
        )


LARGE_BOLD_PX = 19  # WCAG's large text: 14 pt (18.7 px) bold


class PacerWidget(QWidget):
    def __init__(
        self,
        *,
        fill: str,
        outline: str,
        text_colour: str,
        background: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pacer")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)
        # It paints its own background, so nothing beneath is repainted with every frame.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self._background = QColor(background)
        self._fill = QColor(fill)
        self._outline = QColor(outline)
        self._text = QColor(text_colour)
        self._plan: PacerPlan | None = None
        self._words: dict[str, str] = room_words({}, "en")
        self._look = PacerLook()
        self._tones: TonePlayer | None = None
        self._elapsed: Callable[[], float] = lambda: 0.0
        self._running = False
        self._radius = -1.0
        self._label = ("", "")
        self._phase_start = math.nan
        self.tones_played: list[str] = []  # "in"/"out", for tests
        self._still: QPixmap | None = None
        self._text_half = 0.0  # half the width of the words as last drawn
        self._full = True  # the next paint redraws everything in its region
        self._ring: tuple[float, float] | None = None  # the radii a ring-only paint spans
        self.frames_painted = 0  # for the benchmark: how much work was done
        self.frames_computed = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_frame)

    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    # --- what it shows -------------------------------------------------------------------

    def set_plan(self, plan: PacerPlan | None, elapsed: Callable[[], float]) -> None:
        self._plan = plan
        self._elapsed = elapsed
        self._words = room_words(parse_words(plan.phase_words if plan else ""), self._look.language)
        self._radius = -1.0
        self._phase_start = math.nan
        self._on_frame()
        self.update()

    def set_look(self, look: PacerLook) -> None:
        self._look = look
        plan = self._plan
        self._words = room_words(parse_words(plan.phase_words if plan else ""), look.language)
        self._radius = -1.0
        self._on_frame()
        self.update()

    def look(self) -> PacerLook:
        return self._look

    def set_tone_player(self, player: TonePlayer | None) -> None:
        self._tones = player

    def set_running(self, running: bool) -> None:
        self._running = running
        self._on_frame()

    def is_animating(self) -> bool:
        return self._timer.isActive()

    def frame(self) -> PacerFrame | None:
        if self._plan is None:
            return None
        return pacer_frame(self._plan, self._elapsed())

    def label(self) -> tuple[str, str]:
        """The phase words and the count, as the room reads them."""
        return self._label

    def drawn_size(self) -> float:
        """The circle's radius as drawn, as a share of the largest: for tests of stillness."""
        top = self._max_radius()
        return self._radius / top if top > 0 else 0.0

    # --- animation -----------------------------------------------------------------------

    def _schedule(self, frame: PacerFrame, t: float) -> None:
        """Arm the timer for the next instant anything on screen can change."""
        if not (self._running and self.isVisible()) or frame.finished:
            self._timer.stop()
            return
        if frame.moving and not self._look.reduced_motion:
            delay_ms = max(MIN_FRAME_MS, round(1000 / self._fps()))
        else:
            counting = self._look.numbers and not self._look.reduced_motion
            until = frame.next_change(t) if counting else frame.phase_end
            delay_ms = max(MIN_FRAME_MS, math.ceil((until - t) * 1000) + 1)
        self._timer.start(min(delay_ms, 60_000))

    def _fps(self) -> float:
        screen = self.screen()
        hz = screen.refreshRate() if screen is not None else MOTION_FPS
        return min(MOTION_FPS, hz) if hz and hz > 1 else MOTION_FPS

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._on_frame()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def _max_radius(self) -> float:
        return min(self.width(), self.height()) * 0.46

    def _radius_for(self, size: float) -> float:
        top = self._max_radius()
        return top * (REST_RADIUS_SHARE + (1 - REST_RADIUS_SHARE) * size)

    def _box(self, radius: float) -> QRect:
        cx, cy = self.width() / 2, self.height() / 2
        pad = 3
        return QRect(
            int(cx - radius - pad),
            int(cy - radius - pad),
            int(2 * radius + 2 * pad) + 1,
            int(2 * radius + 2 * pad) + 1,
        )

    def _changed(self, new: float, old: float) -> QRegion:
        """Only the band between the two circles changes: the square inside the smaller
        circle (words and all) stays as it was."""
        outer = QRegion(self._box(max(new, old)))
        inner_half = min(new, old) / math.sqrt(2) - 2
        if inner_half <= 0:
            return outer
        cx, cy = self.width() / 2, self.height() / 2
        side = int(2 * inner_half)
        inner = QRect(int(cx - inner_half) + 1, int(cy - inner_half) + 1, side - 2, side - 2)
        return outer.subtracted(QRegion(inner))

    def _ring_rects(self, new: float, old: float) -> list[QRect]:
        """Only the thin ring between the two circles changes. It is covered by a few dozen
        rectangles, slab by slab down the circle, so each frame repaints and sends to the
        screen a few thousand pixels rather than the whole circle's box. (Rectangles, not a
        QRegion built here: Qt unions them in C++, far cheaper than region sums in Python.)"""
        outer, inner = max(new, old) + 2.0, max(0.0, min(new, old) - 2.0)
        cx, cy = self.width() / 2, self.height() / 2
        rects: list[QRect] = []
        step = outer / RING_SLABS
        for i in range(RING_SLABS):
            near, far = i * step, (i + 1) * step  # the slab's edges, from the centre line
            x_out = math.sqrt(max(0.0, outer * outer - near * near))
            x_in = math.sqrt(inner * inner - far * far) if far < inner else 0.0
            h = math.ceil(far - near) + 2
            for y in (math.floor(cy + near) - 1, math.floor(cy - far) - 1):
                if x_in <= 0:
                    rects.append(QRect(math.floor(cx - x_out) - 1, y, math.ceil(2 * x_out) + 3, h))
                    continue
                width = math.ceil(x_out - x_in) + 2
                rects.append(QRect(math.floor(cx + x_in) - 1, y, width, h))
                rects.append(QRect(math.floor(cx - x_in - width) + 1, y, width, h))
        return rects

    def _text_boxes(self) -> tuple[QRectF, QRectF]:
        centre_x, centre_y = self.width() / 2, self.height() / 2
        top = self._max_radius()
        words = QRectF(centre_x - top, centre_y - top * 0.22, 2 * top, top * 0.25)
        count = QRectF(centre_x - top, centre_y + top * 0.05, 2 * top, top * 0.2)
        return words, count

    def _text_region(self) -> QRegion:
        """Where the words and the count are drawn: all a new count needs repainted."""
        words, count = self._text_boxes()
        return QRegion(words.toAlignedRect().adjusted(-2, -2, 2, 2)).united(
            QRegion(count.toAlignedRect().adjusted(-2, -2, 2, 2))
        )

    def _on_frame(self) -> None:
        self.frames_computed += 1
        if self._plan is None:
            self._timer.stop()
            return
        t = self._elapsed()
        frame = pacer_frame(self._plan, t)
        self._cue_tone(frame)
        size = STILL_SIZE if self._look.reduced_motion else frame.size
        radius = self._radius_for(size)
        label = self._label_for(frame)
        if self._radius < 0:
            self._label, self._radius = label, radius
            self._full = True
            self.update()
        elif label != self._label:  # the words or the count: once a second at most
            self._label = label
            self._full = True
            self.update(self._text_region().united(self._changed(radius, self._radius)))
            self._radius = radius
        elif abs(radius - self._radius) >= MIN_STEP_PX:  # compared with what was last drawn
            low = min(radius, self._radius, *(self._ring or ()))
            high = max(radius, self._radius, *(self._ring or ()))
            self._ring = (low, high)
            for rect in self._ring_rects(radius, self._radius):
                self.update(rect)
            self._radius = radius
        self._schedule(frame, t)

    def _cue_tone(self, frame: PacerFrame) -> None:
        """A soft tone as an in- or out-breath begins, when the practice asks for them."""
        started = frame.phase_start
        changed = started != self._phase_start
        first = math.isnan(self._phase_start)
        self._phase_start = started
        plan = self._plan
        if first or not changed or not self._running or plan is None or not plan.tones:
            return
        if frame.kind is PhaseKind.IN or frame.kind is PhaseKind.OUT:
            breathing_in = frame.kind is PhaseKind.IN
            self.tones_played.append("in" if breathing_in else "out")
            if self._tones is not None:
                self._tones.play_breath(breathing_in)

    def _label_for(self, frame: PacerFrame) -> tuple[str, str]:
        if frame.finished:
            return ("", "")
        key = "settle" if frame.kind is None else frame.kind.value
        words = self._words.get(key, "")
        if not self._look.numbers or frame.kind is None:
            return (words, "")
        if self._look.reduced_motion:  # still: the phase's length, not a changing count
            return (words, f"{frame.phase_end - frame.phase_start:g} s")
        counting = self._plan.counting if self._plan is not None else "natural"
        return (words, shown_count(frame, counting))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._still = None  # the backdrop is redrawn at the new size
        self._full = True
        super().resizeEvent(event)

    def _backdrop(self) -> QPixmap:
        """The background and the outer circle, drawn once per size and then only copied:
        a wide anti-aliased circle costs more to draw than everything else in a frame."""
        ratio = self.devicePixelRatioF()
        if self._still is None or self._still.size() != self.size() * ratio:
            pixmap = QPixmap(self.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(self._background)
            painter = QPainter(pixmap)
            try:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                top = self._max_radius()
                painter.setPen(QPen(self._outline, max(2.0, top * 0.012)))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(self._circle(top))
            finally:
                painter.end()
            self._still = pixmap
        return self._still

    def _ring_only(self, box: QRect, ring: tuple[float, float]) -> bool:
        """Only the moving edge needs painting: nothing else (an expose) asked for more, and
        the outer circle, which a full disc overlaps, is not in reach."""
        low, high = ring
        outline = max(2.0, self._max_radius() * 0.012)
        if high + 2 * RING_MARGIN + outline >= self._max_radius():
            return False
        if low - RING_MARGIN <= self._text_half:
            return False
        reach = self._circle(high + RING_MARGIN + 3).toAlignedRect().adjusted(-2, -2, 2, 2)
        return reach.contains(box)

    def _paint_ring(self, painter: QPainter, low: float, high: float) -> None:
        """The edge moved between `low` and `high`: the backing store still holds the rest
        (background, words, the disc's middle), so draw only the background back over the
        ring and the disc over it. A fraction of a full frame's cost at projector size."""
        painter.setPen(Qt.PenStyle.NoPen)
        radius = max(self._radius, self._radius_for(0.0))
        if radius < high:
            ring = QPainterPath()
            ring.setFillRule(Qt.FillRule.OddEvenFill)
            ring.addEllipse(self._circle(high + RING_MARGIN))
            ring.addEllipse(self._circle(max(0.0, radius - RING_MARGIN)))
            painter.setBrush(self._background)
            painter.drawPath(ring)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(self._fill)
        painter.drawEllipse(self._circle(radius))

    def _circle(self, radius: float) -> QRectF:
        centre_x, centre_y = self.width() / 2, self.height() / 2
        return QRectF(centre_x - radius, centre_y - radius, 2 * radius, 2 * radius)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.frames_painted += 1
        ring, self._ring = self._ring, None
        full, self._full = self._full, False
        backdrop = self._backdrop()
        painter = QPainter(self)
        try:
            if ring is not None and not full and self._ring_only(event.rect(), ring):
                self._paint_ring(painter, *ring)
                return
            # One copy of the changed box; Qt clips it to the changed region. (Iterating
            # event.region() in Python would unbalance None's refcount: decision 0004.)
            box = event.rect()
            ratio = backdrop.devicePixelRatio()
            source = QRectF(
                box.x() * ratio, box.y() * ratio, box.width() * ratio, box.height() * ratio
            )
            painter.drawPixmap(QRectF(box), backdrop, source)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            top = self._max_radius()
            radius = max(self._radius, self._radius_for(0.0))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._fill)
            painter.drawEllipse(self._circle(radius))
            words, count = self._label
            word_box, count_box = self._text_boxes()
            if not event.region().intersects(self._text_region()):
                return  # a frame of the moving edge only: no text to lay out
            painter.setPen(self._text)
            font = QFont(self.font())
            font.setWeight(QFont.Weight.Bold)  # large text (3:1) on the fill, at every size
            font.setPixelSize(max(LARGE_BOLD_PX, round(top * 0.115)))
            painter.setFont(font)
            painter.drawText(word_box, Qt.AlignmentFlag.AlignCenter, words)
            self._text_half = QFontMetricsF(font).horizontalAdvance(words) / 2
            if count:
                font.setPixelSize(max(LARGE_BOLD_PX, round(top * 0.1)))
                painter.setFont(font)
                painter.drawText(count_box, Qt.AlignmentFlag.AlignCenter, count)
        finally:
            painter.end()
