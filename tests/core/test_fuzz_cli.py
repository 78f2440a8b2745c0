"""Fuzzing the command line: any arguments end in exit code 0 or 2, never a traceback.

The window and the print commands need Qt, which tests/core never loads: `gui` runs as on a
machine without a screen (it must say so), and `print`'s handler is replaced once its
arguments have parsed (the parsing is what is fuzzed here; tests/ui prints for real).
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import attune_desktop.app
from attune_desktop import cli

pytestmark = pytest.mark.slow

WORDS = [
    "gui",
    "demo",
    "list",
    "print",
    "agenda",
    "backup",
    "now",
    "restore",
    "export",
    "series",
    "sessions",
    "practices",
    "families",
    "--home",
    "--version",
    "--help",
    "-h",
    "--session",
    "--out",
    "--paper",
    "a4",
    "letter",
    "--audience",
    "participants",
    "--ink",
    "low",
    "1",
    "0",
    "-1",
    "99999999999999999999",
    "x.pdf",
    "all.zip",
    "missing.sqlite3",
    "",
    " ",
    "--",
    "-",
    "--bogus",
    "é",
    "日本",
    "\x00",
    "a=b",
]


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # relative FILE arguments land here
    monkeypatch.setenv("ATTUNE_HOME", str(tmp_path / "env-home"))
    monkeypatch.setattr(attune_desktop.app, "has_display", lambda: False)
    monkeypatch.setitem(cli.HANDLERS, "print", lambda _args: 0)
    return tmp_path


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    argv=st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=6),
    home_first=st.booleans(),
)
def test_any_arguments_exit_with_0_or_2_and_no_traceback(
    sandbox: Path, argv: list[str], home_first: bool
):
    home = ["--home", str(sandbox / "home")]
    args = [*home, *argv] if home_first else [*argv, *home]
    args = [a.replace("\x00", "") for a in args]  # a NUL cannot be in a real argv
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(args)
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            code = exc.code if isinstance(exc.code, int) else 2
    assert code in (0, 2), (args, err.getvalue())
    assert "Traceback" not in out.getvalue() + err.getvalue()
    assert not list((sandbox / "home" / "logs").glob("crash-*"))
