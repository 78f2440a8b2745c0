"""A message box for a home that cannot be opened: the GUI shows it instead of a traceback.

Started from a desktop icon, the app has no terminal, so a message only printed would be lost.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox


def show_startup_error(message: str) -> None:
    """Show why Attune Desktop cannot open, and wait until it is read."""
    from attune_desktop.ui.shell import make_application

    app = QApplication.instance() or make_application([])
    box = QMessageBox(QMessageBox.Icon.Critical, "Attune Desktop cannot open", message)
    box.setObjectName("startupError")
    box.exec()  # before the main loop there is nothing else to wait on
    del app
