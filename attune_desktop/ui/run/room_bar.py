"""The presenter's footer: the projector (show, which screen, digits) and the chimes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QWidget,
)

from attune_desktop.ui.common.widgets import named, spoken_label
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
        self.projector = named(QPushButton("Projector view"), "runProjectorToggle")
        self.projector.setCheckable(True)
        self.projector.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.projector.toggled.connect(self.projector_toggled)
        self.screens = named(QComboBox(), "runProjectorScreen")
        self.screens.setToolTip("The screen the projector view fills (remembered)")
        self.screens.setFocusPolicy(Qt.FocusPolicy.NoFocus)
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
            QPushButton("Projector: back to the timer"), "runProjectorBackToTimer"
        )
        self.back_to_timer.setToolTip("The projector shows a check-in; show the timer again")
        self.back_to_timer.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.back_to_timer.clicked.connect(self.timer_requested)
        self.back_to_timer.hide()
        self.digits = named(QCheckBox("Minutes on projector"), "runProjectorDigits")
        self.digits.setChecked(settings.projector_digits)
        self.digits.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.digits.toggled.connect(self.digits_toggled)
        self.mute = named(QCheckBox("Mute chimes"), "runMute")
        self.mute.setChecked(settings.muted)
        self.mute.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.mute.toggled.connect(self.muted_toggled)
        self.volume = named(QSlider(Qt.Orientation.Horizontal), "runVolume")
        self.volume.setRange(0, 100)
        self.volume.setValue(round(settings.volume * 100))
        self.volume.setFixedWidth(110)
        self.volume.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.volume.setAccessibleName("Chime volume")
        self.volume.valueChanged.connect(lambda v: self.volume_changed.emit(v / 100))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.projector)
        layout.addWidget(self.screens)
        layout.addWidget(spoken_label(self.screens, "Projector screen"))
        layout.addWidget(self.back_to_timer)
        layout.addWidget(self.digits)
        layout.addStretch(1)
        layout.addWidget(self.mute)
        layout.addWidget(QLabel("Volume"))
        layout.addWidget(self.volume)
        if not has_audio:
            note = named(QLabel("No sound device: chimes are off"), "runNoAudio")
            note.setProperty("role", "subtitle")
            layout.addWidget(note)
            self.mute.setEnabled(False)
            self.volume.setEnabled(False)
