"""A throw-away PostgreSQL cluster for tests, from the Debian packages' initdb and pg_ctl.

    cluster = PgCluster.create()          # initdb in a fresh temporary folder, then start
    cluster.create_role("laptop_a", password="secret")
    cluster.create_database("org", owner="laptop_a")
    engine_url = cluster.url("org", role="laptop_a", password="secret")   # over 127.0.0.1
    cluster.psql("SELECT 1")              # run SQL as the superuser, get the rows back
    cluster.remove()                      # stop the server and delete the folder

The server listens on a Unix socket inside its folder and on 127.0.0.1 on a free port, never
on another address. Connections over the socket are trusted (the superuser's way in);
connections over 127.0.0.1 need the role's password (scram-sha-256), as a real organisation's
server would. PostgreSQL refuses to run as root, so under root the cluster runs as the
`postgres` system user (created by Debian's package), and its folder belongs to that user.
The server is tuned for tests (no fsync): it never holds anything worth keeping.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

SUPERUSER = "postgres"
SUPERUSER_PASSWORD = "attune-test-superuser"  # a throw-away cluster on 127.0.0.1 only


def find_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl: $ATTUNE_PG_BINDIR, Debian's layout, or PATH."""
    candidates: list[str] = []
    if os.environ.get("ATTUNE_PG_BINDIR"):
        candidates.append(os.environ["ATTUNE_PG_BINDIR"])
    debian = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
        reverse=True,
    )
    candidates.extend(debian)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(str(Path(on_path).parent))
    for candidate in candidates:
        folder = Path(candidate)
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class PgClusterError(RuntimeError):
    """initdb, pg_ctl or the server failed; the message carries their output."""


class PgCluster:
    """One PostgreSQL server in its own temporary folder, for the length of a test session."""

    def __init__(self, bindir: Path, root: Path, port: int, run_as: str | None) -> None:
        self.bindir = bindir
        self.root = root
        self.port = port
        self.run_as = run_as
        self.data = root / "data"
        self.socket_dir = root
        self.log = root / "server.log"
        self._running = False

    # --- life cycle -----------------------------------------------------------------------

    @classmethod
    def create(cls, bindir: Path | None = None) -> PgCluster:
        """initdb a new cluster in a fresh temporary folder and start it."""
        found = bindir or find_bindir()
        if found is None:
            raise PgClusterError("PostgreSQL's initdb and pg_ctl were not found")
        run_as = _server_user() if os.geteuid() == 0 else None
        # Short path under /tmp: a Unix socket's path must stay under ~100 characters.
        root = Path(tempfile.mkdtemp(prefix="attune-pg-", dir="/tmp"))
        cluster = cls(found, root, _free_port(), run_as)
        try:
            cluster._initdb()
            cluster.start()
        except BaseException:
            cluster.remove()
            raise
        # A test run stopped early (Ctrl+C, a failed fixture) still stops its server.
        atexit.register(cluster._remove_in_owner, os.getpid())
        return cluster

    def _remove_in_owner(self, owner: int) -> None:
        if os.getpid() == owner:  # never from a forked child exiting normally
            self.remove()

    def _initdb(self) -> None:
        if self.run_as:
            entry = pwd.getpwnam(self.run_as)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        os.chmod(self.root, 0o700)
        pwfile = self.root / "pwfile"
        pwfile.write_text(SUPERUSER_PASSWORD + "\n", encoding="utf-8")
        if self.run_as:
            entry = pwd.getpwnam(self.run_as)
            os.chown(pwfile, entry.pw_uid, entry.pw_gid)
        self._run(
            [
                str(self.bindir / "initdb"),
                "-D",
                str(self.data),
                "-U",
                SUPERUSER,
                f"--pwfile={pwfile}",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ]
        )
        pwfile.unlink()

    def start(self) -> None:
        options = " ".join(
            [
                f"-p {self.port}",
                f"-k {self.socket_dir}",
                "-c listen_addresses=127.0.0.1",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=200",
            ]
        )
        self._run(
            [
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.log),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
        self._running = True

    def stop(self) -> None:
        if not self._running:
            return
        self._run([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"])
        self._running = False

    def remove(self) -> None:
        """Stop the server (if running) and delete its folder."""
        with contextlib.suppress(PgClusterError):
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PgCluster:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.remove()

    @property
    def running(self) -> bool:
        return self._running

    # --- addresses ------------------------------------------------------------------------

    def url(
        self,
        dbname: str = "postgres",
        role: str | None = None,
        password: str | None = None,
        *,
        driver: str = "postgresql+psycopg",
        tcp: bool | None = None,
    ) -> str:
        """A SQLAlchemy URL. With a password (or tcp=True) it goes over 127.0.0.1 and the
        password is checked; without one it goes over the Unix socket, where roles are trusted.
        The superuser's password is filled in for TCP when no role is given."""
        user = role or SUPERUSER
        if password is None and role is None and tcp:
            password = SUPERUSER_PASSWORD
        over_tcp = tcp if tcp is not None else password is not None
        auth = quote(user, safe="")
        if password is not None:
            auth += ":" + quote(password, safe="")
        if over_tcp:
            return f"{driver}://{auth}@127.0.0.1:{self.port}/{quote(dbname, safe='')}"
        host = quote(str(self.socket_dir), safe="")
        return f"{driver}://{auth}@/{quote(dbname, safe='')}?host={host}&port={self.port}"

    def conninfo(self, dbname: str = "postgres", role: str | None = None) -> str:
        """A libpq connection string over the Unix socket (for psycopg.connect)."""
        return f"host={self.socket_dir} port={self.port} dbname={dbname} user={role or SUPERUSER}"

    # --- SQL ------------------------------------------------------------------------------

    def psql(
        self, sql: str, dbname: str = "postgres", params: Sequence[Any] | None = None
    ) -> list[tuple[Any, ...]]:
        """Run SQL as the superuser in autocommit; the rows of the last statement, if any."""
        import psycopg  # the tests' own import: the module loads without psycopg

        with psycopg.connect(self.conninfo(dbname), autocommit=True) as connection:
            cursor = connection.execute(sql, params)
            return list(cursor.fetchall()) if cursor.description else []

    def create_role(
        self,
        name: str,
        password: str | None = None,
        *,
        login: bool = True,
        superuser: bool = False,
        createdb: bool = False,
    ) -> None:
        options = ["LOGIN" if login else "NOLOGIN"]
        options.append("SUPERUSER" if superuser else "NOSUPERUSER")
        options.append("CREATEDB" if createdb else "NOCREATEDB")
        if password is not None:
            options.append(f"PASSWORD {_quote_literal(password)}")
        self.psql(f"CREATE ROLE {_quote_ident(name)} {' '.join(options)}")

    def drop_role(self, name: str) -> None:
        self.psql(f"DROP ROLE IF EXISTS {_quote_ident(name)}")

    def create_database(
        self, name: str, owner: str | None = None, template: str | None = None
    ) -> None:
        sql = f"CREATE DATABASE {_quote_ident(name)}"
        if owner:
            sql += f" OWNER {_quote_ident(owner)}"
        if template:
            sql += f" TEMPLATE {_quote_ident(template)}"
        self.psql(sql)

    def drop_database(self, name: str) -> None:
        self.psql(f"DROP DATABASE IF EXISTS {_quote_ident(name)} WITH (FORCE)")

    def databases(self) -> list[str]:
        rows = self.psql("SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY 1")
        return [str(row[0]) for row in rows]

    # --- internals ------------------------------------------------------------------------

    def _run(self, command: list[str]) -> None:
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        done = subprocess.run(
            command,
            cwd=self.root,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        if done.returncode != 0:
            log = (
                self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
            )
            raise PgClusterError(
                f"{' '.join(command)} failed ({done.returncode}):\n"
                f"{done.stdout}\n{done.stderr}\n{log[-2000:]}"
            )


def _server_user() -> str:
    """Under root, the system user the server runs as: Debian's `postgres`, else one we add."""
    for name in ("postgres", "attune-pg"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "attune-pg"],
        check=True,
        capture_output=True,
    )
    return "attune-pg"


@contextlib.contextmanager
def pg_cluster() -> Iterator[PgCluster]:
    """A running cluster for the length of the block, removed afterwards."""
    cluster = PgCluster.create()
    try:
        yield cluster
    finally:
        cluster.remove()
