"""Started by test_first_paint.py in a fresh process: the app's real start (`cli.main`) on a
home, watching the main window's first paint. Prints one JSON line: what was imported and
shown at that moment, and whether the core was attached by the time the window closed."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

import attune_desktop.ui.shell as shell
from attune_desktop.cli import main

ORM = {"sqlalchemy", "sqlmodel", "pydantic"}


class Watch(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen: dict[str, object] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QWidget) or watched.window().objectName() != "mainWindow":
            return False
        window = watched.window()
        if event.type() == QEvent.Type.Paint and "orm_at_first_paint" not in self.seen:
            self.seen["orm_at_first_paint"] = sorted(ORM & {m.split(".")[0] for m in sys.modules})
            self.seen["ready_at_first_paint"] = window._context.ready
            self.seen["asyncio_at_first_paint"] = "asyncio" in sys.modules
            model = window.series_view.series_table.model()
            self.seen["series"] = [model.index(r, 0).data() for r in range(model.rowCount())]
            self.seen["weeks"] = window.series_view.term.model.rowCount()
            self.seen["new_enabled"] = window.findChild(QWidget, "newSeriesButton").isEnabled()
        if event.type() == QEvent.Type.Close and watched is window:
            self.seen["ready_when_closed"] = window._context.ready
            self.seen["new_enabled_when_closed"] = window.findChild(
                QWidget, "newSeriesButton"
            ).isEnabled()
        return False


def run(home: str) -> None:
    watch = Watch()
    made = shell.make_application

    def make_and_watch(argv: list[str]) -> QApplication:
        app = made(argv)
        app.installEventFilter(watch)
        return app

    shell.make_application = make_and_watch
    watch.seen["code"] = main(["--home", home, "gui", "--quit-after", "1.5"])
    print(json.dumps(watch.seen), flush=True)


if __name__ == "__main__":
    run(sys.argv[1])
