"""Organisation fixtures, shared by tests/sync and tests/ui/organisation: one organisation
database per test on the session's PostgreSQL cluster, real `attune-desktop` processes with
their own homes, an encrypted test keyring for them and an in-memory one for this process."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
import pytest
from cryptography.fernet import Fernet

from tests.pgcluster import SUPERUSER_PASSWORD, PgCluster
from tests.sync.keyring_backend import MemoryKeyring

ROOT = Path(__file__).resolve().parents[2]
_NUMBERS = itertools.count(1)


@dataclass
class Org:
    cluster: PgCluster
    dbname: str
    env: dict[str, str]
    suffix: str

    @property
    def admin_url(self) -> str:
        return self.cluster.url(self.dbname, tcp=True, driver="postgresql")

    @property
    def url(self) -> str:
        """What a laptop is given: the server and database, no user, no password."""
        return f"postgresql://127.0.0.1:{self.cluster.port}/{self.dbname}"

    def name(self, base: str) -> str:
        return f"{base}_{self.suffix}"

    def cli(
        self, *args: str, home: Path, stdin: str | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "attune_desktop", *args, "--home", str(home)]
        return subprocess.run(
            command, input=stdin or "", capture_output=True, text=True, env=self.env,
            timeout=timeout, cwd=ROOT,
        )  # fmt: skip

    def popen(self, *args: str, home: Path) -> subprocess.Popen[str]:
        command = [sys.executable, "-m", "attune_desktop", *args, "--home", str(home)]
        return subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
            text=True, env=self.env, cwd=ROOT,
        )  # fmt: skip

    def add_member(self, base: str, *, organiser: bool = False) -> tuple[str, str]:
        name = self.name(base)
        extra = ["--organiser"] if organiser else []
        done = self.cli("org", "add-laptop", name, "--url", self.admin_url, *extra, home=ROOT)
        assert done.returncode == 0, done.stderr
        return name, done.stdout.strip().splitlines()[-1]

    def join(self, home: Path, base: str, *, organiser: bool = False) -> str:
        name, password = self.add_member(base, organiser=organiser)
        done = self.cli("org", "join", self.url, "--laptop", name, home=home, stdin=password)
        assert done.returncode == 0, done.stderr
        return name

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        return self.cluster.psql(sql, dbname=self.dbname)


@pytest.fixture
def org(pg_cluster: PgCluster, tmp_path: Path) -> Iterator[Org]:
    suffix = f"{os.getpid()}_{next(_NUMBERS)}"
    dbname = f"org_{suffix}"
    pg_cluster.create_database(dbname)
    env = dict(os.environ)
    env.update(
        PYTHON_KEYRING_BACKEND="tests.sync.keyring_backend.EncryptedTestKeyring",
        ATTUNE_TEST_KEYRING_KEY=Fernet.generate_key().decode(),
        ATTUNE_TEST_KEYRING_FILE=str(tmp_path / "keyring.bin"),
        PYTHONPATH=str(ROOT),
        PGPASSWORD=SUPERUSER_PASSWORD,
        QT_QPA_PLATFORM="offscreen",
    )
    result = Org(pg_cluster, dbname, env, suffix)
    done = result.cli("org", "init", "--url", result.admin_url, home=tmp_path / "admin")
    assert done.returncode == 0, done.stderr
    yield result
    pg_cluster.drop_database(dbname)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """keyring's backend for this process, set with keyring.set_keyring: in memory only."""
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)
