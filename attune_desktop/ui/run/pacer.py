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

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QPixmap,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from attune_desktop.core.i18n import _
from attune_desktop.core.pacer_words import parse_words, room_words
from attune_desktop.core.pacing import (
    PacerFrame,
    PacerPlan,
    PhaseKind,
    describe,
    format_pattern,
    pacer_frame,
    shown_count,
)
from attune_desktop.ui.common.chart_words import set_chart_words
from attune_desktop.ui.run.pacer_look import (
    LANGUAGE_KEY,
    NUMBERS_KEY,
    REDUCED_MOTION_KEY,
    PacerLook,
    TonePlayer,
    desktop_prefers_reduced_motion,
)
from attune_desktop.ui.run.pacer_paint import LARGE_BOLD_PX, PacerPaint

__all__ = [
    "LANGUAGE_KEY",
    "LARGE_BOLD_PX",
    "NUMBERS_KEY",
    "REDUCED_MOTION_KEY",
    "PacerLook",
    "PacerWidget",
    "TonePlayer",
    "desktop_prefers_reduced_motion",
]

STILL_SIZE = 0.55  # the still prompt's circle in reduced motion, between rest and full
MIN_FRAME_MS = 8
MOTION_FPS = 20.0  # a slow breath needs no more; the edge moves a few px a frame at 1080p
MIN_STEP_PX = 2.0  # a smaller move than this is not repainted


def pacer_words(plan: PacerPlan | None) -> str:
    """The pacer in words: its breath pattern and pace, as the practice's editor writes them."""
    if plan is None:
        return _("No breathing pacer.")
    pattern = plan.pattern
    return _("Breathing pacer: {format_pattern} seconds; {describe}; {cycles} breaths.").format(
        format_pattern=format_pattern(pattern), describe=describe(pattern), cycles=plan.cycles
    )


class PacerWidget(PacerPaint, QWidget):
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
        set_chart_words(self, pacer_words(None))

    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    # --- what it shows -------------------------------------------------------------------

    def set_plan(self, plan: PacerPlan | None, elapsed: Callable[[], float]) -> None:
        self._plan = plan
        self._elapsed = elapsed
        set_chart_words(self, pacer_words(plan))
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
