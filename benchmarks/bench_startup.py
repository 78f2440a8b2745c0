"""Cold start: the real app to its main window with the sample series, against a bare window.

Each start is a fresh process (nothing imported, nothing cached in the process); the time is
from the parent launching it to the child saying its window is shown, after the first turn
of the event loop, read on the system-wide monotonic clock. Runs alternate app and bare so
both see the same machine load; the first of each is a warm-up (disk cache) and not counted.
Goal: <= 3x. On a home used before, the window paints its Series screen from a first look at
the database (`sqlite3`) and opens the core (the ORM) once that paint is on screen; the time
until then is reported beside it (`startup.cold.editable`), with no goal.

The app is measured as people get it:
- `startup.cold`: from the checkout (the editable install in this venv, `_startup_child.py`);
- `startup.wheel`: the wheel built from this checkout, installed into a fresh venv in a
  temporary folder (its dependencies reused from this venv), launched by its
  `attune-desktop` command with the hidden `--quit-after 0`;
- `startup.standalone`: the PyInstaller folder build, if one is at `dist/attune-desktop`
  (`sh packaging/build-linux.sh`) or at $ATTUNE_STANDALONE; skipped otherwise.

Python may write its bytecode cache (to a folder in the run's temporary folder), as it does
for anyone who runs the app: with PYTHONDONTWRITEBYTECODE set (as in some sandboxes) every
start of the checkout would compile the app's ~90 modules again (~0.1 s), which no installed
copy does (pip compiles the wheel's modules on install; the standalone build carries them).
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import venv
from collections.abc import Callable
from pathlib import Path

from _common import ROOT, figure, python_env

HERE = Path(__file__).resolve().parent
RUNS = 7
SHOWN = re.compile(r"window shown at monotonic (?P<at>[\d.]+) on (?P<page>\w+)")


def child_env(pycache: Path) -> dict[str, str]:
    """`python_env()`, with the bytecode cache written (to `pycache`) and read."""
    env = {k: v for k, v in python_env().items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def start_child(env: dict[str, str], *args: str) -> tuple[float, dict]:
    """The checkout, through `_startup_child.py` (the benchmark's own hook)."""
    begun = time.perf_counter()
    out = subprocess.run(
        [sys.executable, str(HERE / "_startup_child.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    wall = time.perf_counter() - begun
    return wall, json.loads(out.strip().splitlines()[-1])


def start_program(command: list[str], env: dict[str, str], cwd: Path) -> float:
    """An installed program that prints when its window shows (`--quit-after 0`)."""
    begun = time.monotonic()
    out = subprocess.run(
        command, env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=True
    ).stdout
    shown = SHOWN.search(out)
    assert shown, f"no 'window shown' line in {out!r}"
    assert shown["page"] == "series", "the app should open on the series screen"
    return float(shown["at"]) - begun


def bare_program() -> list[str]:
    code = (
        "import time, sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication, QMainWindow\n"
        "app = QApplication(sys.argv[:1]); w = QMainWindow(); w.resize(1200, 760); w.show()\n"
        "QTimer.singleShot(0, lambda: (print(f'window shown at monotonic {time.monotonic():.6f}"
        " on series', flush=True), w.close()))\n"
        "app.exec()\n"
    )
    return [sys.executable, "-c", code]


def install_wheel(work: Path) -> Path:
    """Build the wheel and install it into a fresh venv (dependencies reused); its bin/."""
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("*.whl")
    target = work / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    python = target / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", wheel],
        check=True,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (Path(site) / "zz_reuse_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    return target / "bin"


def installed_env(home: Path, pycache: Path) -> dict[str, str]:
    env = {k: v for k, v in child_env(pycache).items() if k != "PYTHONPATH"}
    env["ATTUNE_HOME"] = str(home)
    return env


def compare(
    name: str, app: Callable[[], float], bare: Callable[[], float], first: Callable[[], object]
) -> None:
    first()  # loads the sample series and takes today's backup; not what is measured
    app_times, bare_times = [], []
    for run in range(RUNS + 1):
        app_s, bare_s = app(), bare()
        if run:
            app_times.append(app_s)
            bare_times.append(bare_s)
    app_s, bare_s = statistics.median(app_times), statistics.median(bare_times)
    ratio = app_s / bare_s
    figure(f"{name}.bare_window", bare_s, "s", goal="baseline")
    figure(name, app_s, "s", goal="<= 3x bare window", ratio=ratio, met=ratio <= 3)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        work = Path(tmp)
        home = work / "home"
        pycache = work / "pycache"
        checkout_env = child_env(pycache)

        def checkout() -> float:
            wall, result = start_child(checkout_env, "app", str(home))
            assert result["series_rows"] >= 1, "the sample series should be listed"
            return wall

        def bare_child() -> float:
            return start_child(checkout_env, "bare")[0]

        compare("startup.cold", checkout, bare_child, checkout)
        # The window paints from the first look, then opens its core (the ORM): the time until
        # every button works, from the child's first line (in process, so not a wall time).
        editable = [start_child(checkout_env, "app", str(home), "--editable")[1] for _ in range(3)]
        figure(
            "startup.cold.editable",
            statistics.median(r["editable"] for r in editable),
            "s",
            goal="reported: the core attached after the first paint",
        )

        bare_env = checkout_env

        def bare() -> float:
            return start_program(bare_program(), bare_env, work)

        bin_dir = install_wheel(work / "wheel")
        wheel_env = installed_env(work / "wheel-home", pycache)
        wheel_cmd = [str(bin_dir / "attune-desktop"), "gui", "--quit-after", "0"]
        compare(
            "startup.wheel",
            lambda: start_program(wheel_cmd, wheel_env, work),
            bare,
            lambda: start_program(wheel_cmd, wheel_env, work),
        )

        standalone = Path(os.environ.get("ATTUNE_STANDALONE", ROOT / "dist" / "attune-desktop"))
        program = standalone / "attune-desktop"
        if not program.is_file():
            print(f"startup.standalone: skipped (no build at {standalone})")
            return
        frozen_env = installed_env(work / "standalone-home", pycache)
        frozen_cmd = [str(program), "gui", "--quit-after", "0"]
        compare(
            "startup.standalone",
            lambda: start_program(frozen_cmd, frozen_env, work),
            bare,
            lambda: start_program(frozen_cmd, frozen_env, work),
        )
        files = [f for f in standalone.rglob("*") if f.is_file() and not f.is_symlink()]
        size = sum(f.stat().st_size for f in files)
        figure("standalone.size", size / 1e6, "MB", goal="reported")


if __name__ == "__main__":
    main()
