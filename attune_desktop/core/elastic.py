"""The elastic agenda: when a session runs late, propose where the time can come back from.

Only segments still to come and marked flexible give time; fixed ones (a break the venue sets,
a closing ritual) and the segment under way are never touched. Nothing is shortened below a
floor, the larger of one minute and half its plan, so a practice never shrinks to a token.
The proposal is advice: the caller shows it and applies `changes` as one undoable edit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

MIN_FLOOR_MINUTES = 1
FLOOR_SHARE = 0.5


@dataclass(frozen=True)
class SegmentPlan:
    title: str
    planned_minutes: int
    fixed: bool = False


@dataclass(frozen=True)
class RecoveryProposal:
    titles: tuple[str, ...]
    old_minutes: tuple[int, ...]
    new_minutes: tuple[int, ...]  # one per segment, in agenda order; whole minutes
    late_minutes: int  # what there was to recover, rounded up to a whole minute
    recovered_minutes: int
    short_by_minutes: int  # still late by this much after the proposal

    @property
    def changes(self) -> list[tuple[int, int, int]]:
        """(index, old minutes, new minutes) for each segment that changes."""
        return [
            (i, old, new)
            for i, (old, new) in enumerate(zip(self.old_minutes, self.new_minutes, strict=True))
            if old != new
        ]

    @property
    def summary(self) -> str:
        """One line for the facilitator's screen."""
        if self.late_minutes == 0:
            return "On time: nothing to take back."
        if self.recovered_minutes == 0:
            return f"{self.late_minutes} min late, and no flexible segment has time to give."
        cuts = ", ".join(
            f"{title} {old} → {new} min"
            for title, old, new in ((self.titles[i], old, new) for i, old, new in self.changes)
        )
        if self.short_by_minutes:
            return (
                f"Takes back {self.recovered_minutes} of {self.late_minutes} min "
                f"({cuts}); still {self.short_by_minutes} min late."
            )
        return f"Takes back {self.recovered_minutes} min: {cuts}."


def floor_minutes(planned_minutes: int) -> int:
    """The shortest a flexible segment may become: 1 minute or half its plan, whole minutes."""
    return max(MIN_FLOOR_MINUTES, math.ceil(planned_minutes * FLOOR_SHARE))


def propose_recovery(
    segments: Sequence[SegmentPlan], current_index: int, late_seconds: float
) -> RecoveryProposal:
    """Spread the lateness over the flexible segments after `current_index`.

    Each gives in proportion to its spare room above its floor (largest remainders get the odd
    minutes), so a long discussion gives more than a short practice.
    """
    if not 0 <= current_index < len(segments):
        raise ValueError(f"Segment {current_index} is not on this agenda.")
    if not math.isfinite(late_seconds):
        raise ValueError("Lateness must be a number of seconds.")
    if any(s.planned_minutes < 0 for s in segments):
        raise ValueError("Planned minutes cannot be negative.")
    old = [s.planned_minutes for s in segments]
    late = max(0, math.ceil(late_seconds / 60 - 1e-9))
    room = [
        0
        if s.fixed or i <= current_index
        else max(0, s.planned_minutes - floor_minutes(s.planned_minutes))
        for i, s in enumerate(segments)
    ]
    total_room = sum(room)
    take = min(late, total_room)
    cuts = [take * r // total_room if total_room else 0 for r in room]
    spare = take - sum(cuts)
    by_remainder = sorted(
        (i for i, r in enumerate(room) if r),
        key=lambda i: (-(take * room[i] % total_room), -room[i], i),
    )
    for i in by_remainder[:spare]:
        cuts[i] += 1
    return RecoveryProposal(
        titles=tuple(s.title for s in segments),
        old_minutes=tuple(old),
        new_minutes=tuple(o - c for o, c in zip(old, cuts, strict=True)),
        late_minutes=late,
        recovered_minutes=take,
        short_by_minutes=late - take,
    )
