"""The command line, run as a user runs it: a separate process with its own home."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from attune_desktop import __version__


def run(*args: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "attune_desktop", *args]
    if home is not None:
        command += ["--home", str(home)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"attune-desktop {__version__}"


def test_demo_loads_once_and_lists_show_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = run("demo", home=home)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Added ")
    second = run("demo", home=home)
    assert "already here" in second.stdout
    series = run("list", "series", home=home)
    assert "Attunement basics" in series.stdout
    sessions = run("list", "sessions", home=home).stdout.splitlines()
    assert len(sessions) == 12  # six planned weeks and six curriculum templates
    assert len(run("list", "practices", home=home).stdout.splitlines()) >= 12


def test_home_from_the_environment(tmp_path: Path) -> None:
    env_home = tmp_path / "from-env"
    result = subprocess.run(
        [sys.executable, "-m", "attune_desktop", "demo"],
        capture_output=True,
        text=True,
        env={"ATTUNE_HOME": str(env_home), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert (env_home / "attune.sqlite3").exists()


def test_a_refused_database_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "attune.sqlite3").write_text("not a database")
    result = run("list", "series", home=home)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "not an Attune Desktop database" in result.stderr
    assert (home / "attune.sqlite3").read_text() == "not a database"


def test_gui_without_a_screen_explains_itself(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "attune_desktop", "--home", str(tmp_path / "h")],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert result.returncode == 2
    assert "no screen found" in result.stderr


@pytest.mark.parametrize("command", [("list", "sessions"), ("--help",), ("list", "--help")])
def test_a_closed_pipe_ends_quietly(tmp_path: Path, command: tuple[str, ...]) -> None:
    # GIVEN a home with sessions to list, and a reader that has already gone (`| head -0`)
    home = tmp_path / "home"
    assert run("demo", home=home).returncode == 0
    read_end, write_end = os.pipe()
    os.close(read_end)
    # WHEN the list is written into the closed pipe
    try:
        result = subprocess.run(
            [sys.executable, "-m", "attune_desktop", *command, "--home", str(home)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)
    # THEN it ends with 0, says nothing alarming and writes no crash report
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert not (home / "logs").exists() or not list((home / "logs").glob("crash-*"))


@pytest.mark.parametrize(
    "home",
    ["~nosuchuser/h", "a" * 300 + "/h", "/dev/null/h"],
)
def test_an_unusable_home_is_one_sentence(home: str) -> None:
    result = run("list", "series", "--home", home)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("attune-desktop: ")
    assert "--home" in result.stderr  # says what to do


_NO_QT = '''
import sys


class _NoQt:
    """Behave as a machine where PySide6 was never installed."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "PySide6":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, _NoQt())
'''


def test_printing_without_qt_says_what_is_missing_and_how_to_install_it(tmp_path: Path) -> None:
    """GIVEN a machine where PySide6 is not installed (an import hook in sitecustomize hides
    it) WHEN someone prints a sheet (or opens the window) THEN it says printing needs Qt
    (PySide6) and how to install it, exits 2, shows no traceback and writes no PDF."""
    (tmp_path / "sitecustomize.py").write_text(_NO_QT)
    home = tmp_path / "home"
    assert run("demo", home=home).returncode == 0  # the Qt-free commands still work
    out = tmp_path / "agenda.pdf"
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    printing = ["print", "agenda", "--session", "1", "--out", str(out), "--home", str(home)]
    result = subprocess.run(
        [sys.executable, "-m", "attune_desktop", *printing],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "went wrong" not in result.stderr
    assert "Printing needs Qt (PySide6), which is not installed here." in result.stderr
    assert "-m pip install 'PySide6-Essentials" in result.stderr
    assert not out.exists()
    # the window says the same where it cannot open
    window = subprocess.run(
        [sys.executable, "-m", "attune_desktop", "--home", str(home)],
        capture_output=True,
        text=True,
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
    )
    assert window.returncode == 2, window.stderr
    assert "The window needs Qt (PySide6), which is not installed here." in window.stderr
    # and the hook really hides Qt: the same interpreter cannot import it
    probe = subprocess.run(
        [sys.executable, "-c", "import PySide6"], capture_output=True, text=True, env=env
    )
    assert probe.returncode != 0


@pytest.mark.parametrize(
    ("code", "help_words", "refusal"),
    [
        ("es", "Planifica, dirige e imprime", "no es una base de datos de Attune Desktop"),
        ("ar", "خطِّط لحلقات التناغم", "ليس قاعدة بيانات Attune Desktop"),
    ],
)
def test_the_command_line_speaks_the_language_the_window_saved(
    tmp_path: Path, code: str, help_words: str, refusal: str
) -> None:
    """GIVEN a home whose window was set to Spanish or Arabic, and a damaged database file
    WHEN the command line asks for help, then lists the series
    THEN the help and core's refusal are in that language, still without a traceback."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.ini").write_text(f"[ui]\nlanguage = {code}\n", encoding="utf-8")
    (home / "attune.sqlite3").write_text("not a database")
    helped = run("--help", home=home)
    assert helped.returncode == 0 and help_words in helped.stdout, helped.stdout
    result = run("list", "series", home=home)
    assert result.returncode == 2
    assert refusal in result.stderr and "Traceback" not in result.stderr, result.stderr
