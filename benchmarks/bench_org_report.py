"""How long the organisation report takes for a year of a 200-laptop organisation.

Run alone: python benchmarks/bench_org_report.py [sqlite|postgresql ...]   (default: both)
One database holds what 200 laptops publish over three years (about 30,000 sessions: four
12-13 week circles a year each, across 8 sites and 3 curricula), written with bulk inserts:
head counts, fidelity facts, and an opening and a closing check-in round per delivered
session. Measured: the report's figures (the queries), its CSV, and its PDF for one year,
against the single-series report's PDF as the ratio. Goal: the year's PDF in under 2 s, on
SQLite (the home's file) and on PostgreSQL (an organiser's server home: a throw-away cluster
started with tests/pgcluster.py, over 127.0.0.1 with a password, as a real server is reached).
Figures on PostgreSQL are named `org_report.pg.*`.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import figure
from sqlalchemy import insert, text

from attune_desktop.core.container import Core, open_core
from attune_desktop.core.models import (
    CheckInCount,
    CheckInRound,
    Series,
    Session,
    SessionFidelity,
)
from attune_desktop.core.org_report import (
    OrgFilter,
    build_org_report,
    org_report_csv,
)
from attune_desktop.printing.catalogue import SheetRequest
from attune_desktop.printing.jobs import build, export_pdf
from attune_desktop.runtime import ensure_application

GOAL_SECONDS = 2.0
LAPTOPS = 200
YEARS = (2024, 2025, 2026)
TERMS = ((1, 12), (4, 13), (9, 12), (11, 13))  # (month started, weeks): ~50 sessions a year
SITES = tuple(f"Site {n}" for n in range(1, 9))
CURRICULA = ("Calm Families", "Early Years", "Teen Years")
WEATHER = ("sunny", "sun_cloud", "cloudy", "rainy", "stormy")
REASONS = ("Snow", "Venue closed", "Facilitator ill", "")


def _fill(core: Core, rng: random.Random) -> int:
    """Write the organisation in bulk; returns the number of sessions."""
    series_rows, session_rows, fidelity_rows, round_rows, count_rows = [], [], [], [], []
    session_id = round_id = series_id = 0
    for laptop in range(LAPTOPS):
        site = SITES[laptop % len(SITES)]
        for year in YEARS:
            for month, weeks in TERMS:
                series_id += 1
                first = dt.date(year, month, 1 + laptop % 7)
                series_rows.append(
                    {
                        "id": series_id,
                        "title": f"Circle {laptop + 1} {year}-{month:02d}",
                        "site": site,
                        "facilitators": f"Facilitator {laptop + 1}",
                        "curriculum": CURRICULA[(laptop + month) % len(CURRICULA)],
                        "first_date": first,
                        "weeks": weeks,
                        "created_at": dt.datetime(year, 1, 1, tzinfo=dt.UTC),
                        "updated_at": dt.datetime(year, 1, 1, tzinfo=dt.UTC),
                    }
                )
                group = rng.randint(6, 12)
                for week in range(1, weeks + 1):
                    session_id += 1
                    day = first + dt.timedelta(weeks=week - 1)
                    cancelled = rng.random() < 0.06
                    status = "cancelled" if cancelled else "delivered"
                    group = max(2, group - (rng.random() < 0.15))
                    session_rows.append(
                        {
                            "id": session_id,
                            "series_id": series_id,
                            "week": week,
                            "title": f"Week {week}",
                            "date": day,
                            "status": status,
                            "attendance": None if cancelled else group,
                            "cancel_reason": rng.choice(REASONS) if cancelled else "",
                            "uid": f"bench-{session_id}",
                            "created_at": dt.datetime(year, 1, 1, tzinfo=dt.UTC),
                            "updated_at": dt.datetime(year, 1, 1, tzinfo=dt.UTC),
                        }
                    )
                    if cancelled:
                        continue
                    planned = rng.randint(6, 9)
                    fidelity_rows.append(
                        {
                            "session_id": session_id,
                            "segments_planned": planned,
                            "segments_delivered": planned - (rng.random() < 0.3),
                            "practices_planned": 2,
                            "practices_delivered": 2 - (rng.random() < 0.2),
                            "start_offset_minutes": rng.randint(-5, 15),
                            "end_offset_minutes": rng.randint(-10, 20),
                            "agenda_shared": rng.random() < 0.9,
                            "home_practice_reviewed": rng.random() < 0.7,
                            "every_parent_had_a_turn": rng.choice((True, False, None)),
                        }
                    )
                    for position, moment in enumerate(("opening", "closing")):
                        round_id += 1
                        round_rows.append(
                            {
                                "id": round_id,
                                "session_id": session_id,
                                "moment": moment,
                                "scale_key": "weather",
                                "status": "closed",
                                "min_responses": 5,
                                "position": position,
                            }
                        )
                        for key in WEATHER:
                            count = rng.randint(0, 4)
                            count_rows.append(
                                {"round_id": round_id, "option_key": key, "count": count}
                            )
    with core.db.session() as db:
        for model, rows in (
            (Series, series_rows),
            (Session, session_rows),
            (SessionFidelity, fidelity_rows),
            (CheckInRound, round_rows),
            (CheckInCount, count_rows),
        ):
            db.execute(insert(model), rows)  # type: ignore[call-overload]
    return len(session_rows)


def _seconds(action: object, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        best = min(best, time.perf_counter() - started)
    return best


def _measure(core: Core, home: Path, prefix: str, *, analyze: bool = False) -> None:
    """The year's figures, CSV and PDF on this core's database, named `prefix.*`.

    `analyze`: PostgreSQL plans with the tables' statistics, which autovacuum gathers within
    a minute of a bulk load on a real server; a bench reading right after its load would be
    planned as if the tables were empty (nested loops over 280,000 count rows)."""
    started = time.perf_counter()
    sessions = _fill(core, random.Random(18))
    if analyze:
        with core.db.session() as db:
            db.execute(text("ANALYZE"))
    figure(f"{prefix}.generate", time.perf_counter() - started, "s")
    figure(f"{prefix}.sessions", sessions, "sessions")
    year = OrgFilter(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    one = core.series.list_series()[-1].id or 0

    def figures() -> object:
        return build_org_report(core.db, core.checkins, year)

    def sheet() -> object:
        request = SheetRequest(values={"from_date": "2025-01-01", "to_date": "2025-12-31"})
        return export_pdf(build(core, "org-report", request), home / "org.pdf")

    def series_sheet() -> object:
        request = SheetRequest(values={"series": one})
        return export_pdf(build(core, "report", request), home / "series.pdf")

    report = build_org_report(core.db, core.checkins, year)
    figure(f"{prefix}.year_sessions", report.total.planned, "sessions")
    figure(f"{prefix}.year_circles", len(report.circles), "circles")
    base = _seconds(series_sheet)
    figure(f"{prefix}.series_pdf", base, "s")
    figure(f"{prefix}.year_figures", _seconds(figures), "s")
    figure(
        f"{prefix}.year_csv",
        _seconds(lambda: org_report_csv(build_org_report(core.db, core.checkins, year))),
        "s",
    )
    took = _seconds(sheet, runs=2)
    figure(
        f"{prefix}.year_pdf",
        took,
        "s",
        goal=f"<= {GOAL_SECONDS:g} s",
        ratio=took / base if base else None,
        met=took <= GOAL_SECONDS,
    )
    figure(f"{prefix}.load_average", os.getloadavg()[0], "(1 min)")


def _on_sqlite(folder: Path) -> None:
    core = open_core(folder / "home", load_starter_on_first_run=False)
    try:
        _measure(core, folder, "org_report")
    finally:
        core.close()


def _on_postgresql(folder: Path) -> None:
    """The same on a throw-away PostgreSQL cluster, reached over 127.0.0.1 with a password."""
    from tests.pgcluster import PgCluster

    with PgCluster.create() as cluster:
        cluster.create_role("organiser", password="bench-organiser")
        cluster.create_database("orghome", owner="organiser")
        url = cluster.url("orghome", role="organiser", password="bench-organiser")
        core = open_core(folder / "home-pg", load_starter_on_first_run=False, database_url=url)
        try:
            _measure(core, folder, "org_report.pg", analyze=True)
        finally:
            core.close()


def main() -> None:
    ensure_application()
    chosen = sys.argv[1:] or ["sqlite", "postgresql"]
    with tempfile.TemporaryDirectory() as folder:
        for database in chosen:
            {"sqlite": _on_sqlite, "postgresql": _on_postgresql}[database](Path(folder))


if __name__ == "__main__":
    main()
