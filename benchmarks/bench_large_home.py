"""A large home against an empty one: start-up, opening the series list, opening a session.

Homes: "empty" (one series of 12 sessions, so a session can be opened), small (50 series:
10x smaller) and large (500 series, 6,000 sessions, 72,000 segments, 2,000 families), made by
bulk inserts into a database the app created. Each figure is the median of several fresh
app processes (see _startup_child.py).
Goal: the large home within 1.2x of the empty one; growth is large / small (10x the data).
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
from _large_home import Size, make_home

HERE = Path(__file__).resolve().parent
RUNS = 5
BASE = Size(1)  # "empty": one series (12 sessions), so that there is a session to open
LARGE = Size(500)
SMALL = Size(50)


def start(home: Path, session_id: int | None) -> dict:
    args = [sys.executable, str(HERE / "_startup_child.py"), "app", str(home)]
    if session_id is not None:
        args += ["--session", str(session_id)]
    out = subprocess.run(
        args, env=python_env(), capture_output=True, text=True, timeout=180, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def measure(home: Path, session_id: int | None) -> dict[str, float]:
    start(home, session_id)  # warm-up: disk cache, today's backup
    runs = [start(home, session_id) for _ in range(RUNS)]
    return {
        key: statistics.median(r[key] for r in runs) for key in ("shown", "series_list", "session")
    }


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-large-") as work:
        homes: dict[str, tuple[Path, int | None]] = {}
        for name, size in (("empty", BASE), ("small", SMALL), ("large", LARGE)):
            began = time.perf_counter()
            make_home(Path(work) / name, size)
            print(f"made the {name} home ({size}) in {time.perf_counter() - began:.1f} s")
            homes[name] = (Path(work) / name, size.sessions // 2)
        results = {name: measure(home, sid) for name, (home, sid) in homes.items()}

    labels = {"shown": "startup", "series_list": "series_list", "session": "open_session"}
    for key, label in labels.items():
        base, small, large = (results[n][key] for n in ("empty", "small", "large"))
        figure(f"large_home.{label}.empty", base, "s", goal="baseline: 1 series")
        figure(f"large_home.{label}.small", small, "s", goal="50 series", ratio=small / base)
        ratio = large / base
        figure(
            f"large_home.{label}.large",
            large,
            "s",
            goal="<= 1.2x the empty home",
            ratio=ratio,
            met=ratio <= 1.2,
        )
        figure(f"large_home.{label}.growth", large / small, "x", goal="large / 10x smaller")


if __name__ == "__main__":
    main()
