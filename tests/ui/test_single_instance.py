"""One window per home: a second launch hands over to the window already open on that home."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from attune_desktop.ui.main_window import MainWindow
from attune_desktop.ui.shell import UiContext
from attune_desktop.ui.single_instance import (
    SingleInstance,
    bring_forward,
    decode_message,
    hand_over,
    server_name,
)


def hand_over_from_another_process(home: Path, files: list[str]) -> subprocess.Popen[str]:
    """A second launch's blocking hand-over, in its own process (as a real launch is), so the
    running window's event loop here can answer it."""
    code = (
        "import sys; from pathlib import Path; "
        "from attune_desktop.ui.single_instance import hand_over; "
        "print(hand_over(Path(sys.argv[1]), sys.argv[2:], 10000))"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, str(home), *files],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        text=True,
    )


def answer_of(qtbot: QtBot, launch: subprocess.Popen[str]) -> str:
    qtbot.waitUntil(lambda: launch.poll() is not None, timeout=20000)
    out, _ = launch.communicate()
    return out.strip()


def shared_bundle(context: UiContext, tmp_path: Path) -> Path:
    sample = context.core.series.list_series()[0].id
    path = tmp_path / "shared.json"
    context.core.series.export_bundle(sample, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["series"].update(slug="from-a-colleague", title="From a colleague")
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_second_launch_on_the_same_home_hands_its_bundle_to_the_open_window(
    qtbot: QtBot, context: UiContext, tmp_path: Path
) -> None:
    # GIVEN the app open on a home, answering later launches
    home = context.core.paths.home
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    running = SingleInstance(home)
    assert running.claim()
    running.listen()
    running.handed_over.connect(lambda files: bring_forward(window, files))
    window.show_page("routines")
    bundle = shared_bundle(context, tmp_path)
    try:
        # WHEN a second launch on the same home is given a bundle
        second = SingleInstance(home)
        assert not second.claim()  # the home is taken
        with qtbot.waitSignal(running.handed_over, timeout=20000) as handed:
            launch = hand_over_from_another_process(home, [str(bundle)])
        # THEN the second launch was answered, and the open window imported the bundle
        assert answer_of(qtbot, launch) == "True"
        assert handed.args == [[str(bundle)]]
        assert window.current_page() == "series"
        titles = [s.title for s in context.core.series.list_series(templates=None)]
        assert "From a colleague" in titles
        assert "From a colleague" in window.series_view.message.text()
    finally:
        running.release()


def test_a_launch_with_nothing_to_import_only_brings_the_window_forward(
    qtbot: QtBot, context: UiContext
) -> None:
    home = context.core.paths.home
    running = SingleInstance(home)
    assert running.claim()
    running.listen()
    try:
        with qtbot.waitSignal(running.handed_over, timeout=20000) as handed:
            launch = hand_over_from_another_process(home, [])
        assert answer_of(qtbot, launch) == "True"
        assert handed.args == [[]]
    finally:
        running.release()


def test_another_home_opens_normally_and_a_closed_home_can_be_claimed_again(
    tmp_path: Path,
) -> None:
    first, other = SingleInstance(tmp_path / "a"), SingleInstance(tmp_path / "b")
    assert first.claim()
    assert other.claim()  # another home: its own lock
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert server_name(tmp_path / "a") == server_name(tmp_path / "x" / ".." / "a")
    first.release()
    again = SingleInstance(tmp_path / "a")
    assert again.claim()  # the window was closed: the next launch opens it
    again.release()
    other.release()


def test_nobody_answering_gives_up_instead_of_hanging(tmp_path: Path) -> None:
    assert not hand_over(tmp_path / "nobody", ["x.json"], patience_ms=300)


def test_a_malformed_message_hands_over_nothing() -> None:
    assert decode_message(b"not json\n") == []
    assert decode_message(b'{"files": [1, "a.json"]}\n') == ["a.json"]
    assert decode_message(b'["a.json"]\n') == []


@pytest.mark.slow
def test_two_real_launches_on_one_home_keep_one_window(tmp_path: Path) -> None:
    """Two real processes: the second exits at once and the first imports its bundle."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    cli = [sys.executable, "-m", "attune_desktop"]
    home, other = tmp_path / "home", tmp_path / "other"
    run = {"env": env, "capture_output": True, "text": True, "timeout": 120}
    subprocess.run([*cli, "--home", str(home), "demo"], check=True, **run)
    bundle = tmp_path / "b.json"
    subprocess.run(
        [*cli, "--home", str(home), "export", "bundle", "--series", "1", "--out", str(bundle)],
        check=True,
        **run,
    )
    data = json.loads(bundle.read_text(encoding="utf-8"))
    data["series"].update(slug="handed-over", title="Handed over")
    bundle.write_text(json.dumps(data), encoding="utf-8")
    # GIVEN the window open on the home (for long enough)
    first = subprocess.Popen(
        [*cli, "--home", str(home), "gui", "--quit-after", "40"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        time.sleep(1)
        # WHEN a second launch on that home is given the bundle
        second = subprocess.run([*cli, "--home", str(home), "gui", str(bundle)], **run)
        # THEN it hands over and exits, and the first window imported the bundle
        assert second.returncode == 0, second.stderr
        assert "brought forward" in second.stdout
        listed = subprocess.run([*cli, "--home", str(home), "list", "series"], **run).stdout
        assert "Handed over" in listed
        # AND a launch on another home opens its own window
        third = subprocess.run([*cli, "--home", str(other), "gui", "--quit-after", "0.5"], **run)
        assert third.returncode == 0, third.stderr
        assert "brought forward" not in third.stdout
    finally:
        first.terminate()
        first.wait(30)
