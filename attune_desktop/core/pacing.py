"""Breathing pacer maths: read a pattern, fit whole breaths into a segment, draw any instant.

Everything is a pure function of the pattern and the time since the practice began, so the
pacer can be drawn at the display's refresh rate, paused, resumed or redrawn on the projector
without ever drifting from the spoken count.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum

MAX_PHASE_SECONDS = 20.0
MAX_PHASES = 12
REST_SIZE = 0.0  # the shape between breaths, in the lead-in and after the last out-breath
FULL_SIZE = 1.0
TOP_UP_FROM = 0.8  # where a first inhale stops when a second, top-up inhale (in2) follows

_PHASE = re.compile(r"(?P<word>[a-z0-9]+)\s+(?P<seconds>[0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*s?")
_SEPARATORS = re.compile(r"[,;·]")


class PhaseKind(StrEnum):
    IN = "in"
    IN2 = "in2"  # the top-up inhale of the physiological (double-inhale) sigh
    HOLD = "hold"
    OUT = "out"


@dataclass(frozen=True)
class Phase:
    kind: PhaseKind
    seconds: float

    @property
    def word(self) -> str:
        """What the room reads: a top-up inhale is still just 'in'."""
        return "in" if self.kind is PhaseKind.IN2 else self.kind.value


@dataclass(frozen=True)
class BreathPattern:
    phases: tuple[Phase, ...]

    @property
    def cycle_seconds(self) -> float:
        return sum(p.seconds for p in self.phases)

    @property
    def closing_seconds(self) -> float:
        """A cycle cut after its last out-breath, so the practice ends on an exhale."""
        last_out = max(i for i, p in enumerate(self.phases) if p.kind is PhaseKind.OUT)
        return sum(p.seconds for p in self.phases[: last_out + 1])


class PatternError(ValueError):
    """A pattern the pacer cannot run; the message says which part and how to write it."""


def parse_pattern(text: str) -> BreathPattern:
    """Read 'in 4, hold 7, out 8' (commas, ';' or '·' between phases; any case)."""
    pieces = [p.strip() for p in _SEPARATORS.split(text.lower())]
    pieces = [p for p in pieces if p]
    if not pieces:
        raise PatternError("A breathing pattern needs phases, e.g. 'in 4, out 6'.")
    if len(pieces) > MAX_PHASES:
        raise PatternError(f"A breathing pattern has at most {MAX_PHASES} phases.")
    phases: list[Phase] = []
    for piece in pieces:
        match = _PHASE.fullmatch(piece)
        kind = _kind(match.group("word")) if match else None
        if match is None or kind is None:
            raise PatternError(
                f"'{piece}': each phase is a word (in, hold, out) and seconds, e.g. 'in 4'."
            )
        seconds = float(match.group("seconds"))
        if not 0 < seconds <= MAX_PHASE_SECONDS:
            raise PatternError(
                f"'{piece}': a phase lasts more than 0 and at most {MAX_PHASE_SECONDS:g} seconds."
            )
        if kind is PhaseKind.IN2 and (not phases or phases[-1].kind is not PhaseKind.IN):
            raise PatternError(
                f"'{piece}': the top-up breath comes right after an 'in', "
                "as in 'in 2, in2 1, out 6'."
            )
        phases.append(Phase(kind, seconds))
    kinds = {p.kind for p in phases}
    if PhaseKind.IN not in kinds or PhaseKind.OUT not in kinds:
        raise PatternError(
            f"'{format_pattern(BreathPattern(tuple(phases)))}': a pattern needs at least "
            "one 'in' and one 'out'."
        )
    return BreathPattern(tuple(phases))


def format_pattern(pattern: BreathPattern) -> str:
    """The one way a pattern is written back, so stored patterns read alike."""
    return ", ".join(f"{p.kind.value} {p.seconds:g}" for p in pattern.phases)


def breaths_per_minute(pattern: BreathPattern) -> float:
    return 60.0 / pattern.cycle_seconds


@dataclass(frozen=True)
class PacerPlan:
    """Whole breaths fitted to a segment; the spare seconds become a quiet lead-in."""

    pattern: BreathPattern
    segment_seconds: float
    cycles: int
    used_seconds: float  # breathing time: whole cycles, the last one ending on its out-breath
    leftover_seconds: float  # settling time before the first breath

    @property
    def lead_in_seconds(self) -> float:
        return self.leftover_seconds

    @property
    def end_seconds(self) -> float:
        """Seconds after the practice starts when the last out-breath ends."""
        return self.leftover_seconds + self.used_seconds


def fit_cycles(pattern: BreathPattern, segment_seconds: float) -> PacerPlan:
    """As many whole cycles as fit, ending on an exhale; at least one, even if it overruns.

    Holds after the final out-breath are dropped, because a practice should end breathing out.
    """
    if not math.isfinite(segment_seconds) or segment_seconds < 0:
        raise ValueError("A practice needs zero or more seconds to fit breaths into.")
    cycle = pattern.cycle_seconds
    closing = pattern.closing_seconds
    fitting = math.floor((segment_seconds - closing) / cycle + 1e-9) + 1
    cycles = max(1, fitting)
    used = (cycles - 1) * cycle + closing
    return PacerPlan(
        pattern=pattern,
        segment_seconds=segment_seconds,
        cycles=cycles,
        used_seconds=used,
        leftover_seconds=max(0.0, segment_seconds - used),
    )


@dataclass(frozen=True)
class PacerFrame:
    """What to draw at one instant."""

    kind: PhaseKind | None  # None while settling in and after the end
    word: str  # "settle", "in", "hold", "out", or "" when finished
    count: int  # whole seconds into the phase, counting up from 1 as a facilitator would
    progress: float  # 0..1 through the phase
    size: float  # 0 (at rest) .. 1 (full breath) for the expanding shape
    cycle: int  # 1-based breath number; 0 in the lead-in
    finished: bool = False


def pacer_frame(plan: PacerPlan, t: float) -> PacerFrame:
    """The pacer `t` seconds after the practice started; depends on nothing but `t`."""
    lead_in = plan.lead_in_seconds
    if t < lead_in:
        into = max(0.0, t)
        return PacerFrame(
            kind=None,
            word="settle",
            count=_count(into, lead_in),
            progress=into / lead_in if lead_in > 0 else 0.0,
            size=REST_SIZE,
            cycle=0,
        )
    breathing = t - lead_in
    if breathing >= plan.used_seconds:
        return PacerFrame(
            kind=None, word="", count=0, progress=1.0, size=REST_SIZE, cycle=0, finished=True
        )
    phases = plan.pattern.phases
    cycle_seconds = plan.pattern.cycle_seconds
    cycle = min(int(breathing // cycle_seconds), plan.cycles - 1)
    into_cycle = breathing - cycle * cycle_seconds
    size = REST_SIZE if cycle == 0 else _end_size(phases, REST_SIZE)
    offset = 0.0
    for i, phase in enumerate(phases):
        if into_cycle < offset + phase.seconds or i == len(phases) - 1:
            into = min(max(0.0, into_cycle - offset), phase.seconds)
            progress = into / phase.seconds
            target = _target(phases, i, size)
            eased = (1.0 - math.cos(math.pi * progress)) / 2.0
            return PacerFrame(
                kind=phase.kind,
                word=phase.word,
                count=_count(into, phase.seconds),
                progress=progress,
                size=size + (target - size) * eased,
                cycle=cycle + 1,
            )
        size = _target(phases, i, size)
        offset += phase.seconds
    raise AssertionError("unreachable: a pattern always has phases")  # pragma: no cover


def _kind(word: str) -> PhaseKind | None:
    try:
        return PhaseKind(word)
    except ValueError:
        return None


def _count(into: float, seconds: float) -> int:
    return min(int(into) + 1, max(1, math.ceil(seconds)))


def _target(phases: tuple[Phase, ...], index: int, start: float) -> float:
    """The size a phase eases to: each phase starts where the last ended, so nothing jumps."""
    kind = phases[index].kind
    if kind is PhaseKind.IN:
        following = phases[index + 1].kind if index + 1 < len(phases) else None
        return TOP_UP_FROM if following is PhaseKind.IN2 else FULL_SIZE
    if kind is PhaseKind.IN2:
        return FULL_SIZE
    if kind is PhaseKind.OUT:
        return REST_SIZE
    return start


def _end_size(phases: tuple[Phase, ...], start: float) -> float:
    size = start
    for i in range(len(phases)):
        size = _target(phases, i, size)
    return size
