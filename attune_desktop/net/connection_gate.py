"""Fair shares of the check-in server for every phone, whatever one device does.

Between the listening socket and aiohttp sits one small protocol per connection that:

- refuses (resets at once, freeing the file) a connection over the per-client or overall cap,
  so one device holding a thousand sockets takes at most `per_client` of them;
- closes a connection that sent nothing for `idle_seconds`, and any connection older than
  `max_seconds` (a slow request trickled a byte at a time cannot hold a socket for long):
  politely (a request under way is answered first), then cut after `grace_seconds`;
- counts by a client key the server gives (a keyed digest of the address), kept only while
  that client has a connection open and dropped with the round.

`raise_open_file_limit` lifts the soft limit on open files to the hard one where the platform
allows, so the overall cap, not the operating system, decides when to refuse.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Final

from aiohttp import web

KEEP_FREE: Final = 64  # files kept free for the app itself (database, fonts, sounds)


@dataclass(frozen=True)
class ConnectionLimits:
    per_client: int = 12  # a browser opens up to 6 per host; twice that is generous
    overall: int = 1024
    idle_seconds: float = 15.0
    max_seconds: float = 60.0
    grace_seconds: float = 5.0  # a connection asked to close is cut after this


class ConnectionGate:
    """Counts open connections per client and overall; `admit` and `release` them."""

    def __init__(self, limits: ConnectionLimits, key_of: Callable[[str], Hashable]) -> None:
        self.limits = limits
        self._key_of = key_of
        self._by_client: dict[Hashable, int] = {}
        self._open = 0
        self.overall = min(limits.overall, max(16, open_file_limit() - KEEP_FREE))
        self.refused = 0  # connections turned away (for tests and benchmarks)

    @property
    def open_connections(self) -> int:
        return self._open

    def admit(self, address: str) -> Hashable | None:
        """The client's key when it may open one more connection, else None."""
        key = self._key_of(address)
        held = self._by_client.get(key, 0)
        if held >= self.limits.per_client or self._open >= self.overall:
            self.refused += 1
            return None
        self._by_client[key] = held + 1
        self._open += 1
        return key

    def release(self, key: Hashable) -> None:
        held = self._by_client.get(key, 0) - 1
        if held > 0:
            self._by_client[key] = held
        else:
            self._by_client.pop(key, None)
        self._open = max(0, self._open - 1)

    def forget(self) -> None:
        self._by_client.clear()
        self._open = 0


class GuardedConnection(asyncio.Protocol):
    """One connection: admitted by the gate, timed out when idle or too old, else aiohttp's."""

    def __init__(self, gate: ConnectionGate, inner: Callable[[], asyncio.Protocol]) -> None:
        self._gate, self._make_inner = gate, inner
        self._inner: asyncio.Protocol | None = None
        self._key: Hashable | None = None
        self._transport: asyncio.Transport | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._born = self._last = time.monotonic()
        self._closing_since: float | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        peer = transport.get_extra_info("peername")
        address = str(peer[0]) if isinstance(peer, tuple) and peer else ""
        key = self._gate.admit(address)
        if key is None:
            transport.abort()  # a reset frees the file now, with no goodbye to wait for
            return
        self._key, self._transport = key, transport
        self._inner = self._make_inner()
        self._inner.connection_made(transport)
        self._arm(self._gate.limits.idle_seconds)

    def _arm(self, delay: float) -> None:
        loop = asyncio.get_running_loop()
        self._timer = loop.call_later(max(0.05, delay), self._on_timer)

    def _on_timer(self) -> None:
        self._timer = None
        if self._transport is None:
            return
        limits = self._gate.limits
        now = time.monotonic()
        idle_left = limits.idle_seconds - (now - self._last)
        age_left = limits.max_seconds - (now - self._born)
        if self._closing_since is not None:
            if now - self._closing_since >= limits.grace_seconds:
                self._transport.abort()  # it would not finish: the file is freed anyway
                return
            self._arm(limits.grace_seconds - (now - self._closing_since))
            return
        if idle_left <= 0 or age_left <= 0:
            # Politely first: aiohttp finishes a request under way, then closes; a request
            # that never completes (a byte now and then) is cut after the grace.
            self._closing_since = now
            close = getattr(self._inner, "close", None)
            if callable(close):
                close()
            else:
                self._transport.close()
            self._arm(limits.grace_seconds)
            return
        self._arm(min(idle_left, age_left))

    def data_received(self, data: bytes) -> None:
        self._last = time.monotonic()
        if self._inner is not None:
            self._inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self._inner.eof_received() if self._inner is not None else None

    def pause_writing(self) -> None:
        if self._inner is not None:
            self._inner.pause_writing()

    def resume_writing(self) -> None:
        if self._inner is not None:
            self._inner.resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._key is not None:
            self._gate.release(self._key)
            self._key = None
        self._transport = None
        if self._inner is not None:
            inner, self._inner = self._inner, None
            inner.connection_lost(exc)


class GuardedSite(web.TCPSite):
    """aiohttp's TCP site with every connection passed through a `ConnectionGate`."""

    def __init__(self, runner: web.BaseRunner, host: str, port: int, gate: ConnectionGate) -> None:
        super().__init__(runner, host, port, reuse_address=True, backlog=512)
        self._gate = gate

    async def start(self) -> None:
        await web.BaseSite.start(self)
        loop = asyncio.get_running_loop()
        server: Any = self._runner.server
        assert server is not None
        self._server = await loop.create_server(
            lambda: GuardedConnection(self._gate, server),
            self._host,
            self._port,
            backlog=self._backlog,
            reuse_address=self._reuse_address,
        )
        if self._server.sockets:
            self._bound_port = self._server.sockets[0].getsockname()[1]


def open_file_limit() -> int:
    """The soft limit on open files, or a large number where there is none to read."""
    try:
        import resource
    except ImportError:  # Windows: no such limit per process
        return 1 << 16
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    return soft if soft != resource.RLIM_INFINITY else 1 << 16


def raise_open_file_limit(wanted: int = 8192) -> int:
    """Lift the soft open-file limit towards `wanted`, never past the hard limit."""
    try:
        import resource
    except ImportError:
        return open_file_limit()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return open_file_limit()
