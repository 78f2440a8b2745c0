"""What the room reads (sheet words, take-home cards, check-in pages, built-in scales) is the
`room` gettext domain: one `room.po` per room language, read lazily, whatever the UI speaks."""

from __future__ import annotations

import importlib.util
import string
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.pofile import read_po

from attune_desktop.core import i18n

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def catalogues() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogues", ROOT / "tools" / "catalogues.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["catalogues"] = module
    spec.loader.exec_module(module)
    return module


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


@pytest.mark.parametrize("code", i18n.ROOM_LANGUAGE_CODES)
def test_every_room_language_has_a_full_catalogue(catalogues, code):
    """GIVEN the room texts the code asks for (room_text, room_ntext, RoomWords)
    WHEN a room language's room.po is read
    THEN it exists, and every text has every plural form, none empty or fuzzy, with the same
    {placeholders} as the English."""
    path = i18n.catalogue_path(code, i18n.ROOM_DOMAIN)
    assert path.is_file(), f"{code} has no room catalogue: run `python tools/catalogues.py`"
    with path.open("rb") as source:
        catalogue = read_po(source, locale=code)
    template = catalogues.room_extracted()
    assert len(template) > 90
    problems = []
    for message in template:
        if not message.id:
            continue  # the header
        found = catalogue.get(message.id, context=message.context)
        strings = found.string if found else ()
        texts = strings if isinstance(strings, tuple) else (strings,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if found is None or found.fuzzy or not texts or not all(texts):
            problems.append(f"empty: {message.id!r}")
        elif any(_fields(text) - _fields(ids[-1]) for text in texts):
            problems.append(f"placeholders: {message.id!r}")
    assert not problems, problems


@pytest.mark.parametrize(
    ("code", "counts"),
    [
        ("en", {0: "0 minutes", 1: "1 minute", 2: "2 minutes"}),
        ("fr", {0: "0 minutes", 1: "1 minute", 5: "5 minutes"}),
        ("ar", {1: "دقيقة واحدة", 2: "دقيقتان", 3: "3 دقائق", 10: "10 دقائق", 11: "11 دقيقة"}),
        ("uk", {1: "1 хвилина", 3: "3 хвилини", 5: "5 хвилин", 11: "11 хвилин", 22: "22 хвилини"}),
        ("zh", {1: "1 分钟", 7: "7 分钟"}),
    ],
)
def test_sheet_minutes_follow_each_language_plural_rules(code, counts):
    """GIVEN a step's minutes WHEN printed in a family's language THEN its own plural form."""
    from attune_desktop.core.sheet_words import words_for

    assert {n: words_for(code).minutes(n) for n in counts} == counts


def test_a_context_keeps_two_meanings_apart():
    """GIVEN the same English on a sheet and a card, or on two scales
    WHEN read in Ukrainian or French THEN each keeps its own translation."""
    from attune_desktop.core.checkin_scales import BUILTIN_SCALES
    from attune_desktop.core.sheet_words import take_home_words, words_for

    assert words_for("uk").this_week == "Цей тиждень"
    assert take_home_words("uk").this_week == "Цього тижня"
    assert take_home_words("ar").seconds(4) == "4 ث"
    assert BUILTIN_SCALES["regulation4"].option("stormy").label("fr") == "Tempête"
    assert BUILTIN_SCALES["weather"].option("stormy").label("fr") == "Orageux"


def test_the_room_language_does_not_follow_the_ui():
    """GIVEN a Spanish UI WHEN an Arabic room text is asked for THEN it is Arabic, and an
    unknown or regional code falls back as before ('es-MX' Spanish, 'de' English)."""
    from attune_desktop.core.checkin_texts import text

    with i18n.using("es"):
        assert text("ar", "join") == "دخول"
        assert text("en", "join") == "Join"
    assert text("es-MX", "answered", n=3) == "3 respuestas"
    assert text("de", "thank_you") == "Thank you"
    assert i18n.room_text("fr", "No such text") == "No such text"


def test_importing_the_room_reads_no_catalogue_until_a_language_is_asked_for():
    """GIVEN a fresh process WHEN the check-in server, the phone page, the scales and the sheet
    words are imported THEN no room catalogue has been read; asking for Spanish reads
    Spanish's once."""
    code = (
        "from attune_desktop.core import i18n\n"
        "read = []\n"
        "real = i18n.read_catalogue\n"
        "i18n.read_catalogue = lambda text: read.append(text[:600]) or real(text)\n"
        "import attune_desktop.net.checkin_server, attune_desktop.net.phone_page\n"
        "import attune_desktop.core.sheet_words\n"
        "before = len(read)\n"
        "from attune_desktop.core.checkin_texts import text\n"
        "text('es', 'join'); text('es', 'title'); text('es-MX', 'code')\n"
        "print(before, len(read), 'Language: es' in read[0] if read else None)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout.split()
    assert out == ["0", "1", "True"]
