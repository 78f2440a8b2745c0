"""The Qt runtime every Qt-using layer shares: the PySide6 guard, display detection, the
bundled fonts and a headless application for printing.

It sits just above `core` and below `printing`, `net`, `ui` and the composition root, so a
lower layer that needs "a Qt application with our fonts" (the command line printing a sheet)
never reaches up into the window or the composition root to get one.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
from typing import TYPE_CHECKING

from attune_desktop.core.config import resources_dir
from attune_desktop.core.errors import AttuneError

# PySide6 is imported inside the functions: the command line's Qt-free commands (and
# tests/core) import this module through the composition root without loading Qt.
if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)

_ENOUGH = 1 << 40  # a trillion leaked references before it could matter


class QtMissing(AttuneError):
    """A command that needs Qt was asked for where PySide6 is not installed (or cannot load)."""


def require_qt(what: str) -> None:
    """Refuse, in words that say how to fix it, a command that needs Qt where it cannot load.

    `what` starts the sentence ("Printing", "The window"). The command line calls this before
    it imports anything from `printing` or `ui`, so a core-only install says what is missing
    instead of crashing with an ImportError.
    """
    try:
        import PySide6.QtGui  # noqa: F401 - only to learn whether Qt loads here
    except ImportError as exc:
        install = f"{os.path.basename(sys.executable)} -m pip install 'PySide6-Essentials>=6.7,<7'"
        if exc.name is not None and exc.name.split(".")[0] == "PySide6":
            reason = "is not installed here"
        else:  # installed, but a system library it needs is missing
            reason = f"is installed but could not load ({exc})"
        raise QtMissing(
            f"{what} needs Qt (PySide6), which {reason}. Install it with: {install} "
            "(or reinstall Attune Desktop with its dependencies)."
        ) from exc


def keep_none_alive() -> None:
    """Make None practically immortal on Python < 3.12 (a no-op on newer Pythons).

    A PySide6 6.12 bug on Python 3.11: every call of a Qt method returning void (setPen,
    setFont, save, scale...) takes one reference from `None` without giving it. Shiboken 6.12
    treats None as immortal, as it is from Python 3.12 on; on 3.11 None's count (about 4,500
    at start) reaches zero after a few thousand such calls and the interpreter aborts
    ("none_dealloc: deallocating None"). One printed routine sheet makes hundreds of those
    calls. Giving None a very large count makes it as good as immortal, as in 3.12.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    if sys.getrefcount(None) < _ENOUGH:
        ctypes.c_ssize_t.from_address(id(None)).value += _ENOUGH


def has_display() -> bool:
    """Whether Qt can open a window here (a platform was chosen, or a screen is set)."""
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform != "linux":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def load_bundled_fonts() -> list[str]:
    """Register the fonts shipped in resources/fonts so every language renders everywhere."""
    from PySide6.QtGui import QFontDatabase

    keep_none_alive()
    families: list[str] = []
    folder = resources_dir() / "fonts"
    for path in sorted(folder.glob("*.[ot]t[fc]")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
        else:
            log.warning("could not load font %s", path.name)
    return families


def ensure_application() -> QGuiApplication:
    """A GUI application for headless printing (fonts need one), with the bundled fonts.

    The command line prints without a window; the app's own QApplication is reused if running.
    Keep the returned application referenced while printing.
    """
    from PySide6.QtGui import QGuiApplication

    keep_none_alive()
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    if not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QGuiApplication(["attune-desktop"])
    load_bundled_fonts()
    return app
