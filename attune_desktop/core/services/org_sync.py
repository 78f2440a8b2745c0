"""Sync with the organisation's PostgreSQL database: publish what this laptop owns, receive
the organisation's curriculum templates and practice library. Qt-free.

Published (by uid, so a retry updates and never doubles): each series that is not a template,
its sessions as planned and as run (dates, times, status, attendance), their segments (an
agenda item's kind, title, minutes and times; the script only where `share_script` is set),
and the counts of check-in rounds that closed and met the reveal rules. Never published:
preparation notes, follow-up notes, segment scripts not marked shared, materials, families,
routines, run snapshots.

One series is one batch: one PostgreSQL transaction, then the laptop's note of what was sent
(`OrgSyncState`). A sync killed between the two re-sends that series next time, which the
upsert makes harmless. An unchanged series is not sent again, so days offline catch up in
one go. Templates and practices carry the organisation's `version`; an organiser's edit based
on an old version is refused with a sentence, and a received copy edited on this laptop is
never overwritten.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from attune_desktop.core import models
from attune_desktop.core.checkin_rules import reveal
from attune_desktop.core.checkin_scales import get_scale, scale_from_json
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _, ngettext
from attune_desktop.core.models import (
    CheckInCount,
    CheckInRound,
    CheckInScale,
    OrgSyncState,
    Practice,
    RoundStatus,
    Segment,
    Series,
    Session,
)
from attune_desktop.core.org.connect import OrgError, describe
from attune_desktop.core.org.pull import KIND as PULLED_KIND
from attune_desktop.core.org.pull import pull_circles
from attune_desktop.core.org.schema import ORGANISER_GROUP
from attune_desktop.core.storage.database import Database

SERIES_COLUMNS: Final = (
    "uid", "title", "venue", "facilitators", "weekday", "start_time", "first_date", "weeks",
    "skip_dates", "time_zone", "session_minutes", "site", "curriculum", "updated_at",
)  # fmt: skip
SESSION_COLUMNS: Final = (
    "uid", "series_uid", "week", "title", "date", "start_time", "venue", "target_minutes",
    "status", "attendance", "actual_start", "actual_end", "cancel_reason", "updated_at",
)  # fmt: skip
SEGMENT_COLUMNS: Final = (
    "uid", "session_uid", "position", "kind", "title", "planned_minutes", "fixed",
    "practice_uid", "actual_start", "actual_end", "script",
)  # fmt: skip
ROUND_COLUMNS: Final = (
    "uid", "session_uid", "moment", "name", "scale_key", "min_responses", "position",
)  # fmt: skip
# Older versions kept a removed copy still in use, read-only, with this version; the next sync
# makes it the laptop's own.
GONE_VERSION: Final = -1
COUNT_COLUMNS: Final = ("round_uid", "option_key", "count")
# Facts about how a session ran (`SessionFidelity`, from the fidelity work: published when the
# model exists). Labels the report groups by (`site`, `curriculum`, `cancel_reason`) are read
# with "" when this version's models do not have them yet.
FIDELITY_COLUMNS: Final = (
    "segments_planned", "segments_delivered", "practices_planned", "practices_delivered",
    "start_offset_minutes", "end_offset_minutes", "agenda_shared", "home_practice_reviewed",
    "every_parent_had_a_turn",
)  # fmt: skip
PRACTICE_FIELDS: Final = (
    "name", "kind", "default_minutes", "summary", "script", "pacing", "cues", "care_notes",
    "phase_words", "counting", "breath_tones",
)  # fmt: skip

Progress = Callable[["SyncProgress"], None]


@dataclass(frozen=True)
class SyncProgress:
    done: int
    total: int
    what: str


@dataclass
class SyncReport:
    sent: int = 0
    unchanged: int = 0
    removed: int = 0
    published: int = 0
    received: int = 0
    pulled: int = 0
    dropped: int = 0
    conflicts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # said, but nothing went wrong
    cancelled: bool = False

    def summary(self) -> str:
        counted = (
            (self.sent, ngettext("{count} series sent", "{count} series sent", self.sent)),
            (self.unchanged, ngettext("{count} unchanged", "{count} unchanged", self.unchanged)),
            (self.removed, ngettext("{count} removed", "{count} removed", self.removed)),
            (
                self.published,
                ngettext(
                    "{count} shared template or practice published",
                    "{count} shared templates or practices published",
                    self.published,
                ),
            ),
            (
                self.received,
                ngettext(
                    "{count} shared template or practice received",
                    "{count} shared templates or practices received",
                    self.received,
                ),
            ),
            (
                self.pulled,
                ngettext(
                    "{count} circle of another laptop brought up to date",
                    "{count} circles of other laptops brought up to date",
                    self.pulled,
                ),
            ),
            (
                self.dropped,
                ngettext(
                    "{count} shared template or practice the organisation removed, removed here",
                    "{count} shared templates or practices the organisation removed, removed here",
                    self.dropped,
                ),
            ),
        )
        # the series sent are always said, the rest only when there are some
        parts = [words.format(count=n) for i, (n, words) in enumerate(counted) if n or i == 0]
        items = ", ".join(parts)
        said = (
            _("Sync cancelled; what was sent is kept: {items}.")
            if self.cancelled
            else _("Synced: {items}.")
        ).format(items=items)
        return "\n".join([said, *self.conflicts, *self.notes])


def kind_word(kind: str) -> str:
    """'template' or 'practice' as the facilitator's language says it."""
    return _("template") if kind == "template" else _("practice")


class SyncCancelled(AttuneError):
    pass


def _fingerprint(value: Any) -> str:
    body = json.dumps(value, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)


def _upsert(table: str, columns: Sequence[str], key: str) -> Any:
    names = ", ".join(columns)
    values = ", ".join(f":{c}" for c in columns)
    keys = {k.strip() for k in key.split(",")}
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in keys)  # not-ui-text
    return text(
        f"INSERT INTO org.{table} ({names}) VALUES ({values}) "
        f"ON CONFLICT ({key}) DO UPDATE SET {updates}"
    )


@dataclass
class SeriesBatch:
    """Everything one series publishes, as rows for the organisation's tables."""

    series: dict[str, Any]
    sessions: list[dict[str, Any]]
    segments: list[dict[str, Any]]
    rounds: list[dict[str, Any]]
    counts: list[dict[str, Any]]
    fidelity: list[dict[str, Any]]

    def fingerprint(self) -> str:
        parts = [self.series, self.sessions, self.segments, self.rounds, self.counts]
        return _fingerprint([*parts, self.fidelity])


class LocalReader:
    """Reads the laptop's home into publishable rows; nothing private is ever read out."""

    def __init__(self, db: DbSession) -> None:
        self.db = db
        self._practice_uids = {p.id: p.uid for p in db.exec(select(Practice))}
        custom = {
            s.key: scale_from_json(s.key, s.name, s.options) for s in db.exec(select(CheckInScale))
        }
        self._custom = custom

    def own_series(self) -> list[Series]:
        """The series this laptop runs: not templates, not circles pulled from other laptops."""
        pulled = select(OrgSyncState.uid).where(
            OrgSyncState.kind == PULLED_KIND, col(OrgSyncState.received)
        )
        query = (
            select(Series)
            .where(col(Series.is_template).is_(False))
            .where(col(Series.uid).not_in(pulled))
            .order_by(col(Series.id))
        )
        return list(self.db.exec(query))

    def batch(self, series: Series) -> SeriesBatch:
        row = {c: getattr(series, c, "") for c in SERIES_COLUMNS}
        row["updated_at"] = _utc(series.updated_at)
        sessions = list(
            self.db.exec(
                select(Session).where(Session.series_id == series.id).order_by(col(Session.id))
            )
        )
        by_id = {s.id: s for s in sessions}
        session_rows = [self._session_row(s, series.uid) for s in sessions]
        segments: Iterable[Segment] = (
            self.db.exec(
                select(Segment)
                .where(col(Segment.session_id).in_(list(by_id)))
                .order_by(col(Segment.session_id), col(Segment.position), col(Segment.id))
            )
            if by_id
            else []
        )
        segment_rows = [self._segment_row(g, by_id[g.session_id].uid) for g in segments]
        rounds, counts = self._rounds(by_id)
        fidelity = self._fidelity(by_id)
        return SeriesBatch(row, session_rows, segment_rows, rounds, counts, fidelity)

    def _fidelity(self, sessions: Mapping[int | None, Session]) -> list[dict[str, Any]]:
        model = getattr(models, "SessionFidelity", None)
        if model is None or not sessions:
            return []
        query = select(model).where(col(model.session_id).in_(list(sessions)))
        return [
            {c: getattr(f, c) for c in FIDELITY_COLUMNS}
            | {"session_uid": sessions[f.session_id].uid}
            for f in self.db.exec(query)
        ]

    @staticmethod
    def _session_row(s: Session, series_uid: str) -> dict[str, Any]:
        row: dict[str, Any] = {c: getattr(s, c, "") for c in SESSION_COLUMNS}
        row["series_uid"] = series_uid
        for name in ("actual_start", "actual_end", "updated_at"):
            row[name] = _utc(getattr(s, name))
        return row

    def _segment_row(self, g: Segment, session_uid: str) -> dict[str, Any]:
        return {
            "uid": g.uid,
            "session_uid": session_uid,
            "position": g.position,
            "kind": g.kind,
            "title": g.title,
            "planned_minutes": g.planned_minutes,
            "fixed": g.fixed,
            "practice_uid": self._practice_uids.get(g.practice_id),
            "actual_start": _utc(g.actual_start),
            "actual_end": _utc(g.actual_end),
            "script": g.notes if g.share_script else None,
        }

    def _rounds(
        self, sessions: Mapping[int | None, Session]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        if not sessions:
            return [], []
        query = (
            select(CheckInRound)
            .where(col(CheckInRound.session_id).in_(list(sessions)))
            .where(CheckInRound.status == RoundStatus.CLOSED.value)
            .order_by(col(CheckInRound.id))
        )
        rounds = list(self.db.exec(query))
        ids = [r.id for r in rounds]
        tallies: dict[int, dict[str, int]] = {}
        if ids:
            for c in self.db.exec(select(CheckInCount).where(col(CheckInCount.round_id).in_(ids))):
                tallies.setdefault(c.round_id, {})[c.option_key] = c.count
        round_rows: list[dict[str, Any]] = []
        count_rows: list[dict[str, Any]] = []
        for r in rounds:
            tally = tallies.get(r.id or 0, {})
            if not self._met_reveal_rules(r, tally):
                continue
            session = sessions[r.session_id]
            round_rows.append(
                {c: getattr(r, c) for c in ROUND_COLUMNS if c != "session_uid"}
                | {"session_uid": session.uid}
            )
            count_rows += [
                {"round_uid": r.uid, "option_key": k, "count": v} for k, v in sorted(tally.items())
            ]
        return round_rows, count_rows

    def _met_reveal_rules(self, r: CheckInRound, tally: Mapping[str, int]) -> bool:
        try:
            scale = get_scale(r.scale_key, self._custom)
            return reveal(scale, tally, True, r.min_responses).revealed
        except (AttuneError, KeyError, ValueError):
            return False  # a round the rules cannot read is not published

    # --- the shared library (templates and practices) --------------------------------------

    def templates(self) -> list[Series]:
        query = select(Series).where(col(Series.is_template).is_(True)).order_by(col(Series.id))
        return list(self.db.exec(query))

    def template_body(self, template: Series) -> dict[str, Any]:
        sessions = list(
            self.db.exec(
                select(Session).where(Session.series_id == template.id).order_by(col(Session.id))
            )
        )
        body_sessions = []
        for s in sessions:
            segments = self.db.exec(
                select(Segment)
                .where(Segment.session_id == s.id)
                .order_by(col(Segment.position), col(Segment.id))
            )
            body_sessions.append(
                {
                    "uid": s.uid,
                    "week": s.week,
                    "title": s.title,
                    "target_minutes": s.target_minutes,
                    "segments": [
                        {
                            "uid": g.uid,
                            "kind": g.kind,
                            "title": g.title,
                            "planned_minutes": g.planned_minutes,
                            "fixed": g.fixed,
                            "materials": g.materials,
                            "practice_uid": self._practice_uids.get(g.practice_id),
                            "script": g.notes if g.share_script else "",
                        }
                        for g in segments
                    ],
                }
            )
        return {
            "title": template.title,
            "weeks": template.weeks,
            "weekday": template.weekday,
            "start_time": template.start_time.isoformat(),
            "first_date": template.first_date.isoformat(),
            "session_minutes": template.session_minutes,
            "sessions": body_sessions,
        }

    def practices(self) -> list[Practice]:
        return list(self.db.exec(select(Practice).order_by(col(Practice.id))))

    @staticmethod
    def practice_body(p: Practice) -> dict[str, Any]:
        return {name: getattr(p, name) for name in PRACTICE_FIELDS}


class LocalWriter:
    """Puts a received template or practice into the home as a read-only copy."""

    def __init__(self, db: DbSession) -> None:
        self.db = db

    def practice(self, uid: str, body: Mapping[str, Any]) -> None:
        row = self.db.exec(select(Practice).where(Practice.uid == uid)).first()
        if row is None:
            row = Practice(uid=uid, name=str(body["name"]))
        for name in PRACTICE_FIELDS:
            if name in body:
                setattr(row, name, body[name])
        self.db.add(row)
        self.db.flush()

    def template(self, uid: str, body: Mapping[str, Any]) -> None:
        series = self.db.exec(select(Series).where(Series.uid == uid)).first()
        if series is None:
            series = Series(
                uid=uid,
                title=str(body["title"]),
                first_date=dt.date.fromisoformat(body["first_date"]),
                is_template=True,
            )
        series.title = str(body["title"])
        series.weeks = int(body["weeks"])
        series.weekday = int(body["weekday"])
        series.start_time = dt.time.fromisoformat(body["start_time"])
        series.session_minutes = int(body["session_minutes"])
        series.updated_at = dt.datetime.now(dt.UTC)
        self.db.add(series)
        self.db.flush()
        practices = {p.uid: p.id for p in self.db.exec(select(Practice))}
        keep = {s["uid"] for s in body["sessions"]}
        for old in self.db.exec(select(Session).where(Session.series_id == series.id)):
            if old.uid not in keep:
                self.db.delete(old)
        for item in body["sessions"]:
            self._template_session(series, item, practices)

    def drop(self, uid: str, kind: str) -> str | None:
        """Delete a received copy; None when gone, else its name (kept: own sessions use it)."""
        if kind == "practice":
            practice = self.db.exec(select(Practice).where(Practice.uid == uid)).first()
            if practice is None:
                return None
            used = self.db.exec(
                select(Segment.id)
                .join(Session, col(Session.id) == col(Segment.session_id))
                .where(Segment.practice_id == practice.id, col(Session.is_template).is_(False))
            ).first()
            if used is not None:
                return practice.name
            self.db.delete(practice)
        else:
            series = self.db.exec(select(Series).where(Series.uid == uid)).first()
            if series is not None:  # a term planned from it is a copy: nothing links back
                self.db.delete(series)
        self.db.flush()
        return None

    def own_fingerprint(self, uid: str) -> str:
        """The fingerprint of a practice as it is now here (what `_library` compares)."""
        practice = self.db.exec(select(Practice).where(Practice.uid == uid)).one()
        return _fingerprint(LocalReader.practice_body(practice))

    def _template_session(
        self, series: Series, item: Mapping[str, Any], practices: Mapping[str, int | None]
    ) -> None:
        session = self.db.exec(select(Session).where(Session.uid == item["uid"])).first()
        if session is None:
            session = Session(uid=item["uid"], title=item["title"], is_template=True)
        session.series_id = series.id
        session.week = item["week"]
        session.title = item["title"]
        session.target_minutes = item["target_minutes"]
        self.db.add(session)
        self.db.flush()
        for old in self.db.exec(select(Segment).where(Segment.session_id == session.id)):
            self.db.delete(old)
        self.db.flush()
        for position, g in enumerate(item["segments"]):
            self.db.add(
                Segment(
                    uid=g["uid"],
                    session_id=session.id or 0,
                    position=position,
                    kind=g["kind"],
                    title=g["title"],
                    planned_minutes=g["planned_minutes"],
                    fixed=g["fixed"],
                    materials=g.get("materials", ""),
                    notes=g.get("script", ""),
                    share_script=bool(g.get("script")),
                    practice_id=practices.get(g.get("practice_uid") or ""),
                )
            )
        self.db.flush()


class OrgSync:
    """One laptop's sync with its organisation, over an engine opened with its own role."""

    def __init__(self, db: Database, engine: Engine) -> None:
        self.db = db
        self.engine = engine
        self.where = make_url(str(engine.url))

    def run(
        self, progress: Progress | None = None, cancelled: Callable[[], bool] | None = None
    ) -> SyncReport:
        report = SyncReport()
        try:
            self._run(report, progress or (lambda _p: None), cancelled or (lambda: False))
        except SyncCancelled:
            report.cancelled = True
        except DBAPIError as exc:
            raise OrgError(describe(exc, self.where)) from exc
        return report

    def _run(self, report: SyncReport, progress: Progress, cancelled: Callable[[], bool]) -> None:
        with self.engine.connect() as conn:
            organiser = bool(
                conn.execute(
                    text("SELECT pg_has_role(current_user, :g, 'member')"), {"g": ORGANISER_GROUP}
                ).scalar()
            )
        states = self._states()
        with self.db.session() as local:
            reader = LocalReader(local)
            owned = reader.own_series()
            batches = [(s, reader.batch(s)) for s in owned]
        todo = [(s, b) for s, b in batches if states.get(s.uid, (None,))[0] != b.fingerprint()]
        report.unchanged = len(batches) - len(todo)
        total = len(todo) + 2
        for done, (series, batch) in enumerate(todo):
            if cancelled():
                raise SyncCancelled
            progress(SyncProgress(done, total, series.title))
            self._send(batch)
            self._remember([(series.uid, "series", batch.fingerprint(), 0, False)])
            report.sent += 1
        if cancelled():
            raise SyncCancelled
        progress(SyncProgress(len(todo), total, _("removed series")))
        report.removed = self._remove_gone({s.uid for s in owned}, set(states))
        progress(SyncProgress(len(todo) + 1, total, _("shared library")))
        self._library(report, states, organiser=organiser)
        if organiser:  # every laptop's circles, for the organisation report
            with self.engine.connect() as conn, self.db.session() as local:
                report.pulled = pull_circles(conn, local)
        with self.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO org.laptop (name, last_sync) VALUES (current_user, now()) "
                    "ON CONFLICT (name) DO UPDATE SET last_sync = now()"
                )
            )
        progress(SyncProgress(total, total, "done"))

    # --- laptop-owned rows ---------------------------------------------------------------

    def _send(self, batch: SeriesBatch) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                text(_upsert("series", SERIES_COLUMNS, "uid").text + ", published_at = now()"),
                [batch.series],
            )
            suid = batch.series["uid"]
            session_uids = [s["uid"] for s in batch.sessions]
            conn.execute(
                text("DELETE FROM org.session WHERE series_uid = :s AND uid <> ALL(:keep)"),
                {"s": suid, "keep": session_uids},
            )
            if batch.sessions:
                conn.execute(_upsert("session", SESSION_COLUMNS, "uid"), batch.sessions)
            self._children(conn, session_uids, "segment", SEGMENT_COLUMNS, batch.segments)
            self._children(conn, session_uids, "checkin_round", ROUND_COLUMNS, batch.rounds)
            round_uids = [r["uid"] for r in batch.rounds]
            if round_uids:
                conn.execute(
                    text("DELETE FROM org.checkin_count WHERE round_uid = ANY(:r)"),
                    {"r": round_uids},
                )
            if batch.counts:
                conn.execute(
                    _upsert("checkin_count", COUNT_COLUMNS, "round_uid, option_key"),  # not-ui-text
                    batch.counts,
                )
            conn.execute(
                text("DELETE FROM org.session_fidelity WHERE session_uid = ANY(:s)"),
                {"s": session_uids},
            )
            if batch.fidelity:
                columns = ("session_uid", *FIDELITY_COLUMNS)
                conn.execute(_upsert("session_fidelity", columns, "session_uid"), batch.fidelity)

    @staticmethod
    def _children(
        conn: Connection,
        session_uids: list[str],
        table: str,
        columns: Sequence[str],
        rows: list[dict[str, Any]],
    ) -> None:
        conn.execute(
            text(f"DELETE FROM org.{table} WHERE session_uid = ANY(:s) AND uid <> ALL(:keep)"),
            {"s": session_uids, "keep": [r["uid"] for r in rows]},
        )
        if rows:
            conn.execute(_upsert(table, columns, "uid"), rows)

    def _remove_gone(self, local_uids: set[str], sent_from_here: set[str]) -> int:
        """Remove what this home published and has since deleted; never rows it did not
        send (a laptop joining again from a new, empty home leaves its old terms alone)."""
        with self.engine.begin() as conn:
            theirs = conn.execute(
                text("SELECT uid FROM org.series WHERE owner = current_user")
            ).scalars()
            gone = [u for u in theirs if u not in local_uids and u in sent_from_here]
            if gone:
                conn.execute(text("DELETE FROM org.series WHERE uid = ANY(:g)"), {"g": gone})
        if gone:
            with self.db.session() as local:
                for uid in gone:
                    state = local.get(OrgSyncState, uid)
                    if state is not None:
                        local.delete(state)
        return len(gone)

    # --- the shared library ---------------------------------------------------------------

    def _library(
        self, report: SyncReport, states: Mapping[str, tuple[str, int, bool]], *, organiser: bool
    ) -> None:
        with self.db.session() as local:
            reader = LocalReader(local)
            mine = {
                t.uid: ("template", t.title, reader.template_body(t))
                for t in reader.templates()
                if not t.slug  # the starter templates every laptop already has
            }
            mine |= {
                p.uid: ("practice", p.name, reader.practice_body(p))
                for p in reader.practices()
                if not p.builtin
            }
        edited = {
            uid
            for uid, (_kind, _title, body) in mine.items()
            if states.get(uid, ("", 0, False))[0] != _fingerprint(body)
        }
        refused: set[str] = set()
        if organiser:
            for uid in sorted(edited):
                kind, title, body = mine[uid]
                problem = self._publish(uid, kind, title, body, states.get(uid))
                if problem:
                    report.conflicts.append(problem)
                    refused.add(uid)
                else:
                    report.published += 1
        self._receive(report, mine, edited, refused)
        self._drop_gone_library(report)

    def _drop_gone_library(self, report: SyncReport) -> None:
        """Remove received copies the organisation's library no longer has; one the laptop's
        own sessions use becomes the laptop's own copy (editable, said once)."""
        with self.engine.connect() as conn:
            in_org = {
                str(uid)
                for table in ("practice", "template")
                for (uid,) in conn.execute(text(f"SELECT uid FROM org.{table}"))
            }
        with self.db.session() as local:
            states = local.exec(select(OrgSyncState).where(col(OrgSyncState.received)))
            for state in list(states):
                if state.uid in in_org and state.version != GONE_VERSION:
                    continue
                writer = LocalWriter(local)
                kept = writer.drop(state.uid, state.kind)
                if kept is None:
                    local.delete(state)
                    report.dropped += 1
                    continue
                # The laptop's own from now on: not received, based on no version, and its
                # content as agreed (an organiser publishes it again only once edited).
                state.received, state.version = False, 0
                state.fingerprint = writer.own_fingerprint(state.uid)
                local.add(state)
                report.notes.append(
                    _(
                        "Now your own: the {kind} “{kept}” is no longer in the organisation's "
                        "library, but your own sessions use it, so it stays here as your own "
                        "copy to change."
                    ).format(kind=kind_word(state.kind), kept=kept)
                )

    def _publish(
        self,
        uid: str,
        kind: str,
        title: str,
        body: Mapping[str, Any],
        state: tuple[str, int, bool] | None,
    ) -> str | None:
        table = "template" if kind == "template" else "practice"
        name_col = "title" if kind == "template" else "name"
        payload = json.dumps(body, sort_keys=True)
        with self.engine.begin() as conn:
            if state is None or state[1] == 0:
                new_version = conn.execute(
                    text(
                        f"INSERT INTO org.{table} (uid, {name_col}, body) "
                        "VALUES (:u, :t, :b) ON CONFLICT (uid) DO NOTHING RETURNING version"
                    ),
                    {"u": uid, "t": title, "b": payload},
                ).scalar()
            else:
                new_version = conn.execute(
                    text(
                        f"UPDATE org.{table} SET {name_col} = :t, body = :b, "
                        "version = version + 1, updated_at = now(), updated_by = current_user "
                        "WHERE uid = :u AND version = :v RETURNING version"
                    ),
                    {"u": uid, "t": title, "b": payload, "v": state[1]},
                ).scalar()
            if new_version is None:
                who = conn.execute(
                    text(f"SELECT updated_by, updated_at, version FROM org.{table} WHERE uid = :u"),
                    {"u": uid},
                ).first()
        if new_version is None:
            by, when = (who[0], f"{who[1]:%Y-%m-%d %H:%M}") if who else ("someone", "meanwhile")
            return _(
                "Not sent: the {kind} “{title}” was changed in the organisation by "
                "{by} ({when} UTC) since this laptop last synced, so your edit would "
                "overwrite theirs. Your copy was kept as it is; copy your changes "
                "aside, then discard them to receive the organisation's version."
            ).format(kind=kind_word(kind), title=title, by=by, when=when)
        self._remember([(uid, kind, _fingerprint(body), int(new_version), False)])
        return None

    def _receive(
        self,
        report: SyncReport,
        mine: Mapping[str, tuple[str, str, Any]],
        edited_here: set[str],
        refused: set[str],
    ) -> None:
        """Take every newer version, except over a copy edited here (said once, kept)."""
        fresh_states = self._states()
        wanted: list[tuple[str, str, int]] = []
        with self.engine.connect() as conn:
            for table in ("practice", "template"):  # practices first: templates link to them
                for uid, version in conn.execute(text(f"SELECT uid, version FROM org.{table}")):
                    known = fresh_states.get(uid, ("", 0, False))[1]
                    if version > known:
                        wanted.append((table, uid, int(version)))
            bodies = {
                uid: json.loads(
                    conn.execute(
                        text(f"SELECT body FROM org.{table} WHERE uid = :u"),
                        {"u": uid},
                    ).scalar_one()
                )
                for table, uid, _v in wanted
            }
        for table, uid, version in wanted:
            body = bodies[uid]
            if uid in refused:
                continue  # already said why, when its edit was not sent
            if uid in edited_here and uid in mine:
                report.conflicts.append(
                    _(
                        "Not received: the organisation changed the {table} “{mine}”, and your "
                        "copy here was edited too. Your copy was kept; copy your changes aside "
                        "and delete it to receive the organisation's version."
                    ).format(table=kind_word(table), mine=mine[uid][1])
                )
                continue
            with self.db.session() as local:
                writer = LocalWriter(local)
                if table == "practice":
                    writer.practice(uid, body)
                    fp = _fingerprint(body)
                else:
                    writer.template(uid, body)
                    row = local.exec(select(Series).where(Series.uid == uid)).one()
                    fp = _fingerprint(LocalReader(local).template_body(row))
                state = local.get(OrgSyncState, uid) or OrgSyncState(uid=uid, kind=table)
                state.fingerprint, state.version, state.received = fp, version, True
                local.add(state)
            report.received += 1

    # --- the laptop's note of what was agreed --------------------------------------------

    def _states(self) -> dict[str, tuple[str, int, bool]]:
        with self.db.session() as local:
            return {
                s.uid: (s.fingerprint, s.version, s.received)
                for s in local.exec(select(OrgSyncState))
            }

    def _remember(self, rows: Iterable[tuple[str, str, str, int, bool]]) -> None:
        with self.db.session() as local:
            for uid, kind, fp, version, received in rows:
                state = local.get(OrgSyncState, uid) or OrgSyncState(uid=uid, kind=kind)
                state.fingerprint, state.version, state.received = fp, version, received
                local.add(state)
