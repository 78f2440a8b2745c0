"""The facilitator's UI language: applied at start-up, chosen in View → Language.

The language follows the computer unless the person picks one (setting `ui/language`). Arabic
lays the whole window out right to left. A new choice applies from the next start, and the
menu says so. The room's language (a check-in round's, a family's sheets) is separate.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QWidget

from attune_desktop.core import i18n
from attune_desktop.core.i18n import _
from attune_desktop.ui.common.settings import Settings

SETTING = "ui/language"


def apply_language(app: QApplication, settings: Settings) -> i18n.Language:
    """Speak the chosen (or the computer's) language and set the layout's direction."""
    i18n.activate(settings.text(SETTING))
    language = i18n.current()
    direction = Qt.LayoutDirection.RightToLeft if language.rtl else Qt.LayoutDirection.LeftToRight
    app.setLayoutDirection(direction)
    return language


def language_menu(parent: QWidget, settings: Settings) -> QMenu:
    """View → Language: follow the computer, or one of the languages with a whole catalogue."""
    menu = QMenu(_("&Language"), parent)
    menu.setObjectName("languageMenu")
    group = QActionGroup(menu)
    chosen = settings.text(SETTING) or i18n.SYSTEM
    choices = [(i18n.SYSTEM, _("Follow the computer"))] + [
        (code, i18n.language(code).name) for code in i18n.UI_LANGUAGES
    ]
    for code, label in choices:
        action = QAction(label, menu, checkable=True, checked=code == chosen)
        action.setObjectName(f"language-{code}")
        action.triggered.connect(lambda _checked=False, c=code: _choose(parent, settings, c))
        group.addAction(action)
        menu.addAction(action)
    return menu


def _choose(parent: QWidget, settings: Settings, code: str) -> None:
    if code == (settings.text(SETTING) or i18n.SYSTEM):
        return
    settings.set(SETTING, code)
    box = QMessageBox(
        QMessageBox.Icon.Information,
        _("Language"),
        _("The new language shows the next time Attune Desktop starts."),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("languageRestartMessage")
    box.open()
