"""What the presenter and the projector say about a run, worked out from the run alone.

No widgets here: the presenter sets these strings and views on its labels, so the wording and
the rules (what the room may see, when the pacer shows, when a bell rings) live in one place.
"""

from __future__ import annotations

import datetime as dt
import math

from attune_desktop.core import locale_format
from attune_desktop.core.agenda import duration_label
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import N_, _
from attune_desktop.core.models import Practice, SegmentKind
from attune_desktop.core.pacing import (
    PacerPlan,
    PatternError,
    format_pattern,
)
from attune_desktop.core.services.practices import PracticeService
from attune_desktop.core.services.runs import LiveRun
from attune_desktop.core.timer import TimerState, away_label
from attune_desktop.core.value_labels import SEGMENT_KIND_LABELS
from attune_desktop.ui.run.projector import RoomMode, RoomView

STATUS = {
    TimerState.NOT_STARTED: N_("Ready: press Start (or Space) when the room is."),
    TimerState.PAUSED: N_("Paused. Space resumes."),
    TimerState.SETTLING: N_("Settling: the room sees a calm grounding screen. Space resumes."),
    TimerState.FINISHED: N_("The session has finished."),
    TimerState.RUNNING: "",
}
BELL_QUIET_BEFORE_END = 10.0  # no interval bell this close to the end chime


def behind_label(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes == 0:
        return _("on time")
    return (
        _("{minutes} min behind").format(minutes=minutes)
        if minutes > 0
        else _("{minutes} min ahead").format(minutes=-minutes)
    )


def late_label(seconds: float) -> str:
    """'7 min late', '3 min early', 'on time', as said of a start."""
    minutes = round(seconds / 60)
    if minutes == 0:
        return _("on time")
    return (
        _("{minutes} min late").format(minutes=minutes)
        if minutes > 0
        else _("{minutes} min early").format(minutes=-minutes)
    )


def stop_label(seconds: float) -> str:
    """Against the hard stop: '7 min past the booked end', '3 min to spare', 'on time'."""
    minutes = round(seconds / 60)
    if minutes == 0:
        return _("ends on the booked end")
    return (
        _("{minutes} min past the booked end").format(minutes=minutes)
        if minutes > 0
        else _("{minutes} min to spare").format(minutes=-minutes)
    )


class Readout:
    def __init__(self, run: LiveRun, practices: PracticeService) -> None:
        self.run = run
        self._practices = practices
        self._pacer_plans: dict[tuple[int, float], PacerPlan | None] = {}
        self._bells_rung: dict[int, int] = {}

    def position(self) -> str:
        timer = self.run.timer
        kind = self.run.current_segment.kind
        label = SEGMENT_KIND_LABELS.get(kind)
        return _("Segment {number} of {count} · {kind}").format(
            number=timer.current_index + 1,
            count=len(self.run.segments),
            kind=_(label) if label else kind.replace("_", "-"),
        )

    def status(self) -> str:
        state = self.run.timer.state
        pacer = self.pacer_plan() if state is TimerState.RUNNING else None
        if pacer is None:
            return _(STATUS[state])
        return _(
            "Breathing pacer on the projector: {format_pattern} · {cycles} "
            "breaths, ending on an out-breath"
        ).format(format_pattern=format_pattern(pacer.pattern), cycles=pacer.cycles)

    def warning(self) -> str:
        timer = self.run.timer
        warn, remaining = timer.warning_seconds, timer.remaining()
        running = timer.state is TimerState.RUNNING
        if warn is None or not running or not 0 < remaining <= warn + 1e-6:
            return ""
        return _("{ceil} min left in this segment").format(ceil=math.ceil(remaining / 60))

    def next_up(self) -> str:
        following = self.run.timer.next_segment
        if self.run.timer.state is TimerState.FINISHED:
            return ""
        if following is None:
            return _("Next: nothing, this is the last segment.")
        return _("Next: {title} · {duration_label}").format(
            title=following.title,
            duration_label=duration_label(round(following.planned_seconds / 60)),
        )

    def booked(self) -> str:
        """The booked time, how late the start was; or why the run counts from Start."""
        run = self.run
        booked = run.booked
        if booked is None:
            return _("No booked time (the session has no date): times count from Start.")
        zone = booked.start.tzinfo
        span = f"{locale_format.clock(booked.start)}–{locale_format.clock(booked.end)}"
        if not run.booked_applies():
            return _("Booked {start} {span}, not now: times count from Start.").format(
                start=locale_format.weekday_day_month(booked.start.date()), span=span
            )
        late = run.late_start_seconds() or 0.0
        if run.timer.state is TimerState.NOT_STARTED:
            now = dt.datetime.fromtimestamp(run.wall_clock(), zone)
            if late > 30:
                return _("Booked {span} · starting now is {late_label} ({now})").format(
                    span=span, late_label=late_label(late), now=locale_format.clock(now)
                )
            return _("Booked {span} · starts at {start}").format(
                span=span, start=locale_format.clock(booked.start)
            )
        return _("Booked {span} · started {late_label}").format(
            span=span, late_label=late_label(late)
        )

    def timing(self) -> str:
        """Planned end against projected end, as clock times, and ahead or behind.

        With a booked time, the booked end is a hard stop: the projection is against it.
        """
        run = self.run
        if run.booked_applies():
            assert run.booked is not None
            zone = run.booked.start.tzinfo
            stop = locale_format.clock(run.booked.end)
            projected = dt.datetime.fromtimestamp(run.projected_end_wall(), zone)
            late = run.lateness_seconds()
            if run.timer.state is TimerState.FINISHED:
                return _("Ended {projected} · hard stop {stop} · {stop_label}").format(
                    projected=locale_format.clock(projected), stop=stop, stop_label=stop_label(late)
                )
            return _("Hard stop {stop} · projected end {projected} · {stop_label}").format(
                stop=stop, projected=locale_format.clock(projected), stop_label=stop_label(late)
            )
        timer = self.run.timer
        now_wall = self.run.wall_clock()
        started = timer.session_started_at
        start_wall = now_wall if started is None else now_wall - (self.run.clock() - started)
        planned = dt.datetime.fromtimestamp(start_wall + timer.planned_session_end_offset)
        projected = dt.datetime.fromtimestamp(start_wall + timer.projected_end_offset())
        late = timer.ahead_behind_seconds()
        if timer.state is TimerState.FINISHED:
            minutes = round(late / 60)
            how = (
                _("on time")
                if minutes == 0
                else _("{minutes} min late").format(minutes=minutes)
                if minutes > 0
                else _("{minutes} min early").format(minutes=-minutes)
            )
            return _("Ended {projected} · planned end {planned} · {how}").format(
                projected=locale_format.clock(projected),
                planned=locale_format.clock(planned),
                how=how,
            )
        return _("Planned end {planned} · projected {projected} · {behind_label}").format(
            planned=locale_format.clock(planned),
            projected=locale_format.clock(projected),
            behind_label=behind_label(late),
        )

    def away(self) -> str:
        """After a crash or a closed window: how long the run was away, and what the clock did."""
        run = self.run
        if run.away_seconds is None or run.away_seconds < 1:
            return ""
        how_long = away_label(run.away_seconds)
        if run.away_running:
            return _(
                "Resumed after {how_long} away: the clock kept running meanwhile, as "
                "the room did, so those minutes are counted."
            ).format(how_long=how_long)
        return _("Resumed after {how_long} away: the run was paused, so the clock waited.").format(
            how_long=how_long
        )

    def practice(self) -> Practice | None:
        """The practice the current segment leads, for its script and care notes."""
        row = self.run.current_segment
        if row.practice_id is None:
            return None
        try:
            return self._practices.get_practice(row.practice_id)
        except AttuneError:  # deleted from the library meanwhile: the segment's notes remain
            return None

    def room_view(self) -> RoomView:
        """What the projector shows now: participant-facing fields only."""
        run, timer = self.run, self.run.timer
        state = timer.state
        if state is TimerState.NOT_STARTED:
            return RoomView(RoomMode.WAITING, run.session_title)
        if state is TimerState.FINISHED:
            return RoomView(RoomMode.FINISHED, run.session_title)
        if state is TimerState.SETTLING:
            return RoomView(RoomMode.SETTLE, "")
        remaining = timer.remaining()
        return RoomView(
            RoomMode.SEGMENT,
            timer.current_segment.title,
            progress=timer.progress(),
            minutes_left=_("{ceil} min").format(ceil=math.ceil(remaining / 60))
            if remaining > 0
            else "",
            pacer=self.pacer_plan(),
            running=state is TimerState.RUNNING,
        )

    def pacer_plan(self) -> PacerPlan | None:
        """Whole breaths fitted to the practice as it now stands (refitted after +/− 1 min)."""
        timer = self.run.timer
        key = (timer.current_index, timer.current_segment.planned_seconds)
        if key not in self._pacer_plans:
            self._pacer_plans[key] = self._fit(key[1])
        return self._pacer_plans[key]

    def _fit(self, seconds: float) -> PacerPlan | None:
        row = self.run.current_segment
        if row.kind != SegmentKind.PRACTICE or row.practice_id is None:
            return None
        try:  # the practice's own words, counting and breath tones come with its breaths
            return self._practices.pacer_plan(row.practice_id, seconds)
        except (PatternError, ValueError, AttuneError):  # a bad pattern never stops the run
            return None

    def interval_bell_due(self, every_minutes: float) -> bool:
        """True once each time a practice passes another `every_minutes` of its time."""
        timer = self.run.timer
        every = every_minutes * 60
        kind = self.run.current_segment.kind
        if every <= 0 or timer.state is not TimerState.RUNNING or kind != SegmentKind.PRACTICE:
            return False
        index = timer.current_index
        bells = int(timer.elapsed() // every)
        rung = self._bells_rung.get(index, 0)
        self._bells_rung[index] = max(bells, rung)
        return bells > rung and timer.remaining() > BELL_QUIET_BEFORE_END
