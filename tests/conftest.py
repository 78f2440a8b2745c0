"""Fixtures and settings for every test package."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import settings

from tests.pgcluster import PgCluster, find_bindir

# Fuzz tests are repeatable by default, so CI never fails on a newly drawn example; set
# HYPOTHESIS_PROFILE=explore to draw new examples each run when hunting for bugs.
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


DATABASES = ("sqlite", "postgresql")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database",
        choices=DATABASES,
        default=None,
        help="the database tests/core's homes live in: sqlite (the default) or postgresql "
        "(a throw-away cluster); also $ATTUNE_TEST_DATABASE",
    )


def chosen_database(config: pytest.Config) -> str:
    """Which database tests/core runs on: --database, else $ATTUNE_TEST_DATABASE, else sqlite."""
    chosen = config.getoption("--database") or os.environ.get("ATTUNE_TEST_DATABASE", "sqlite")
    if chosen not in DATABASES:
        pytest.fail(f"ATTUNE_TEST_DATABASE={chosen}: choose sqlite or postgresql", pytrace=False)
    return str(chosen)


@pytest.fixture(scope="session")
def test_database(request: pytest.FixtureRequest) -> str:
    return chosen_database(request.config)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """A throw-away PostgreSQL cluster for the whole session (see tests/pgcluster.py).

    Skipped when PostgreSQL's initdb/pg_ctl are not installed, except under CI=true, where a
    missing PostgreSQL is a failure: `.ci/bootstrap test` installs it."""
    if find_bindir() is None:
        reason = (
            "PostgreSQL's initdb and pg_ctl were not found (Debian/Ubuntu: apt-get install "
            "postgresql, or set ATTUNE_PG_BINDIR)"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason + "; under CI=true the PostgreSQL tests must run", pytrace=False)
        pytest.skip(reason)
    cluster = PgCluster.create()
    try:
        yield cluster
    finally:
        cluster.remove()


# The suite speaks English with no region (24-hour clocks, day before month; see
# core.locale_format), whatever the language of the computer it runs on; the language tests
# choose theirs with core.i18n.using() or the ui/language setting.
for _variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_TIME"):
    os.environ.pop(_variable, None)
os.environ["LANG"] = "C.UTF-8"
