"""What a screen reader hears of a run: the time left as words, and announcements.

The ring draws "12:30"; a reader hears "12 min 30 s left in Welcome". Segment changes, the
warning and overtime are announced with Qt's accessibility announcements, which Orca, NVDA and
VoiceOver speak without moving the focus.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QAccessibleWidget, QApplication, QWidget

from attune_desktop.core.i18n import _

FACTORY_FLAG = "attuneRingAccessible"


def spoken_time(remaining: float, title: str) -> str:
    """'12 min 30 s left in Welcome', '1 min over in Welcome', '0 s left in Welcome'."""
    shown = math.ceil(remaining) if remaining >= 0 else math.floor(remaining)
    minutes, seconds = divmod(abs(int(shown)), 60)
    parts = [_("{minutes} min").format(minutes=minutes)] if minutes else []
    if seconds or not minutes:
        parts.append(_("{seconds} s").format(seconds=seconds))
    time = " ".join(parts)
    if shown < 0:
        return _("{time} over in {title}").format(time=time, title=title)
    return _("{time} left in {title}").format(time=time, title=title)


class SpokenRing(QAccessibleWidget):
    """A ring read as "Time left", its value (and description) the time left in words."""

    def __init__(self, widget: QWidget) -> None:
        # a label to AT-SPI (Qt has no AT-SPI role for a clock): "Time left", then the value
        super().__init__(widget, QAccessible.Role.StaticText, _("Time left"))

    def text(self, kind: QAccessible.Text) -> str:
        if kind in (QAccessible.Text.Value, QAccessible.Text.Description):
            return str(self.widget().property("spokenTime") or "")
        return super().text(kind)


def _factory(_key: str, obj: QObject) -> QAccessibleWidget | None:
    if isinstance(obj, QWidget) and obj.property("spokenTime") is not None:
        return SpokenRing(obj)
    return None


def speak_as_clock(widget: QWidget) -> None:
    """Let `widget` (a ring) be read as "Time left" with its `spokenTime` property as value."""
    widget.setProperty("spokenTime", "")
    widget.setAccessibleName(_("Time left"))
    app = QApplication.instance()
    if app is not None and not app.property(FACTORY_FLAG):
        app.setProperty(FACTORY_FLAG, True)
        QAccessible.installFactory(_factory)


def set_spoken_time(widget: QWidget, text: str) -> None:
    if widget.property("spokenTime") == text:
        return
    widget.setProperty("spokenTime", text)


def announce(source: QWidget, message: str) -> None:
    """Say `message` now, politely (after what the reader is saying)."""
    event = QAccessibleAnnouncementEvent(source, message)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)
