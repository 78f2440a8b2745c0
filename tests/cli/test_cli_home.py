"""One `--home` for every command: given before or after the command, it is the folder used.

These run `cli.main` in this process (the print commands need the themed Qt application of
tests/ui's conftest, imported below). $ATTUNE_HOME points at a trap folder: a command that
lost `--home` would open or create the database there, so the trap must stay empty.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
from pathlib import Path

import pytest

import attune_desktop.app
from attune_desktop import cli
from tests.ui.conftest import _themed_app  # noqa: F401  (the Qt application printing needs)

# One working example per command; {home-less} arguments only, `--home` is added by the test.
EXAMPLES: dict[str, list[str]] = {
    "gui": ["gui"],
    "demo": ["demo"],
    "list": ["list", "sessions"],
    "print agenda": ["print", "agenda", "--session", "{session}", "--out", "{tmp}/a.pdf"],
    "print series-plan": ["print", "series-plan", "--series", "{series}", "--out", "{tmp}/p.pdf"],
    "print series": ["print", "series", "--series", "{series}", "--out", "{tmp}/s.pdf"],
    "print pack": ["print", "pack", "--session", "{session}", "--out", "{tmp}/k.pdf"],
    "print run-summary": ["print", "run-summary", "--session", "{session}", "--out", "{tmp}/u.pdf"],
    "print take-home": ["print", "take-home", "--session", "{session}", "--out", "{tmp}/t.pdf"],
    "print report": ["print", "report", "--series", "{series}", "--out", "{tmp}/rp.pdf"],
    "print org-report": [
        "print",
        "org-report",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--out",
        "{tmp}/org.pdf",
    ],
    "org status": ["org", "status"],
    "print routines": ["print", "routines", "--series", "{series}", "--out", "{tmp}/r.pdf"],
    "export ics": ["export", "ics", "--series", "{series}", "--out", "{tmp}/c.ics"],
    "export bundle": ["export", "bundle", "--series", "{series}", "--out", "{tmp}/b.json"],
    "import": ["import", "{bundle}"],
    "report": ["report", "--series", "{series}", "--out", "{tmp}/report.csv"],
    "desktop-entry": ["desktop-entry", "--prefix", "{tmp}/local"],
    "backup list": ["backup", "list"],
    "backup now": ["backup", "now"],
    "backup restore": ["backup", "restore", "{zip}"],
    "backup export": ["backup", "export", "{tmp}/all.zip"],
}


def leaf_commands(parser: argparse.ArgumentParser, prefix: str = "") -> set[str]:
    """Every command a person can type, found by walking the parser (new ones included)."""
    found: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found |= leaf_commands(sub, f"{prefix} {name}".strip())
    return found or {prefix}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | str]:
    """A home with the starter content, a bundle from another circle and a full export."""
    folder = tmp_path_factory.mktemp("cli-home")
    home = folder / "home"
    assert run(["demo", "--home", str(home)])[0] == 0
    assert run(["backup", "export", str(folder / "all.zip"), "--home", str(home)])[0] == 0
    bundle = folder / "shared.json"
    assert (
        run(["export", "bundle", "--series", "2", "--out", str(bundle), "--home", str(home)])[0]
        == 0
    )
    bundle.write_text(bundle.read_text("utf-8").replace("attunement-basics", "other-circle"))
    return {"home": home, "bundle": bundle, "zip": folder / "all.zip"}


def run(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        try:
            code = cli.main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return code, err.getvalue()


# Commands that need the organisation's PostgreSQL server: tests/sync runs each of them as a
# real process with its own --home against the test cluster.
ON_A_SERVER = {"org init", "org add-laptop", "org reset-laptop", "org join", "org sync"}


def test_every_command_has_an_example() -> None:
    # GIVEN the parser WHEN its commands are listed THEN each one is exercised below or in
    # tests/sync (the organisation's server)
    assert leaf_commands(cli.build_parser()) == set(EXAMPLES) | ON_A_SERVER
    sync_tests = "".join(
        path.read_text("utf-8") for path in (Path(__file__).parents[1] / "sync").glob("*.py")
    )
    for command in ON_A_SERVER:
        assert f'"org", "{command.split()[1]}"' in sync_tests, command


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("command", sorted(EXAMPLES))
def test_home_is_the_folder_used_wherever_it_is_written(
    command: str,
    where: str,
    prepared: dict[str, Path | str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GIVEN a copy of a home with content, and $ATTUNE_HOME pointing at a trap folder
    home = tmp_path / "home"
    shutil.copytree(prepared["home"], home)
    trap = tmp_path / "trap"
    trap.mkdir()
    monkeypatch.setenv("ATTUNE_HOME", str(trap))
    monkeypatch.setattr(attune_desktop.app, "has_display", lambda: True)
    monkeypatch.setattr(attune_desktop.app, "run_gui", lambda core, argv, **_options: 0)
    values = {
        "tmp": str(tmp_path),
        "series": "2",
        "session": "7",
        "bundle": str(prepared["bundle"]),
        "zip": str(prepared["zip"]),
    }
    argv = [part.format(**values) for part in EXAMPLES[command]]
    given = ["--home", str(home)]
    # WHEN the command runs with --home before or after it
    code, err = run([*given, *argv] if where == "before" else [*argv, *given])
    # THEN it works on that home, and nothing touched the trap
    assert code == 0, err
    assert list(trap.iterdir()) == []
