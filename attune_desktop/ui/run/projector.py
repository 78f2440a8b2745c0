"""The projector view: what the room sees. Calm by construction.

It is given a `RoomView` (participant-facing fields only: a title, how far along, the pacer),
never a segment or a session, so facilitator notes cannot reach it by accident. Soft colours,
a ring without digits unless the facilitator asks for them, never red, nothing flashing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QResizeEvent, QScreen
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from attune_desktop.core.i18n import _
from attune_desktop.core.pacing import PacerPlan
from attune_desktop.ui.common.chart_words import read_as_chart
from attune_desktop.ui.common.settings import Settings
from attune_desktop.ui.common.widgets import named
from attune_desktop.ui.run.pacer import PacerLook, PacerWidget, TonePlayer
from attune_desktop.ui.run.ring import ProgressRing
from attune_desktop.ui.run.settle import SettleScreen
from attune_desktop.ui.run.spoken import set_spoken_time, speak_as_clock

BACKGROUND = "#1f2628"
TEXT = "#ece7dd"
MUTED = "#a9b8b4"
RING = "#86bdb1"
TRACK = "#334143"  # the part of the segment still to come: soft, with edges at 3:1
TRACK_EDGE = "#62787a"
PACER_FILL = "#3f7d72"  # 3:1 on the background; the words on it are large and bold
PACER_OUTLINE = "#667c7c"  # the guide circle the breath grows to
WINDOWED_SIZE = (960, 540)


class RoomMode(StrEnum):
    WAITING = "waiting"  # before the start
    SEGMENT = "segment"
    SETTLE = "settle"
    FINISHED = "finished"


@dataclass(frozen=True)
class RoomView:
    """Everything the projector may show; nothing here is private."""

    mode: RoomMode
    title: str
    progress: float = 0.0
    minutes_left: str = ""  # shown only when the projector-digits setting is on
    pacer: PacerPlan | None = None
    running: bool = False


class ProjectorWindow(QWidget):
    """What the room sees: title, soft ring or pacer, settle screen, or a check-in panel."""

    panel_changed = Signal(bool)  # True while a check-in panel replaces the ring

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("projectorWindow")
        self.setWindowTitle(_("Attune Desktop: projector"))
        self.setStyleSheet(
            f"#projectorWindow, #projectorWindow QWidget {{ background: {BACKGROUND}; }}"
        )
        self.show_digits = False
        self._view: RoomView | None = None
        self._panel: QWidget | None = None

        self.title = named(QLabel(), "projectorTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.title.setStyleSheet(f"color: {TEXT};")
        self.ring = named(
            ProgressRing(
                track=TRACK, fill=RING, text_colour=TEXT, thickness=0.035, outline=TRACK_EDGE
            ),
            "projectorRing",
        )
        speak_as_clock(self.ring)  # the room's ring, in words: how much of the time is gone
        self.pacer = PacerWidget(
            fill=PACER_FILL, outline=PACER_OUTLINE, text_colour=TEXT, background=BACKGROUND
        )
        read_as_chart(self.pacer, _("Breathing pacer"), focus=False)  # nobody works this window
        self.settle = SettleScreen(TEXT, MUTED)
        self.message = named(QLabel(), "projectorMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {TEXT};")
        self.panel_holder = named(QWidget(), "projectorPanel")
        QVBoxLayout(self.panel_holder).setContentsMargins(0, 0, 0, 0)

        self.body = named(QStackedWidget(), "projectorBody")
        for page in (self.ring, self.pacer, self.panel_holder, self.message):
            self.body.addWidget(page)
        self.segment_page = segment_page = QWidget()
        segment_layout = QVBoxLayout(segment_page)
        segment_layout.setContentsMargins(48, 36, 48, 36)
        segment_layout.addWidget(self.title)
        segment_layout.addWidget(self.body, 1)
        self.pages = named(QStackedWidget(), "projectorPages")
        self.pages.addWidget(segment_page)
        self.pages.addWidget(self.settle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.resize(*WINDOWED_SIZE)
        self._elapsed: Callable[[], float] = lambda: 0.0

    # --- what the room sees ----------------------------------------------------------------

    def show_room(self, view: RoomView, elapsed: Callable[[], float] | None = None) -> None:
        """Show a segment, the pacer, the settle screen or the closing page."""
        previous = self._view
        self._view = view
        if elapsed is not None:
            self._elapsed = elapsed
        if view.mode is RoomMode.SETTLE:
            self.pages.setCurrentWidget(self.settle)
            self.pacer.set_running(False)
            return
        self.pages.setCurrentWidget(self.segment_page)
        self.title.setText(view.title)
        if view.mode in (RoomMode.WAITING, RoomMode.FINISHED):
            self.pacer.set_running(False)
            self.message.setText(_("Welcome") if view.mode is RoomMode.WAITING else _("Thank you"))
            self._show_body(self.message)
            return
        if view.pacer is not None:
            if previous is None or previous.pacer != view.pacer:
                self.pacer.set_plan(view.pacer, self._elapsed)
            self._show_body(self.pacer)
            self.pacer.set_running(view.running)
            return
        self.pacer.set_running(False)
        digits = view.minutes_left if self.show_digits else ""
        self.ring.set_state(view.progress, digits)
        shown = _("{percent} % of the time gone").format(percent=round(view.progress * 100))
        set_spoken_time(
            self.ring,
            _("{shown}, {digits} minutes left").format(shown=shown, digits=digits)
            if digits
            else shown,
        )
        self._show_body(self.ring)

    def _show_body(self, page: QWidget) -> None:
        if self._panel is not None:
            page = self.panel_holder
        if self.body.currentWidget() is not page:
            self.body.setCurrentWidget(page)

    def show_panel(self, widget: QWidget | None) -> None:
        """Show a participant-safe panel (check-in code or results) in place of the ring.

        `None` goes back to the ring or the pacer. The panel is not deleted when replaced;
        whoever made it owns it.
        """
        layout = self.panel_holder.layout()
        assert layout is not None
        if self._panel is not None:
            layout.removeWidget(self._panel)
            self._panel.setParent(None)
        self._panel = widget
        if widget is not None:
            layout.addWidget(widget)
            self.body.setCurrentWidget(self.panel_holder)
        elif self._view is not None:
            self.show_room(self._view)
        else:
            self.body.setCurrentWidget(self.ring)
        self.panel_changed.emit(widget is not None)

    def current_panel(self) -> QWidget | None:
        return self._panel

    def configure_pacer(self, settings: Settings, tones: TonePlayer | None = None) -> None:
        """The room's pacer settings (reduced motion, numbers, language) and breath tones."""
        self.pacer.set_look(PacerLook.load(settings))
        self.pacer.set_tone_player(tones)

    # --- where it shows -----------------------------------------------------------------

    def place(self, screen_name: str | None) -> QScreen | None:
        """Full screen on the chosen (or first non-primary) screen; a window if only one."""
        screens = QGuiApplication.screens()
        primary = QGuiApplication.primaryScreen()
        if len(screens) < 2:
            self.showNormal()
            self.resize(*WINDOWED_SIZE)
            self.show()
            return None
        target = next((s for s in screens if s.name() == screen_name), None)
        target = target or next((s for s in screens if s is not primary), screens[-1])
        self.setGeometry(target.geometry())
        handle = self.windowHandle()
        if handle is not None:
            handle.setScreen(target)
        self.showFullScreen()
        return target

    def resizeEvent(self, event: QResizeEvent) -> None:
        font = self.title.font()
        font.setPixelSize(max(18, round(self.height() * 0.07)))
        self.title.setFont(font)
        self.message.setFont(font)
        super().resizeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.pacer.set_running(False)
        super().closeEvent(event)
