"""About: the version, what the app is for, and the licences of bundled resources."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from attune_desktop import __version__
from attune_desktop.core.config import resources_dir
from attune_desktop.ui.common.widgets import named

# Each bundled resource folder carries a LICENSE.md or README.md naming its licence.
RESOURCE_FOLDERS = (
    ("Starter content", "starter"),
    ("Pictograms", "pictograms"),
    ("Fonts", "fonts"),
    ("Sounds", "sounds"),
)


def licences_html() -> str:
    parts: list[str] = []
    for title, folder in RESOURCE_FOLDERS:
        base = resources_dir() / folder
        text = ""
        for name in ("LICENSE.md", "README.md"):
            path = base / name
            if path.exists():
                text = path.read_text(encoding="utf-8")
                break
        if text:
            body = html.escape(text.strip())
            parts.append(f"<h3>{title}</h3><pre style='white-space: pre-wrap'>{body}</pre>")
    return "".join(parts)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About Attune Desktop")
        self.resize(620, 520)
        text = named(QTextBrowser(), "aboutText")
        text.setOpenExternalLinks(True)
        text.setHtml(
            f"<h2>Attune Desktop {__version__}</h2>"
            "<p>Plan, run and print caregiver attunement circles, offline on one laptop. "
            "Everything stays on this computer unless you export it.</p>"
            "<h2>Licences of bundled resources</h2>" + licences_html()
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
