"""Fuzzing the template bundle importer: arbitrary JSON and mutated valid bundles.

Either the bundle is refused with a BundleError that says why, or it is imported whole
(a template series with every week and segment); never a crash, never half an import.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attune_desktop.core import bundle
from attune_desktop.core.bundle import BundleError, parse_bundle
from attune_desktop.core.services.queries import ordered_segments
from attune_desktop.core.services.series import SeriesService
from attune_desktop.core.starter import TEMPLATE_SLUG, load_starter_content
from attune_desktop.core.storage.database import Database, open_database
from tests.core.dump import everything

pytestmark = pytest.mark.slow

FUZZ = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**64), max_value=2**64),
        st.floats(allow_nan=False),
        st.text(max_size=40),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=25,
)


@pytest.fixture(scope="module")
def valid_bundle(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real bundle: the starter curriculum, exported."""
    home = tmp_path_factory.mktemp("bundle")
    db = open_database(f"sqlite:///{home / 'source.sqlite3'}")
    try:
        load_starter_content(db)
        series = SeriesService(db)
        template = series.find_by_slug(TEMPLATE_SLUG)
        assert template is not None and template.id is not None
        with db.session() as session:
            return bundle.export_bundle(session, template.id)
    finally:
        db.close()


@pytest.fixture
def target(tmp_path: Path, database_urls):
    database = open_database(database_urls(tmp_path))
    yield database
    database.close()


rows = everything


def try_import(db: Database, raw: bytes) -> None:
    """Import as the app does; check it is all or nothing."""
    before = rows(db)
    try:
        checked = parse_bundle(raw)
    except BundleError as exc:
        assert str(exc)
        return
    try:
        with db.session() as session:
            result = bundle.import_bundle(session, checked)
    except BundleError as exc:
        assert str(exc)
        assert rows(db) == before
        return
    # a complete import: the template series with every week, and each week's whole agenda
    series = SeriesService(db)
    sessions = series.sessions_of(result.series_id)
    assert [s.title for s in sessions] == [w.theme for w in checked.weeks]
    with db.session() as session:
        for week, stored in zip(checked.weeks, sessions, strict=True):
            segments = ordered_segments(session, stored.id or 0)
            assert [s.title for s in segments] == [g.fields["title"] for g in week.segments]


@FUZZ
@given(value=json_values)
def test_arbitrary_json_is_refused_with_a_message(target: Database, value: Any):
    try_import(target, json.dumps(value).encode())


@FUZZ
@given(raw=st.binary(max_size=200))
def test_arbitrary_bytes_are_refused_with_a_message(target: Database, raw: bytes):
    try_import(target, raw)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


@st.composite
def mutated(draw: st.DrawFn, base: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "delete", "duplicate"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
        else:
            parent[path[-1]] = draw(json_values)
    return data


def test_the_valid_bundle_imports(target: Database, valid_bundle: dict[str, Any]):
    try_import(target, json.dumps(valid_bundle).encode())
    assert SeriesService(target).templates()


@FUZZ
@given(data=st.data())
def test_mutated_bundles_import_whole_or_not_at_all(
    target: Database, valid_bundle: dict[str, Any], data: st.DataObject
):
    changed = data.draw(mutated(valid_bundle))
    try_import(target, json.dumps(changed).encode())
