"""Domain models: the SQLModel tables every other part of the app reads and writes.

Tables hold data only. Rules about what is allowed live in `core.validation`, and every write
goes through a service in `core.services`, so the UI and the command line share them.
"""

import datetime as dt
import uuid

from sqlmodel import Field, SQLModel

from attune_desktop.core.kinds import (
    PracticeKind,
    RoundMoment,
    RoundStatus,
    SegmentKind,
    SessionStatus,
    TimeOfDay,
)

# The enums live in `core.kinds` (no ORM) and are named here too, as they always were.
__all__ = [
    "CalendarStamp",
    "CheckInCount",
    "CheckInRound",
    "CheckInScale",
    "Family",
    "FollowUpNote",
    "OrgSyncState",
    "Practice",
    "PracticeKind",
    "RoundMoment",
    "RoundStatus",
    "Routine",
    "Segment",
    "SegmentKind",
    "Series",
    "Session",
    "SessionFidelity",
    "SessionStatus",
    "Step",
    "TimeOfDay",
    "new_uid",
    "utcnow",
]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_uid() -> str:
    return str(uuid.uuid4())


class Series(SQLModel, table=True):
    """A multi-week programme; it owns its sessions."""

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=120)
    venue: str = Field(default="", max_length=200)
    facilitators: str = Field(default="", max_length=300)
    weekday: int = 0  # Monday is 0, as in `date.weekday()`
    start_time: dt.time = dt.time(18, 0)
    first_date: dt.date
    weeks: int = 6
    skip_dates: str = ""  # ISO dates separated by commas
    time_zone: str = Field(default="", max_length=64)  # IANA name; "" is the laptop's zone
    session_minutes: int = 120
    is_template: bool = False
    slug: str | None = Field(default=None, index=True, unique=True, max_length=80)
    # How an organisation's report groups its circles: labels the organiser chose, never a
    # person's record (the facilitator label is `facilitators`, as the team signs itself).
    site: str = Field(default="", max_length=120)
    curriculum: str = Field(default="", max_length=120)
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    # Its identity outside this laptop (the organisation's database): set once, never reused;
    # a copy gets a new one.
    uid: str = Field(default_factory=new_uid, max_length=80, unique=True, index=True)


class Session(SQLModel, table=True):
    """One meeting: a date, a theme and an agenda of segments."""

    id: int | None = Field(default=None, primary_key=True)
    series_id: int | None = Field(
        default=None, foreign_key="series.id", ondelete="CASCADE", index=True
    )
    week: int | None = None
    title: str = Field(max_length=120)  # the theme, shown to the room
    date: dt.date | None = Field(default=None, index=True)
    start_time: dt.time = dt.time(18, 0)
    venue: str = Field(default="", max_length=200)
    target_minutes: int = 120
    status: str = SessionStatus.PLANNED.value
    attendance: int | None = None  # a head count, never names
    is_template: bool = False
    prep_notes: str = ""  # the facilitator's private preparation notes
    run_state: str | None = None  # JSON snapshot of a running session, for recovery
    actual_start: dt.datetime | None = None
    actual_end: dt.datetime | None = None
    cancel_reason: str = Field(default="", max_length=200)  # why a cancelled week did not run
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    # Its identity outside this laptop (the calendar event's UID): set once, never reused, kept
    # through moves, renumbering and undo; a copy of the session gets a new one.
    uid: str = Field(default_factory=new_uid, max_length=80, unique=True, index=True)


class SessionFidelity(SQLModel, table=True):
    """How a session ran against its plan: facts about the session, never about a person.

    The counts and the minutes against the booked time are written when a run ends (from the
    run log: a segment skipped or never reached is not delivered); the checklist is what the
    facilitator ticked at the end, None where left unanswered.
    """

    session_id: int = Field(foreign_key="session.id", ondelete="CASCADE", primary_key=True)
    segments_planned: int = 0
    segments_delivered: int = 0
    practices_planned: int = 0
    practices_delivered: int = 0
    start_offset_minutes: int | None = None  # started this late (negative: early) vs booked
    end_offset_minutes: int | None = None  # ended this late (negative: early) vs booked
    agenda_shared: bool | None = None
    home_practice_reviewed: bool | None = None
    every_parent_had_a_turn: bool | None = None


class CalendarStamp(SQLModel, table=True):
    """What the last .ics export said about one event, so its SEQUENCE rises when it changes.

    Kept beside the session, not in it: undo puts a session's fields back, but a calendar that
    saw a later version must still be given a higher SEQUENCE; and a removed session's event
    must still be sent once more, cancelled.
    """

    uid: str = Field(primary_key=True, max_length=80)  # the session's uid
    series_id: int = Field(index=True)
    sequence: int = 0
    fingerprint: str = Field(default="", max_length=64)  # of what the event said
    last_event: str = ""  # JSON: week, date, start time, minutes, theme (to cancel it later)


class Segment(SQLModel, table=True):
    """One timed agenda item."""

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="session.id", ondelete="CASCADE", index=True)
    position: int = 0
    kind: str = SegmentKind.OTHER.value
    title: str = Field(max_length=120)  # participant-facing
    planned_minutes: int = 10
    notes: str = ""  # facilitator notes and script: never shown to the room
    materials: str = ""  # one item per line
    fixed: bool = False
    practice_id: int | None = Field(default=None, foreign_key="practice.id", ondelete="SET NULL")
    actual_start: dt.datetime | None = None
    actual_end: dt.datetime | None = None
    # The facilitator chose to share this segment's script with the organisation.
    share_script: bool = False
    # Its identity outside this laptop (the organisation's database): set once, never reused;
    # a copy gets a new one.
    uid: str = Field(default_factory=new_uid, max_length=80, unique=True, index=True)


class Practice(SQLModel, table=True):
    """A somatic co-regulation exercise in the library."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str | None = Field(default=None, index=True, unique=True, max_length=80)
    name: str = Field(max_length=120)
    kind: str = PracticeKind.OTHER.value
    default_minutes: int = 5
    summary: str = ""
    script: str = ""
    pacing: str = ""  # e.g. "in 4, hold 4, out 4, hold 4"; empty when not paced
    cues: str = ""  # one cue per line
    care_notes: str = ""  # trauma-informed notes
    builtin: bool = False
    phase_words: str = ""  # the pacer's own words, JSON by room language (core.pacer_words)
    counting: str = "natural"  # core.pacing.Counting: how the pacer shows seconds
    breath_tones: bool = False  # soft in/out tones for eyes-closed practice
    # Its identity outside this laptop (the organisation's database): set once, never reused;
    # a copy gets a new one.
    uid: str = Field(default_factory=new_uid, max_length=80, unique=True, index=True)


class CheckInScale(SQLModel, table=True):
    """A scale the facilitator made; the built-in scales live in code."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(index=True, unique=True, max_length=80)
    name: str = Field(max_length=120)
    options: str = "[]"  # JSON list of {"key", "label", "picture"}


class CheckInRound(SQLModel, table=True):
    """One anonymous round. Its answers live in `CheckInCount` as counts per option only."""

    id: int | None = Field(default=None, primary_key=True)
    session_id: int | None = Field(
        default=None, foreign_key="session.id", ondelete="CASCADE", index=True
    )
    moment: str = RoundMoment.OPENING.value
    name: str = Field(default="", max_length=120)
    scale_key: str = Field(max_length=80)
    status: str = RoundStatus.OPEN.value
    min_responses: int = 5
    position: int = 0
    # The most answers the round can hold, set by the facilitator when opening it (None on
    # rounds recorded before caps existed, and on paper tallies typed in after the session).
    max_answers: int | None = None
    # Its identity outside this laptop (the organisation's database): set once, never reused;
    # a copy gets a new one.
    uid: str = Field(default_factory=new_uid, max_length=80, unique=True, index=True)


class CheckInCount(SQLModel, table=True):
    """How many chose one option in one round. No row per person, no time, no device."""

    round_id: int = Field(foreign_key="checkinround.id", ondelete="CASCADE", primary_key=True)
    option_key: str = Field(primary_key=True, max_length=80)
    count: int = 0


class FollowUpNote(SQLModel, table=True):
    """A facilitator's private reminder for the next session; never shown to the room."""

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="session.id", ondelete="CASCADE", index=True)
    text: str = ""
    done: bool = False
    created_at: dt.datetime = Field(default_factory=utcnow)


class Family(SQLModel, table=True):
    """A family, known only by the label it chose."""

    id: int | None = Field(default=None, primary_key=True)
    label: str = Field(max_length=60)
    language: str = Field(default="en", max_length=16)
    series_id: int | None = Field(
        default=None, foreign_key="series.id", ondelete="SET NULL", index=True
    )
    notes: str = ""


class Routine(SQLModel, table=True):
    """A routine or ritual a family builds; without a family it is a template."""

    id: int | None = Field(default=None, primary_key=True)
    family_id: int | None = Field(
        default=None, foreign_key="family.id", ondelete="CASCADE", index=True
    )
    title: str = Field(max_length=120)
    time_of_day: str = TimeOfDay.ANYTIME.value
    position: int = 0
    is_template: bool = False
    slug: str | None = Field(default=None, index=True, unique=True, max_length=80)


class Step(SQLModel, table=True):
    """One step of a routine: a picture, a few words, and maybe the caregiver's part."""

    id: int | None = Field(default=None, primary_key=True)
    routine_id: int = Field(foreign_key="routine.id", ondelete="CASCADE", index=True)
    position: int = 0
    picture: str = ""  # "pictogram:<key>" or "photo:<file name in the photos folder>"
    words: str = Field(default="", max_length=200)
    minutes: int | None = None
    caregiver_line: str = Field(default="", max_length=200)


class OrgSyncState(SQLModel, table=True):
    """What the last sync with the organisation's database agreed on, one row per item.

    `fingerprint` is of the content last sent or received, so an unchanged row is not sent again
    and a local edit of a received copy is noticed; `version` is the organisation's version of
    a shared template or practice this copy was based on (0 for what the laptop owns).
    """

    uid: str = Field(primary_key=True, max_length=80)
    kind: str = Field(max_length=20, index=True)
    fingerprint: str = Field(default="", max_length=64)
    version: int = 0
    received: bool = False  # a read-only copy of the organisation's library
