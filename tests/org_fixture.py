"""A small organisation to check the organisation report against figures worked out by hand.

Three circles (series) across two sites, January 2026, every session 120 minutes booked:

| circle | site  | facilitator | curriculum    | weeks: status and head count                  |
|--------|-------|-------------|---------------|-----------------------------------------------|
| Maple  | North | Ana         | Calm Families | 8, 7, cancelled (Snow), 6                     |
| Oak    | North | Ben         | Calm Families | 5, 5, still planned                           |
| Birch  | South | Ana         | Early Years   | 10, cancelled (Venue closed), cancelled (Snow)|

Runs recorded (fidelity facts; offsets are minutes after the booked start / end):
  Maple w1: segments 4 of 5, practices 1 of 2, start +2, end +10;
            checklist agenda yes, home practice no, every parent yes
  Maple w2: segments 5 of 5, practices 2 of 2, start +8, end +4; checklist agenda yes only
  Oak w1:   segments 3 of 4, practices 1 of 1, start 0, end -5; no checklist
Check-ins (weather scale, orders sunny 0 .. stormy 4, minimum 5):
  Maple w1 opening sun_cloud 2, cloudy 3, rainy 3 (mean 17/8 = 2.125);
           closing sunny 3, sun_cloud 3, cloudy 2 (mean 7/8 = 0.875): shift -1.25, more settled
  Maple w2 opening of 3 answers: hidden (too few), so the week's shift is hidden
  Birch w1 opening and closing 2 of each option (mean 2.0 both): shift 0, no change
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from attune_desktop.core.container import Core
from attune_desktop.core.models import RoundMoment, SessionFidelity, SessionStatus
from attune_desktop.core.org_report import OrgFilter

JANUARY = OrgFilter(dt.date(2026, 1, 1), dt.date(2026, 1, 31))
CIRCLES = (
    # title, site, facilitator, curriculum, first date, weeks as (status, count, reason)
    (
        "Maple circle",
        "North",
        "Ana",
        "Calm Families",
        dt.date(2026, 1, 5),
        (("d", 8, ""), ("d", 7, ""), ("c", None, "Snow"), ("d", 6, "")),
    ),
    (
        "Oak circle",
        "North",
        "Ben",
        "Calm Families",
        dt.date(2026, 1, 6),
        (("d", 5, ""), ("d", 5, ""), ("p", None, "")),
    ),
    (
        "Birch circle",
        "South",
        "Ana",
        "Early Years",
        dt.date(2026, 1, 7),
        (("d", 10, ""), ("c", None, "Venue closed"), ("c", None, "Snow")),
    ),
)
RUNS = {  # (circle index, week index): segments planned/delivered, practices, offsets
    (0, 0): (5, 4, 2, 1, 2, 10),
    (0, 1): (5, 5, 2, 2, 8, 4),
    (1, 0): (4, 3, 1, 1, 0, -5),
}


def seed_org(core: Core) -> dict[str, list[int]]:
    """Write the organisation above; returns each circle's session ids by week."""
    made: dict[str, list[int]] = {}
    for index, (title, site, who, curriculum, first, weeks) in enumerate(CIRCLES):
        plan = core.series.create_series(
            title, first, weeks=len(weeks), site=site, facilitators=who, curriculum=curriculum
        )
        ids = [s.id or 0 for s in core.series.sessions_of(plan.id or 0)]
        made[title] = ids
        for week, (session_id, (status, count, reason)) in enumerate(zip(ids, weeks, strict=True)):
            if status == "d":
                core.series.set_status(session_id, SessionStatus.DELIVERED)
                core.series.set_attendance(session_id, count)
            elif status == "c":
                core.series.cancel_session(session_id, reason)
            run = RUNS.get((index, week))
            if run is not None:
                _record(core, session_id, run)
    maple, birch = made["Maple circle"], made["Birch circle"]
    core.fidelity.set_checklist(
        maple[0], agenda_shared=True, home_practice_reviewed=False, every_parent_had_a_turn=True
    )
    core.fidelity.set_checklist(maple[1], agenda_shared=True)
    _rounds(
        core,
        maple[0],
        {"sun_cloud": 2, "cloudy": 3, "rainy": 3},
        {"sunny": 3, "sun_cloud": 3, "cloudy": 2},
    )
    _rounds(core, maple[1], {"sunny": 3}, {"sunny": 5})
    every = {"sunny": 2, "sun_cloud": 2, "cloudy": 2, "rainy": 2, "stormy": 2}
    _rounds(core, birch[0], every, every)
    return made


def _record(core: Core, session_id: int, run: tuple[int, ...]) -> None:
    seg_planned, seg_done, pr_planned, pr_done, start, end = run
    with core.db.session() as db:
        db.add(
            SessionFidelity(
                session_id=session_id,
                segments_planned=seg_planned,
                segments_delivered=seg_done,
                practices_planned=pr_planned,
                practices_delivered=pr_done,
                start_offset_minutes=start,
                end_offset_minutes=end,
            )
        )


def _rounds(core: Core, session_id: int, opening: dict[str, int], closing: dict[str, int]) -> None:
    for moment, counts in ((RoundMoment.OPENING, opening), (RoundMoment.CLOSING, closing)):
        round_id = core.checkins.open_round(session_id, moment, "weather", min_responses=5).id or 0
        core.checkins.set_tally(round_id, counts)
        core.checkins.close_round(round_id)


def fidelity_rows(core: Core) -> list[SessionFidelity]:
    with core.db.session() as db:
        return list(db.exec(select(SessionFidelity)))
