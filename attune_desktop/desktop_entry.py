"""A menu entry, an icon and the bundle file type for a Linux desktop (freedesktop.org).

`pipx install` puts the `attune-desktop` command on the PATH but nothing in the desktop's
application menu; `attune-desktop desktop-entry` adds the entry, the icon in every size and
the MIME type of template bundles (so opening one offers Attune Desktop, which imports it),
from the copies shipped in the package (`resources/linux`, `resources/icons`). The Debian
package installs the same files under /usr/share. Qt-free: it only copies files.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from attune_desktop.core.config import resources_dir

APP_ID = "attune-desktop"
MIME_TYPE = "application/x-attune-bundle"


@dataclass(frozen=True)
class DesktopFiles:
    """Where each file goes under a prefix such as ~/.local or /usr."""

    prefix: Path

    @property
    def share(self) -> Path:
        return self.prefix / "share"

    @property
    def entry(self) -> Path:
        return self.share / "applications" / f"{APP_ID}.desktop"

    @property
    def mime(self) -> Path:
        return self.share / "mime" / "packages" / f"{APP_ID}.xml"

    def icon(self, size: int | None) -> Path:
        if size is None:
            return self.share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
        return self.share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def desktop_entry_text(command: str) -> str:
    """The shipped .desktop entry, launching `command` (a full path when known)."""
    text = (resources_dir() / "linux" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    quoted = f'"{command}"' if " " in command else command  # the spec's quoting of Exec
    text = re.sub(r"^Exec=\S+", lambda _m: f"Exec={quoted}", text, flags=re.M)
    return re.sub(r"^TryExec=.*$", lambda _m: f"TryExec={command}", text, flags=re.M)


def launcher_command() -> str:
    """The `attune-desktop` launcher beside the running program, else the one on the PATH."""
    beside = Path(sys.argv[0]).resolve().parent / APP_ID
    if beside.is_file():
        return str(beside)
    return shutil.which(APP_ID) or APP_ID


def install(prefix: Path, command: str | None = None) -> list[Path]:
    """Copy the entry, the icons and the MIME type under `prefix`; refresh the caches."""
    files = DesktopFiles(prefix)
    written: list[Path] = []
    icons = resources_dir() / "icons"
    for png in sorted(icons.glob(f"{APP_ID}-*.png")):
        size = int(png.stem.rsplit("-", 1)[1])
        written.append(_copy(png, files.icon(size)))
    written.append(_copy(icons / f"{APP_ID}.svg", files.icon(None)))
    written.append(_copy(resources_dir() / "linux" / f"{APP_ID}-mime.xml", files.mime))
    files.entry.parent.mkdir(parents=True, exist_ok=True)
    files.entry.write_text(desktop_entry_text(command or launcher_command()), encoding="utf-8")
    written.append(files.entry)
    _refresh_caches(files)
    return written


def uninstall(prefix: Path) -> list[Path]:
    files = DesktopFiles(prefix)
    candidates = [files.entry, files.mime, files.icon(None)]
    candidates += [files.icon(size) for size in (16, 24, 32, 48, 64, 128, 256, 512)]
    removed = [path for path in candidates if path.exists()]
    for path in removed:
        path.unlink()
    _refresh_caches(files)
    return removed


def _copy(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def _refresh_caches(files: DesktopFiles) -> None:
    """The desktop reads MIME types and entries from caches; refresh them when the tools are
    there (a missing tool only delays the change until the next login)."""
    for tool, folder in (
        ("update-mime-database", files.share / "mime"),
        ("update-desktop-database", files.share / "applications"),
    ):
        path = shutil.which(tool)
        if path and folder.is_dir():
            subprocess.run([path, str(folder)], check=False, capture_output=True, timeout=60)
