"""The standalone Linux build starts with nothing but its own folder: no Python, no venv.

Builds with `packaging/build-linux.sh` (PyInstaller, a folder build) into a temporary
folder, then runs the built programs with an empty environment from another folder. The
build takes about a minute (4.5 at a load of 65 on two cores); it is skipped where
PyInstaller is not installed (it comes with the `test` extra) or when
ATTUNE_SKIP_STANDALONE_BUILD=1.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="the Linux build; CI builds the others"),
    pytest.mark.skipif(
        importlib.util.find_spec("PyInstaller") is None, reason="PyInstaller is not installed"
    ),
    pytest.mark.skipif(
        os.environ.get("ATTUNE_SKIP_STANDALONE_BUILD") == "1",
        reason="ATTUNE_SKIP_STANDALONE_BUILD=1",
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("standalone")
    env = {
        **os.environ,
        "ATTUNE_BUILD_PYTHON": sys.executable,
        "ATTUNE_DIST": str(base / "dist"),
        "ATTUNE_BUILD_WORK": str(base / "work"),
        "ATTUNE_NO_DEB": "1",
    }
    result = subprocess.run(
        ["sh", str(ROOT / "packaging" / "build-linux.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return base / "dist" / "attune-desktop"


def run_bare(program: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """As on a machine without Python: no PATH to a venv, no PYTHON* variables."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(cwd),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "QT_LOGGING_RULES": "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false",
    }
    return subprocess.run(
        [str(program), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=180
    )


def test_the_standalone_build_runs_version_demo_and_the_window(built: Path, tmp_path: Path) -> None:
    from attune_desktop import __version__

    cli, gui = built / "attune-desktop-cli", built / "attune-desktop"
    home = tmp_path / "home"
    version = run_bare(cli, "--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.strip() == f"attune-desktop {__version__}"
    demo = run_bare(cli, "--home", str(home), "demo", cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    assert "Added" in demo.stdout and "series" in demo.stdout
    listed = run_bare(cli, "--home", str(home), "list", "series", cwd=tmp_path)
    assert "Attunement basics" in listed.stdout
    pdf = tmp_path / "sheets.pdf"
    printed = run_bare(
        cli,
        "--home",
        str(home),
        "print",
        "routines",
        "--family",
        "1",
        "--out",
        str(pdf),
        cwd=tmp_path,
    )
    assert printed.returncode == 0, printed.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    started = run_bare(gui, "--home", str(home), "gui", "--quit-after", "1.5", cwd=tmp_path)
    assert started.returncode == 0, started.stderr
    assert "last_page=series" in (home / "settings.ini").read_text(encoding="utf-8")


def test_the_build_carries_the_resources_and_no_checkout_path(built: Path) -> None:
    internal = built / "_internal"
    assert (internal / "attune_desktop" / "_resources" / "starter" / "practices.json").is_file()
    assert (internal / "attune_desktop" / "_resources" / "icons" / "attune-desktop.svg").is_file()
    versions = internal / "attune_desktop" / "core" / "storage" / "migrations" / "versions"
    assert list(versions.glob("0001_*.py"))
