"""What someone who copied the home folder could rebuild: every state the files still hold.

`count_states` replays SQLite's write-ahead log frame by frame, as a forensic tool would: the
database file, then each committed transaction in the log laid over it in turn, and reads the
check-in counts after each. If answers were written one commit each, this gives their order.
"""

from __future__ import annotations

import shutil
import sqlite3
import struct
import tempfile
from pathlib import Path

WAL_HEADER = 32
FRAME_HEADER = 24

CountState = tuple[tuple[int, str, int], ...]


def wal_frames(wal: Path) -> list[tuple[int, int, bytes]]:
    """(page number, database size after commit or 0, page bytes) of each valid frame."""
    if not wal.exists() or wal.stat().st_size < WAL_HEADER:
        return []
    data = wal.read_bytes()
    _magic, _version, page_size, _seq, salt1, salt2 = struct.unpack(">IIIIII", data[:24])
    frames: list[tuple[int, int, bytes]] = []
    at = WAL_HEADER
    while at + FRAME_HEADER + page_size <= len(data):
        page, size, f_salt1, f_salt2 = struct.unpack(">IIII", data[at : at + 16])
        if (f_salt1, f_salt2) != (salt1, salt2):
            break  # a frame from before the log was last restarted: not valid any more
        frames.append((page, size, data[at + FRAME_HEADER : at + FRAME_HEADER + page_size]))
        at += FRAME_HEADER + page_size
    return frames


def _counts(image: Path) -> CountState:
    with image.open("r+b") as fh:  # read it as a plain file: no log of its own
        fh.seek(18)
        fh.write(b"\x01\x01")
    conn = sqlite3.connect(f"file:{image}?mode=ro&immutable=1", uri=True)
    try:
        rows = conn.execute(
            "SELECT round_id, option_key, count FROM checkincount ORDER BY round_id, option_key"
        ).fetchall()
    except sqlite3.DatabaseError:
        rows = []
    finally:
        conn.close()
    return tuple((int(r), str(k), int(c)) for r, k, c in rows)


def count_states(database: Path) -> list[CountState]:
    """The check-in counts in the database file, then after each commit the log holds."""
    wal = database.with_name(database.name + "-wal")
    frames = wal_frames(wal)
    with tempfile.TemporaryDirectory() as folder:
        image = Path(folder) / "image.sqlite3"
        shutil.copyfile(database, image)
        states = [_counts(image)]
        if frames:
            page_size = len(frames[0][2])
            with image.open("r+b") as fh:
                for page, size, body in frames:
                    fh.seek((page - 1) * page_size)
                    fh.write(body)
                    if size:  # a commit: the database as it stood after that transaction
                        fh.truncate(size * page_size)
                        fh.flush()
                        states.append(_counts(image))
    return states


def snapshot(home: Path) -> dict[str, bytes]:
    """Every file in the home (the database, its log and index, backups, logs, settings)."""
    return {
        str(path.relative_to(home)): path.read_bytes()
        for path in sorted(home.rglob("*"))
        if path.is_file()
    }
