"""Joining an organisation: its address, this laptop's role, the password in the OS keyring.

What is stored where: the address and the laptop's name in `organisation.json` in the home
(nothing secret); the password only in the operating system's keyring (`keyring`), never in
a file. A server that is not on this machine must be reached over TLS: a URL asking for less
is refused, and one that says nothing gets `sslmode=verify-full`.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.pool import NullPool

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _

KEYRING_SERVICE: Final = "attune-desktop organisation"  # not-ui-text
CONFIG_FILE: Final = "organisation.json"
LOCAL_HOSTS: Final = frozenset({"", "localhost", "127.0.0.1", "::1"})
# The driver's own words for a server it could not reach (matched, never shown).
_UNREACHABLE: Final = (  # not-ui-text
    "connection refused",
    "could not translate",
    "timeout",
    "timed out",
    "no route",
    "could not connect",
    "connection failed",
)
TLS_MODES: Final = frozenset({"require", "verify-ca", "verify-full"})
CONNECT_TIMEOUT_S: Final = 5


class OrgError(AttuneError):
    """Joining or syncing failed; the message says why and what to do."""


@dataclass(frozen=True)
class Membership:
    """Which organisation this laptop joined, and as whom (no secret in here)."""

    url: str  # without user or password
    laptop: str

    @property
    def keyring_user(self) -> str:
        return f"{self.laptop}@{self.url}"


def parse_url(raw: str) -> URL:
    """The organisation's address as a psycopg URL, with TLS required when not local."""
    try:
        url = make_url(raw.strip())
    except ArgumentError as exc:
        raise OrgError(
            _(
                "{detail!r} is not a database address. It looks like "
                "postgresql://server.example.org/organisation"
            ).format(detail=raw)
        ) from exc
    if not url.drivername.startswith("postgresql"):
        raise OrgError(
            _("The organisation's database must be a PostgreSQL address (postgresql://…).")
        )
    url = url.set(drivername="postgresql+psycopg", username=None, password=None)
    if not is_local(url):
        mode = str(url.query.get("sslmode", "verify-full"))
        if mode not in TLS_MODES:
            raise OrgError(
                _(
                    "The server {host} is not on this machine, so the connection must be "
                    "encrypted (TLS); sslmode={mode} would send it unencrypted. Remove "
                    "sslmode from the address, or use sslmode=verify-full."
                ).format(host=url.host, mode=mode)
            )
        url = url.update_query_dict({"sslmode": mode})
    return url


def is_local(url: URL) -> bool:
    host = str(url.query.get("host", "")) or (url.host or "")
    return host in LOCAL_HOSTS or host.startswith("/")


def engine_for(url: URL, laptop: str, password: str) -> Engine:
    full = url.set(username=laptop, password=password)
    return create_engine(
        full, poolclass=NullPool, connect_args={"connect_timeout": CONNECT_TIMEOUT_S}
    )


def describe(exc: BaseException, url: URL) -> str:
    """A sentence for a failed connection or statement."""
    raw = str(getattr(exc, "orig", None) or exc)
    low = raw.lower()
    where = url.host or str(url.query.get("host", "this machine"))
    if "password authentication failed" in low or "no password supplied" in low:
        return _(
            "The organisation's database refused this laptop's name or password. Check them "
            "with the organiser (a new password comes from `attune-desktop org add-laptop`)."
        )
    if "ssl" in low or "no encryption" in low:
        return _(
            "The server {where} does not offer an encrypted (TLS) connection, so "
            "nothing was sent. Ask the organiser to turn on TLS on the database "
            "server."
        ).format(where=where)
    if "does not exist" in low and ("org." in low or 'schema "org"' in low):
        return _(
            "This database holds no organisation yet: the organiser first runs "
            "`attune-desktop org init`."
        )
    if "permission denied" in low or "row-level security" in low:
        return _("The organisation's database refused the change: {detail}").format(
            detail=raw.splitlines()[0]
        )
    if any(w in low for w in _UNREACHABLE):
        return _(
            "The organisation's database at {where} could not be reached. Check "
            "the address and the network; nothing was changed, and the laptop "
            "works on offline."
        ).format(where=where)
    return _("The organisation's database could not be used: {detail}").format(
        detail=raw.splitlines()[0] if raw else raw
    )


def check(url: URL, laptop: str, password: str) -> str:
    """Connect once and read the organisation's schema version; a clear OrgError if not."""
    engine = engine_for(url, laptop, password)
    try:
        with engine.connect() as conn:
            version = conn.execute(
                text("SELECT value FROM org.meta WHERE key = 'schema_version'")
            ).scalar()
    except DBAPIError as exc:
        raise OrgError(describe(exc, url)) from exc
    finally:
        engine.dispose()
    return _("Connected to the organisation as {laptop} (schema {version}).").format(
        laptop=laptop, version=version
    )


def new_password() -> str:
    return secrets.token_urlsafe(18)


# --- where the membership and the password are kept ---------------------------------------


def _config_path(home: Path) -> Path:
    return home / CONFIG_FILE


def load_membership(home: Path) -> Membership | None:
    path = _config_path(home)
    if not path.exists():
        return None
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        return Membership(url=str(data["url"]), laptop=str(data["laptop"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise OrgError(
            _("{path} is damaged; join the organisation again.").format(path=path)
        ) from exc


def save_membership(home: Path, membership: Membership, password: str) -> None:
    _keyring_set(membership.keyring_user, password)
    path = _config_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps({"url": membership.url, "laptop": membership.laptop}, indent=2)
    path.write_text(body + "\n", encoding="utf-8")


def password_for(membership: Membership) -> str:
    import keyring
    from keyring.errors import KeyringError

    try:
        password = keyring.get_password(KEYRING_SERVICE, membership.keyring_user)
    except KeyringError as exc:
        raise OrgError(
            _("The system keyring could not be read: {problem}").format(problem=exc)
        ) from exc
    if not password:
        raise OrgError(
            _("This laptop's organisation password is not in the system keyring; join again.")
        )
    return str(password)


def _keyring_set(user: str, password: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, user, password)
    except KeyringError as exc:
        raise OrgError(
            _(
                "The password could not be kept in the system keyring ({problem}), so the "
                "laptop did not join. Attune Desktop never writes it to a plain file; "
                "unlock or install a keyring (GNOME Keyring, KWallet, macOS Keychain, "
                "Windows Credential Locker)."
            ).format(problem=exc)
        ) from exc


def join(home: Path, raw_url: str, laptop: str, one_time_password: str) -> str:
    """Check the credentials, replace the organiser's one-time password with a fresh one only
    this laptop's keyring knows, and remember the membership. Returns a sentence."""
    laptop = laptop.strip()
    if not laptop:
        raise OrgError(_("Give this laptop's name, as the organiser created it."))
    url = parse_url(raw_url)
    check(url, laptop, one_time_password)
    fresh = new_password()
    membership = Membership(url=url.render_as_string(hide_password=False), laptop=laptop)
    _keyring_set(membership.keyring_user, fresh)  # kept first: a failed ALTER keeps the old
    engine = engine_for(url, laptop, one_time_password)
    try:
        with engine.begin() as conn:
            literal = "'" + fresh.replace("'", "''") + "'"
            conn.exec_driver_sql(f"ALTER ROLE CURRENT_USER PASSWORD {literal}")
            conn.execute(
                text(
                    "INSERT INTO org.laptop (name) VALUES (current_user) "
                    "ON CONFLICT (name) DO NOTHING"
                )
            )
    except DBAPIError as exc:
        _keyring_set(membership.keyring_user, one_time_password)
        raise OrgError(describe(exc, url)) from exc
    finally:
        engine.dispose()
    save_membership(home, membership, fresh)
    return _("This laptop joined the organisation as {laptop}.").format(laptop=laptop)


def connect_member(home: Path) -> tuple[Membership, Engine]:
    membership = load_membership(home)
    if membership is None:
        raise OrgError(
            _("This laptop has not joined an organisation: run `attune-desktop org join` first.")
        )
    url = make_url(membership.url)
    return membership, engine_for(url, membership.laptop, password_for(membership))
