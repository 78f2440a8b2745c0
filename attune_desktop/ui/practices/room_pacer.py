"""The room's pacer settings, on the Practices screen: language, numbers, reduced motion.

They are the room's, not a practice's: saved in the settings file and read by the projector
when a run starts (and by the editor's preview at once, so what you see is what they see).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QWidget

from attune_desktop.core.i18n import _
from attune_desktop.ui.common.settings import Settings
from attune_desktop.ui.common.widgets import buddy_label, named, spoken_label
from attune_desktop.ui.practices.labels import LANGUAGE_NAMES
from attune_desktop.ui.run.pacer import (
    LANGUAGE_KEY,
    NUMBERS_KEY,
    REDUCED_MOTION_KEY,
    PacerLook,
    desktop_prefers_reduced_motion,
)


class RoomPacerSettings(QWidget):
    changed = Signal(object)  # the new PacerLook

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roomPacerSettings")
        self._settings = settings
        self.language = named(QComboBox(), "pacerLanguage")
        for code, label in LANGUAGE_NAMES.items():
            self.language.addItem(label, code)
        self.numbers = named(QCheckBox(_("Numbers")), "pacerNumbers")
        self.motion = named(QComboBox(), "pacerMotion")
        desktop = _("on") if desktop_prefers_reduced_motion() else _("off")
        self.motion.addItem(_("Reduced motion: as the desktop (%s)") % desktop, "system")
        self.motion.addItem(_("Reduced motion: on (a still prompt)"), "on")
        self.motion.addItem(_("Reduced motion: off (a growing circle)"), "off")

        self.language.setCurrentIndex(
            max(0, self.language.findData(settings.text(LANGUAGE_KEY) or "en"))
        )
        self.numbers.setChecked(settings.flag(NUMBERS_KEY))
        choice = settings.text(REDUCED_MOTION_KEY) or "system"
        self.motion.setCurrentIndex(max(0, self.motion.findData(choice)))

        title = buddy_label(_("Room &pacer:"), self.language)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.language)
        layout.addWidget(self.numbers)
        layout.addWidget(self.motion)
        layout.addWidget(spoken_label(self.motion, _("Reduced motion")))
        layout.addStretch(1)
        self.language.activated.connect(self._on_changed)
        self.numbers.toggled.connect(self._on_changed)
        self.motion.activated.connect(self._on_changed)

    def look(self) -> PacerLook:
        return PacerLook.load(self._settings)

    def _on_changed(self, *_args: object) -> None:
        self._settings.set(LANGUAGE_KEY, str(self.language.currentData()))
        self._settings.set(NUMBERS_KEY, self.numbers.isChecked())
        self._settings.set(REDUCED_MOTION_KEY, str(self.motion.currentData()))
        self.changed.emit(self.look())
