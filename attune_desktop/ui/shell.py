"""What every view is given: the core services (once open), the undo stack and the settings."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication, QIcon, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from attune_desktop import __version__
from attune_desktop.core.config import AppPaths, resources_dir
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.runtime import keep_none_alive, load_bundled_fonts
from attune_desktop.ui.common.aio import BackgroundTasks
from attune_desktop.ui.common.settings import Settings
from attune_desktop.ui.common.widgets import message_box
from attune_desktop.ui.theme import apply_theme

if TYPE_CHECKING:  # the ORM is not imported before the window paints
    from attune_desktop.core.container import Core
    from attune_desktop.core.storage.first_look import FirstLook

keep_none_alive()  # before any Qt call; see attune_desktop/runtime.py

log = logging.getLogger(__name__)


class UiContext:
    """Handed to views through their constructors: no globals, no `QApplication.instance()`.

    The core may come after the window: a start on a home the first look could read paints
    the Series screen from it (`first_look`), then attaches the `Core` at the first turn of
    the event loop (docs/decisions/0018-paint-before-the-orm.md). A view built before then
    does what needs the core in `when_ready`; `core` itself is there once `ready`.
    """

    def __init__(
        self,
        paths: AppPaths,
        undo: QUndoStack,
        settings: Settings,
        *,
        core: Core | None = None,
        first_look: FirstLook | None = None,
    ) -> None:
        self.paths = paths
        self.undo = undo
        self.settings = settings
        self.first_look = first_look  # the rows to paint until the core is attached
        # slow work off the window's thread (the daily backup, Export everything…); the app
        # waits for it before the database closes
        self.background = BackgroundTasks()
        self._core = core
        self._waiting: list[Callable[[Core], None]] = []

    @classmethod
    def create(cls, core: Core) -> UiContext:
        return cls(core.paths, QUndoStack(), Settings(core.paths.settings_file), core=core)

    @classmethod
    def before_core(cls, paths: AppPaths, first_look: FirstLook) -> UiContext:
        """For a window painted from the first look; `attach` gives it the core."""
        return cls(paths, QUndoStack(), Settings(paths.settings_file), first_look=first_look)

    @property
    def ready(self) -> bool:
        return self._core is not None

    @property
    def core(self) -> Core:
        if self._core is None:  # a view reached for it before `when_ready`: a bug, not input
            bug = "the core is attached after the first paint: use when_ready"  # not-ui-text
            raise RuntimeError(bug)
        return self._core

    def when_ready(self, then: Callable[[Core], None]) -> None:
        """`then(core)` now if the core is attached, else when it is (in the order asked)."""
        if self._core is not None:
            then(self._core)
        else:
            self._waiting.append(then)

    def attach(self, core: Core) -> None:
        """The core is open: everything waiting for it runs, and the first look is done."""
        self._core = core
        self.first_look = None
        waiting, self._waiting = self._waiting, []
        for then in waiting:
            then(core)


def make_application(argv: list[str]) -> QApplication:
    app = QApplication(argv)
    app.setApplicationName("Attune Desktop")  # not-ui-text: names the settings' folder
    app.setOrganizationName("Attune")  # not-ui-text
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("attune-desktop")  # the .desktop entry: name and icon in docks
    app.setWindowIcon(application_icon())
    load_bundled_fonts()
    apply_theme(app)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app))
    return app


def application_icon() -> QIcon:
    """The app's own icon (resources/icons), every rendered size, for title bars and docks."""
    icon = QIcon()
    for path in sorted((resources_dir() / "icons").glob("attune-desktop-*.png")):
        icon.addFile(str(path))
    return icon


def install_excepthook(log_dir: Path) -> None:
    """An unexpected error becomes a calm message and a report file, never a traceback."""
    showing: list[QMessageBox] = []  # a box nobody refers to would be collected at once

    def _show(box: QMessageBox) -> None:
        showing[:] = [b for b in showing if b.isVisible()]
        showing.append(box)
        box.open()

    def _hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if isinstance(value, AttuneError):  # a full disk, a lock: its message says what to do
            log.warning("refused: %s", value)
            _show(
                message_box(
                    QMessageBox.Icon.Warning, _("Not saved"), str(value), "attuneErrorMessage"
                )
            )
            return
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error\n%s", text)
        report = log_dir / f"crash-{datetime.now(UTC):%Y%m%d-%H%M%S}.txt"
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            report.write_text(text, encoding="utf-8")
        except OSError:
            report = Path("(no report could be written)")
        text = _(
            "Attune Desktop hit a problem it did not expect. Your work is saved as "
            "you go, so nothing should be lost.\n\nA report was kept in {report}."
        ).format(report=report)
        _show(
            message_box(QMessageBox.Icon.Warning, _("Something went wrong"), text, "crashMessage")
        )

    sys.excepthook = _hook
