"""The chimes really sound: played through a private PulseAudio with a null sink.

Machines without a sound card (CI, a server) have no audio output, so this starts its own
PulseAudio server with a null sink on a private socket, and plays each chime in a fresh
process pointed at it. The null sink swallows the sound, but Qt plays it exactly as it would
on a laptop's speakers.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

PLAY_EVERY_CHIME = """
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QGuiApplication

app = QGuiApplication([])
from attune_desktop.ui.run.chimes import Chime, ChimePlayer


def wait(ms):
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


player = ChimePlayer(volume=0.5)
print("available", player.available)
wait(1000)  # the sounds load in the background
for chime in (*Chime, Chime.START):  # one again, to prove a chime can sound twice
    loaded = player.loaded(chime)
    player.play(chime)
    heard = False
    for _ in range(40):
        wait(25)
        heard = heard or player.is_playing(chime)
    print(chime.value, "Ready" if loaded else "NotLoaded", heard)
"""


@pytest.fixture
def pulse_server(tmp_path: Path) -> Iterator[str]:
    binary = shutil.which("pulseaudio")
    if binary is None:
        pytest.skip("pulseaudio is not installed (sh .ci/bootstrap test installs it)")
    socket = tmp_path / "native"
    env = {**os.environ, "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(tmp_path)}
    server = subprocess.Popen(
        [
            binary,
            "-n",
            "--daemonize=no",
            "--exit-idle-time=-1",
            "-L",
            "module-null-sink",
            "-L",
            f"module-native-protocol-unix socket={socket} auth-anonymous=1",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not socket.exists() and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.05)
        if not socket.exists():
            pytest.fail("the private PulseAudio server did not start")
        yield f"unix:{socket}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_every_chime_loads_and_plays_on_a_sound_device(pulse_server: str) -> None:
    # GIVEN a laptop whose only sound device is the null sink
    env = {**os.environ, "PULSE_SERVER": pulse_server, "QT_QPA_PLATFORM": "offscreen"}
    env["QT_LOGGING_RULES"] = "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false"
    # WHEN each chime is played as a run would
    result = subprocess.run(
        [sys.executable, "-c", PLAY_EVERY_CHIME],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    # THEN the player found the device, and every chime loaded and was heard playing
    assert lines.get("available") == "True", result.stderr[-2000:]
    for chime in ("start", "warning", "end", "interval"):
        assert lines.get(chime) == "Ready True", (chime, result.stdout, result.stderr[-2000:])
    # AND nothing hung or flooded the log on the way (Qt's QSoundEffect did, on PulseAudio)
    assert "Invalid socket" not in result.stderr
