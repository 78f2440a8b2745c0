"""View ▸ Theme: follow the system, light, dark or high contrast; the choice is kept.

The menu only records the choice and says so (`chosen`); the composition root, which holds
the application, applies it (`attune_desktop/app.py`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from attune_desktop.core.i18n import N_, _
from attune_desktop.ui.common.settings import Settings
from attune_desktop.ui.common.tones import THEME_CHOICES

SETTING = "ui/theme"
LABELS = {
    "system": N_("Follow the &system"),
    "light": N_("&Light"),
    "dark": N_("&Dark"),
    "high-contrast": N_("&High contrast"),
}


class ThemeMenu(QObject):
    chosen = Signal(str)  # "system", "light", "dark" or "high-contrast"

    def __init__(self, settings: Settings, parent: QWidget) -> None:
        super().__init__(parent)
        self._settings = settings
        self.menu = QMenu(_("&Theme"), parent)
        self.menu.setObjectName("themeMenu")
        group = QActionGroup(self)
        group.setExclusive(True)
        current = self.choice()
        self.actions_by_choice: dict[str, QAction] = {}
        for choice in THEME_CHOICES:
            action = QAction(_(LABELS[choice]), self, checkable=True)
            action.setObjectName(f"theme_{choice}")
            action.setChecked(choice == current)
            action.triggered.connect(lambda _=False, c=choice: self._choose(c))
            group.addAction(action)
            self.menu.addAction(action)
            self.actions_by_choice[choice] = action

    def choice(self) -> str:
        """The kept choice ('system' when the file holds something else)."""
        kept = self._settings.text(SETTING)
        return kept if kept in THEME_CHOICES else "system"

    def _choose(self, choice: str) -> None:
        self._settings.set(SETTING, choice)
        self.chosen.emit(choice)
