"""A save refused mid-run says what the run waits for: the file on a laptop, the database on a
server home. Run with --database postgresql for the server's words."""

from __future__ import annotations

import pytest

from attune_desktop.core.errors import StorageError
from attune_desktop.core.services.runs import LiveRun, RunService
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.core.storage.database import Database


def test_a_refused_save_mid_run_speaks_of_what_this_home_is(
    db: Database, sessions: SessionService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GIVEN a session running on this home (a SQLite file, or a PostgreSQL database)
    WHEN a save is refused (a lock, a lost connection)
    THEN the run says it is saved as soon as the file can be written, on a file, or as soon
    as the database can be reached, on a server, and never speaks of a file there"""
    session_id = sessions.create_session("Refused").id or 0
    sessions.add_segment(session_id, title="Welcome", planned_minutes=5)
    sessions.add_segment(session_id, title="Closing", planned_minutes=5)
    runs = RunService(db, sessions)
    run = runs.prepare(session_id)

    def refuse(_self: RunService, _run: LiveRun) -> None:
        raise StorageError("The connection to the database was lost. Check the network.")

    monkeypatch.setattr(RunService, "save", refuse)
    run.start()

    assert run.save_problem is not None
    assert run.save_problem.startswith("Not saved just now: the connection to the database")
    if db.on_server:
        assert run.save_problem.endswith("saved as soon as the database can be reached.")
        assert "file" not in run.save_problem
    else:
        assert run.save_problem.endswith("saved as soon as the file can be written.")
