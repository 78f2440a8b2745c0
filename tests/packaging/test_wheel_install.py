"""The built wheel works where the checkout cannot be seen: an install like a facilitator's.

The wheel is built with `pip wheel --no-deps .` and installed into a fresh virtual
environment in a temporary folder; every command runs from another temporary folder, without
PYTHONPATH or ATTUNE_RESOURCES, so nothing can be found through the checkout. The third-party
dependencies are not downloaded again: the fresh environment sees this environment's
site-packages through a `.pth` line (which does not run this environment's editable-install
hook, so `attune_desktop` can only come from the wheel). Set ATTUNE_WHEEL_TEST_FULL=1 to
install the dependencies from the package index instead (slower; needs the network).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import sysconfig
import venv
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Installed:
    venv: Path
    wheel: Path
    workdir: Path
    env: dict[str, str]

    def bin(self, name: str) -> str:
        scripts = "Scripts" if sys.platform == "win32" else "bin"
        return str(self.venv / scripts / name)

    def run(self, *args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(args),
            cwd=self.workdir,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )


def checkout_free_env(home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "ATTUNE_", "VIRTUAL_ENV")) and k != "PATH"
    }
    env.update(
        QT_QPA_PLATFORM="offscreen",
        QT_LOGGING_RULES="qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false",
        ATTUNE_HOME=str(home),
        PATH="/usr/bin:/bin",
        HOME=str(home.parent / "user"),  # no settings or data of the developer's own
    )
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("wheel-install")
    dist = base / "dist"
    # The sdist, then the wheel built from that sdist (so the sdist must carry everything);
    # `pip wheel --no-deps .` where the `build` package is missing.
    build = [sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)]
    if importlib.util.find_spec("build") is None:
        build = [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(dist),
            str(ROOT),
        ]
    subprocess.run(build, check=True, capture_output=True, timeout=600)
    (wheel,) = dist.glob("attune_desktop-*.whl")
    target = base / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    python = target / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q"]
    if os.environ.get("ATTUNE_WHEEL_TEST_FULL") == "1":
        subprocess.run([*install, str(wheel)], check=True, timeout=1200)
    else:
        subprocess.run([*install, "--no-deps", str(wheel)], check=True, timeout=600)
        site = subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
        (Path(site) / "zz_reuse_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    workdir = base / "elsewhere"
    workdir.mkdir()
    return Installed(target, wheel, workdir, checkout_free_env(base / "home"))


def test_the_wheel_carries_every_runtime_resource(installed: Installed) -> None:
    import zipfile

    names = set(zipfile.ZipFile(installed.wheel).namelist())
    shipped = {
        "attune_desktop/_resources/" + path.relative_to(ROOT / "resources").as_posix()
        for path in (ROOT / "resources").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert shipped <= names, sorted(shipped - names)[:10]
    assert "attune_desktop/core/storage/migrations/versions/0001_initial_schema.py" in names
    assert "attune_desktop/core/storage/migrations/env.py" in names
    assert "attune_desktop/core/org/migrations/versions/org_0001_schema.py" in names
    assert "attune_desktop/core/org/migrations/env.py" in names


def test_the_sdist_carries_every_runtime_resource(installed: Installed) -> None:
    import tarfile

    sdists = list(installed.wheel.parent.glob("attune_desktop-*.tar.gz"))
    if not sdists:
        pytest.skip("built with pip wheel: no sdist (install the `build` package)")
    with tarfile.open(sdists[0]) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    shipped = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "resources").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert shipped <= names, sorted(shipped - names)[:10]
    assert "setup.py" in names


def test_the_installed_app_never_reaches_into_the_checkout(installed: Installed) -> None:
    code = (
        "import sys, attune_desktop; from attune_desktop.core.config import resources_dir; "
        "print(attune_desktop.__file__); print(resources_dir()); print(*sys.path, sep='\\n')"
    )
    result = installed.run(installed.bin("python"), "-c", code)
    assert result.returncode == 0, result.stderr
    package, resources, *path = result.stdout.splitlines()
    assert Path(package).is_relative_to(installed.venv)
    assert Path(resources).is_relative_to(installed.venv)
    assert Path(resources, "starter", "practices.json").is_file()
    assert not any(Path(p).resolve() == ROOT for p in path if p)


def test_version_demo_and_a_printed_routine_sheet(installed: Installed) -> None:
    cli = installed.bin("attune-desktop-cli")
    version = installed.run(cli, "--version")
    assert version.returncode == 0 and "attune-desktop 0." in version.stdout
    demo = installed.run(cli, "demo")
    assert demo.returncode == 0, demo.stderr
    assert "series" in demo.stdout and "practices" in demo.stdout
    pdf = installed.workdir / "sheets.pdf"
    printed = installed.run(
        cli, "print", "routines", "--family", "Team Sunflower", "--out", str(pdf)
    )
    assert printed.returncode == 0, printed.stderr
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 1
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Team Sunflower" in text and "OpenMoji" in text  # the family's sheet, pictures


def test_the_window_starts_on_the_sample_series_and_closes(installed: Installed) -> None:
    home = Path(installed.env["ATTUNE_HOME"])
    started = installed.run(installed.bin("attune-desktop"), "gui", "--quit-after", "1.5")
    assert started.returncode == 0, started.stderr
    assert "Traceback" not in started.stderr
    settings = (home / "settings.ini").read_text(encoding="utf-8")
    assert "last_page=series" in settings  # written by the window as it closed
    listed = installed.run(installed.bin("attune-desktop-cli"), "list", "series")
    assert "Attunement basics" in listed.stdout


def test_about_shows_the_installed_version_and_the_shipped_licences(installed: Installed) -> None:
    code = (
        "import importlib.metadata as m; from PySide6.QtWidgets import QApplication, QTextBrowser; "
        "app = QApplication([]); from attune_desktop.ui.about import AboutDialog; "
        "print(m.version('attune-desktop')); "
        "about = AboutDialog(); print(about.findChild(QTextBrowser, 'aboutText').toPlainText())"
    )
    result = installed.run(installed.bin("python"), "-c", code)
    assert result.returncode == 0, result.stderr
    version, about = result.stdout.split("\n", 1)
    assert f"Attune Desktop {version}" in about
    assert "CC BY 4.0" in about and "CC0" in about  # the licences came from the wheel
