"""The local check-in server: phones on the room's network answer an open round.

It listens only while one round is open, on the one address the facilitator picked. Each round
has an unguessable token in its URL (for the QR code) and a short code (for typing). What it
gives the service is `record_answer(round_id, option_key, client)` and nothing else: no access
log, no address, no time, no device reach a file.

One answer per phone, without trusting the phone: a client is its address on the room's
network, turned into a keyed digest (HMAC with a secret made for this round) before anything
keeps it. The service refuses a second answer from the same digest, cookies or not; the digests
and the secret live in memory and are forgotten when the round stops (see
docs/decisions/0008-one-answer-per-phone.md). Every page also carries a one-time ballot, and a
cookie says "answered" so a reload shows thanks at once.

Fair under load: request rates are limited per client (never shared, so one flooding device
cannot make every phone "busy"), and `connection_gate` caps connections per client and overall
and closes idle and slow ones. Requests that are malformed, too large, too many, for another
round or replayed are refused before anything is counted.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from aiohttp import HttpVersion11, hdrs, web
from aiohttp.http_exceptions import HttpProcessingError

from attune_desktop.core.checkin_live import AlreadyAnsweredError, CapReachedError
from attune_desktop.core.checkin_rules import RuleError
from attune_desktop.core.checkin_scales import Scale
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.core.models import RoundStatus
from attune_desktop.core.services.checkins import CheckInService, RoundClosedError
from attune_desktop.net.connection_gate import (
    ConnectionGate,
    ConnectionLimits,
    GuardedSite,
    raise_open_file_limit,
)
from attune_desktop.net.phone_page import PictureSource, answer_page, code_page, message_page

CODE_ALPHABET: Final = "ACDEFHJKMNPRTUVWXY3479"  # no 0/O, 1/I/L, 2/Z, 5/S, 8/B to mix up
CODE_LENGTH: Final = 4
ANSWERED_COOKIE: Final = "answered"
COMPRESS_ABOVE: Final = 1400  # bytes
STOP_GRACE_SECONDS: Final = 2.0  # an answer under way when the app quits gets this long
FORM_TYPE: Final = "application/x-www-form-urlencoded"
SECURITY_HEADERS: Final = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "  # not-ui-text
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
}
# Every page's headers, made once: a reply is its cached body and these, nothing parsed per answer.
HTML_HEADERS: Final = {
    **SECURITY_HEADERS,
    "Content-Type": "text/html; charset=utf-8",  # not-ui-text
}
CLIENT_KEY: Final = web.RequestKey(
    "attune.client", Hashable
)  # the guard leaves the client key here

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class Limits:
    """How much the server accepts; generous for a room of phones, stingy for a flood."""

    max_body: int = 1024  # an answer is ~80 bytes
    burst: int = 30  # requests at once, from one client (a phone needs 2 to 5)
    per_second: float = 3.0  # per client, after the burst
    code_burst: int = 6  # typed-code guesses at once, per client
    code_per_second: float = 0.5
    max_ballots: int = 2000  # unspent ballots kept; the oldest are dropped first
    max_clients: int = 4096  # clients whose rate is tracked; the least recent are dropped
    connections: ConnectionLimits = field(default_factory=ConnectionLimits)


class TokenBucket:
    """A rate limit for one client (the server keeps one per client, in memory only)."""

    def __init__(self, burst: int, per_second: float) -> None:
        self._burst, self._rate = float(burst), per_second
        self._tokens, self._at = float(burst), time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self._tokens = min(self._burst, self._tokens + (now - self._at) * self._rate)
        self._at = now
        if self._tokens < 1:
            return False
        self._tokens -= 1
        return True


@dataclass(frozen=True)
class JoinInfo:
    """What the projector shows: the QR's full URL, and a short URL with a code to type."""

    url: str
    short_url: str
    code: str


@dataclass
class _Round:
    round_id: int
    scale: Scale
    lang: str
    token: str
    code: str
    answered_cookie: str = field(init=False)  # the Set-Cookie header that says "answered"
    options: frozenset[str] = field(init=False)  # the scale's option keys, looked up per answer

    def __post_init__(self) -> None:
        self.options = frozenset(self.scale.keys)
        # Written once per round (as `set_cookie` would, without its per-answer machinery).
        cookie = f"{ANSWERED_COOKIE}=1; HttpOnly; Max-Age={6 * 3600}"  # not-ui-text
        self.answered_cookie = f"{cookie}; Path=/r/{self.token}; SameSite=Strict"  # not-ui-text


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class _PerClient:
    """A token bucket per client key, the least recently seen dropped past `max_clients`."""

    def __init__(self, burst: int, per_second: float, max_clients: int) -> None:
        self._burst, self._rate, self._max = burst, per_second, max_clients
        self._buckets: OrderedDict[Hashable, TokenBucket] = OrderedDict()

    def take(self, key: Hashable) -> bool:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = TokenBucket(self._burst, self._rate)
            while len(self._buckets) > self._max:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(key)
        return bucket.take()

    def clear(self) -> None:
        self._buckets.clear()


class CheckInServer:
    """Serves one open round at a time; `start` when the round opens, `stop` when it closes."""

    def __init__(
        self,
        service: CheckInService,
        pictures_dir: Path,
        limits: Limits | None = None,
        *,
        address_of: Callable[[web.Request], str] | None = None,
    ) -> None:
        # `address_of` tells clients apart; only tests replace it (browsers on one machine
        # share 127.0.0.1), the app always uses the network address.
        self._address_of = address_of or _remote_address
        self._service = service
        self._pictures = PictureSource(pictures_dir)
        self._limits = limits or Limits()
        self._runner: web.AppRunner | None = None
        self._round: _Round | None = None
        self._ballots: OrderedDict[str, None] = OrderedDict()
        self._secret = secrets.token_bytes(32)  # keys client digests; new for every round
        self._requests, self._guesses = self._new_buckets()
        self._gate = ConnectionGate(self._limits.connections, self.client_key)
        self._host = ""
        self._page_parts: tuple[str, str] | None = None
        self.join: JoinInfo | None = None

    @property
    def listening(self) -> bool:
        return self._runner is not None

    @property
    def round_id(self) -> int | None:
        return self._round.round_id if self._round else None

    @property
    def gate(self) -> ConnectionGate:
        return self._gate

    def client_key(self, address: str) -> Hashable:
        """A client as the server tells it apart: a keyed digest of its network address.

        The secret is made when a round starts and dropped when it stops, so a digest cannot
        be matched to an address, nor to the same phone in another round.
        """
        return hmac.new(self._secret, address.encode(), hashlib.sha256).digest()[:16]

    def _new_buckets(self) -> tuple[_PerClient, _PerClient]:
        limits = self._limits
        return (
            _PerClient(limits.burst, limits.per_second, limits.max_clients),
            _PerClient(limits.code_burst, limits.code_per_second, limits.max_clients),
        )

    async def start(self, round_id: int, host: str, port: int = 0, lang: str = "en") -> JoinInfo:
        """Listen on `host:port` (0 picks a free port) for this round only."""
        await self.stop()
        round_ = self._service.get_round(round_id)
        if round_.status != RoundStatus.OPEN:
            raise RoundClosedError(_("This round is closed, so phones can no longer answer it."))
        scale = self._service.scale(round_.scale_key)
        self._round = _Round(round_id, scale, lang, secrets.token_urlsafe(18), new_code())
        self._secret = secrets.token_bytes(32)
        self._requests, self._guesses = self._new_buckets()
        self._page_parts = None
        raise_open_file_limit()
        self._gate = ConnectionGate(self._limits.connections, self.client_key)
        app = web.Application(client_max_size=self._limits.max_body, middlewares=[self._guard])
        routes = app.router
        routes.add_get("/", self._on_code_page, expect_handler=_expect)
        routes.add_get("/join", self._on_join, expect_handler=_expect)
        routes.add_get("/r/{token}", self._on_answer_page, expect_handler=_expect)
        routes.add_post("/r/{token}", self._on_answer, expect_handler=_expect)
        # Last, so it only takes what the routes above refuse: aiohttp's own 404 and 405 would
        # answer an odd Expect header with a 500 (it echoes the header into its reply).
        routes.add_route("*", "/{anything:.*}", _on_elsewhere, expect_handler=_expect)
        runner = web.AppRunner(
            app,
            access_log=None,
            handle_signals=False,
            logger=_request_log(),
            keepalive_timeout=self._limits.connections.idle_seconds,
            max_line_size=2048,
            max_field_size=2048,
            max_headers=40,
        )
        await runner.setup()
        site = GuardedSite(runner, host, port, self._gate)
        try:
            await site.start()
        except OSError:
            await runner.cleanup()
            self._round = None
            raise
        self._runner = runner
        bound_port = _bound_port(runner) or port
        self._host = f"{host}:{bound_port}"
        short = f"http://{self._host}/"
        self.join = JoinInfo(f"{short}r/{self._round.token}", short, self._round.code)
        return self.join

    async def stop(self) -> None:
        """Stop listening and forget the round's token, code and unspent ballots."""
        runner, self._runner = self._runner, None
        self._round, self.join, self._host = None, None, ""
        self._ballots.clear()
        self._requests.clear()
        self._guesses.clear()
        self._secret = secrets.token_bytes(32)  # the round's digests can never be made again
        if runner is not None:
            await runner.cleanup()
        self._gate.forget()

    # --- guards -----------------------------------------------------------------------------

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        lang = self._round.lang if self._round else "en"
        client = request[CLIENT_KEY] = self.client_key(self._address_of(request))
        if not self._requests.take(client):
            return _page(message_page(lang, "busy"), 429)
        if request.host != self._host:
            return _plain(421, _("Misdirected request"))
        if (request.content_length or 0) > self._limits.max_body:
            return _page(message_page(lang, "refused"), 413)
        try:
            response = await handler(request)
        except web.HTTPException as refused:
            return _plain(refused.status, refused.reason)
        if "Content-Security-Policy" not in response.headers:  # ours all carry them already
            response.headers.update(SECURITY_HEADERS)
        return response

    def _client(self, request: web.Request) -> Hashable:
        """The request's client key, worked out once by the guard."""
        client = request.get(CLIENT_KEY)
        if client is None:
            client = request[CLIENT_KEY] = self.client_key(self._address_of(request))
        return client

    def _current(self, request: web.Request) -> _Round:
        """The open round this request names by its token; anything else is 404."""
        round_ = self._round
        token = request.match_info.get("token", "")
        if round_ is None or not secrets.compare_digest(token.encode(), round_.token.encode()):
            raise web.HTTPNotFound()
        return round_

    def _is_open(self, round_: _Round) -> bool:
        try:
            return self._service.is_open(round_.round_id)
        except AttuneError:
            return False

    # --- pages ------------------------------------------------------------------------------

    async def _on_code_page(self, request: web.Request) -> web.StreamResponse:
        round_ = self._round
        return _page(code_page(round_.lang if round_ else "en"))

    async def _on_join(self, request: web.Request) -> web.StreamResponse:
        round_ = self._round
        lang = round_.lang if round_ else "en"
        if not self._guesses.take(self._client(request)):
            return _page(message_page(lang, "busy"), 429)
        typed = request.query.get("code", "").strip().upper()[:16]
        if round_ is None or not secrets.compare_digest(typed.encode(), round_.code.encode()):
            return _page(code_page(lang, wrong=True), 404)
        return _redirect(f"/r/{round_.token}")

    async def _on_answer_page(self, request: web.Request) -> web.StreamResponse:
        round_ = self._current(request)
        answered = self._service.has_answered(round_.round_id, self._client(request))
        if answered or request.cookies.get(ANSWERED_COOKIE):
            return _page(message_page(round_.lang, "already"))
        if not self._is_open(round_):
            return _page(message_page(round_.lang, "closed"), 410)
        ballot = secrets.token_urlsafe(18)
        self._ballots[ballot] = None
        while len(self._ballots) > self._limits.max_ballots:
            self._ballots.popitem(last=False)
        action = f"/r/{round_.token}"
        if self._page_parts is None:  # the page is the same for everyone but its ballot
            marker = "BALLOTMARK"
            whole = answer_page(round_.scale, round_.lang, action, marker, self._pictures)
            head, tail = whole.split(marker, 1)
            self._page_parts = (head, tail)
        head, tail = self._page_parts
        return _page(f"{head}{ballot}{tail}")

    async def _on_answer(self, request: web.Request) -> web.StreamResponse:
        round_ = self._current(request)
        lang = round_.lang
        if request.content_type != FORM_TYPE:
            return _page(message_page(lang, "refused"), 415)
        origin = request.headers.get("Origin")
        if origin is not None and origin != f"http://{self._host}":
            return _page(message_page(lang, "refused"), 403)
        if request.cookies.get(ANSWERED_COOKIE):
            return _page(message_page(lang, "already"), 409)
        try:
            form = await request.post()  # bounded by client_max_size
        except web.HTTPException:
            raise
        except (ValueError, UnicodeError):  # malformed encoding: refused, nothing counted
            return _page(message_page(lang, "refused"), 400)
        ballots, options = form.getall("ballot", []), form.getall("option", [])
        if set(form.keys()) != {"ballot", "option"} or len(ballots) != 1 or len(options) != 1:
            return _page(message_page(lang, "refused"), 400)
        ballot, option = ballots[0], options[0]
        if not isinstance(ballot, str) or not isinstance(option, str):
            return _page(message_page(lang, "refused"), 400)
        if option not in round_.options:
            return _page(message_page(lang, "refused"), 400)
        if ballot not in self._ballots:
            return _page(message_page(lang, "already"), 409)  # replayed, forged or too old
        del self._ballots[ballot]
        try:
            self._service.record_answer(round_.round_id, option, self._client(request))
        except RoundClosedError:
            return _page(message_page(lang, "closed"), 410)
        except AlreadyAnsweredError:
            return _page(message_page(lang, "already"), 409)
        except CapReachedError:
            return _page(message_page(lang, "full"), 409)
        except (RuleError, AttuneError):
            return _page(message_page(lang, "refused"), 409)
        # The thanks come in this response, not after a redirect: one round trip fewer on a
        # weak hotspot. A reload re-posts the spent ballot and is told it already answered.
        response = _page(message_page(lang, "thanks"))
        response.headers["Set-Cookie"] = round_.answered_cookie
        return response


def _remote_address(request: web.Request) -> str:
    return request.remote or ""


async def _expect(request: web.Request) -> web.StreamResponse | None:
    """`Expect: 100-continue` is honoured; any other expectation gets a plain 417.

    aiohttp's default handler echoes the header into its reply and fails on bytes that are not
    UTF-8 (a 500); this one never repeats what it was sent.
    """
    if request.version != HttpVersion11:
        return None
    if request.headers.get(hdrs.EXPECT, "").lower() == "100-continue":
        await request.writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        request.writer.output_size = 0  # as aiohttp's own: the reply itself has not begun
        return None
    return web.Response(status=417, text=_("Expectation failed"), headers=SECURITY_HEADERS)


async def _on_elsewhere(request: web.Request) -> web.StreamResponse:
    """A path the server does not have (404), or one it has for other methods (405)."""
    allowed: set[str] = set()
    for resource in request.app.router.resources():
        if resource is request.match_info.route.resource:
            continue
        _match, methods = await resource.resolve(request)
        allowed |= methods
    if allowed:
        raise web.HTTPMethodNotAllowed(request.method, allowed)
    raise web.HTTPNotFound()


def _request_log() -> logging.Logger:
    """aiohttp's log of failed requests, without the phone's address and without refusals.

    aiohttp logs every malformed request as an error, with the sender's address and a
    traceback. Anything on the room's network can send one, and an address must never reach a
    log; so a request refused as malformed (4xx) is not logged at all, and anything else keeps
    its traceback but loses the address. The logger is the server's own (not registered), so
    no other library's logging changes.
    """
    logger = logging.Logger(f"{__name__}.requests")
    logger.parent = logging.getLogger(__name__)
    logger.addFilter(_without_address)
    return logger


def _without_address(record: logging.LogRecord) -> bool:
    error = record.exc_info[1] if record.exc_info else None
    if isinstance(error, HttpProcessingError) and 400 <= error.code < 500:
        return False
    record.msg, record.args = _("A phone's request failed"), ()
    return True


def _page(body: str, status: int = 200) -> web.Response:
    response = web.Response(body=body.encode(), status=status, headers=HTML_HEADERS)
    if len(body) > COMPRESS_ABOVE:  # the answer page; a short message fits one packet as it is
        response.enable_compression()
    return response


def _plain(status: int, reason: str) -> web.Response:
    return web.Response(status=status, text=reason, headers=SECURITY_HEADERS)


def _redirect(location: str) -> web.Response:
    return web.Response(status=303, headers={**SECURITY_HEADERS, "Location": location})


def _bound_port(runner: web.AppRunner) -> int | None:
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return None
