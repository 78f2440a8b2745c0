"""The connection gate's bookkeeping, and the open-file limit, without a network."""

from __future__ import annotations

import resource

from attune_desktop.net.connection_gate import (
    ConnectionGate,
    ConnectionLimits,
    open_file_limit,
    raise_open_file_limit,
)


def test_each_client_gets_its_share_and_the_total_is_capped() -> None:
    gate = ConnectionGate(ConnectionLimits(per_client=2, overall=3), key_of=lambda a: a)
    # WHEN one client asks for three connections, THEN it gets two
    assert [gate.admit("10.0.0.2") is not None for _ in range(3)] == [True, True, False]
    # AND another client still gets one, until the overall cap is reached
    assert gate.admit("10.0.0.3") is not None
    assert gate.admit("10.0.0.4") is None
    assert gate.refused == 2
    # WHEN a connection closes, THEN its place is free again, and nothing is kept for a client
    # with no connection left
    gate.release("10.0.0.3")
    assert gate.admit("10.0.0.4") is not None
    gate.forget()
    assert gate.open_connections == 0


def test_the_overall_cap_stays_under_the_open_file_limit() -> None:
    gate = ConnectionGate(ConnectionLimits(overall=10**9), key_of=lambda a: a)
    assert gate.overall <= open_file_limit()


def test_the_soft_open_file_limit_is_raised_where_allowed() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(1024, hard), hard))
        raised = raise_open_file_limit(4096)
        assert raised == min(4096, hard) if hard != resource.RLIM_INFINITY else 4096
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
