"""The presenter's controls: one QAction each, with its shortcut shown on its button.

Shortcuts are window shortcuts on the presenter, so Space, arrows, + and − act only while the
run window is active, and a text field (the follow-up note) keeps its own keys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from attune_desktop.core.i18n import N_, _

PRESS_KEYS = {Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter}
STEP_KEYS = {
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
}


class OwnKeys(QObject):
    """A focused control keeps its own keys: Space or Enter presses the focused button, not
    the run's Pause; arrows move the focused slider or combo box, not the segment."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if (
            not isinstance(event, QKeyEvent)
            or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            return False
        key = Qt.Key(event.key())
        if isinstance(watched, QAbstractSlider):
            mine = STEP_KEYS
        elif isinstance(watched, QComboBox):
            mine = PRESS_KEYS | {Qt.Key.Key_Up, Qt.Key.Key_Down}
        else:
            mine = PRESS_KEYS
        if key not in mine:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # the key goes to the control, not to a window shortcut
            return True
        if isinstance(watched, QAbstractButton) and key != Qt.Key.Key_Space:
            watched.animateClick()  # Enter presses a button, as Space does
            return True
        return False


def keep_own_keys(widgets: list[QWidget], parent: QObject) -> OwnKeys:
    """Let each of `widgets` take focus and keep its own keys (see `OwnKeys`)."""
    keys = OwnKeys(parent)
    for widget in widgets:
        # Tab only: a mouse click leaves the focus where it was, so after clicking Next,
        # Space still pauses rather than pressing Next again
        widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        widget.installEventFilter(keys)
    return keys


@dataclass(frozen=True)
class Control:
    key: str
    text: str
    shortcuts: tuple[str, ...] = ()
    hint: str = ""  # how the shortcut is written on the button


SPACE, LEFT, RIGHT = "Space", "Left", "Right"  # not-ui-text: Qt's key names
CONTROLS = (
    Control("start", N_("Start"), (), ""),
    Control("pause", N_("Pause"), (SPACE,), N_("Space")),
    Control("previous", N_("Previous"), (LEFT,), "←"),
    Control("next", N_("Next"), (RIGHT,), "→"),
    Control("minus", N_("−1 min"), ("-", "−"), "−"),
    Control("plus", N_("+1 min"), ("+", "="), "+"),
    Control("skip", N_("Skip"), ("S",), "S"),
    Control("settle", N_("Settle"), ("T",), "T"),
    Control("end", N_("End session"), ("E",), "E"),
)


# Right to left, "previous" points right and takes the Right arrow key; "next" the Left one.
_MIRRORED = {
    "previous": Control("previous", N_("Previous"), (RIGHT,), "→"),
    "next": Control("next", N_("Next"), (LEFT,), "←"),
}


def mirrored(controls: tuple[Control, ...]) -> tuple[Control, ...]:
    """The controls, with the direction keys and arrows mirrored when the UI is right to left."""
    if QGuiApplication.layoutDirection() != Qt.LayoutDirection.RightToLeft:
        return controls
    return tuple(_MIRRORED.get(control.key, control) for control in controls)


def button_text(control: Control, text: str | None = None) -> str:
    label = text or _(control.text)
    return f"{label}  ({_(control.hint)})" if control.hint else label


class RunControls(QWidget):
    """A grid of buttons over the actions; the actions are added to `window` for shortcuts."""

    def __init__(
        self, window: QWidget, slots: dict[str, Callable[[], None]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("runControls")
        self.actions_by_key: dict[str, QAction] = {}
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(8)
        for number, control in enumerate(mirrored(CONTROLS)):
            action = QAction(_(control.text), window)
            action.setObjectName(f"run_{control.key}")
            if control.shortcuts:
                action.setShortcuts([QKeySequence(s) for s in control.shortcuts])
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                action.setToolTip(f"{_(control.text)} ({_(control.hint)})")
            action.triggered.connect(slots[control.key])
            window.addAction(action)
            button = QPushButton(button_text(control))
            button.setObjectName(f"run_{control.key}_button")
            button.setMinimumHeight(38)
            button.clicked.connect(action.trigger)
            self.actions_by_key[control.key] = action
            self.buttons[control.key] = button
            cell = max(0, number - 1)  # Start and Pause share the first cell: one shows
            grid.addWidget(button, cell // 4, cell % 4)
        self.buttons["start"].setProperty("role", "primary")
        # Tab reaches every button; a focused one takes Space and Enter, elsewhere Space pauses
        self._own_keys = keep_own_keys(list(self.buttons.values()), self)

    def set_enabled(self, key: str, enabled: bool) -> None:
        self.actions_by_key[key].setEnabled(enabled)
        self.buttons[key].setEnabled(enabled)

    def set_visible(self, key: str, visible: bool) -> None:
        self.buttons[key].setVisible(visible)

    def set_text(self, key: str, text: str) -> None:
        control = next(c for c in mirrored(CONTROLS) if c.key == key)
        self.actions_by_key[key].setText(text)
        self.buttons[key].setText(button_text(control, text))


class EndConfirm(QWidget):
    """ "End the session now?" in place, so a stray click never ends a session."""

    confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runEndConfirm")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(_("End the session now?")))
        end_now = QPushButton(_("End now"))
        end_now.setObjectName("runEndNow")
        keep = QPushButton(_("Keep going"))
        keep.setObjectName("runEndKeep")
        end_now.clicked.connect(self.confirmed)
        keep.clicked.connect(self.hide)
        row.addWidget(end_now)
        row.addWidget(keep)
        row.addStretch(1)
        self._own_keys = keep_own_keys([end_now, keep], self)
        self._keep = keep
        self.hide()

    def show_and_focus(self) -> None:
        """Shown by the End key: the focus waits on "Keep going", Tab reaches "End now"."""
        self.show()
        self._keep.setFocus(Qt.FocusReason.ShortcutFocusReason)
