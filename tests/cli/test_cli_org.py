"""`attune-desktop org …` refuses bad input with a sentence and exit code 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def run(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "attune_desktop", *args, "--home", str(home)]
    return subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("org", "sync"), "has not joined an organisation"),
        (("org", "add-laptop", "x"), "has not joined an organisation"),
        (("org", "join", "nonsense", "--laptop", "a"), "not a database address"),
        (("org", "join", "mysql://h/db", "--laptop", "a"), "must be a PostgreSQL address"),
        (
            ("org", "join", "postgresql://db.example.org/o?sslmode=disable", "--laptop", "a"),
            "must be encrypted",
        ),
        (("org", "join", "postgresql://127.0.0.1:1/o", "--laptop", " "), "Give this laptop"),
    ],
)
def test_bad_org_input_gets_a_sentence(tmp_path: Path, args: tuple[str, ...], says: str) -> None:
    """GIVEN a home that never joined
    WHEN an org command is given something it cannot use
    THEN it says why on one line and exits with 2"""
    done = run(tmp_path / "home", *args, stdin="pw\n")
    assert done.returncode == 2, done.stderr
    assert says in done.stderr
    assert "Traceback" not in done.stderr


def test_status_before_joining(tmp_path: Path) -> None:
    """GIVEN a home that never joined WHEN org status is asked THEN it says so"""
    done = run(tmp_path / "home", "org", "status")
    assert done.returncode == 0
    assert done.stdout.strip() == "Not joined."
