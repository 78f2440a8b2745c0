"""The kinds and states a row can take (plain enums, no ORM).

They live apart from `core.models` (whose tables import SQLModel, SQLAlchemy and pydantic) so
that the first screen can name a session's status before the ORM is imported (see
docs/decisions/0018-paint-before-the-orm.md); `core.models` re-exports them.
"""

from enum import StrEnum


class SegmentKind(StrEnum):
    WELCOME = "welcome"
    CHECK_IN = "check_in"
    TEACHING = "teaching"
    DISCUSSION = "discussion"
    PRACTICE = "practice"
    BREAK = "break"
    CLOSING = "closing"
    OTHER = "other"


class SessionStatus(StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


class PracticeKind(StrEnum):
    BREATHING = "breathing"
    GROUNDING = "grounding"
    HUMMING = "humming"
    SELF_HOLDING = "self_holding"
    MOVEMENT = "movement"
    ORIENTING = "orienting"
    OTHER = "other"


class RoundMoment(StrEnum):
    OPENING = "opening"
    CLOSING = "closing"
    AFTER_PRACTICE = "after_practice"
    NAMED = "named"


class RoundStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class TimeOfDay(StrEnum):
    MORNING = "morning"
    AFTER_SCHOOL = "after_school"
    EVENING = "evening"
    BEDTIME = "bedtime"
    ANYTIME = "anytime"
