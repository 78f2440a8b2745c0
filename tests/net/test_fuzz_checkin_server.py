"""Fuzzing the phone server over real loopback: any request gets a 2xx, 3xx or 4xx, never a 5xx.

The requests are written byte by byte on a socket (no client library to tidy them up):
arbitrary methods, paths, query strings, headers and bodies, and answers to the open round that
are well formed or broken in one way or more. After each one the round's counts must have moved
by exactly one for a well-formed answer with a live ballot, and not at all for anything else;
nothing may be logged as an error by the server.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attune_desktop.app import Core
from attune_desktop.core.checkin_scales import BUILTIN_SCALES
from attune_desktop.net.checkin_server import FORM_TYPE, CheckInServer, JoinInfo, Limits

pytestmark = pytest.mark.slow

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
OPTIONS = BUILTIN_SCALES["weather"].keys
BALLOT = re.compile(r'name="ballot" value="([^"]+)"')
STATUS = re.compile(rb"^HTTP/1\.[01] (\d{3}) ")
# No limit is reached here: the fuzzer sends far more than a room would, far faster.
ROOMY = Limits(burst=10**6, per_second=10**6, code_burst=10**6, code_per_second=10**6)

# Text a person or a script might put in a request line, header or form: printable, no CR/LF
# (those would end the line; the framing is tested by the server's own parser, not here).
line_text = st.text(alphabet=st.characters(codec="latin-1", exclude_characters="\r\n"), max_size=40)
token_text = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_!#", max_size=12
)
printable = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=30)
usual_methods = st.sampled_from(["GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH"])
methods = st.one_of(usual_methods, usual_methods, usual_methods, token_text, line_text)
header_names = st.one_of(
    st.sampled_from(
        ["Content-Type", "Cookie", "Origin", "Accept", "Accept-Encoding", "Range", "Expect"]
    ),
    token_text.filter(bool),
)
headers = st.lists(st.tuples(header_names, st.one_of(printable, printable, line_text)), max_size=6)
bodies = st.one_of(
    st.binary(max_size=1600),
    st.text(max_size=400).map(str.encode),
    st.dictionaries(line_text, line_text, max_size=4).map(lambda d: urlencode(d).encode()),
)


@dataclass(frozen=True)
class Junk:
    """Anything at all, aimed at the server's paths or beside them."""

    method: str
    path: str
    headers: list[tuple[str, str]]
    body: bytes
    wrong_host: bool


@dataclass(frozen=True)
class Answer:
    """A POST to the round's page, well formed unless one of the flags spoils it."""

    ballot: str  # "fresh", "spent" or something made up
    option: str
    extra_fields: list[tuple[str, str]]
    duplicate: bool  # the ballot or the option twice
    content_type: str
    cookie: bool  # the "answered" cookie of a phone that already answered
    origin: str  # "", "self" or another site
    noise: list[tuple[str, str]] = field(default_factory=list)

    @property
    def well_formed(self) -> bool:
        return (
            self.ballot == "fresh"
            and self.option in OPTIONS
            and not self.extra_fields
            and not self.duplicate
            and self.content_type.startswith(FORM_TYPE)
            and not self.cookie
            and self.origin in ("", "self")
        )


def _paths(join: JoinInfo) -> st.SearchStrategy[str]:
    """Paths near the real ones (the round's own, its code page) and far from them."""
    token = join.url.rsplit("/", 1)[1]
    near = st.sampled_from(
        ["/", "/join", f"/r/{token}", f"/r/{token}/", f"/r/{token[:-1]}", "/r/", "/r", "//"]
    )
    suffix = st.text(max_size=30).map(lambda s: quote(s, safe="/?&=%;:@+$,"))
    query = st.dictionaries(st.sampled_from(["code", "lang", "x", ""]), line_text, max_size=3)
    return st.builds(
        lambda base, tail, q: base + tail + ("?" + urlencode(q) if q else ""),
        near,
        st.one_of(st.just(""), suffix),
        st.one_of(st.just({}), query, st.just({"code": join.code})),
    )


def _requests(join: JoinInfo) -> st.SearchStrategy[Junk | Answer]:
    junk = st.builds(
        Junk,
        method=methods,
        path=_paths(join),
        headers=headers,
        body=bodies,
        wrong_host=st.booleans(),
    )
    form_types = [FORM_TYPE, FORM_TYPE + "; charset=utf-8"]
    # Headers any browser adds, each once (a second User-Agent is malformed, not noise).
    noise = st.dictionaries(
        st.sampled_from(["Accept", "User-Agent", "Accept-Language", "X-Requested-With"]),
        printable,
    ).map(lambda d: list(d.items()))
    good = st.builds(
        Answer,
        ballot=st.just("fresh"),
        option=st.sampled_from(OPTIONS),
        extra_fields=st.just([]),
        duplicate=st.just(False),
        content_type=st.sampled_from(form_types),
        cookie=st.just(False),
        origin=st.sampled_from(["", "self"]),
        noise=noise,
    )
    spoilt = st.builds(
        Answer,
        ballot=st.one_of(st.sampled_from(["fresh", "spent"]), line_text),
        option=st.one_of(st.sampled_from(OPTIONS), line_text),
        extra_fields=st.lists(st.tuples(line_text, line_text), max_size=2),
        duplicate=st.booleans(),
        content_type=st.sampled_from([*form_types, "multipart/form-data", "text/plain", ""]),
        cookie=st.booleans(),
        origin=st.sampled_from(["", "self", "http://evil.example", "null"]),
        noise=noise,
    )
    return st.one_of(junk, good, spoilt)


class ServerErrors(logging.Handler):
    """Every error the server logs (aiohttp logs what a handler raised, then answers 500)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def server_errors() -> Iterator[ServerErrors]:
    handler = ServerErrors()
    logger = logging.getLogger()
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


class Phone:
    """Raw HTTP/1.1 over a socket, one request per connection."""

    def __init__(self, join: JoinInfo) -> None:
        self.host = join.short_url.removeprefix("http://").rstrip("/")
        self.port = int(self.host.rsplit(":", 1)[1])
        self.source = "127.0.0.1"  # each phone has its own address on the room's network
        self._made = 0

    def new_address(self) -> None:
        """Become another phone: a fresh loopback source address (127.0.x.y)."""
        self._made += 1
        self.source = f"127.0.{1 + self._made // 250}.{1 + self._made % 250}"

    async def send(
        self,
        method: str,
        path: str,
        headers: list[tuple[str, str]],
        body: bytes,
        host: str | None = None,
    ) -> tuple[int, bytes]:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {host or self.host}"]
        lines += [f"{name}: {value}" for name, value in headers]
        lines += [f"Content-Length: {len(body)}", "Connection: close", "", ""]
        head = "\r\n".join(lines).encode("latin-1")
        reader, writer = await asyncio.open_connection(
            "127.0.0.1", self.port, local_addr=(self.source, 0)
        )
        try:
            writer.write(head + body)
            await writer.drain()
            response = await asyncio.wait_for(reader.read(), timeout=10)
        finally:
            writer.close()
            await writer.wait_closed()
        response = response.removeprefix(b"HTTP/1.1 100 Continue\r\n\r\n")  # interim reply
        match = STATUS.match(response)
        assert match is not None, f"no HTTP status line in {response[:80]!r}"
        return int(match.group(1)), response

    async def ballot(self, token_path: str) -> str:
        status, response = await self.send("GET", token_path, [], b"")
        assert status == 200
        found = BALLOT.search(response.decode("utf-8", "replace"))
        assert found is not None
        return found.group(1)


def _rows(core: Core) -> dict[str, int]:
    """How many rows each table holds."""
    conn = sqlite3.connect(core.paths.database)
    try:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def _form(answer: Answer, ballot: str) -> bytes:
    fields = [("ballot", ballot), ("option", answer.option), *answer.extra_fields]
    if answer.duplicate:
        fields.append(("option", answer.option))
    return urlencode(fields).encode()


def test_any_request_gets_a_clear_answer_and_only_good_answers_count(
    core: Core, session_id: int, pictures: Path, server_errors: ServerErrors
) -> None:
    # GIVEN an open round served on loopback
    round_id = core.checkins.open_round(session_id, "opening", "weather", max_answers=999).id
    assert round_id is not None
    server = CheckInServer(core.checkins, pictures, ROOMY)
    loop = asyncio.new_event_loop()
    join = loop.run_until_complete(server.start(round_id, "127.0.0.1", 0, "en"))
    phone = Phone(join)
    token_path = join.url.removeprefix(join.short_url.rstrip("/"))
    spent: list[str] = []
    seen: dict[int, int] = {}
    rows_before = _rows(core)

    @FUZZ
    @given(request=_requests(join))
    def any_request(request: Junk | Answer) -> None:
        before = core.checkins.counts_of(round_id)
        phone.new_address()
        # WHEN a phone (or anything else on the network) sends it
        if isinstance(request, Junk):
            host = "attacker.example:80" if request.wrong_host else None
            status, _ = loop.run_until_complete(
                phone.send(request.method, request.path, request.headers, request.body, host)
            )
            counted = False
        else:
            if request.ballot == "fresh":
                ballot = loop.run_until_complete(phone.ballot(token_path))
            elif request.ballot == "spent":
                ballot = spent[-1] if spent else "never-issued"
            else:
                ballot = request.ballot
            sent = list(request.noise)
            if request.content_type:
                sent.append(("Content-Type", request.content_type))
            if request.cookie:
                sent.append(("Cookie", "answered=1"))
            if request.origin:
                origin = join.short_url.rstrip("/") if request.origin == "self" else request.origin
                sent.append(("Origin", origin))
            status, _ = loop.run_until_complete(
                phone.send("POST", token_path, sent, _form(request, ballot))
            )
            counted = request.well_formed
            if counted:
                spent.append(ballot)
        after = core.checkins.counts_of(round_id)
        seen[status] = seen.get(status, 0) + 1
        # THEN the answer is a success, a redirect to the round, or a refusal: never a 5xx
        assert 200 <= status < 500, status
        # AND the counts moved by one for a good answer, and not at all otherwise
        assert set(after) == set(OPTIONS)
        if counted:
            assert isinstance(request, Answer)
            assert status == 200
            assert after == {**before, request.option: before[request.option] + 1}
        else:
            assert after == before, (request, status)
        assert not server_errors.records, server_errors.records[0].getMessage()

    try:
        any_request()
    finally:
        loop.run_until_complete(server.stop())
        loop.close()
    # AND no row was added or removed anywhere: answers only ever move a count
    assert _rows(core) == rows_before
    # AND the fuzzing reached the counting path and the refusals, not only one of them
    assert len(spent) >= 20 and sum(n for s, n in seen.items() if s >= 400) >= 50, seen


@pytest.mark.parametrize("path", ["/r/nope", "/", "/elsewhere"])
def test_an_odd_expect_header_is_refused_not_a_server_error(
    core: Core, session_id: int, pictures: Path, server_errors: ServerErrors, path: str
) -> None:
    # Found by the fuzzer: aiohttp echoed the header into its 417 and failed on non-UTF-8.
    round_id = core.checkins.open_round(session_id, "opening", "weather").id or 0
    server = CheckInServer(core.checkins, pictures, ROOMY)

    async def scenario() -> tuple[int, int]:
        join = await server.start(round_id, "127.0.0.1", 0, "en")
        try:
            phone = Phone(join)
            odd, _ = await phone.send("GET", path, [("Expect", "H\xb3^\xe5")], b"")
            usual, _ = await phone.send("GET", path, [("Expect", "100-continue")], b"")
            return odd, usual
        finally:
            await server.stop()

    odd, usual = asyncio.run(scenario())
    assert odd == 417
    assert usual in (200, 404, 405)
    assert not server_errors.records


def test_a_malformed_request_leaves_no_address_in_the_log(
    core: Core, session_id: int, pictures: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Found by the fuzzer: aiohttp logged every malformed request as an error with the
    # sender's address; a phone's address must never reach a log.
    round_id = core.checkins.open_round(session_id, "opening", "weather").id or 0
    server = CheckInServer(core.checkins, pictures, ROOMY)

    async def scenario() -> int:
        join = await server.start(round_id, "127.0.0.1", 0, "en")
        try:
            status, _ = await Phone(join).send("GET", "/", [("Accept", "\x1b")], b"")
            return status
        finally:
            await server.stop()

    with caplog.at_level(logging.DEBUG):
        assert asyncio.run(scenario()) == 400
    assert "127.0.0.1" not in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_head_and_wrong_methods_answer_as_before(
    core: Core, session_id: int, pictures: Path
) -> None:
    # The catch-all route must not change what the real routes answer.
    round_id = core.checkins.open_round(session_id, "opening", "weather").id or 0
    server = CheckInServer(core.checkins, pictures, ROOMY)

    async def scenario() -> list[int]:
        join = await server.start(round_id, "127.0.0.1", 0, "en")
        phone = Phone(join)
        token_path = join.url.removeprefix(join.short_url.rstrip("/"))
        try:
            return [
                (await phone.send(method, path, [], b""))[0]
                for method, path in [
                    ("HEAD", "/"),
                    ("HEAD", token_path),
                    ("PUT", "/join"),
                    ("DELETE", token_path),
                    ("GET", "/nowhere"),
                    ("POST", "/r/not-the-token"),
                ]
            ]
        finally:
            await server.stop()

    assert asyncio.run(scenario()) == [200, 200, 405, 405, 404, 404]
