"""Cold start: the real app to its main window with the sample series, against a bare window.

Each start is a fresh Python process (nothing imported, nothing cached in the process); the
time is the parent's wall clock from launching it to the child saying its window is shown,
after the first turn of the event loop. Runs alternate app and bare so both see the same
machine load; the first of each is a warm-up (disk cache) and not counted. Goal: <= 3x.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import figure, python_env

HERE = Path(__file__).resolve().parent
RUNS = 7


def start(*args: str) -> tuple[float, dict]:
    begun = time.perf_counter()
    out = subprocess.run(
        [sys.executable, str(HERE / "_startup_child.py"), *args],
        env=python_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    wall = time.perf_counter() - begun
    return wall, json.loads(out.strip().splitlines()[-1])


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as work:
        home = Path(work) / "home"
        # First start loads the sample series and takes today's backup; not what is measured.
        start("app", str(home))
        app_times, bare_times = [], []
        for run in range(RUNS + 1):
            wall_app, result = start("app", str(home))
            wall_bare, _ = start("bare")
            assert result["series_rows"] >= 1, "the sample series should be listed"
            if run:
                app_times.append(wall_app)
                bare_times.append(wall_bare)
    app_s, bare_s = statistics.median(app_times), statistics.median(bare_times)
    figure("startup.bare_window", bare_s, "s", goal="baseline")
    ratio = app_s / bare_s
    figure("startup.cold", app_s, "s", goal="<= 3x bare window", ratio=ratio, met=ratio <= 3)


if __name__ == "__main__":
    main()
