"""One laptop's term syncs to an organisation of 200 laptops and three years in under 1 s.

A throw-away PostgreSQL cluster (tests/pgcluster.py) holds an organisation preloaded by bulk
SQL: 200 laptops, 2,500 series, 30,000 sessions, 180,000 segments, 15,000 check-in rounds.
One more laptop, with its own role under row-level security, syncs one term (12 sessions, 6
segments each, the delivered weeks' check-in rounds) from a real home:
- `org_sync.term`: the whole term sent (its note of what was sent cleared before each run),
- `org_sync.unchanged`: a sync with nothing new (what a laptop does most days),
- `org_sync.organiser_first_pull`: an organiser's empty home brought the whole organisation,
each the median of several runs, against the single-series report (build + CSV) on the same
home as the baseline. Goal: the term under 1 s.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, figure, median_time

sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, delete

from attune_desktop.core.container import open_core
from attune_desktop.core.models import OrgSyncState
from attune_desktop.core.org import schema
from attune_desktop.core.report import build_report, report_csv
from attune_desktop.core.services.org_sync import OrgSync
from tests.pgcluster import PgCluster
from tests.sync.homes import fill_home

RUNS = 7
LAPTOPS, SERIES_EACH, WEEKS, SEGMENTS = 200, 12, 12, 6  # 2,400 series... plus 100 = 2,500

PRELOAD = f"""
INSERT INTO org.series (uid, owner, title, weekday, start_time, first_date, weeks,
    session_minutes, updated_at)
SELECT 'pre-' || l || '-' || s, 'laptop' || l, 'Circle ' || s, 1, '18:00',
    date '2024-01-08' + (s * 91), {WEEKS}, 120, now()
FROM generate_series(1, {LAPTOPS}) l, generate_series(1, {SERIES_EACH} + (l % 2)) s;
INSERT INTO org.session (uid, owner, series_uid, week, title, date, start_time,
    target_minutes, status, attendance, actual_start, actual_end, updated_at)
SELECT r.uid || '-w' || w, r.owner, r.uid, w, 'Week ' || w, r.first_date + 7 * (w - 1),
    '18:00', 120, 'delivered', 6 + w % 4, now(), now() + interval '2 hours', now()
FROM org.series r, generate_series(1, {WEEKS}) w;
INSERT INTO org.segment (uid, owner, session_uid, position, kind, title, planned_minutes,
    fixed)
SELECT n.uid || '-g' || g, n.owner, n.uid, g, 'other', 'Part ' || g, 10, false
FROM org.session n, generate_series(1, {SEGMENTS}) g;
INSERT INTO org.checkin_round (uid, owner, session_uid, moment, scale_key, min_responses,
    position)
SELECT n.uid || '-r', n.owner, n.uid, 'opening', 'regulation4', 5, 0
FROM org.session n WHERE n.week % 2 = 0;
ANALYZE;
"""


def preload(cluster: PgCluster, dbname: str) -> None:
    for n in range(1, LAPTOPS + 1):
        cluster.psql(f"CREATE ROLE laptop{n} LOGIN IN ROLE {schema.LAPTOP_GROUP}")
    cluster.psql(PRELOAD, dbname=dbname)


def first_pull(cluster: PgCluster, home: Path) -> float:
    """An organiser's empty home brings in the whole organisation once."""
    core = open_core(home, load_starter_on_first_run=False)
    engine = create_engine(cluster.url("org", role="bench_organiser", password="bench-pw"))
    try:
        began = time.perf_counter()
        pulled = OrgSync(core.db, engine).run().pulled
        took = time.perf_counter() - began
        print(f"the organiser pulled {pulled} series")
        return took
    finally:
        engine.dispose()
        core.close()


def main() -> None:
    cluster = PgCluster.create()
    try:
        cluster.create_database("org")
        with create_engine(cluster.url("org", driver="postgresql+psycopg")).begin() as conn:
            schema.install(conn)
            schema.create_member(conn, "bench_laptop", "bench-pw", organiser=False)
            schema.create_member(conn, "bench_organiser", "bench-pw", organiser=True)
        began = time.perf_counter()
        preload(cluster, "org")
        sessions = cluster.psql("SELECT count(*) FROM org.session", dbname="org")[0][0]
        print(f"preloaded {sessions} sessions in {time.perf_counter() - began:.1f} s")
        engine = create_engine(cluster.url("org", role="bench_laptop", password="bench-pw"))
        with tempfile.TemporaryDirectory(prefix="bench-org-") as work:
            home = Path(work) / "home"
            fill_home(home, "BENCH", series=1)
            core = open_core(home, load_starter_on_first_run=False)
            series_id = core.series.list_series()[0].id or 0
            sync = OrgSync(core.db, engine)

            def report() -> None:
                report_csv(build_report(core.series, core.sessions, core.checkins, series_id))

            def whole_term() -> None:
                with core.db.session() as db:
                    db.exec(delete(OrgSyncState))  # type: ignore[call-overload]
                assert sync.run().sent == 1

            base = median_time(report, RUNS)
            term = median_time(whole_term, RUNS)
            unchanged = median_time(lambda: sync.run(), RUNS)
            core.close()
            pull = first_pull(cluster, Path(work) / "organiser")
        figure("org_sync.report_baseline", base, "s", goal="baseline: single-series report")
        figure(
            "org_sync.term",
            term,
            "s",
            goal="< 1 s, 200 laptops preloaded",
            ratio=term / base,
            met=term < 1.0,
        )
        figure("org_sync.unchanged", unchanged, "s", goal="reported", ratio=unchanged / base)
        figure("org_sync.organiser_first_pull", pull, "s", goal="reported: 30,000 sessions, once")
    finally:
        cluster.remove()


if __name__ == "__main__":
    main()
