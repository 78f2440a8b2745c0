"""About: the version, what the app is for, and the licences of bundled resources."""

from __future__ import annotations

import importlib.metadata
import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from attune_desktop import __version__
from attune_desktop.core.config import resources_dir
from attune_desktop.core.i18n import N_, _
from attune_desktop.ui.common.widgets import named

# Each bundled resource folder carries a LICENSE.md or README.md naming its licence.
RESOURCE_FOLDERS = (
    (N_("Starter content"), "starter"),
    (N_("Pictograms"), "pictograms"),
    (N_("Fonts"), "fonts"),
    (N_("Sounds"), "sounds"),
    (N_("Application icon"), "icons"),
)


def installed_version() -> str:
    """The version of the installed package, as its metadata says (what pip, pipx and a bug
    report see); the source's own when there is no metadata (a standalone build without it)."""
    try:
        return importlib.metadata.version("attune-desktop")
    except importlib.metadata.PackageNotFoundError:
        return __version__


def licences_markdown() -> str:
    """The resource folders' own notes, as one Markdown text with their headings demoted, so
    tables, lists and links read as formatted text rather than raw Markdown."""
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
            lines = text.strip().splitlines()
            if lines and lines[0].startswith("# "):
                lines = lines[1:]  # the folder's own title; ours stands in its place
            body = "\n".join("##" + line if line.startswith("#") else line for line in lines)
            parts.append(f"### {_(title)}\n\n{body.strip()}\n")
    return "\n".join(parts)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(_("About Attune Desktop"))
        self.resize(720, 600)
        text = named(QTextBrowser(), "aboutText")
        text.setOpenExternalLinks(True)
        text.setAccessibleName(_("About Attune Desktop"))
        text.setMarkdown(
            _(
                "## Attune Desktop {installed_version}\n\nPlan, run and print "
                "caregiver attunement circles, offline on one laptop. Everything stays "
                "on this computer unless you export it.\n\nPython {python_version} · "
                "Qt for Python {pyside_version}\n\n## Licences of bundled resources\n\n"
            ).format(
                installed_version=installed_version(),
                python_version=platform.python_version(),
                pyside_version=pyside_version,
            )
            + licences_markdown()
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
