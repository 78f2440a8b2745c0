"""Fuzzing the validators and the service write paths with hypothesis.

Every validator either returns a clean value or raises ValidationError; every service write
either succeeds with values that are themselves clean, or changes nothing at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attune_desktop.core import validation as v
from attune_desktop.core.errors import NotFoundError, ValidationError
from attune_desktop.core.models import PracticeKind, SegmentKind, SessionStatus
from attune_desktop.core.services.practices import PRACTICE_FIELDS, PracticeService
from attune_desktop.core.services.series import SERIES_FIELDS, SeriesService
from attune_desktop.core.services.sessions import SEGMENT_FIELDS, SESSION_FIELDS, SessionService
from attune_desktop.core.storage.database import Database, open_database
from tests.core.dump import everything

pytestmark = pytest.mark.slow

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Anything a form, a file or a careless caller might hand over.
anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
    st.sampled_from(
        [
            "",
            " ",
            "18:00",
            "6.30",
            "24:00",
            "2026-03-03",
            "2026-02-30",
            "+7",
            "007",
            "120",
            "1e3",
            "\x00",
            "week\x07",
            "practice",
            "planned",
            "Ω",
        ]
    ),
    st.dates(),
    st.datetimes(timezones=st.just(dt.UTC)),
    st.times(),
    st.binary(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.sampled_from(list(SegmentKind) + list(SessionStatus) + list(PracticeKind)),
)

VALIDATORS: dict[str, Callable[[Any], Any]] = {
    "clean_text": lambda x: v.clean_text(x, "venue", max_len=40),
    "clean_text_multiline": lambda x: v.clean_text(x, "notes", max_len=40, multiline=True),
    "required_text": v.required_text,
    "notes": v.notes,
    "whole_number": lambda x: v.whole_number(x, "weeks", low=1, high=52),
    "minutes": v.minutes,
    "session_minutes": v.session_minutes,
    "choice": lambda x: v.choice(x, "kind", SegmentKind),
    "clock_time": v.clock_time,
    "calendar_date": v.calendar_date,
    "optional_date": v.optional_date,
}


@pytest.mark.parametrize("name", sorted(VALIDATORS))
@settings(max_examples=150, deadline=None)
@given(value=anything)
def test_a_validator_returns_a_clean_value_or_a_validation_error(name: str, value: object):
    validate = VALIDATORS[name]
    try:
        clean = validate(value)
    except ValidationError as exc:
        assert exc.message and exc.field  # a message a person can read, beside its field
        return
    # what came out is clean: validating it again gives the same value
    assert validate(clean) == clean
    if isinstance(clean, str):
        assert not any(ch in clean for ch in "\x00\x07\x1b\x7f")
        assert clean == clean.strip()


@given(value=st.integers(min_value=-1000, max_value=1000))
def test_whole_numbers_are_kept_within_their_range(value: int):
    try:
        assert 1 <= v.minutes(value) <= v.MAX_MINUTES
    except ValidationError:
        assert not 1 <= value <= v.MAX_MINUTES


# --- service write paths ----------------------------------------------------------------------


rows = everything  # everything stored: equal lists mean not one value changed


@pytest.fixture
def fuzz_db(tmp_path: Path, database_urls):
    database = open_database(database_urls(tmp_path))
    yield database
    database.close()


# Values that are often right, so that writes also succeed and their stored values get checked.
plausible = st.one_of(
    st.text(min_size=1, max_size=60),
    st.integers(min_value=0, max_value=60),
    st.sampled_from(["welcome", "planned", "breathing", "18:00", "2026-03-03", "in 4, out 6"]),
)


def field_changes(fields: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    names = [*sorted(fields), "not_a_field", "id", "created_at"]
    return st.one_of(
        st.dictionaries(st.sampled_from(names), anything, max_size=4),
        st.dictionaries(st.sampled_from(sorted(fields)), plausible, max_size=3),
    )


def assert_clean(row: Any, fields: dict[str, Any]) -> None:
    """No stored junk: each stored value passes its own validator unchanged."""
    for name, validate in fields.items():
        if name in ("is_template", "fixed", "builtin"):
            continue
        stored = getattr(row, name)
        if stored is None or stored == "":
            continue
        cleaned = validate(stored)
        if isinstance(stored, dt.time):
            cleaned = cleaned.replace(tzinfo=stored.tzinfo)
        assert cleaned == stored, name


ALLOWED = (ValidationError, NotFoundError)


def without(changes: dict[str, Any], name: str) -> dict[str, Any]:
    return {key: value for key, value in changes.items() if key != name}


@FUZZ
@given(title=st.one_of(anything, plausible), changes=field_changes(SESSION_FIELDS))
def test_session_writes_are_all_or_nothing(fuzz_db: Database, title: object, changes: dict):
    service = SessionService(fuzz_db)
    anchor = service.create_session("Anchor")
    before = rows(fuzz_db)
    for attempt in (
        lambda: service.create_session(title, **without(changes, "title")),  # type: ignore[arg-type]
        lambda: service.update_session(anchor.id or 0, **changes),
    ):
        try:
            saved = attempt()
        except ALLOWED:
            assert rows(fuzz_db) == before
            continue
        assert_clean(service.get_session(saved.id or 0), SESSION_FIELDS)
        before = rows(fuzz_db)


@FUZZ
@given(kind=st.one_of(anything, plausible), changes=field_changes(SEGMENT_FIELDS))
def test_segment_writes_are_all_or_nothing(fuzz_db: Database, kind: object, changes: dict):
    service = SessionService(fuzz_db)
    session = service.create_session("Anchor")
    segment = service.add_segment(session.id or 0, kind="welcome")
    before = rows(fuzz_db)
    changes.pop("kind", None)
    for attempt in (
        lambda: service.add_segment(session.id or 0, kind=kind, **changes),  # type: ignore[arg-type]
        lambda: service.update_segment(segment.id or 0, **changes),
    ):
        try:
            saved = attempt()
        except ALLOWED:
            assert rows(fuzz_db) == before
            continue
        assert_clean(service.get_segment(saved.id or 0), SEGMENT_FIELDS)
        before = rows(fuzz_db)


@FUZZ
@given(name=st.one_of(anything, plausible), changes=field_changes(PRACTICE_FIELDS))
def test_practice_writes_are_all_or_nothing(fuzz_db: Database, name: object, changes: dict):
    service = PracticeService(fuzz_db)
    changes.pop("slug", None)  # a slug is unique; two fuzzed practices may share one legally
    before = rows(fuzz_db)
    try:
        saved = service.create_practice(name, **without(changes, "name"))  # type: ignore[arg-type]
    except ALLOWED:
        assert rows(fuzz_db) == before
        return
    assert_clean(service.get_practice(saved.id or 0), PRACTICE_FIELDS)


@FUZZ
@given(
    title=st.one_of(st.text(min_size=1, max_size=60), anything),
    first=st.one_of(st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)), anything),
    changes=st.one_of(st.just({}), field_changes(SERIES_FIELDS)),
)
def test_series_writes_are_all_or_nothing(
    fuzz_db: Database, title: object, first: object, changes: dict
):
    service = SeriesService(fuzz_db)
    changes.pop("slug", None)
    changes.pop("first_date", None)
    before = rows(fuzz_db)
    try:
        saved = service.create_series(title, first, **without(changes, "title"))  # type: ignore[arg-type]
    except ALLOWED:
        assert rows(fuzz_db) == before
        return
    stored = service.get_series(saved.id or 0)
    assert_clean(stored, SERIES_FIELDS)
    assert len(service.sessions_of(saved.id or 0)) == stored.weeks
