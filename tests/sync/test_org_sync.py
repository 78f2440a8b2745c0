"""Two laptops and an organiser sync through a real PostgreSQL, as separate processes."""

from __future__ import annotations

from pathlib import Path

from tests.sync.conftest import Org
from tests.sync.homes import SHARED_SCRIPT, fill_home


def test_two_laptops_publish_their_terms_and_a_retry_never_doubles(
    org: Org, tmp_path: Path
) -> None:
    """GIVEN two laptops with a 12-week term each, joined with their own roles
    WHEN each syncs, twice
    THEN the organisation holds each term once, owned by its laptop, with attendance, run
    times and only the check-in rounds that met the reveal rules"""
    a, b = tmp_path / "a", tmp_path / "b"
    fill_home(a, "PRIVATE-A")
    fill_home(b, "PRIVATE-B")
    name_a = org.join(a, "laptop_a")
    name_b = org.join(b, "laptop_b")
    for home in (a, b, a, b):
        done = org.cli("org", "sync", home=home)
        assert done.returncode == 0, done.stderr
    assert "0 series sent (1 unchanged)" in done.stdout
    owners = org.rows("SELECT owner, count(*) FROM org.session GROUP BY owner ORDER BY owner")
    assert owners == sorted([(name_a, 12), (name_b, 12)])
    assert org.rows("SELECT count(*) FROM org.segment") == [(2 * 12 * 6,)]
    assert org.rows("SELECT sum(attendance) FROM org.session") == [(2 * 6 * 8,)]
    assert org.rows("SELECT count(*) FROM org.checkin_round") == [(2 * 6,)]  # not the 3-answer ones
    assert org.rows("SELECT count(*) FROM org.segment WHERE script IS NOT NULL") == [(2 * 12,)]
    assert org.rows("SELECT DISTINCT script FROM org.segment WHERE script IS NOT NULL") == [
        (SHARED_SCRIPT,)
    ]
