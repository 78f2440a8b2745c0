"""Core's refusals speak the facilitator's language, chosen when the app starts.

A message is translated when it is raised or shown, not when its module is imported: the
modules below are imported in English (by this test run) before the language is chosen.
"""

from __future__ import annotations

import datetime as dt

import pytest

from attune_desktop.core import i18n
from attune_desktop.core.bundle import BundleError, parse_bundle
from attune_desktop.core.checkin_rules import reveal, small_cell_label
from attune_desktop.core.checkin_scales import BUILTIN_SCALES
from attune_desktop.core.models import OrgSyncState
from attune_desktop.core.series_dates import DatesError, SeriesPlan, validate_plan
from attune_desktop.core.services.practices import PracticeService
from attune_desktop.core.services.received import ReadOnlyCopyError
from attune_desktop.core.storage.database import Database

# 2 March 2027 is a Tuesday; the plan says the series meets on Mondays.
WRONG_DAY = SeriesPlan(dt.date(2027, 3, 2), 0, dt.time(18), weeks=6)


def _refusal_of(plan: SeriesPlan) -> str:
    with pytest.raises(DatesError) as caught:
        validate_plan(plan)
    return str(caught.value)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("en", ("2 March 2027 is a Tuesday", "meets on Mondays")),
        ("es", ("martes", "los lunes", "marzo")),
        ("ar", ("الثلاثاء", "الاثنين", "مارس")),
    ],
)
def test_a_plan_refusal_follows_the_chosen_language(code: str, words: tuple[str, ...]):
    """GIVEN the UI language chosen at start (English, Spanish or Arabic)
    WHEN a series plan starts on the wrong weekday
    THEN the refusal, its date and its weekdays are all in that language."""
    with i18n.using(code):
        message = _refusal_of(WRONG_DAY)
    for word in words:
        assert word in message, message


def test_the_same_refusal_changes_language_with_the_choice():
    """GIVEN core already imported in English
    WHEN the language changes between two identical refusals
    THEN each is in the language active when it was raised (nothing frozen at import)."""
    english = _refusal_of(WRONG_DAY)
    with i18n.using("es"):
        spanish = _refusal_of(WRONG_DAY)
    assert english != spanish
    assert _refusal_of(WRONG_DAY) == english


def test_a_bad_bundle_is_refused_in_arabic():
    """GIVEN the UI in Arabic WHEN a file that is not JSON is read as a template bundle
    THEN the refusal is Arabic and still names the line and column."""
    with i18n.using("ar"), pytest.raises(BundleError) as caught:
        parse_bundle(b"{ not json")
    message = str(caught.value)
    assert "ليس JSON صالحًا" in message and "السطر 1" in message, message
    assert "The bundle" not in message  # the default name is translated when read


def test_import_time_sentences_are_translated_where_shown():
    """GIVEN sentences kept in tables at import time (the round's reveal messages, the band)
    WHEN a round is revealed in Spanish THEN they come out in Spanish."""
    scale = next(iter(BUILTIN_SCALES.values()))
    with i18n.using("es"):
        hidden = reveal(scale, {}, closed=False)
        band = small_cell_label()
    assert hidden.message == "Los resultados aparecen cuando se cierra la ronda."
    assert band == "menos de 2"


def test_a_read_only_refusal_built_at_import_is_spanish(db: Database, practices: PracticeService):
    """GIVEN a practice received from the organisation and the UI in Spanish
    WHEN the facilitator tries to change it
    THEN the refusal (an N_ sentence kept since import) is raised in Spanish."""
    got = practices.create_practice("Respiración", kind="other", default_minutes=5)
    with db.session() as s:
        s.add(OrgSyncState(uid=got.uid, kind="practice", fingerprint="x", version=1, received=True))
    with i18n.using("es"), pytest.raises(ReadOnlyCopyError) as caught:
        practices.update_practice(got.id or 0, name="Mía")
    assert "biblioteca de tu organización" in str(caught.value)
