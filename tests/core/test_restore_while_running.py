"""The core refuses a restore while a run is open, whatever screen (or script) asks for it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from attune_desktop.core.container import open_core
from attune_desktop.core.models import SessionStatus
from attune_desktop.core.services.backups import RestoreRefused

# About file restores.
# A PostgreSQL home's own checks are in test_storage_server.py.
pytestmark = pytest.mark.sqlite_only


def test_a_restore_waits_until_the_open_run_is_ended_or_closed(tmp_path: Path) -> None:
    core = open_core(tmp_path / "home", load_starter_on_first_run=False)
    try:
        # GIVEN a backup, then a session running
        session = core.sessions.create_session("Arriving")
        session_id = session.id or 0
        core.sessions.add_segment(session_id, title="Welcome", planned_minutes=10)
        backup = core.backups.back_up_now().path
        run = core.runs.prepare(session_id)
        run.start()
        digest = hashlib.sha256(core.paths.database.read_bytes()).hexdigest()
        # WHEN a restore is asked for THEN it is refused with what to do, and nothing changed
        with pytest.raises(RestoreRefused, match=r"Arriving\W* is running\. End the running"):
            core.backups.restore(backup)
        assert hashlib.sha256(core.paths.database.read_bytes()).hexdigest() == digest
        run.next()  # the run carries on saving
        assert core.sessions.get_session(session_id).status == SessionStatus.DELIVERED
        # (finished but still open in the presenter: still refused, with the other advice)
        with pytest.raises(RestoreRefused, match="still open in the presenter"):
            core.backups.restore(backup)
        # WHEN the presenter closes THEN the restore goes ahead
        core.runs.close(run)
        assert core.backups.restore_blocked() is None
        core.backups.restore(backup)
        assert core.sessions.get_session(session_id).status == SessionStatus.PLANNED
    finally:
        core.close()
