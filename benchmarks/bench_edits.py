"""What durability costs: edits per second with synchronous=FULL (what the app uses) vs NORMAL.

Each edit is one real `SessionService.update_segment` (its own transaction, as when a
facilitator changes a segment's minutes). FULL waits for the disk on every commit, so a power
cut loses nothing acknowledged; NORMAL in WAL mode can lose the last commits. The runs
alternate FULL and NORMAL so both see the same disk and machine load.
Goal: FULL still fast enough that an edit never waits: >= 100 edits/s (a person makes a few).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import figure
from sqlalchemy import event

from attune_desktop.core.services.sessions import SessionService
from attune_desktop.core.storage.database import Database, open_database

EDITS = 200
ROUNDS = 3


def edits_per_second(db: Database, segment_id: int) -> float:
    service = SessionService(db)
    began = time.perf_counter()
    for minute in range(EDITS):
        service.update_segment(segment_id, planned_minutes=5 + minute % 20)
    return EDITS / (time.perf_counter() - began)


def open_with(folder: Path, synchronous: str) -> tuple[Database, int]:
    db = open_database(f"sqlite:///{folder / 'attune.sqlite3'}", backups_dir=folder / "backups")
    if synchronous != "FULL":

        @event.listens_for(db.engine, "connect")
        def _relax(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.execute(f"PRAGMA synchronous={synchronous}")

        db.engine.dispose()  # pooled connections were opened with FULL
    sessions = SessionService(db)
    session = sessions.create_session("Week 1")
    assert session.id is not None
    segment = sessions.add_segment(session.id, kind="teaching")
    assert segment.id is not None
    with db.engine.connect() as conn:
        level = conn.exec_driver_sql("PRAGMA synchronous").scalar()
    assert level == {"FULL": 2, "NORMAL": 1}[synchronous], level
    return db, segment.id


def main() -> None:
    rates: dict[str, list[float]] = {"FULL": [], "NORMAL": []}
    with tempfile.TemporaryDirectory(prefix="bench-edits-") as work:
        for run in range(ROUNDS):
            for mode in ("FULL", "NORMAL"):
                folder = Path(work) / f"{mode}-{run}"
                db, segment_id = open_with(folder, mode)
                try:
                    rates[mode].append(edits_per_second(db, segment_id))
                finally:
                    db.close()
    full, normal = statistics.median(rates["FULL"]), statistics.median(rates["NORMAL"])
    figure("edits.normal", normal, "edits/s", goal="baseline: synchronous=NORMAL")
    figure(
        "edits.full",
        full,
        "edits/s",
        goal=">= 100 edits/s with synchronous=FULL",
        ratio=full / normal,
        met=full >= 100,
    )
    figure("edits.full_ms_per_edit", 1000 / full, "ms", goal="cost of one durable edit")


if __name__ == "__main__":
    main()
