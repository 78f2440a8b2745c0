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

from attune_desktop.core.i18n import _

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
            return _("On time: nothing to take back.")
        if self.recovered_minutes == 0:
            return _("{late_minutes} min late, and no flexible segment has time to give.").format(
                late_minutes=self.late_minutes
            )
        cuts = ", ".join(
            _("{title} {old} → {new} min").format(title=title, old=old, new=new)
            for title, old, new in ((self.titles[i], old, new) for i, old, new in self.changes)
        )
        if self.short_by_minutes:
            return _(
                "Takes back {recovered_minutes} of {late_minutes} min ({cuts}); still "
                "{short_by_minutes} min late."
            ).format(
                recovered_minutes=self.recovered_minutes,
                late_minutes=self.late_minutes,
                cuts=cuts,
                short_by_minutes=self.short_by_minutes,
            )
        return _("Takes back {recovered_minutes} min: {cuts}.").format(
            recovered_minutes=self.recovered_minutes, cuts=cuts
        )


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
        raise ValueError(
            _("Segment {current_index} is not on this agenda.").format(current_index=current_index)
        )
    if not math.isfinite(late_seconds):
        raise ValueError(_("Lateness must be a number of seconds."))
    if any(s.planned_minutes < 0 for s in segments):
        raise ValueError(_("Planned minutes cannot be negative."))
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
