"""Template bundles: share a curriculum as JSON; import all of a good one, nothing of a bad one."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from attune_desktop.core.bundle import BUNDLE_VERSION, BundleError
from attune_desktop.core.models import Family, Practice, Segment, Series, Session
from attune_desktop.core.services.followups import FollowUpService
from attune_desktop.core.services.series import SeriesService
from attune_desktop.core.starter import SAMPLE_SLUG, load_starter_content
from attune_desktop.core.storage.database import Database, open_database


@pytest.fixture
def sample(db: Database, series: SeriesService) -> int:
    load_starter_content(db, today=dt.date(2026, 11, 2))
    found = series.find_by_slug(SAMPLE_SLUG)
    assert found is not None and found.id is not None
    return found.id


@pytest.fixture
def exported(sample: int, series: SeriesService, tmp_path: Path) -> Path:
    return series.export_bundle(sample, tmp_path / "basics.json")


@pytest.fixture
def other(tmp_path: Path, database_urls) -> SeriesService:
    """Another facilitator's laptop: a fresh, empty home."""
    return SeriesService(open_database(database_urls(tmp_path / "other-home")))


def segments(service: SeriesService, session_id: int | None) -> list[Segment]:
    with service._db.session() as db:
        query = select(Segment).where(Segment.session_id == session_id)
        return list(db.exec(query.order_by(Segment.position)))  # type: ignore[arg-type]


def counts(service: SeriesService) -> tuple[int, int, int, int]:
    with service._db.session() as db:
        return (
            len(list(db.exec(select(Series.id)))),
            len(list(db.exec(select(Session.id)))),
            len(list(db.exec(select(Segment.id)))),
            len(list(db.exec(select(Practice.id)))),
        )


def test_round_trip_brings_the_whole_curriculum_as_a_template(
    exported: Path, sample: int, series: SeriesService, other: SeriesService
) -> None:
    # GIVEN the sample series exported on one laptop
    # WHEN another facilitator imports it
    result = other.import_bundle(exported)
    # THEN it arrives as an undated template: same themes, same agendas, its practices too
    assert result.created and result.practices_added > 0
    template = other.get_series(result.series_id)
    assert template.is_template and template.title == "Attunement basics"
    theirs = other.sessions_of(result.series_id)
    ours = series.sessions_of(sample)
    assert [s.title for s in theirs] == [s.title for s in ours]
    assert all(s.date is None for s in theirs)
    for mine, yours in zip(ours, theirs, strict=True):
        assert [s.title for s in segments(series, mine.id)] == [
            s.title for s in segments(other, yours.id)
        ]
    assert any(s.practice_id for s in segments(other, theirs[2].id))


def test_importing_twice_adds_nothing_the_second_time(exported: Path, other: SeriesService) -> None:
    first = other.import_bundle(exported)
    before = counts(other)
    second = other.import_bundle(exported)
    assert not second.created
    assert second.series_id == first.series_id
    assert "already here" in second.message
    assert counts(other) == before


def test_the_bundle_carries_no_dates_counts_notes_or_families(
    db: Database, sample: int, series: SeriesService, tmp_path: Path
) -> None:
    # GIVEN a delivered week with attendance and check-ins, a follow-up note, families,
    # and preparation notes
    first = series.sessions_of(sample)[0]
    FollowUpService(db).add_note(first.id or 0, "Check back in about the big game")
    with db.session() as s:
        week = s.get(Session, first.id)
        assert week is not None
        week.prep_notes = "PRIVATE-PREP: ask Dana about the move"
        s.add(week)
        families = [f.label for f in s.exec(select(Family))]
    assert families
    # WHEN the series is exported
    text = series.export_bundle(sample, tmp_path / "b.json").read_text(encoding="utf-8")
    data = json.loads(text)
    # THEN none of it is in the file
    assert "big game" not in text
    assert "PRIVATE-PREP" not in text
    for label in families:
        assert f'"{label}"' not in text
    private = {"attendance", "counts", "checkins", "actual_start", "prep_notes", "venue", "date"}
    assert not private & keys_of(data)
    assert "2026-11" not in json.dumps(data["series"])
    assert data["version"] == BUNDLE_VERSION


def bundle_notes(path: Path) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [seg["notes"] for week in data["series"]["weeks"] for seg in week["segments"]]


def keys_of(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_of(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_of(v)}
    return set()


def bad_bundles(good: dict[str, Any]) -> list[tuple[str, Any, str]]:
    """(what is wrong, the broken bundle, words the message must contain)."""
    cases: list[tuple[str, Any, str]] = []

    def broken(change: Any) -> dict[str, Any]:
        data = copy.deepcopy(good)
        change(data)
        return data

    cases.append(("no format", broken(lambda d: d.pop("format")), "not an Attune Desktop"))
    cases.append(("newer", broken(lambda d: d.update(version=99)), "newer Attune Desktop"))
    cases.append(("no version", broken(lambda d: d.pop("version")), "version"))
    cases.append(("no title", broken(lambda d: d["series"].pop("title")), "“title” is missing"))
    cases.append(("no theme", broken(lambda d: d["series"]["weeks"][1].pop("theme")), "weeks[1]"))
    cases.append(
        (
            "minutes as text",
            broken(lambda d: d["series"]["weeks"][0]["segments"][0].update(minutes="ten")),
            "must be a whole number",
        )
    )
    cases.append(
        (
            "unknown practice",
            broken(lambda d: d["series"]["weeks"][2]["segments"][0].update(practice="nope")),
            "not among the bundle's practices",
        )
    )
    cases.append(("no weeks", broken(lambda d: d["series"].update(weeks=[])), "1 to 52 weeks"))
    cases.append(
        (
            "200 weeks",
            broken(lambda d: d["series"].update(weeks=d["series"]["weeks"] * 34)),
            "1 to 52 weeks",
        )
    )
    cases.append(("a list", [1, 2, 3], "not an Attune Desktop"))
    return cases


def test_every_bad_bundle_is_refused_by_name_and_imports_nothing(
    exported: Path, other: SeriesService, tmp_path: Path
) -> None:
    good = json.loads(exported.read_text(encoding="utf-8"))
    before = counts(other)
    for what, data, words in bad_bundles(good):
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(BundleError) as refused:
            other.import_bundle(path)
        assert words in str(refused.value), what
        assert counts(other) == before, what


def test_a_broken_last_week_leaves_no_first_weeks_behind(
    exported: Path, other: SeriesService, tmp_path: Path
) -> None:
    # GIVEN a bundle whose last segment is wrong (after practices and weeks that are fine)
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["series"]["weeks"][-1]["segments"][-1]["kind"] = "juggling"
    path = tmp_path / "late.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    # WHEN it is imported, THEN it is refused naming the place, and nothing was added
    with pytest.raises(BundleError, match=r"weeks\[5\]"):
        other.import_bundle(path)
    assert counts(other) == (0, 0, 0, 0)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\x00\xff\xfe junk", "not a text file"),
        (b"{not json", "not valid JSON"),
        (b"[" * 100_000, "nested too deeply"),
    ],
)
def test_junk_is_refused(other: SeriesService, tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "junk.json"
    path.write_bytes(content)
    with pytest.raises(BundleError, match=words):
        other.import_bundle(path)


def test_fifty_megabytes_is_refused_before_reading(other: SeriesService, tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: big on paper, nothing to write
    with pytest.raises(BundleError, match="larger than 5 MB"):
        other.import_bundle(path)
    assert counts(other) == (0, 0, 0, 0)


def test_a_script_in_a_title_is_imported_as_plain_text(
    exported: Path, other: SeriesService, tmp_path: Path
) -> None:
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["series"]["title"] = "<script>alert('hi')</script>"
    data["series"]["slug"] = "script-title"
    path = tmp_path / "script.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = other.import_bundle(path)
    assert other.get_series(result.series_id).title == "<script>alert('hi')</script>"


def test_a_missing_file_is_named(other: SeriesService, tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="does not exist"):
        other.import_bundle(tmp_path / "nowhere.json")


def test_segment_scripts_travel_only_when_the_sharer_says_so(
    sample: int, series: SeriesService, other: SeriesService, tmp_path: Path
) -> None:
    # GIVEN the sample series, whose segments carry the facilitator's scripts
    first = series.sessions_of(sample)[0]
    script = next(s.notes for s in segments(series, first.id) if s.notes)
    # WHEN it is exported as it is by default, THEN no script is in the file
    plain = series.export_bundle(sample, tmp_path / "plain.json")
    assert script not in bundle_notes(plain)
    assert set(bundle_notes(plain)) == {""}
    # WHEN the sharer includes them, THEN they arrive with the imported template
    full = series.export_bundle(sample, tmp_path / "full.json", include_notes=True)
    assert script in bundle_notes(full)
    result = other.import_bundle(full)
    week1 = other.sessions_of(result.series_id)[0]
    assert script in [s.notes for s in segments(other, week1.id)]
