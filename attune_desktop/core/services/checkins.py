"""Check-in rounds: anonymous counts per option, never a row per person.

What is stored for a round is its scale, its status, its cap and one count per option. While a
round is open its answers live in memory only (`checkin_live.LiveRound`): no answer reaches the
database or its write-ahead log, so no file can tell the order or time of any answer. Closing
writes the final counts in one commit and truncates the log. Every reading that may reach the
room (a chart, a print-out, an export) goes through `checkin_rules.reveal`.

Decisions kept here because they follow from the privacy promise:

- A closed round stays closed. Reopening a round whose results were shown, then closing it again
  after one late answer, would show the room exactly what that one person chose. To ask again,
  open a new round.
- A paper tally typed during a round is added in memory like any answer; a tally typed after the
  session (`record_paper_rounds`) is written once, as a closed round.
- If the app stops while a round is open, its answers are lost; the round is listed by
  `interrupted_rounds` so the facilitator is told on the next start, and it stays open, empty.
"""

from __future__ import annotations

import csv
import io
import logging
import uuid
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import Select, String, cast, func
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from attune_desktop.core import locale_format
from attune_desktop.core import validation as v
from attune_desktop.core.checkin_live import DEFAULT_CAP, MAX_CAP, LiveRound
from attune_desktop.core.checkin_rules import (
    DEFAULT_MIN_RESPONSES,
    NO_SHIFT,
    RevealResult,
    RuleError,
    ShiftResult,
    WeekShift,
    reveal,
    shift,
    validate_counts,
    validate_min_responses,
)
from attune_desktop.core.checkin_scales import (
    BUILTIN_SCALES,
    CustomOption,
    Scale,
    ScaleError,
    make_custom_scale,
    scale_from_json,
    scale_to_json,
)
from attune_desktop.core.errors import NotFoundError, ValidationError
from attune_desktop.core.i18n import N_, _, ngettext
from attune_desktop.core.models import (
    CheckInCount,
    CheckInRound,
    CheckInScale,
    Family,
    RoundMoment,
    RoundStatus,
    Session,
)
from attune_desktop.core.services import snapshots
from attune_desktop.core.services.base import ChangeKind, Service, require
from attune_desktop.core.services.snapshots import Snapshot
from attune_desktop.core.storage.database import Database

log = logging.getLogger(__name__)

ROUND: Final = "checkinround"
ANSWER: Final = "checkinanswer"  # an answer arrived; carries the round id and nothing else
SCALE: Final = "checkinscale"
MAX_MIN_RESPONSES: Final = 99
MOMENT_LABELS: Final[Mapping[str, str]] = {
    RoundMoment.OPENING: N_("Opening"),
    RoundMoment.CLOSING: N_("Closing"),
    RoundMoment.AFTER_PRACTICE: N_("After a practice"),
    RoundMoment.NAMED: N_("Named"),
}


class RoundClosedError(RuleError):
    """An answer or a tally arrived for a round that is no longer open."""


@dataclass(frozen=True)
class PaperRecord:
    """Rounds typed in from paper after a session, and what they replaced, for undo."""

    session_id: int
    round_ids: tuple[int, ...]
    replaced: tuple[Snapshot, ...]


@dataclass(frozen=True)
class RoundListing:
    round: CheckInRound
    session_title: str
    session_date: str


@dataclass(frozen=True)
class SessionShiftReport:
    """A session's shift from its opening to its closing round, on the scale they share."""

    session_id: int
    scale: Scale | None
    result: ShiftResult


@dataclass(frozen=True)
class WeekShiftReport:
    """One week of a series on the shift chart; `week.hidden` when either round is hidden."""

    session_id: int
    label: str
    scale: Scale | None
    week: WeekShift


@dataclass(frozen=True)
class RoundFacts:
    """What a shift needs of a round, read as plain columns (many rounds read at once)."""

    id: int | None
    session_id: int | None
    moment: str
    scale_key: str
    status: str
    min_responses: int

    @staticmethod
    def columns() -> tuple[Any, ...]:
        r = CheckInRound
        return (r.id, r.session_id, r.moment, r.scale_key, r.status, r.min_responses)

    @classmethod
    def of(cls, r: CheckInRound) -> RoundFacts:
        return cls(r.id, r.session_id, r.moment, r.scale_key, r.status, r.min_responses)


# Separators of a round's counts read as one string: control characters no option key holds.
_PAIR: Final = "\x1e"
_PAIRS: Final = "\x1f"


def _tally_of(joined: str | None) -> dict[str, int]:
    tally: dict[str, int] = {}
    for pair in (joined or "").split(_PAIRS):
        key, _sep, count = pair.rpartition(_PAIR)
        if _sep:
            tally[key] = int(count)
    return tally


def round_title(round_: CheckInRound) -> str:
    """How a round is called on the facilitator's screen and in exports."""
    moment = _(MOMENT_LABELS.get(round_.moment, round_.moment))
    if round_.name and round_.moment != RoundMoment.NAMED:
        return f"{moment}: {round_.name}"
    return round_.name or moment


def add_round(db: DbSession, round_: CheckInRound, counts: Mapping[str, int]) -> int:
    """Write a new round and one count row per option (`counts`: option key to count); its id."""
    db.add(round_)
    db.flush()
    assert round_.id is not None
    for option, count in counts.items():
        db.add(CheckInCount(round_id=round_.id, option_key=option, count=count))
    return round_.id


class CheckInService(Service):
    """Every read and write of check-in rounds, their counts and the facilitator's scales."""

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self._live: dict[int, LiveRound] = {}  # open rounds' answers: memory only
        self._deleted_live: dict[int, LiveRound] = {}  # an open round deleted, for its undo
        self._shown_to_room: set[int] = set()  # closed rounds the facilitator put on the wall
        with db.session() as session:
            open_rounds = session.exec(
                select(CheckInRound).where(CheckInRound.status == RoundStatus.OPEN.value)
            )
            # Open when this app started: their answers (in memory) died with the last run.
            self._interrupted = [r.id for r in open_rounds if r.id is not None]
        if self._interrupted:  # after a crash mid-round: the log it left goes now
            db.forget_history()

    # --- rounds ---------------------------------------------------------------------------

    def list_rounds(self) -> list[RoundListing]:
        """Every round with the session it belongs to, newest session first."""
        with self._db.session() as db:
            query = (
                select(CheckInRound, Session)
                .join(Session, col(CheckInRound.session_id) == col(Session.id))
                .order_by(col(Session.date).desc(), col(CheckInRound.position))
            )
            return [
                RoundListing(
                    round=round_,
                    session_title=session.title,
                    session_date=session.date.isoformat() if session.date else "",
                )
                for round_, session in db.exec(query)
            ]

    def open_round_problem(self) -> str | None:
        """Why a restore must wait: an open round's answers live in memory, tied to its id."""
        if not self._live:
            return None
        return _(
            "A check-in round is open, and its answers are kept in memory until it closes. "
            "Close the round first, then restore."
        )

    def interrupted_rounds(self) -> list[RoundListing]:
        """Rounds that were open when the app last stopped: their answers were lost."""
        ids = set(self._interrupted)
        return [listing for listing in self.list_rounds() if listing.round.id in ids]

    def acknowledge_interrupted(self) -> None:
        """The facilitator has been told; do not tell again in this run."""
        self._interrupted = []

    def rounds(self, session_id: int) -> list[CheckInRound]:
        """A session's rounds in the order they were opened."""
        with self._db.session() as db:
            return self._rounds(db, session_id)

    def get_round(self, round_id: int) -> CheckInRound:
        with self._db.session() as db:
            return require(db.get(CheckInRound, round_id), _("check-in round"), round_id)

    def default_cap(self, session_id: int) -> int:
        """The answer cap a new round proposes: the session's head count, else the circle's
        size (its families), else a room's worth."""
        with self._db.session() as db:
            session = require(db.get(Session, session_id), "session", session_id)
            if session.attendance:
                return min(MAX_CAP, session.attendance)
            if session.series_id is not None:
                families = db.exec(
                    select(func.count())
                    .select_from(Family)
                    .where(Family.series_id == session.series_id)
                ).one()
                if families:
                    return min(MAX_CAP, int(families))
        return DEFAULT_CAP

    def next_moment(self, session_id: int) -> RoundMoment:
        """The moment a new round most likely is: opening first, then closing, then named."""
        moments = {r.moment for r in self.rounds(session_id)}
        if RoundMoment.OPENING not in moments:
            return RoundMoment.OPENING
        if RoundMoment.CLOSING not in moments:
            return RoundMoment.CLOSING
        return RoundMoment.AFTER_PRACTICE

    def open_round_of(self, session_id: int) -> CheckInRound | None:
        """The session's open round, if any (a session has at most one)."""
        return next((r for r in self.rounds(session_id) if r.status == RoundStatus.OPEN), None)

    def open_round(
        self,
        session_id: int,
        moment: str,
        scale_key: str,
        name: str = "",
        min_responses: int = DEFAULT_MIN_RESPONSES,
        max_answers: int | None = None,
    ) -> CheckInRound:
        """Open a round on a scale. A session has at most one open round at a time.

        `max_answers` is the most answers the round can hold (None: `default_cap`). Every
        option gets a count of 0 on disk now; answers are counted in memory until closing.
        """
        moment = v.choice(moment, "moment", RoundMoment)
        name = v.clean_text(name, "name", max_len=120)
        if moment == RoundMoment.NAMED and not name:
            raise ValidationError("name", _("Please give the round a name, such as “After lunch”."))
        minimum = v.whole_number(
            min_responses, "min_responses", low=1, high=MAX_MIN_RESPONSES, unit="answers"
        )
        validate_min_responses(minimum)  # refuses below the floor; warnings are the form's job
        cap = self.default_cap(session_id) if max_answers is None else max_answers
        cap = v.whole_number(cap, "max_answers", low=1, high=MAX_CAP, unit="answers")
        with self._db.session() as db:
            require(db.get(Session, session_id), "session", session_id)
            scale = self._scale(db, scale_key)
            rounds = self._rounds(db, session_id)
            still_open = [r for r in rounds if r.status == RoundStatus.OPEN]
            if still_open:
                raise ValidationError(
                    "status",
                    _(
                        "The “{round_title}” round is still open; close it before opening another."
                    ).format(round_title=round_title(still_open[0])),
                )
            round_ = CheckInRound(
                session_id=session_id,
                moment=moment,
                name=name,
                scale_key=scale.key,
                status=RoundStatus.OPEN.value,
                min_responses=minimum,
                max_answers=cap,
                position=max((r.position for r in rounds), default=-1) + 1,
            )
            round_id = add_round(db, round_, dict.fromkeys(scale.keys, 0))
        self._live[round_id] = LiveRound({o.key: 0 for o in scale.options}, cap)
        self._announce(ROUND, ChangeKind.CREATED, (round_id,), session_id)
        return round_

    def record_answer(self, round_id: int, option_key: str, client: Hashable | None = None) -> None:
        """One person's answer: one count goes up by one, in memory; nothing is written.

        `client` tells apart phones that answer (an opaque key; None for the shared kiosk):
        a client that answered before is refused, cookies or not. Refused too when the round
        is not open, is full, or the option is not on it; nothing changes then.
        """
        live = self._live_round(round_id)
        if not isinstance(option_key, str):
            raise RuleError(_("That answer is not an option of this round."))
        live.add(option_key, client)
        self._announce(ANSWER, ChangeKind.UPDATED, (round_id,))

    def is_open(self, round_id: int) -> bool:
        """Whether the round takes answers; from memory for a round this app opened."""
        if round_id in self._live:
            return True
        return self._live_round_if_open(round_id) is not None

    def has_answered(self, round_id: int, client: Hashable) -> bool:
        """Whether this client has answered the open round (False once it is closed)."""
        live = self._live.get(round_id)
        return live is not None and live.has_answered(client)

    def cap(self, round_id: int) -> int:
        """The most answers the round can hold."""
        return self._cap_of(self.get_round(round_id))

    def set_tally(self, round_id: int, counts: Mapping[str, int], *, add: bool = False) -> None:
        """Counts typed in from paper (cards held up, tokens in a jar), all or nothing.

        `add=True` adds them to answers already given by kiosk or phone; otherwise the round's
        counts become exactly these. Options left out count 0. Held in memory like any answer.
        """
        live = self._live_round(round_id)
        round_ = self.get_round(round_id)
        tally = validate_counts(self.scale(round_.scale_key), counts)
        live.set_tally(tally, add=add)
        self._announce(ROUND, ChangeKind.UPDATED, (round_id,), round_.session_id)

    def record_paper_rounds(
        self,
        session_id: int,
        tallies: Mapping[str, Mapping[str, int]],
        *,
        scale_key: str,
        min_responses: int = DEFAULT_MIN_RESPONSES,
    ) -> PaperRecord:
        """Closed rounds typed in from paper after the session, one per moment, in one commit.

        An earlier closed round of the same moment is replaced (undo puts it back); an open
        one is left alone and the tally refused, so answers being given are never lost.
        """
        validate_min_responses(min_responses)
        moments = [v.choice(moment, "moment", RoundMoment) for moment in tallies]
        with self._db.session() as db:
            require(db.get(Session, session_id), "session", session_id)
            scale = self._scale(db, scale_key)
            checked = {m: validate_counts(scale, tallies[m]) for m in moments}
            rounds = self._rounds(db, session_id)
            replaced: list[Snapshot] = []
            ids: list[int] = []
            # Whole sentences: "the opening round" is not built the same way in every language.
            refusals: dict[str, str] = {
                RoundMoment.OPENING: _(
                    "The opening round is still open; close it before typing a tally for it."
                ),
                RoundMoment.CLOSING: _(
                    "The closing round is still open; close it before typing a tally for it."
                ),
            }
            for moment in moments:
                earlier = [r for r in rounds if r.moment == moment]
                if any(r.status == RoundStatus.OPEN for r in earlier):
                    raise RoundClosedError(
                        refusals.get(moment)
                        or _("That round is still open; close it before typing a tally for it.")
                    )
                position = 0 if moment == RoundMoment.OPENING else 9
                for previous in earlier[:1]:
                    replaced.append(
                        snapshots.take([previous, *self._count_rows(db, previous.id or 0)])
                    )
                    position = previous.position
                    db.delete(previous)
                    db.flush()
                round_ = CheckInRound(
                    session_id=session_id,
                    moment=moment,
                    scale_key=scale.key,
                    status=RoundStatus.CLOSED.value,
                    min_responses=min_responses,
                    position=position,
                )
                ids.append(add_round(db, round_, checked[moment]))
        self._db.forget_history()
        record = PaperRecord(session_id, tuple(ids), tuple(replaced))
        self._announce(ROUND, ChangeKind.CREATED, record.round_ids, session_id)
        return record

    def undo_paper_rounds(self, record: PaperRecord) -> None:
        """Take back a paper tally and put back the rounds it replaced."""
        with self._db.session() as db:
            snapshots.replace_back(db, CheckInRound, record.round_ids, record.replaced)
        self._db.forget_history()
        self._announce(ROUND, ChangeKind.DELETED, record.round_ids, record.session_id)

    def set_min_responses(self, round_id: int, minimum: int) -> list[str]:
        """Change how many answers a round needs before it shows; returns the warnings.

        Only while the round is open: on a closed round, trying one minimum and then another
        would tell exactly how many answered. Never below the floor.
        """
        minimum = v.whole_number(
            minimum, "min_responses", low=1, high=MAX_MIN_RESPONSES, unit="answers"
        )
        warnings = validate_min_responses(minimum)
        with self._db.session() as db:
            round_ = require(db.get(CheckInRound, round_id), _("check-in round"), round_id)
            if round_.status != RoundStatus.OPEN:
                raise RoundClosedError(
                    _(
                        "The minimum can only change while the round is open, so that trying "
                        "minimums can't tell how many answered."
                    )
                )
            round_.min_responses = minimum
            db.add(round_)
            session_id = round_.session_id
        self._announce(ROUND, ChangeKind.UPDATED, (round_id,), session_id)
        return warnings

    def close_round(self, round_id: int) -> RevealResult:
        """Close a round for good: its counts are written once, and the log is truncated.

        Returns what the rules allow of the results; it is for the facilitator's eyes first
        (the room sees it only when the facilitator shows it).
        """
        live = self._live.get(round_id)
        with self._db.session() as db:
            round_ = require(db.get(CheckInRound, round_id), _("check-in round"), round_id)
            if round_.status == RoundStatus.OPEN:
                counts = live.counts if live is not None else {}
                for row in self._count_rows(db, round_id):
                    row.count = counts.get(row.option_key, 0)
                    db.add(row)
            round_.status = RoundStatus.CLOSED.value
            db.add(round_)
            session_id = round_.session_id
        self._live.pop(round_id, None)  # the counts are on disk; which clients answered dies
        if round_id in self._interrupted:
            self._interrupted.remove(round_id)
        if not self._db.forget_history():
            log.warning("the write-ahead log could not be truncated yet; it will be next time")
        self._announce(ROUND, ChangeKind.UPDATED, (round_id,), session_id)
        return self.results(round_id)

    def show_to_room(self, round_id: int) -> None:
        """The facilitator chose to show a closed round's results to the room.

        Closing never shows anything by itself: the facilitator looks first, then decides.
        """
        round_ = self.get_round(round_id)
        if round_.status != RoundStatus.CLOSED:
            raise RoundClosedError(_("Close the round first; results show only after closing."))
        self._shown_to_room.add(round_id)
        self._announce(ROUND, ChangeKind.UPDATED, (round_id,), round_.session_id)

    def shown_to_room(self, round_id: int) -> bool:
        """Whether the room may see this round's results on the projector now."""
        return round_id in self._shown_to_room

    def answered(self, round_id: int) -> int:
        """How many answered so far: for the facilitator's own screen, never the room's."""
        return sum(self.counts_of(round_id).values())

    def counts_of(self, round_id: int) -> dict[str, int]:
        """Raw counts, for rules and tests only: a view shows `results()`, never these."""
        live = self._live_round_if_open(round_id)
        if live is not None:
            return dict(live.counts)
        with self._db.session() as db:
            return {row.option_key: row.count for row in self._count_rows(db, round_id)}

    def delete_round(self, round_id: int) -> Snapshot:
        """Delete a round with its counts; the snapshot (kept in memory) lets undo put it back."""
        with self._db.session() as db:
            round_ = require(db.get(CheckInRound, round_id), _("check-in round"), round_id)
            snap = snapshots.take([round_, *self._count_rows(db, round_id)])
            session_id = round_.session_id
            db.delete(round_)
        live = self._live.pop(round_id, None)
        if live is not None:
            self._deleted_live[round_id] = live
        self._db.forget_history()
        self._announce(ROUND, ChangeKind.DELETED, (round_id,), session_id)
        return snap

    def restore_round(self, snap: Snapshot) -> CheckInRound:
        with self._db.session() as db:
            snapshots.put_back(db, snap)
            round_ = require(db.get(CheckInRound, snap.root_id), _("check-in round"), snap.root_id)
        live = self._deleted_live.pop(snap.root_id, None)
        if live is not None and round_.status == RoundStatus.OPEN:
            self._live[snap.root_id] = live
        self._announce(ROUND, ChangeKind.CREATED, (snap.root_id,), round_.session_id)
        return round_

    # --- what may be shown -----------------------------------------------------------------

    def results(self, round_id: int) -> RevealResult:
        """What the room may see of a round: nothing while open or with too few answers."""
        with self._db.session() as db:
            round_ = require(db.get(CheckInRound, round_id), _("check-in round"), round_id)
            scale = self._scale(db, round_.scale_key)
            counts = self._tally(db, round_id)
        return reveal(scale, counts, round_.status == RoundStatus.CLOSED, round_.min_responses)

    def session_shift(self, session_id: int) -> SessionShiftReport:
        """The group's shift from the session's opening round to its closing round."""
        with self._db.session() as db:
            return self._session_shift(db, session_id)

    def series_shifts(self, series_id: int) -> list[WeekShiftReport]:
        """Each delivered or planned week's shift, in date order; hidden weeks stay whole."""
        with self._db.session() as db:
            sessions = db.exec(
                select(Session)
                .where(Session.series_id == series_id)
                .order_by(col(Session.date), col(Session.week), col(Session.id))
            )
            reports: list[WeekShiftReport] = []
            for session in sessions:
                report = self._session_shift(db, session.id or 0)
                label = (
                    _("Week {week}").format(week=session.week) if session.week else session.title
                )
                if session.date is not None:
                    label = f"{label} · {locale_format.day_month(session.date)}"
                reports.append(
                    WeekShiftReport(
                        session.id or 0,
                        label,
                        report.scale,
                        WeekShift(label, report.result.shift, report.result.reason),
                    )
                )
            return reports

    def export_csv(self, session_ids: Sequence[int]) -> str:
        """Results of the sessions' rounds as CSV text, under the same rules as the screen.

        A hidden round is one line with the reason and no numbers; a small cell is a band.
        """
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(
            ["date", "session", "round", "scale", "option", "shown", "share_percent", "note"]
        )
        with self._db.session() as db:
            for session_id in session_ids:
                session = require(db.get(Session, session_id), "session", session_id)
                day = session.date.isoformat() if session.date else ""
                for round_ in self._rounds(db, session_id):
                    scale = self._scale(db, round_.scale_key)
                    counts = self._tally(db, round_.id or 0)
                    result = reveal(
                        scale, counts, round_.status == RoundStatus.CLOSED, round_.min_responses
                    )
                    lead = [day, session.title, round_title(round_), scale.name()]
                    if not result.revealed:
                        writer.writerow(_safe([*lead, "", "", "", result.message]))
                        continue
                    for cell in result.cells:
                        # a share of the total only when the total may be shown (see reveal)
                        exact = not cell.banded and result.total is not None
                        share = f"{cell.share * 100:.0f}" if exact else ""
                        row = [*lead, cell.option.label(), cell.band_label, share, ""]
                        writer.writerow(_safe(row))
        return out.getvalue()

    # --- scales ---------------------------------------------------------------------------

    def scales(self) -> list[Scale]:
        """The built-in scales, then the facilitator's own by name."""
        with self._db.session() as db:
            custom = [self._from_row(row) for row in db.exec(select(CheckInScale))]
        return [*BUILTIN_SCALES.values(), *sorted(custom, key=lambda s: s.name().casefold())]

    def scale(self, key: str) -> Scale:
        with self._db.session() as db:
            return self._scale(db, key)

    def create_scale(
        self, name: str, options: Sequence[CustomOption], *, question: str | None = None
    ) -> Scale:
        """A scale of the facilitator's own: 2–8 options, each a label and a picture.

        Its key is a random UUID, never worked out from the rows already there: two people
        writing to one server home at once get two scales, and a deleted scale's key (which
        its undo puts back) is never handed to another one."""
        key = f"custom-{uuid.uuid4().hex}"
        with self._db.session() as db:
            scale = make_custom_scale(key, name, options, question=question)
            row = CheckInScale(key=scale.key, name=scale.name(), options=scale_to_json(scale))
            db.add(row)
            db.flush()
            ident = row.id or 0
        self._announce(SCALE, ChangeKind.CREATED, (ident,))
        return scale

    def update_scale(self, key: str, name: str, options: Sequence[CustomOption]) -> Scale:
        """Change a scale no round has used yet (a used one keeps its options for its counts)."""
        with self._db.session() as db:
            row = self._scale_row(db, key)
            self._refuse_if_used(db, row)
            scale = make_custom_scale(key, name, options)
            row.name = scale.name()
            row.options = scale_to_json(scale)
            db.add(row)
            ident = row.id or 0
        self._announce(SCALE, ChangeKind.UPDATED, (ident,))
        return scale

    def delete_scale(self, key: str) -> Snapshot:
        with self._db.session() as db:
            row = self._scale_row(db, key)
            self._refuse_if_used(db, row)
            snap = snapshots.take([row])
            ident = row.id or 0
            db.delete(row)
        self._announce(SCALE, ChangeKind.DELETED, (ident,))
        return snap

    def restore_scale(self, snap: Snapshot) -> Scale:
        with self._db.session() as db:
            snapshots.put_back(db, snap)
            row = require(db.get(CheckInScale, snap.root_id), _("check-in scale"), snap.root_id)
            scale = self._from_row(row)
        self._announce(SCALE, ChangeKind.CREATED, (snap.root_id,))
        return scale

    def rounds_using(self, key: str) -> int:
        with self._db.session() as db:
            query = select(func.count()).select_from(CheckInRound)
            return int(db.exec(query.where(CheckInRound.scale_key == key)).one())

    # --- helpers --------------------------------------------------------------------------

    @staticmethod
    def _rounds(db: DbSession, session_id: int) -> list[CheckInRound]:
        query = (
            select(CheckInRound)
            .where(CheckInRound.session_id == session_id)
            .order_by(col(CheckInRound.position), col(CheckInRound.id))
        )
        return list(db.exec(query))

    @staticmethod
    def _count_rows(db: DbSession, round_id: int) -> list[CheckInCount]:
        query = select(CheckInCount).where(CheckInCount.round_id == round_id)
        return list(db.exec(query.order_by(col(CheckInCount.option_key))))

    def _scale(self, db: DbSession, key: str) -> Scale:
        if key in BUILTIN_SCALES:
            return BUILTIN_SCALES[key]
        row = db.exec(select(CheckInScale).where(CheckInScale.key == key)).first()
        if row is None:
            raise NotFoundError(
                _("The check-in scale {key!r} is not available any more.").format(key=key)
            )
        return self._from_row(row)

    @staticmethod
    def _from_row(row: CheckInScale) -> Scale:
        return scale_from_json(row.key, row.name, row.options)

    @staticmethod
    def _scale_row(db: DbSession, key: str) -> CheckInScale:
        if key in BUILTIN_SCALES:
            raise ScaleError(_("The built-in scales can't be changed; make a scale of your own."))
        row = db.exec(select(CheckInScale).where(CheckInScale.key == key)).first()
        if row is None:
            raise NotFoundError(
                _("The check-in scale {key!r} is not available any more.").format(key=key)
            )
        return row

    @staticmethod
    def _refuse_if_used(db: DbSession, row: CheckInScale) -> None:
        used = int(
            db.exec(
                select(func.count())
                .select_from(CheckInRound)
                .where(CheckInRound.scale_key == row.key)
            ).one()
        )
        if used:
            refusal = ngettext(
                "{count} round has used “{name}”, so it is kept as it is for its results. "
                "Make a new scale instead.",
                "{count} rounds have used “{name}”, so it is kept as it is for their results. "
                "Make a new scale instead.",
                used,
            )
            raise ScaleError(refusal.format(count=used, name=row.name))

    def _session_shift(self, db: DbSession, session_id: int) -> SessionShiftReport:
        rounds = [RoundFacts.of(r) for r in self._rounds(db, session_id)]
        return self._shift_of(db, session_id, rounds, lambda round_id: self._tally(db, round_id))

    def shifts_for(self, session_ids: Select[tuple[int]]) -> dict[int, SessionShiftReport]:
        """The shift of every session the query selects, read in two queries (not one per
        session), under the same rules as `session_shift`; sessions without rounds left out."""
        with self._db.session() as db:
            moments = (RoundMoment.OPENING.value, RoundMoment.CLOSING.value)
            chosen = col(CheckInRound.session_id).in_(session_ids)
            # Plain rows from the connection, not through the ORM session: a year of an
            # organisation is ~100,000 count rows, and the ORM's per-row work doubled the read.
            plain = db.connection()
            rounds = plain.execute(
                select(*RoundFacts.columns())
                .where(chosen)
                .where(col(CheckInRound.moment).in_(moments))
                .order_by(col(CheckInRound.position), col(CheckInRound.id))
            )
            by_session: dict[int, list[RoundFacts]] = {}
            for row in rounds:
                facts = RoundFacts(*row)
                by_session.setdefault(facts.session_id or 0, []).append(facts)
            # One row per round, its counts joined into one string ("key\x1e3\x1fkey\x1e0"):
            # a fifth of the rows (and of the objects the collector walks) of one per count.
            pairs = func.aggregate_strings(
                col(CheckInCount.option_key) + _PAIR + cast(col(CheckInCount.count), String),
                _PAIRS,
            )
            counts = plain.execute(
                select(CheckInCount.round_id, pairs)
                .join(CheckInRound, col(CheckInRound.id) == col(CheckInCount.round_id))
                .where(chosen)
                .where(col(CheckInRound.moment).in_(moments))
                .group_by(col(CheckInCount.round_id))
            )
            tallies = {round_id: _tally_of(joined) for round_id, joined in counts}
            memo: dict[Hashable, Any] = {}
            return {
                session_id: self._shift_of(
                    db, session_id, found, lambda round_id: dict(tallies.get(round_id, {})), memo
                )
                for session_id, found in by_session.items()
            }

    def _shift_of(
        self,
        db: DbSession,
        session_id: int,
        rounds: Sequence[RoundFacts],
        tally: Callable[[int], dict[str, int]],
        memo: dict[Hashable, Any] | None = None,
    ) -> SessionShiftReport:
        openings = [r for r in rounds if r.moment == RoundMoment.OPENING]
        closings = [r for r in rounds if r.moment == RoundMoment.CLOSING]
        first = openings[0] if openings else None
        last = closings[-1] if closings else None
        if first is None or last is None:
            missing = NO_SHIFT["opening" if first is None else "closing"][0]
            return SessionShiftReport(session_id, None, ShiftResult(None, _(missing)))
        if first.scale_key != last.scale_key:
            reason = _("No shift: the opening and closing rounds used different scales.")
            return SessionShiftReport(session_id, None, ShiftResult(None, reason))
        scale = self._scale(db, first.scale_key)
        result = shift(
            scale,
            tally(first.id or 0),
            tally(last.id or 0),
            opening_min_responses=first.min_responses,
            closing_min_responses=last.min_responses,
            opening_closed=first.status == RoundStatus.CLOSED,
            closing_closed=last.status == RoundStatus.CLOSED,
            memo=memo,
        )
        return SessionShiftReport(session_id, scale, result)

    def _tally(self, db: DbSession, round_id: int) -> dict[str, int]:
        live = self._live.get(round_id)
        if live is not None:
            return dict(live.counts)
        return {row.option_key: row.count for row in self._count_rows(db, round_id)}

    def _cap_of(self, round_: CheckInRound) -> int:
        if round_.max_answers is not None:
            return round_.max_answers
        return self.default_cap(round_.session_id or 0) if round_.session_id else DEFAULT_CAP

    def _live_round_if_open(self, round_id: int) -> LiveRound | None:
        live = self._live.get(round_id)
        if live is not None:
            return live
        try:
            return self._live_round(round_id)
        except (NotFoundError, RoundClosedError):
            return None

    def _live_round(self, round_id: int) -> LiveRound:
        """The open round's answers in memory; refused when it is closed or gone.

        A round found open on disk with no answers in memory was open when the app last
        stopped: it starts again from its stored counts (zero; answers are never stored).
        """
        live = self._live.get(round_id)
        if live is not None:
            return live
        round_ = self.get_round(round_id)  # NotFoundError for a deleted round
        if round_.status != RoundStatus.OPEN:
            raise RoundClosedError(_("This check-in has closed; the answer was not counted."))
        with self._db.session() as db:
            stored = {row.option_key: row.count for row in self._count_rows(db, round_id)}
        scale = self.scale(round_.scale_key)
        live = LiveRound({o.key: stored.get(o.key, 0) for o in scale.options}, self._cap_of(round_))
        self._live[round_id] = live
        return live


def _safe(cells: Iterable[Any]) -> list[str]:
    """Text a spreadsheet will not run as a formula."""
    return [
        f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
        for text in (str(cell) for cell in cells)
    ]
