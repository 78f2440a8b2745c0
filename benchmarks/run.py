"""Run every benchmark: `.venv/bin/python benchmarks/run.py [-k WORD] [--timeout S]`.

Each `benchmarks/bench_*.py` runs in its own subprocess with a time limit, so one slow or
broken benchmark cannot stop the others. Their figure lines are shown as they come and
gathered into a summary at the end, with the machine they ran on.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import FIGURE_LINE, machine, python_env  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "-k", dest="only", default="", help="run only benchmarks whose name has this"
    )
    parser.add_argument("--timeout", type=float, default=420, help="seconds allowed per benchmark")
    args = parser.parse_args(argv)

    benches = sorted(p for p in HERE.glob("bench_*.py") if args.only in p.stem)
    print(f"Machine: {machine()}")
    print(f"Benchmarks: {', '.join(p.stem for p in benches) or 'none found'}\n", flush=True)
    figures: list[str] = []
    failures: list[str] = []
    started = time.monotonic()
    for bench in benches:
        print(f"== {bench.stem}", flush=True)
        begun = time.monotonic()
        env = python_env()
        env["PYTHONPATH"] = f"{HERE}:{env['PYTHONPATH']}"
        try:
            proc = subprocess.Popen(
                [sys.executable, str(bench)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                start_new_session=True,
            )
            assert proc.stdout is not None
            for line in _lines_until(proc, begun + args.timeout):
                print(f"   {line}", flush=True)
                if FIGURE_LINE.match(line):
                    figures.append(line)
            code = proc.wait()
            if code != 0:
                failures.append(f"{bench.stem}: exit code {code}")
        except TimeoutError:
            failures.append(f"{bench.stem}: stopped after {args.timeout:.0f} s")
        print(f"   ({time.monotonic() - begun:.1f} s)\n", flush=True)

    print(f"Summary ({time.monotonic() - started:.0f} s in all)")
    print(f"Machine: {machine()}")
    for line in figures:
        print(f"  {line}")
    for failure in failures:
        print(f"  FAILED {failure}")
    return 1 if failures else 0


def _lines_until(proc: subprocess.Popen[str], deadline: float):
    """The child's output lines, stopping it (and its children) when the deadline passes."""
    import os
    import selectors
    import signal

    assert proc.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise TimeoutError
        if not selector.select(timeout=min(left, 1.0)):
            continue
        line = proc.stdout.readline()
        if not line:
            return
        yield line.rstrip("\n")


if __name__ == "__main__":
    sys.exit(main())
