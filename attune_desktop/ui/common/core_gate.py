"""Until the core is open, what acts on the data waits: held disabled, then given back.

A window painted from the first look (docs/decisions/0018-paint-before-the-orm.md) shows its
rows before the services exist. Its actions, buttons and fields are held disabled until the
core is attached (the first turn of the event loop), then enabled again, each as it was; the
views then set their own states from the services. A click in that moment waits in the
window system's queue while the core opens, and is handled once it is, so nothing a person
does is lost, and nothing reaches for a service that is not there yet.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QWidget

from attune_desktop.ui.shell import UiContext

HELD_KINDS = (QAction, QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit)


class CoreGate:
    """Made before the views (its release runs before theirs), `hold` after them."""

    def __init__(self, context: UiContext) -> None:
        self._context = context
        self._held: list[QAction | QWidget] = []
        context.when_ready(lambda _core: self._release())

    def hold(self, root: QObject, *also: QWidget) -> None:
        """Disable what is enabled under `root` (and `also`), until the core is attached."""
        if self._context.ready:
            return
        found: list[QAction | QWidget] = [*also]
        for kind in HELD_KINDS:
            found += [
                item
                for item in root.findChildren(kind)
                if isinstance(item, QAction | QWidget) and item.isEnabled()
            ]
        for item in found:
            item.setEnabled(False)
        self._held += found

    def _release(self) -> None:
        held, self._held = self._held, []
        for item in held:
            item.setEnabled(True)
