"""Breathing pacer maths: read a pattern, fit whole breaths into a segment, draw any instant.

Everything is a pure function of the pattern and the time since the practice began, so the
pacer can be drawn at the display's refresh rate, paused, resumed or redrawn on the projector
without ever drifting from the spoken count.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from enum import StrEnum

from attune_desktop.core.i18n import _

MIN_PHASE_SECONDS = 0.5
MAX_PHASE_SECONDS = 20.0
MIN_BREATHS_PER_MINUTE = 2.0
MAX_BREATHS_PER_MINUTE = 20.0
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
        raise PatternError(_("A breathing pattern needs phases, e.g. 'in 4, out 6'."))
    if len(pieces) > MAX_PHASES:
        raise PatternError(
            _("A breathing pattern has at most {max_phases} phases.").format(max_phases=MAX_PHASES)
        )
    phases: list[Phase] = []
    for piece in pieces:
        match = _PHASE.fullmatch(piece)
        kind = _kind(match.group("word")) if match else None
        if match is None or kind is None:
            raise PatternError(
                _(
                    "'{piece}': each phase is a word (in, hold, out) and seconds, e.g. 'in 4'."
                ).format(piece=piece)
            )
        seconds = float(match.group("seconds"))
        if not MIN_PHASE_SECONDS <= seconds <= MAX_PHASE_SECONDS:
            raise PatternError(
                _(
                    "'{piece}': a phase lasts {min_phase_seconds:g} to "
                    "{max_phase_seconds:g} seconds."
                ).format(
                    piece=piece,
                    min_phase_seconds=MIN_PHASE_SECONDS,
                    max_phase_seconds=MAX_PHASE_SECONDS,
                )
            )
        if kind is PhaseKind.IN2 and (not phases or phases[-1].kind is not PhaseKind.IN):
            raise PatternError(
                _(
                    "'{piece}': the top-up breath comes right after an 'in', as in 'in 2, "
                    "in2 1, out 6'."
                ).format(piece=piece)
            )
        phases.append(Phase(kind, seconds))
    kinds = {p.kind for p in phases}
    if PhaseKind.IN not in kinds or PhaseKind.OUT not in kinds:
        raise PatternError(
            _("'{format_pattern}': a pattern needs at least one 'in' and one 'out'.").format(
                format_pattern=format_pattern(BreathPattern(tuple(phases)))
            )
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
    # How the practice shows it (core.pacer_words JSON, Counting), and its breath tones.
    phase_words: str = ""
    counting: str = "natural"
    tones: bool = False

    def styled(self, *, words: str, counting: str, tones: bool) -> PacerPlan:
        return replace(self, phase_words=words, counting=str(counting), tones=tones)

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
        raise ValueError(_("A practice needs zero or more seconds to fit breaths into."))
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
    remaining: int = 0  # whole seconds left in the phase, counting down to 1
    phase_start: float = 0.0  # when this phase began and ends, in the practice's seconds
    phase_end: float = math.inf

    @property
    def moving(self) -> bool:
        """The shape changes size during this phase (breathing in or out)."""
        return self.kind in (PhaseKind.IN, PhaseKind.IN2, PhaseKind.OUT)

    def next_change(self, t: float) -> float:
        """The next instant after `t` at which a count or the phase itself changes."""
        if self.finished:
            return math.inf
        into = t - self.phase_start
        up = self.phase_start + math.floor(into + 1e-9) + 1.0
        length = self.phase_end - self.phase_start
        left = length - into
        down = self.phase_end - (math.ceil(left - 1e-9) - 1.0)
        candidates = [c for c in (up, down, self.phase_end) if c > t + 1e-6]
        return min(candidates) if candidates else self.phase_end


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
            remaining=_left(lead_in - into),
            phase_start=0.0,
            phase_end=lead_in,
        )
    breathing = t - lead_in
    if breathing >= plan.used_seconds:
        return PacerFrame(
            kind=None,
            word="",
            count=0,
            progress=1.0,
            size=REST_SIZE,
            cycle=0,
            finished=True,
            phase_start=plan.end_seconds,
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
            start = lead_in + cycle * cycle_seconds + offset
            return PacerFrame(
                kind=phase.kind,
                word=phase.word,
                count=_count(into, phase.seconds),
                progress=progress,
                size=size + (target - size) * eased,
                cycle=cycle + 1,
                remaining=_left(phase.seconds - into),
                phase_start=start,
                phase_end=start + phase.seconds,
            )
        size = _target(phases, i, size)
        offset += phase.seconds
    raise AssertionError("unreachable: a pattern always has phases")  # pragma: no cover


class Counting(StrEnum):
    """How the pacer shows seconds: never counting up an out-breath unless asked."""

    NATURAL = "natural"  # up while breathing in and holding, down while breathing out
    DOWN = "down"  # every phase counts down to its end
    UP = "up"  # every phase counts up, out-breath too (asked for)
    NONE = "none"  # no numbers at all


def counting_style(value: str) -> Counting:
    """A stored counting style, or the natural one for anything unknown (an old file)."""
    try:
        return Counting(value)
    except ValueError:
        return Counting.NATURAL


def shown_count(frame: PacerFrame, counting: Counting | str) -> str:
    """The number the room reads under the words, or "" when none is shown."""
    style = counting_style(str(counting))
    if frame.finished or frame.kind is None or style is Counting.NONE:
        return ""
    if style is Counting.UP:
        return str(frame.count)
    if style is Counting.DOWN or frame.kind is PhaseKind.OUT:
        return str(frame.remaining)
    return str(frame.count)


def phase_changes(plan: PacerPlan) -> list[tuple[float, PhaseKind | None]]:
    """Every instant a phase begins (lead-in, each breath's phases, the end), in order."""
    changes: list[tuple[float, PhaseKind | None]] = [(0.0, None)] if plan.lead_in_seconds else []
    t = plan.lead_in_seconds
    for _breath in range(plan.cycles):
        for phase in plan.pattern.phases:
            if t >= plan.end_seconds - 1e-9:
                break
            changes.append((t, phase.kind))
            t += phase.seconds
    changes.append((plan.end_seconds, None))
    return changes


# --- making patterns: a rate and a ratio, and the presets ---------------------------------


def pattern_from_rate(
    per_minute: float, breath_in: float = 1.0, breath_out: float = 1.0
) -> BreathPattern:
    """A breath `per_minute` times a minute, split in:out as `breath_in`:`breath_out`."""
    if not (
        math.isfinite(per_minute) and MIN_BREATHS_PER_MINUTE <= per_minute <= MAX_BREATHS_PER_MINUTE
    ):
        raise PatternError(
            _(
                "A pace is {min_breaths_per_minute:g} to {max_breaths_per_minute:g} "
                "breaths a minute."
            ).format(
                min_breaths_per_minute=MIN_BREATHS_PER_MINUTE,
                max_breaths_per_minute=MAX_BREATHS_PER_MINUTE,
            )
        )
    if not (
        math.isfinite(breath_in) and math.isfinite(breath_out) and breath_in > 0 and breath_out > 0
    ):
        raise PatternError(_("The in:out ratio needs two numbers above 0, e.g. 1:2."))
    cycle = 60.0 / per_minute
    seconds_in = round(cycle * breath_in / (breath_in + breath_out), 2)
    seconds_out = round(cycle - seconds_in, 2)
    return parse_pattern(f"in {seconds_in:g}, out {seconds_out:g}")  # not-ui-text


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    pacing: str  # "" for a practice without a pacer
    words: dict[str, dict[str, str]]  # phase words it brings, by language (may be empty)


def presets() -> tuple[Preset, ...]:
    """The patterns a facilitator starts from; each still adjusts freely afterwards."""
    # The room's words for the out-breath, in each room language (not the facilitator's).
    hum = {"en": "hum", "es": "murmura", "fr": "fredonnez", "ar": "همهمة"}  # not-ui-text
    hum |= {"uk": "мугикайте", "zh": "哼鸣"}  # not-ui-text
    sigh = {"en": "sigh out", "es": "suspira", "fr": "soupirez", "ar": "تنهّد"}  # not-ui-text
    sigh |= {"uk": "видихніть", "zh": "叹气"}  # not-ui-text
    return (
        Preset("box", _("Box 4-4-4-4"), pacing="in 4, hold 4, out 4, hold 4", words={}),
        Preset("478", "4-7-8", pacing="in 4, hold 7, out 8", words={}),
        Preset("resonance", _("Resonance, about 5.5 a minute"), pacing="in 5.5, out 5.5", words={}),
        Preset(
            "sigh",
            _("Physiological sigh"),
            pacing="in 2, in2 1, out 6",
            words={lang: {"out": word} for lang, word in sigh.items()},
        ),
        Preset(
            "humming",
            _("Humming (out-breath as “hum”)"),
            pacing="in 4, out 8",
            words={lang: {"out": word} for lang, word in hum.items()},
        ),
        Preset("none", _("No pacing"), "", {}),
    )


def preset(key: str) -> Preset:
    for item in presets():
        if item.key == key:
            return item
    raise KeyError(key)


def describe(pattern: BreathPattern) -> str:
    """'5.5 breaths a minute · a breath every 10.9 s' for the editor, as the pattern is typed."""
    rate = breaths_per_minute(pattern)
    return _("{rate:.3g} breaths a minute · one breath every {cycle_seconds:.3g} s").format(
        rate=rate, cycle_seconds=pattern.cycle_seconds
    )


def _kind(word: str) -> PhaseKind | None:
    try:
        return PhaseKind(word)
    except ValueError:
        return None


def _count(into: float, seconds: float) -> int:
    return min(int(into) + 1, max(1, math.ceil(seconds)))


def _left(seconds_left: float) -> int:
    """Whole seconds left, as a count down reads them: 8.0 left shows 8, 7.5 shows 8."""
    return max(1, math.ceil(seconds_left - 1e-9))


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
