"""Clocks the tests move by hand, standing in for time.monotonic and time.time."""

from __future__ import annotations


class FakeClock:
    def __init__(self, now: float = 1_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Clocks:
    """A monotonic clock and a wall clock that move together, as in a real room."""

    def __init__(self, wall: float, mono: float = 1_000.0) -> None:
        self.mono = FakeClock(mono)
        self.wall = FakeClock(wall)

    def advance(self, seconds: float) -> None:
        self.mono.advance(seconds)
        self.wall.advance(seconds)
