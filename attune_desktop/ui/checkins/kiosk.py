"""The kiosk: a full-screen page passed around the circle; one tap, a thank-you, and nothing left.

No count, no last choice, no hover or focus mark stays after a tap: the next person sees the
same page the first one did. The way back to the facilitator is hard to hit by accident:
press and hold the top corner for three seconds, or Ctrl+Shift+Q and confirm.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core.checkin_live import CapReachedError
from attune_desktop.core.checkin_rules import RuleError
from attune_desktop.core.checkin_scales import GridAxis, Scale, ScaleLayout, is_rtl
from attune_desktop.core.checkin_texts import text
from attune_desktop.core.i18n import _
from attune_desktop.core.services.checkins import CheckInService, RoundClosedError
from attune_desktop.ui.checkins.pictures import Pictures
from attune_desktop.ui.common.tones import KioskTones, kiosk_tones
from attune_desktop.ui.common.widgets import named
from attune_desktop.ui.theme import current_tones

THANKS_MS = 1000
HOLD_MS = 3000
MAX_BUTTON_HEIGHT = 320
BUTTON_STYLE = """
QPushButton {{ background: {colour}; color: {text}; border: 2px solid #00000022;
  border-radius: 24px; padding: 12px; font-size: 26px; }}
QPushButton:hover {{ background: {colour}; }}
QPushButton:pressed, QPushButton:focus {{ border: 4px solid {ring}; }}
"""


class HoldCorner(QLabel):
    """A quiet corner that emits `held` only after a press kept for `hold_ms`."""

    held = Signal()

    def __init__(
        self, hold_ms: int = HOLD_MS, parent: QWidget | None = None, *, colour: str = "#5f636a"
    ) -> None:
        super().__init__("⋯", parent)
        self.setObjectName("kioskHoldCorner")
        self.setFixedSize(56, 56)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet(f"color: {colour}; font-size: 22px;")
        self.setToolTip(_("Facilitator: press and hold for 3 seconds to leave the kiosk"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._timer.timeout.connect(self.held)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._timer.start()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._timer.stop()


class KioskWindow(QWidget):
    """One round on one shared screen. Show it with `showFullScreen()`; `left` when done."""

    left = Signal()

    def __init__(
        self,
        service: CheckInService,
        round_id: int,
        *,
        lang: str = "en",
        pictures: Pictures | None = None,
        thanks_ms: int = THANKS_MS,
        hold_ms: int = HOLD_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("kioskWindow")
        self.setWindowTitle(_("Check-in"))
        self.tones: KioskTones = kiosk_tones(current_tones())
        tones = self.tones
        self.setStyleSheet(f"#kioskWindow {{ background: {tones.page}; }}")
        self._service, self._round_id, self._lang = service, round_id, lang
        self._pictures = pictures or Pictures()
        self._leaving = False
        self._confirm: QMessageBox | None = None
        round_ = service.get_round(round_id)
        scale = service.scale(round_.scale_key)
        if is_rtl(lang):
            self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)

        self.corner = HoldCorner(hold_ms, parent=self, colour=tones.corner)
        self.corner.held.connect(self.leave)
        question = named(QLabel(scale.question(lang)), "kioskQuestion")
        question.setWordWrap(True)
        question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        question.setStyleSheet(f"font-size: 34px; font-weight: 600; color: {tones.text};")
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(20)
        self._fill(grid, scale)
        choose = QWidget()
        choose_layout = QVBoxLayout(choose)  # the question sits just above the choices,
        choose_layout.addStretch(1)  # the two together in the middle of the screen
        choose_layout.addWidget(question)
        choose_layout.addSpacing(36)
        choose_layout.addLayout(grid, 4)
        choose_layout.addStretch(1)

        self.thanks = named(QLabel(text(lang, "thank_you")), "kioskThanks")
        self.closed = named(QLabel(text(lang, "kiosk_closed")), "kioskClosed")
        for label in (self.thanks, self.closed):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            label.setStyleSheet(f"font-size: 56px; color: {tones.thanks};")
        self.pages = named(QStackedWidget(), "kioskPages")
        for page in (choose, self.thanks, self.closed):
            self.pages.addWidget(page)
        # Quiet, but on screen: a facilitator new to the kiosk must not be trapped in it.
        self.exit_hint = named(
            QLabel(
                _(
                    "Facilitator: to leave, hold the ⋯ corner for three seconds "
                    "or press Ctrl+Shift+Q."
                )
            ),
            "kioskExitHint",
        )
        self.exit_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.exit_hint.setStyleSheet(f"font-size: 15px; color: {tones.muted};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 16)
        layout.addWidget(self.pages)
        layout.addWidget(self.exit_hint)

        self._back = QTimer(self)
        self._back.setSingleShot(True)
        self._back.setInterval(thanks_ms)
        self._back.timeout.connect(self._on_thanks_over)
        shortcut = QShortcut(QKeySequence("Ctrl+Shift+Q"), self)
        shortcut.activated.connect(self._on_leave_asked)

    def _fill(self, grid: QGridLayout, scale: Scale) -> None:
        count = len(scale.options)
        columns = count if count <= 4 else (3 if count <= 6 else 4)
        for index, option in enumerate(scale.options):
            button = named(QPushButton(option.label(self._lang)), f"kioskOption_{option.key}")
            button.setIcon(self._pictures.icon(option.picture, 160))
            button.setIconSize(QSize(120, 120))
            # Tab reaches the answers (a tap leaves no focus ring); after each answer the
            # focus leaves them, so the next person never sees which one was chosen.
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setMinimumSize(200, 200)
            button.setMaximumHeight(MAX_BUTTON_HEIGHT)  # big targets, not walls of colour
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.setStyleSheet(
                BUTTON_STYLE.format(
                    colour=option.colour, text=self.tones.button_text, ring=self.tones.ring
                )
            )
            button.setAccessibleName(option.label(self._lang))
            button.clicked.connect(lambda _=False, key=option.key: self.answer(key))
            if scale.layout is ScaleLayout.GRID and option.row is not None:
                grid.addWidget(button, option.row + 2, option.col or 0)
            else:
                grid.addWidget(button, index // columns, index % columns)
            self.buttons[option.key] = button
        shape = scale.grid_shape
        if shape is not None:  # name the grid's edges; Qt mirrors the columns in Arabic
            rows, cols = shape
            edges = {
                axis: self._edge(scale.axis_label(axis, self._lang), self.tones.muted)
                for axis in GridAxis
            }
            grid.addWidget(edges[GridAxis.HIGH], 0, 0, 1, cols)
            grid.addWidget(edges[GridAxis.UNPLEASANT], 1, 0)
            grid.addWidget(edges[GridAxis.PLEASANT], 1, cols - 1)
            grid.addWidget(edges[GridAxis.LOW], rows + 2, 0, 1, cols)

    @staticmethod
    def _edge(words: str, colour: str) -> QLabel:
        label = QLabel(words)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet(f"font-size: 22px; color: {colour};")
        return label

    def answer(self, option_key: str) -> None:
        """One tap: count it, thank, and after about a second show the clean page again."""
        if self.pages.currentIndex() != 0:
            return
        try:
            self._service.record_answer(self._round_id, option_key)
        except RoundClosedError:
            self.pages.setCurrentWidget(self.closed)
            return
        except CapReachedError:
            self.closed.setText(text(self._lang, "full"))
            self.pages.setCurrentWidget(self.closed)
            return
        except RuleError:
            return
        self.setFocus()  # off the answer given: nothing marks it for the next person
        self.pages.setCurrentWidget(self.thanks)
        self._back.start()

    def _on_thanks_over(self) -> None:
        self.pages.setCurrentIndex(0)

    def _on_leave_asked(self) -> None:
        self._confirm = QMessageBox(
            QMessageBox.Icon.Question,
            _("Leave the kiosk?"),
            _("Go back to the facilitator's screen? The round stays open."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        self._confirm.setObjectName("kioskLeaveConfirm")
        self._confirm.setDefaultButton(QMessageBox.StandardButton.No)
        self._confirm.buttonClicked.connect(self._on_confirm_clicked)
        self._confirm.open()

    @property
    def confirm(self) -> QMessageBox | None:
        return self._confirm

    def _on_confirm_clicked(self, button: QAbstractButton) -> None:
        if self._confirm is not None and (
            self._confirm.standardButton(button) == QMessageBox.StandardButton.Yes
        ):
            self.leave()

    def leave(self) -> None:
        self._leaving = True
        self._back.stop()
        self.close()
        self.left.emit()

    def resizeEvent(self, event: object) -> None:  # keep the corner in the top corner
        x = 0 if is_rtl(self._lang) else self.width() - self.corner.width()
        self.corner.move(x, 0)
        self.corner.raise_()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            return  # the group must not leave the kiosk by accident
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._leaving:
            event.ignore()
            return
        super().closeEvent(event)
