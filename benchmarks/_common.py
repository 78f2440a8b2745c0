"""Shared by every benchmark: one output format for figures, timing helpers, the machine.

A figure is printed as one line that `run.py` collects into its summary:

    name: value unit (goal ...; ratio ...)

For example `startup.cold: 0.912 s (goal <= 3x bare window; ratio 2.41x; met)`.
Import it from a bench file with `from _common import figure` (run.py puts this folder on
sys.path; a bench file run by hand works too, since Python adds the script's folder).
"""

from __future__ import annotations

import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIGURE_LINE = re.compile(
    r"^(?P<name>[\w.\-]+): (?P<value>\S+) (?P<unit>\S+)(?: \((?P<rest>.*)\))?$"
)


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    goal: str = ""
    ratio: float | None = None
    met: bool | None = None

    def line(self) -> str:
        parts = []
        if self.goal:
            parts.append(f"goal {self.goal}")
        if self.ratio is not None:
            parts.append(f"ratio {self.ratio:.2f}x")
        if self.met is not None:
            parts.append("met" if self.met else "MISSED")
        tail = f" ({'; '.join(parts)})" if parts else ""
        return f"{self.name}: {_number(self.value)} {self.unit}{tail}"


def figure(
    name: str,
    value: float,
    unit: str,
    *,
    goal: str = "",
    ratio: float | None = None,
    met: bool | None = None,
) -> Figure:
    """Print one figure in the shared format (and return it)."""
    result = Figure(name, value, unit, goal, ratio, met)
    print(result.line(), flush=True)
    return result


def _number(value: float) -> str:
    if value == int(value) and abs(value) >= 100:
        return f"{int(value)}"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 1:
        return f"{value:.3g}" if abs(value) < 10 else f"{value:.1f}"
    return f"{value:.3g}"


def median_time(action: Callable[[], object], runs: int) -> float:
    """Median wall time of `runs` calls, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def python_env() -> dict[str, str]:
    """The environment for a child Python: offscreen Qt, this checkout importable."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault(
        "QT_LOGGING_RULES", "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false"
    )
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def run_python(code: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh Python (a cold start: nothing imported yet)."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=python_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )


def machine() -> str:
    """One line about where the figures were measured."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f", {int(line.split()[1]) / 1024**2:.1f} GB RAM"
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    import sqlite3

    try:
        from PySide6 import __version__ as qt
    except ImportError:
        qt = "absent"
    return (
        f"{platform.system()} {platform.release()} ({_distro()}), {cpu}, {cores} cores{memory}; "
        f"Python {platform.python_version()}, PySide6 {qt}, SQLite {sqlite3.sqlite_version}"
    )


def _distro() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return platform.platform()
