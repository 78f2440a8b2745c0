"""The app's check-in side in a child process, so a test can kill it mid-round (SIGKILL).

    python tests/net/checkin_child.py HOME

Opens the home, opens a round on the first session, serves it on 127.0.0.1 and prints one
JSON line (round id, port, path), then serves until it is killed.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from attune_desktop.app import open_core
from attune_desktop.core.config import resources_dir
from attune_desktop.net.checkin_server import CheckInServer


async def main(home: Path) -> None:
    core = open_core(home, load_starter_on_first_run=False)
    session_id = core.sessions.create_session("Arriving").id or 0
    round_id = core.checkins.open_round(session_id, "opening", "weather").id or 0
    server = CheckInServer(core.checkins, resources_dir() / "pictograms" / "color")
    join = await server.start(round_id, "127.0.0.1", 0, "en")
    port = int(join.short_url.rstrip("/").rsplit(":", 1)[1])
    path = join.url.removeprefix(join.short_url.rstrip("/"))
    print(json.dumps({"round_id": round_id, "port": port, "path": path}), flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
