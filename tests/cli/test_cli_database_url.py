"""An organiser's office machine: the app with PostgreSQL as its only home database.

`--database-url` (or $ATTUNE_DATABASE_URL) chooses the database for every command; the data
folder still holds settings and logs but never a database file. Backups there are the
organisation's job, said in one sentence. Runs against the throw-away cluster.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

import attune_desktop.app
from tests.cli.test_cli_home import EXAMPLES, run
from tests.pgcluster import PgCluster
from tests.ui.conftest import _themed_app  # noqa: F401  (the Qt application printing needs)

# Commands about the laptop's own files, not the database: checked on their own below.
BACKUPS = {"backup list", "backup now", "backup restore", "backup export"}
LOCAL_ONLY = {"desktop-entry"}


@pytest.fixture(scope="module")
def organisation(pg_cluster: PgCluster, tmp_path_factory: pytest.TempPathFactory):
    """An organiser's database with the starter content, loaded through the command line,
    and a bundle from another circle to import."""
    name = f"org_{uuid.uuid4().hex[:12]}"
    pg_cluster.create_role(name, password="organiser-pw")
    pg_cluster.create_database(name, owner=name)
    url = pg_cluster.url(name, role=name, password="organiser-pw")
    folder = tmp_path_factory.mktemp("org-cli")
    home = folder / "home"
    code, err = run(["--database-url", url, "--home", str(home), "demo"])
    assert code == 0, err
    bundle = folder / "shared.json"
    where = ["--database-url", url, "--home", str(home)]
    code, err = run(["export", "bundle", "--series", "2", "--out", str(bundle), *where])
    assert code == 0, err
    bundle.write_text(bundle.read_text("utf-8").replace("attunement-basics", "other-circle"))
    yield {"url": url, "home": home, "bundle": bundle, "name": name}
    pg_cluster.drop_database(name)
    pg_cluster.drop_role(name)


@pytest.mark.parametrize("command", sorted(set(EXAMPLES) - BACKUPS - LOCAL_ONLY))
def test_every_command_works_on_the_organisations_database(
    command: str, organisation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GIVEN an organiser's database on PostgreSQL, and a data folder with no database file
    WHEN any command runs with --database-url
    THEN it works on that database, and no database file appears in the data folder."""
    home = tmp_path / "home"
    monkeypatch.setattr(attune_desktop.app, "has_display", lambda: True)
    monkeypatch.setattr(attune_desktop.app, "run_gui", lambda core, argv, **_options: 0)
    values = {
        "tmp": str(tmp_path),
        "series": "2",
        "session": "7",
        "bundle": str(organisation["bundle"]),
        "zip": "",
    }
    argv = [part.format(**values) for part in EXAMPLES[command]]
    code, err = run([*argv, "--database-url", organisation["url"], "--home", str(home)])
    assert code == 0, err
    assert not list(home.glob("*.sqlite3*"))


@pytest.mark.parametrize("command", sorted(BACKUPS))
def test_backups_of_the_organisations_database_are_its_job_said_plainly(
    command: str, organisation, tmp_path: Path
) -> None:
    """GIVEN an organiser's database on PostgreSQL
    WHEN a backup command is given
    THEN it says, in one sentence with no password, that pg_dump on the server is the way."""
    values = {"tmp": str(tmp_path), "zip": str(tmp_path / "any.zip")}
    argv = [part.format(**values) for part in EXAMPLES[command]]
    code, err = run([*argv, "--database-url", organisation["url"], "--home", str(tmp_path)])
    assert code == 2
    assert "organisation's job" in err and "pg_dump" in err
    assert "organiser-pw" not in err and "Traceback" not in err
    assert not list(tmp_path.glob("*.zip"))


def test_a_real_process_uses_the_database_named_in_the_environment(
    organisation, tmp_path: Path
) -> None:
    """GIVEN $ATTUNE_DATABASE_URL naming the organiser's database
    WHEN `list series` and a CSV `report` run as their own processes, and the window opens
    THEN they list and report the database's series, and the window opens and closes on it."""
    env = {
        **os.environ,
        "ATTUNE_DATABASE_URL": organisation["url"],
        "ATTUNE_HOME": str(tmp_path / "home"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    cli = [sys.executable, "-m", "attune_desktop"]
    options = {"env": env, "capture_output": True, "text": True, "timeout": 120}
    listed = subprocess.run([*cli, "list", "series"], **options)
    assert listed.returncode == 0, listed.stderr
    assert "Attunement basics" in listed.stdout
    out = tmp_path / "report.csv"
    report = subprocess.run([*cli, "report", "--series", "2", "--out", str(out)], **options)
    assert report.returncode == 0, report.stderr
    assert out.read_text(encoding="utf-8").strip()
    window = subprocess.run([*cli, "gui", "--quit-after", "0.5"], **options)
    assert window.returncode == 0, window.stdout + window.stderr
    assert not list((tmp_path / "home").glob("*.sqlite3*"))


def test_a_wrong_address_is_one_sentence(tmp_path: Path) -> None:
    """GIVEN a database address with a wrong password, or no server behind it
    WHEN a command runs
    THEN it exits 2 with a sentence naming the problem, never a traceback or the password."""
    dead = "postgresql://org:hunter2@127.0.0.1:1/attune"
    code, err = run(["list", "series", "--database-url", dead, "--home", str(tmp_path)])
    assert code == 2 and "No PostgreSQL server answered" in err
    assert "hunter2" not in err
    code, err = run(["list", "series", "--database-url", "mysql://x@y/z", "--home", str(tmp_path)])
    assert code == 2 and "SQLite or PostgreSQL" in err
