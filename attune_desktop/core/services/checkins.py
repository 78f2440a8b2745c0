"""Check-in rounds: anonymous counts per option, never a row per person.

What is stored for a round is its scale, its status and one count per option; an answer is one
`UPDATE … SET count = count + 1` and nothing else (no time, no device, no order). Every reading
that may reach the room (a chart, a print-out, an export) goes through `checkin_rules.reveal`.

Decisions kept here because they follow from the privacy promise:

- A closed round stays closed. Reopening a round whose results were shown, then closing it again
  after one late answer, would show the room exactly what that one person chose. To ask again,
  open a new round.
- A paper tally can only be typed into an open round, for the same reason.
- Closing a round folds SQLite's write-ahead log back into the database and truncates it, so the
  log no longer holds the successive versions of a count (which would give the order of answers).
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import bindparam, exists, func, update
from sqlalchemy.exc import OperationalError
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from attune_desktop.core import validation as v
from attune_desktop.core.checkin_rules import (
    MAX_COUNT,
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
from attune_desktop.core.errors import NotFoundError, StorageError, ValidationError
from attune_desktop.core.models import (
    CheckInCount,
    CheckInRound,
    CheckInScale,
    RoundMoment,
    RoundStatus,
    Session,
)
from attune_desktop.core.services import snapshots
from attune_desktop.core.services.base import ChangeKind, Service, require
from attune_desktop.core.services.snapshots import Snapshot

log = logging.getLogger(__name__)

ROUND: Final = "checkinround"
ANSWER: Final = "checkinanswer"  # an answer arrived; carries the round id and nothing else
SCALE: Final = "checkinscale"
MAX_MIN_RESPONSES: Final = 99
MOMENT_LABELS: Final[Mapping[str, str]] = {
    RoundMoment.OPENING: "Opening",
    RoundMoment.CLOSING: "Closing",
    RoundMoment.AFTER_PRACTICE: "After a practice",
    RoundMoment.NAMED: "Named",
}


# Built once: an answer is then only parameters bound into a cached statement.
_ADD_ONE: Final = (
    update(CheckInCount)
    .where(
        col(CheckInCount.round_id) == bindparam("the_round"),
        col(CheckInCount.option_key) == bindparam("the_option"),
        col(CheckInCount.count) < MAX_COUNT,
        exists().where(
            col(CheckInRound.id) == bindparam("the_round"),
            col(CheckInRound.status) == RoundStatus.OPEN.value,
        ),
    )
    .values(count=col(CheckInCount.count) + 1)
)
_SESSION_OF_ROUND: Final = select(CheckInRound.session_id).where(
    col(CheckInRound.id) == bindparam("the_round")
)


class RoundClosedError(RuleError):
    """An answer or a tally arrived for a round that is no longer open."""


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


def round_title(round_: CheckInRound) -> str:
    """How a round is called on the facilitator's screen and in exports."""
    moment = MOMENT_LABELS.get(round_.moment, round_.moment)
    if round_.name and round_.moment != RoundMoment.NAMED:
        return f"{moment}: {round_.name}"
    return round_.name or moment


class CheckInService(Service):
    """Every read and write of check-in rounds, their counts and the facilitator's scales."""

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

    def rounds(self, session_id: int) -> list[CheckInRound]:
        """A session's rounds in the order they were opened."""
        with self._db.session() as db:
            return self._rounds(db, session_id)

    def get_round(self, round_id: int) -> CheckInRound:
        with self._db.session() as db:
            return require(db.get(CheckInRound, round_id), "check-in round", round_id)

    def open_round(
        self,
        session_id: int,
        moment: str,
        scale_key: str,
        name: str = "",
        min_responses: int = 5,
    ) -> CheckInRound:
        """Open a round on a scale. A session has at most one open round at a time.

        Every option gets a count of 0 now, so an answer later is one UPDATE of one row.
        """
        moment = v.choice(moment, "moment", RoundMoment)
        name = v.clean_text(name, "name", max_len=120)
        if moment == RoundMoment.NAMED and not name:
            raise ValidationError("name", "Please give the round a name, such as “After lunch”.")
        minimum = v.whole_number(
            min_responses, "min_responses", low=1, high=MAX_MIN_RESPONSES, unit="answers"
        )
        validate_min_responses(minimum)  # refuses below the floor; warnings are the form's job
        with self._db.session() as db:
            require(db.get(Session, session_id), "session", session_id)
            scale = self._scale(db, scale_key)
            rounds = self._rounds(db, session_id)
            still_open = [r for r in rounds if r.status == RoundStatus.OPEN]
            if still_open:
                raise ValidationError(
                    "status",
                    f"The “{round_title(still_open[0])}” round is still open; "
                    "close it before opening another.",
                )
            round_ = CheckInRound(
                session_id=session_id,
                moment=moment,
                name=name,
                scale_key=scale.key,
                status=RoundStatus.OPEN.value,
                min_responses=minimum,
                position=max((r.position for r in rounds), default=-1) + 1,
            )
            db.add(round_)
            db.flush()
            assert round_.id is not None
            for option in scale.options:
                db.add(CheckInCount(round_id=round_.id, option_key=option.key, count=0))
        self._announce(ROUND, ChangeKind.CREATED, (round_.id,), session_id)
        return round_

    def record_answer(self, round_id: int, option_key: str) -> None:
        """One person's answer: one UPDATE adds one to one count, and nothing else is written.

        Refused (and nothing changes) when the round is not open or the option is not on it.
        It runs on a bare connection, not an ORM session: forty phones answer at once, and
        each answer then costs a small fraction of a millisecond.
        """
        try:
            with self._db.engine.begin() as conn:
                params = {"the_round": round_id, "the_option": option_key}
                changed = conn.execute(_ADD_ONE, params).rowcount
                session_id = conn.execute(_SESSION_OF_ROUND, params).scalar()
        except OperationalError as exc:
            raise StorageError(
                "The answer could not be saved (the database is busy or read-only); "
                "it was not counted."
            ) from exc
        if changed != 1:
            raise self._why_refused(round_id, option_key)
        self._announce(ANSWER, ChangeKind.UPDATED, (round_id,), session_id)

    def _why_refused(self, round_id: int, option_key: str) -> Exception:
        round_ = self.get_round(round_id)  # raises NotFoundError for a deleted round
        if round_.status != RoundStatus.OPEN:
            return RoundClosedError("This check-in has closed; the answer was not counted.")
        if not isinstance(option_key, str) or len(option_key) > 80:
            return RuleError("That answer is not an option of this round.")
        counts = self.counts_of(round_id)
        if option_key in counts:
            return RuleError(f"No more than {MAX_COUNT} answers can be counted for one option.")
        return RuleError("That answer is not an option of this round.", option_key=None)

    def set_tally(self, round_id: int, counts: Mapping[str, int], *, add: bool = False) -> None:
        """Counts typed in from paper (cards held up, tokens in a jar), all or nothing.

        `add=True` adds them to answers already given by kiosk or phone; otherwise the round's
        counts become exactly these. Options left out count 0.
        """
        with self._db.session() as db:
            round_ = require(db.get(CheckInRound, round_id), "check-in round", round_id)
            if round_.status != RoundStatus.OPEN:
                raise RoundClosedError(
                    "This round is closed, so its counts can no longer change. "
                    "Open a new round to ask again."
                )
            scale = self._scale(db, round_.scale_key)
            tally = validate_counts(scale, counts)
            rows = {row.option_key: row for row in self._count_rows(db, round_id)}
            for option in scale.options:
                before = rows[option.key].count if add and option.key in rows else 0
                if before + tally[option.key] > MAX_COUNT:
                    raise RuleError(
                        f"With these added, “{option.label()}” would pass {MAX_COUNT}.",
                        option_key=option.key,
                    )
            for option in scale.options:
                row = rows.get(option.key) or CheckInCount(round_id=round_id, option_key=option.key)
                row.count = (row.count if add and option.key in rows else 0) + tally[option.key]
                db.add(row)
            session_id = round_.session_id
        self._announce(ROUND, ChangeKind.UPDATED, (round_id,), session_id)

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
            round_ = require(db.get(CheckInRound, round_id), "check-in round", round_id)
            if round_.status != RoundStatus.OPEN:
                raise RoundClosedError(
                    "The minimum can only change while the round is open, so that trying "
                    "minimums can't tell how many answered."
                )
            round_.min_responses = minimum
            db.add(round_)
            session_id = round_.session_id
        self._announce(ROUND, ChangeKind.UPDATED, (round_id,), session_id)
        return warnings

    def close_round(self, round_id: int) -> RevealResult:
        """Close a round for good and return what the room may now see of it."""
        with self._db.session() as db:
            round_ = require(db.get(CheckInRound, round_id), "check-in round", round_id)
            round_.status = RoundStatus.CLOSED.value
            db.add(round_)
            session_id = round_.session_id
        self._forget_order()
        self._announce(ROUND, ChangeKind.UPDATED, (round_id,), session_id)
        return self.results(round_id)

    def answered(self, round_id: int) -> int:
        """How many answered so far: for the facilitator's own screen, never the room's."""
        with self._db.session() as db:
            query = select(func.coalesce(func.sum(CheckInCount.count), 0)).where(
                CheckInCount.round_id == round_id
            )
            return int(db.exec(query).one())

    def counts_of(self, round_id: int) -> dict[str, int]:
        """Raw counts, for rules and tests only: a view shows `results()`, never these."""
        with self._db.session() as db:
            return {row.option_key: row.count for row in self._count_rows(db, round_id)}

    def delete_round(self, round_id: int) -> Snapshot:
        """Delete a round with its counts; the snapshot (kept in memory) lets undo put it back."""
        with self._db.session() as db:
            round_ = require(db.get(CheckInRound, round_id), "check-in round", round_id)
            snap = snapshots.take([round_, *self._count_rows(db, round_id)])
            session_id = round_.session_id
            db.delete(round_)
        self._announce(ROUND, ChangeKind.DELETED, (round_id,), session_id)
        return snap

    def restore_round(self, snap: Snapshot) -> CheckInRound:
        with self._db.session() as db:
            snapshots.put_back(db, snap)
            round_ = require(db.get(CheckInRound, snap.root_id), "check-in round", snap.root_id)
        self._announce(ROUND, ChangeKind.CREATED, (snap.root_id,), round_.session_id)
        return round_

    # --- what may be shown -----------------------------------------------------------------

    def results(self, round_id: int) -> RevealResult:
        """What the room may see of a round: nothing while open or with too few answers."""
        with self._db.session() as db:
            round_ = require(db.get(CheckInRound, round_id), "check-in round", round_id)
            scale = self._scale(db, round_.scale_key)
            counts = {row.option_key: row.count for row in self._count_rows(db, round_id)}
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
                label = f"Week {session.week}" if session.week else session.title
                if session.date is not None:
                    label = f"{label} · {session.date:%d %b}"
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
                    counts = {r.option_key: r.count for r in self._count_rows(db, round_.id or 0)}
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
        """A scale of the facilitator's own: 2–8 options, each a label and a picture."""
        with self._db.session() as db:
            next_id = (db.exec(select(func.max(CheckInScale.id))).one() or 0) + 1
            scale = make_custom_scale(f"custom-{next_id}", name, options, question=question)
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
            row = require(db.get(CheckInScale, snap.root_id), "check-in scale", snap.root_id)
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
        return list(db.exec(select(CheckInCount).where(CheckInCount.round_id == round_id)))

    def _scale(self, db: DbSession, key: str) -> Scale:
        if key in BUILTIN_SCALES:
            return BUILTIN_SCALES[key]
        row = db.exec(select(CheckInScale).where(CheckInScale.key == key)).first()
        if row is None:
            raise NotFoundError(f"The check-in scale {key!r} is not available any more.")
        return self._from_row(row)

    @staticmethod
    def _from_row(row: CheckInScale) -> Scale:
        return scale_from_json(row.key, row.name, row.options)

    @staticmethod
    def _scale_row(db: DbSession, key: str) -> CheckInScale:
        if key in BUILTIN_SCALES:
            raise ScaleError("The built-in scales can't be changed; make a scale of your own.")
        row = db.exec(select(CheckInScale).where(CheckInScale.key == key)).first()
        if row is None:
            raise NotFoundError(f"The check-in scale {key!r} is not available any more.")
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
            rounds = "round has" if used == 1 else "rounds have"
            raise ScaleError(
                f"{used} {rounds} used “{row.name}”, so it is kept as it is for their "
                "results. Make a new scale instead."
            )

    def _session_shift(self, db: DbSession, session_id: int) -> SessionShiftReport:
        rounds = self._rounds(db, session_id)
        openings = [r for r in rounds if r.moment == RoundMoment.OPENING]
        closings = [r for r in rounds if r.moment == RoundMoment.CLOSING]
        first = openings[0] if openings else None
        last = closings[-1] if closings else None
        if first is None or last is None:
            missing = "opening" if first is None else "closing"
            return SessionShiftReport(
                session_id, None, ShiftResult(None, f"No shift: there was no {missing} round.")
            )
        if first.scale_key != last.scale_key:
            reason = "No shift: the opening and closing rounds used different scales."
            return SessionShiftReport(session_id, None, ShiftResult(None, reason))
        scale = self._scale(db, first.scale_key)
        result = shift(
            scale,
            self._tally(db, first.id or 0),
            self._tally(db, last.id or 0),
            opening_min_responses=first.min_responses,
            closing_min_responses=last.min_responses,
            opening_closed=first.status == RoundStatus.CLOSED,
            closing_closed=last.status == RoundStatus.CLOSED,
        )
        return SessionShiftReport(session_id, scale, result)

    def _tally(self, db: DbSession, round_id: int) -> dict[str, int]:
        return {row.option_key: row.count for row in self._count_rows(db, round_id)}

    def _forget_order(self) -> None:
        """Truncate SQLite's write-ahead log, which holds each successive version of a count."""
        try:
            with self._db.engine.connect() as conn:
                busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
        except Exception:  # an in-memory database has no log; a busy one is retried next close
            return
        if busy is not None and busy[0]:
            log.warning("the write-ahead log could not be truncated yet; it will be next time")


def _safe(cells: Iterable[Any]) -> list[str]:
    """Text a spreadsheet will not run as a formula."""
    return [
        f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
        for text in (str(cell) for cell in cells)
    ]
