"""The facilitator's UI language: applied at start-up, chosen in View → Language.

The language follows the computer unless the person picks one (setting `ui/language`). Arabic
lays the whole window out right to left. A new choice applies from the next start, and the
menu says so. The room's language (a check-in round's, a family's sheets) is separate.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QTimeEdit, QWidget

from attune_desktop.core import i18n, locale_format
from attune_desktop.core.i18n import _
from attune_desktop.ui.common.settings import Settings

SETTING = "ui/language"


def apply_language(app: QApplication, settings: Settings) -> i18n.Language:
    """Speak the chosen (or the computer's) language and set the layout's direction."""
    i18n.activate(settings.text(SETTING))
    language = i18n.current()
    direction = Qt.LayoutDirection.RightToLeft if language.rtl else Qt.LayoutDirection.LeftToRight
    app.setLayoutDirection(direction)
    QLocale.setDefault(qt_locale())
    speak_qt(app, language.code)
    return language


QT_TRANSLATOR = "qtbaseTranslator"


def speak_qt(app: QApplication, code: str) -> None:
    """Qt's own words (a dialog's Close and Cancel, a text field's menu) in `code`, from the
    catalogues Qt ships; English drops them. Called again, the earlier one is removed."""
    for old in app.findChildren(QTranslator, QT_TRANSLATOR):
        app.removeTranslator(old)
        old.deleteLater()
    if code == "en":
        return
    translator = QTranslator(app)
    translator.setObjectName(QT_TRANSLATOR)
    if translator.load(
        f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(translator)
    else:
        translator.deleteLater()


# CLDR writes Arabic with the digits 0–9 (Babel, on sheets and labels); Qt's plain "ar" writes
# Arabic-Indic digits. A region whose Arabic uses 0–9 keeps one kind of digit on a screen.
_SAME_DIGITS = {"ar": "ar_AE"}


def qt_locale() -> QLocale:
    """The QLocale matching `core.locale_format`, for Qt's own date, time and number fields."""
    name = locale_format.locale_name()
    return QLocale(_SAME_DIGITS.get(name, name))


def date_edit_format() -> str:
    """A QDateEdit's display format with the weekday, in the UI language's order."""
    return _qt_pattern(locale_format.ui_locale().datetime_skeletons["yMMMEd"].pattern)


def time_edit_format() -> str:
    """A QTimeEdit's display format: 12- or 24-hour as the UI language writes clock times."""
    return _qt_pattern(locale_format.ui_locale().time_formats["short"].pattern)


def show_clock(edit: QTimeEdit) -> None:
    """A time field in the UI language's clock, its hours before its minutes right to left too.

    In a right-to-left application Qt reverses a time field's sections ('h:mm AP' shows
    'ص 30:9' for 9:30), and the digits then read backwards; the format is given reversed so
    Qt's reversal puts it back, and the field runs left to right like the digits.
    """
    pattern = time_edit_format()
    if QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft:
        pattern = "".join(
            reversed(re.findall(r"'[^']*'|[A-Za-z]+|[^A-Za-z']+", time_edit_format()))
        )
    edit.setDisplayFormat(pattern)
    edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


_CLDR_TO_QT = {"E": "ddd", "EE": "ddd", "EEE": "ddd", "EEEE": "dddd", "y": "yyyy", "a": "AP"}


def _qt_pattern(cldr: str) -> str:
    """A CLDR date pattern ('E, d MMM y', 'h:mm a') as a Qt display format."""

    def token(match: re.Match[str]) -> str:
        text = match.group(0)
        if text.startswith("'"):
            return text
        if text[0] == "y":
            return "yyyy"
        return _CLDR_TO_QT.get(text, text)

    return re.sub(r"'[^']*'|([A-Za-z])\1*", token, cldr)


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
