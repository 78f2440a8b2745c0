"""The presenter's footer: the projector (show, which screen, digits) and the chimes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QSlider,
    QWidget,
)

from attune_desktop.core.i18n import _
from attune_desktop.ui.common.flow_layout import FlowLayout
from attune_desktop.ui.common.widgets import buddy_label, named
from attune_desktop.ui.run.controls import keep_own_keys
from attune_desktop.ui.run.run_settings import RunSettings


class RoomBar(QWidget):
    projector_toggled = Signal(bool)
    screen_chosen = Signal(str)
    digits_toggled = Signal(bool)
    muted_toggled = Signal(bool)
    volume_changed = Signal(float)
    timer_requested = Signal()  # take the check-in panel off the projector

    def __init__(
        self, settings: RunSettings, has_audio: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("runRoomBar")
        self.projector = named(QPushButton(_("Projector view  (P)")), "runProjectorToggle")
        self.projector.setCheckable(True)
        self.projector.toggled.connect(self.projector_toggled)
        self.screens = named(QComboBox(), "runProjectorScreen")
        self.screens.setToolTip(_("The screen the projector view fills (remembered)"))
        for screen in QGuiApplication.screens():
            size = screen.size()
            self.screens.addItem(f"{screen.name()} ({size.width()}×{size.height()})", screen.name())
        index = self.screens.findData(settings.projector_screen)
        if index >= 0:
            self.screens.setCurrentIndex(index)
        self.screens.setEnabled(self.screens.count() > 1)
        self.screens.currentIndexChanged.connect(
            lambda i: self.screen_chosen.emit(str(self.screens.itemData(i) or ""))
        )
        self.back_to_timer = named(
            QPushButton(_("Projector: back to the timer")), "runProjectorBackToTimer"
        )
        self.back_to_timer.setToolTip(_("The projector shows a check-in; show the timer again"))
        self.back_to_timer.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.back_to_timer.clicked.connect(self.timer_requested)
        self.back_to_timer.hide()
        self.digits = named(QCheckBox(_("Minutes on projector  (D)")), "runProjectorDigits")
        self.digits.setChecked(settings.projector_digits)
        self.digits.toggled.connect(self.digits_toggled)
        self.mute = named(QCheckBox(_("Mute chimes  (M)")), "runMute")
        self.mute.setChecked(settings.muted)
        self.mute.toggled.connect(self.muted_toggled)
        self.volume = named(QSlider(Qt.Orientation.Horizontal), "runVolume")
        self.volume.setRange(0, 100)
        self.volume.setValue(round(settings.volume * 100))
        self.volume.setFixedWidth(110)
        self.volume.setAccessibleName(_("Chime volume"))
        self.volume.valueChanged.connect(lambda v: self.volume_changed.emit(v / 100))
        layout = FlowLayout(self)  # wraps at 200 % scaling rather than widening the window
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.projector)
        layout.addWidget(buddy_label(_("Screen  (O)"), self.screens))
        layout.addWidget(self.screens)
        layout.addWidget(self.back_to_timer)
        layout.addWidget(self.digits)
        layout.addWidget(self.mute)
        layout.addWidget(buddy_label(_("Volume  ([ ])"), self.volume))
        layout.addWidget(self.volume)
        self._own_keys = keep_own_keys(
            [self.projector, self.screens, self.back_to_timer, self.digits, self.mute, self.volume],
            self,
        )
        if not has_audio:
            note = named(QLabel(_("No sound device: chimes are off")), "runNoAudio")
            note.setProperty("role", "subtitle")
            layout.addWidget(note)
            self.mute.setEnabled(False)
            self.volume.setEnabled(False)
        self._add_keys()

    def _add_keys(self) -> None:
        """A key for each control, live wherever the focus is in the run window (and the
        projector window, which takes these actions too)."""
        for name, key, slot, control in (
            ("runProjectorKey", "P", self.projector.toggle, self.projector),
            ("runScreenKey", "O", self._choose_screen, self.screens),
            ("runDigitsKey", "D", lambda: self._press(self.digits), self.digits),
            ("runMuteKey", "M", lambda: self._press(self.mute), self.mute),
            ("runVolumeDownKey", "[", lambda: self._step_volume(-10), self.volume),
            ("runVolumeUpKey", "]", lambda: self._step_volume(10), self.volume),
        ):
            action = QAction(self)
            action.setEnabled(control.isEnabled())  # no sound device, one screen: no key
            action.setObjectName(name)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    def _step_volume(self, step: int) -> None:
        if self.volume.isEnabled():
            self.volume.setValue(self.volume.value() + step)

    @staticmethod
    def _press(box: QCheckBox) -> None:
        if box.isEnabled():
            box.toggle()

    def _choose_screen(self) -> None:
        """O puts the focus on the screen chooser and opens it; arrows and Enter choose."""
        if self.screens.isEnabled():
            self.screens.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.screens.showPopup()
