"""The app as a Linux desktop citizen: menu entry, icon, bundle file type, window name."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

from attune_desktop.cli import build_parser, main
from attune_desktop.core.config import resources_dir
from attune_desktop.desktop_entry import MIME_TYPE, DesktopFiles, desktop_entry_text


def entry(text: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(text)
    return parser["Desktop Entry"]


def test_the_shipped_entry_opens_bundles_in_the_window() -> None:
    shipped = entry(desktop_entry_text("attune-desktop"))
    assert shipped["Icon"] == "attune-desktop"
    assert shipped["StartupWMClass"] == "attune-desktop"
    assert MIME_TYPE in shipped["MimeType"].split(";")
    # the launcher's command line is one the app understands: open the window with the file
    command = shipped["Exec"].split()
    assert command[:2] == ["attune-desktop", "gui"] and command[2] == "%f"
    args = build_parser().parse_args(["gui", "/tmp/shared.attune.json"])
    assert args.command == "gui" and args.bundle == "/tmp/shared.attune.json"


def test_the_icon_is_there_in_every_size_the_desktop_asks_for() -> None:
    from PySide6.QtGui import QImage

    icons = resources_dir() / "icons"
    assert (icons / "attune-desktop.svg").read_text(encoding="utf-8").startswith("<?xml")
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        image = QImage(str(icons / f"attune-desktop-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()


def test_desktop_entry_installs_and_removes_everything(tmp_path: Path) -> None:
    # WHEN a pipx user adds the app to their menu
    assert main(["desktop-entry", "--prefix", str(tmp_path)]) == 0
    files = DesktopFiles(tmp_path)
    installed = entry(files.entry.read_text(encoding="utf-8"))
    # THEN the entry starts this install's launcher, and the icon and MIME type are there
    assert installed["Exec"].endswith(" gui %f")
    assert files.icon(48).is_file() and files.icon(None).is_file()
    assert files.mime.read_text(encoding="utf-8").count(MIME_TYPE) == 1
    validate = shutil.which("desktop-file-validate")
    if validate:
        result = subprocess.run([validate, str(files.entry)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    # AND it can be taken away again
    assert main(["desktop-entry", "--prefix", str(tmp_path), "--remove"]) == 0
    assert not files.entry.exists() and not files.icon(48).exists()


def test_an_exported_bundle_is_recognised_as_an_attune_bundle(tmp_path: Path) -> None:
    """Qt reads the shared MIME database from XDG_DATA_DIRS, as file managers do."""
    share = tmp_path / "share" / "mime" / "packages"
    share.mkdir(parents=True)
    shutil.copy(resources_dir() / "linux" / "attune-desktop-mime.xml", share)
    bundle_text = '{\n  "format": "attune-desktop.series-template",\n  "version": 1\n}\n'
    (tmp_path / "basics.attune.json").write_text(bundle_text, encoding="utf-8")
    (tmp_path / "basics.json").write_text(bundle_text, encoding="utf-8")
    code = (
        "import sys; from PySide6.QtCore import QMimeDatabase; db = QMimeDatabase(); "
        "print(db.mimeTypeForFile(sys.argv[1]).name()); "
        "print(db.mimeTypeForData(open(sys.argv[2], 'rb').read()).name())"
    )
    env = {**os.environ, "XDG_DATA_DIRS": f"{tmp_path / 'share'}:/usr/share"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            str(tmp_path / "basics.attune.json"),
            str(tmp_path / "basics.json"),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == [MIME_TYPE, MIME_TYPE]


def test_the_window_manager_knows_the_app_by_name_and_icon() -> None:
    code = (
        "from attune_desktop.ui.shell import make_application; "
        "app = make_application(['attune-desktop']); "
        "print(app.applicationName()); print(app.desktopFileName()); "
        "print(len(app.windowIcon().availableSizes()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        check=True,
    )
    name, desktop_file, icon_sizes = result.stdout.split("\n")[:3]
    assert (name, desktop_file) == ("Attune Desktop", "attune-desktop")
    assert int(icon_sizes) >= 6
