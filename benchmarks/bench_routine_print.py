"""How long printing routine sheets takes: 30 and 300 families, one sheet each, into one PDF.

Run alone: python benchmarks/bench_routine_print.py
Prints `name: value unit (goal ...; ratio ...)` lines. The goal: 30 sheets in under 2 s, and a
cost per sheet that stays flat from 30 to 300 (pictures are parsed once per job, not per sheet).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from attune_desktop.core.container import open_core
from attune_desktop.core.services.families import FamilyService
from attune_desktop.printing.catalogue import SheetRequest
from attune_desktop.printing.jobs import build, export_pdf
from attune_desktop.runtime import ensure_application

GOAL_30_SECONDS = 2.0
LANGUAGES = ("en", "es", "fr", "ar", "uk", "zh")


def _fill(families: FamilyService, series_id: int, count: int) -> None:
    """`count` families in a series, each with one seven-step routine from a template."""
    template = next(r for r in families.routines(None) if r.slug == "bedtime")
    for n in range(count):
        family = families.create_family(
            f"Family {n + 1}", language=LANGUAGES[n % len(LANGUAGES)], series_id=series_id
        )
        families.routine_from_template(template.id or 0, family.id or 0)


def _time_series(home: Path, count: int) -> tuple[float, int]:
    core = open_core(home / str(count))
    try:
        # A series of its own, so the demo families are left out.
        series_id = core.series.create_series("Bench", first_date="2026-01-05").id or 0
        _fill(core.families, series_id, count)
        sheets: list[int] = []
        started = time.perf_counter()
        request = SheetRequest(
            values={"series": series_id},
            progress=lambda done, total: sheets.append(done) is None,
        )
        export_pdf(build(core, "routines", request), home / f"{count}.pdf")
        elapsed = time.perf_counter() - started
        return elapsed, max(sheets)
    finally:
        core.close()


def main() -> None:
    ensure_application()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        _time_series(home, 3)  # warm up: fonts, SVG parser
        t30, n30 = _time_series(home, 30)
        t300, n300 = _time_series(home, 300)
    per30, per300 = t30 / n30 * 1000, t300 / n300 * 1000
    print(
        f"routine_sheets_30: {t30:.2f} s "
        f"(goal < {GOAL_30_SECONDS:.1f} s; ratio {t30 / GOAL_30_SECONDS:.2f})"
    )
    print(
        f"routine_sheets_300: {t300:.2f} s (goal < {GOAL_30_SECONDS * 10:.1f} s; "
        f"ratio {t300 / (GOAL_30_SECONDS * 10):.2f})"
    )
    print(
        f"per_sheet_30: {per30:.1f} ms (goal < {GOAL_30_SECONDS / 30 * 1000:.0f} ms; "
        f"ratio {per30 / (GOAL_30_SECONDS / 30 * 1000):.2f})"
    )
    print(
        f"per_sheet_300: {per300:.1f} ms (goal flat, <= 1.5 x per_sheet_30; "
        f"ratio {per300 / per30 / 1.5:.2f})"
    )


if __name__ == "__main__":
    main()
