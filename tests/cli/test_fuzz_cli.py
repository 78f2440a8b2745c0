"""Fuzzing the command line: any arguments end in exit code 0 or 2, never a traceback.

The window and the print commands need Qt, which this fuzz test keeps out of its way:
`gui` runs as on a machine without a screen (it must say so), and `print`'s handler is
replaced once its arguments have parsed (the parsing is what is fuzzed here; tests/printing
prints for real).
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


def _unreachable(path: str) -> bool:
    """True when this machine refuses `path` itself, so fuzzing it cannot create anything."""
    try:
        Path(path).resolve(strict=False)
    except OSError:
        return True
    return False


# Homes that cannot be used, each for its own reason; `/proc/1/root/x` only where the system
# refuses it (as root on some machines it is the real root folder, which a test must not write).
ODD_HOMES = [
    "~nosuchuser/h",
    "a" * 300 + "/h",
    "/dev/null/h",
    "\udcff/h",  # a file name byte that is not UTF-8, as Python shows it
    *(["/proc/1/root/x"] if _unreachable("/proc/1/root/x") else []),
]
COMMANDS = [
    ["export", "ics", "--series", "{n}", "--out", "x.ics"],
    ["export", "bundle", "--series", "{n}", "--out", "b.json"],
    ["report", "--series", "{n}", "--out", "r.csv"],
    ["print", "agenda", "--session", "{n}", "--out", "a.pdf"],
    ["print", "pack", "--session", "{n}", "--out", "k.pdf"],
    ["print", "routines", "--series", "{n}", "--out", "r.pdf"],
    ["list", "sessions"],
    ["backup", "list"],
    ["demo"],
    ["import", "{n}.json"],
]
NUMBERS = st.one_of(
    st.integers(min_value=2**63 - 2, max_value=2**80),
    st.integers(min_value=-(2**80), max_value=-(2**63) + 2),
    st.integers(min_value=-3, max_value=3),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    command=st.sampled_from(COMMANDS),
    number=NUMBERS,
    home=st.one_of(st.none(), st.sampled_from(ODD_HOMES)),
    home_first=st.booleans(),
)
def test_huge_numbers_and_odd_homes_get_a_sentence(
    sandbox: Path, command: list[str], number: int, home: str | None, home_first: bool
) -> None:
    # GIVEN a real command with a number far outside any id, and maybe a home that cannot be
    given = ["--home", home if home is not None else str(sandbox / "home")]
    argv = [part.format(n=number) for part in command]
    args = [*given, *argv] if home_first else [*argv, *given]
    out, err = io.StringIO(), io.StringIO()
    # WHEN it runs
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(args)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    # THEN it exits 0 or 2 with one sentence, never a traceback or a crash report
    assert code in (0, 2), (args, err.getvalue())
    assert "Traceback" not in out.getvalue() + err.getvalue()
    assert "should not have" not in err.getvalue()
    if code == 2:
        assert err.getvalue().strip().splitlines()[-1].startswith("attune-desktop"), err.getvalue()
    assert not list(sandbox.rglob("crash-*"))


def test_huge_ids_are_named_as_too_large(sandbox: Path) -> None:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), pytest.raises(SystemExit) as exited:
        cli.main(["report", "--series", str(2**63), "--out", "r.csv"])
    assert exited.value.code == 2
    assert "too large" in err.getvalue()


class ClosedPipe(io.StringIO):
    """A stdout whose reader has gone: every write fails as it does after `| head`."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    command=st.sampled_from(
        [["demo"], ["list", "sessions"], ["list", "series"], ["backup", "list"], ["--help"]]
    ),
    home_first=st.booleans(),
)
def test_a_closed_pipe_is_never_a_crash(sandbox: Path, command: list[str], home_first: bool):
    given = ["--home", str(sandbox / "home")]
    args = [*given, *command] if home_first else [*command, *given]
    err = io.StringIO()
    with contextlib.redirect_stdout(ClosedPipe()), contextlib.redirect_stderr(err):
        try:
            code = cli.main(args)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    assert code in (0, 2), err.getvalue()
    assert "Traceback" not in err.getvalue() and "should not have" not in err.getvalue()
    assert not list(sandbox.rglob("crash-*"))


def test_an_empty_home_is_not_taken_for_no_home(sandbox: Path) -> None:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert cli.main(["list", "series", "--home", ""]) == 2
    assert "--home needs a folder" in err.getvalue()
    assert not (sandbox / "env-home").exists()
