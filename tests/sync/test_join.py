"""Joining: TLS off this machine, clear refusals, the password only in the keyring."""

from __future__ import annotations

from pathlib import Path

import pytest

from attune_desktop.core.org import connect
from attune_desktop.core.org.connect import OrgError
from tests.sync.keyring_backend import MemoryKeyring
from tests.sync.orgdb import Org


def test_a_server_elsewhere_must_be_reached_over_tls() -> None:
    """GIVEN addresses of a server not on this machine
    WHEN they are read
    THEN one asking for no encryption is refused with a sentence, one saying nothing gets
    verify-full, and a local one is left as it is"""
    with pytest.raises(OrgError, match="must be encrypted"):
        connect.parse_url("postgresql://db.example.org/org?sslmode=disable")
    assert connect.parse_url("postgresql://db.example.org/org").query["sslmode"] == "verify-full"
    assert "sslmode" not in connect.parse_url("postgresql://127.0.0.1:5432/org").query
    with pytest.raises(OrgError, match="not a database address"):
        connect.parse_url("not an address")


def test_wrong_password_unreachable_and_no_tls_each_get_a_sentence(
    org: Org, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """GIVEN a laptop role made by the organiser
    WHEN joining with a wrong password, to a closed port, or asking TLS of a server without it
    THEN each is refused with its own sentence and nothing is kept"""
    name, _password = org.add_member("joiner")
    home = tmp_path / "home"
    with pytest.raises(OrgError, match="refused this laptop's name or password"):
        connect.join(home, org.url, name, "wrong")
    closed = org.url.replace(str(org.cluster.port), "1")
    with pytest.raises(OrgError, match="could not be reached"):
        connect.join(home, closed, name, "wrong")
    with pytest.raises(OrgError, match="does not offer an encrypted"):
        connect.join(home, org.url + "?sslmode=require", name, _password)
    assert connect.load_membership(home) is None
    assert memory_keyring.secrets == {}


def test_joining_keeps_a_fresh_password_in_the_keyring_only(
    org: Org, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """GIVEN the organiser's one-time password
    WHEN the laptop joins
    THEN the one-time password stops working, the keyring holds a new one that works, and the
    membership file names the server and laptop but holds no password"""
    name, once = org.add_member("keeper")
    home = tmp_path / "home"
    assert "joined the organisation as" in connect.join(home, org.url, name, once)
    membership = connect.load_membership(home)
    assert membership is not None
    kept = connect.password_for(membership)
    assert kept != once
    assert once not in (home / connect.CONFIG_FILE).read_text()
    assert kept not in (home / connect.CONFIG_FILE).read_text()
    assert "Connected" in connect.check(connect.parse_url(org.url), name, kept)
    with pytest.raises(OrgError, match="password"):
        connect.check(connect.parse_url(org.url), name, once)
