"""Shared by the kill trials: fork a child that works and acknowledges, then SIGKILL it.

The trials fork a child from the (already imported) test process rather than start a new
interpreter each time: a SIGKILL ends a forked child exactly as it ends a fresh one, and the
trials then take seconds instead of a minute of imports. The child makes its own connection.
"""

from __future__ import annotations

import os
import select
import signal
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

# The child: works forever (or until its script ends), writing one line to the fd per ack.
Child = Callable[[int], None]


def ack(fd: int, line: str) -> None:
    """One acknowledgement, written in one piece so a kill never tears it mid-line."""
    os.write(fd, f"{line}\n".encode())


def kill_after_acks(child: Child, after_acks: int, extra: float) -> list[str]:
    """Fork `child`; SIGKILL it `extra` seconds after its `after_acks`-th ack; return the acks.

    The child's first line must be "ready" (sent once it is set up). Counting acks rather than
    seconds puts the kill mid-run however loaded the machine is; the extra fraction of a
    millisecond or more lands it anywhere inside the next step. A torn last line is returned as
    read: callers drop lines that do not parse.
    """
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(read_fd)
        try:
            child(write_fd)
            while True:  # its work is done: wait for the kill, as a running app would
                time.sleep(60)
        finally:
            os._exit(1)
    os.close(write_fd)
    received = b""
    try:
        while received.count(b"\n") < after_acks + 1:  # "ready" and then the acks
            ready, _, _ = select.select([read_fd], [], [], 30)
            chunk = os.read(read_fd, 65536) if ready else b""
            if not chunk:
                break
            received += chunk
        time.sleep(extra)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        while chunk := os.read(read_fd, 65536):  # what the child wrote before it died
            received += chunk
        os.close(read_fd)
    lines = received.decode().splitlines()
    assert lines and lines[0] == "ready", "the child never got going"
    return lines[1:]


def integrity_ok(database: Path) -> bool:
    conn = sqlite3.connect(database)
    try:
        return bool(conn.execute("PRAGMA integrity_check").fetchone() == ("ok",))
    finally:
        conn.close()


def whole(url: str) -> bool:
    """The database at `url` is whole: SQLite's integrity check of the file, or (PostgreSQL,
    which keeps its own pages) the app opens it and reads every table of sessions."""
    from sqlalchemy import text

    from attune_desktop.core.storage.database import open_database

    if url.startswith("sqlite:///"):
        return integrity_ok(Path(url.removeprefix("sqlite:///")))
    db = open_database(url)
    try:
        with db.engine.connect() as conn:
            for table in ("session", "segment", "series"):
                conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()
        return db.integrity_ok()
    finally:
        db.close()


def rows(url: str, sql: str) -> list[tuple[object, ...]]:
    """The rows a query finds in the database at `url` (opened and closed around it)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql))]
    finally:
        engine.dispose()
