"""Every sentence a person reads goes through the translation functions, and the Spanish and
Arabic catalogues translate every one of them (docs/decisions/0014-translations.md)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from attune_desktop.core import i18n

ROOT = Path(__file__).resolve().parents[2]
COMPLETE = ("es", "ar")


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def wrap_strings() -> ModuleType:
    return _tool("wrap_strings")


@pytest.fixture(scope="module")
def catalogues() -> ModuleType:
    return _tool("catalogues")


def test_no_bare_sentence_in_core_ui_printing_or_net(wrap_strings):
    """GIVEN the source of core/ (its refusals), ui/, printing/ and net/
    WHEN it is scanned for string literals that read as words
    THEN every one is inside _(), N_(), ngettext() or pgettext(), or on the short allow-list
    (keys, object names, style sheets, shortcuts, lines marked `# not-ui-text`)."""
    bare = [
        f"{path.relative_to(ROOT)}:{found.node.lineno}"
        for path in wrap_strings.scanned_files()
        for found in wrap_strings.bare_sentences(path)
    ]
    assert not bare, (
        "Sentences outside the translation functions (run `python tools/wrap_strings.py "
        f"--write`, or mark a key `# not-ui-text`): {bare}"
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Delete the step", True),
        ("Week", True),
        ("seriesSessionsTable", False),
        ("run/chime_volume", False),
        ("QLabel { color: red; }", False),
        ("Ctrl+Shift+N", False),
        ('<p class="msg">', False),
        ("<h2>Agenda</h2>", True),
        ("dd MMM yyyy", False),
        ("SELECT uid FROM org.series WHERE owner <> current_user", False),
        (" AND published_at >= :since", False),
        ("The series has no dates to export.", True),
        ("fewer than {small}", True),
    ],
)
def test_the_scan_tells_words_from_keys(wrap_strings, text, words):
    """GIVEN a literal WHEN the scan classifies it THEN words are words and keys are keys."""
    assert wrap_strings.looks_like_words(text) is words


def test_the_scan_covers_core_but_not_the_rooms_own_texts(wrap_strings):
    """GIVEN the scanned files WHEN listed THEN core's services are in, and the hand-written
    six-language tables (sheet words, check-in page texts) and migrations are out."""
    scanned = {p.relative_to(ROOT).as_posix() for p in wrap_strings.scanned_files()}
    assert "attune_desktop/core/services/series.py" in scanned
    assert "attune_desktop/core/sheet_words.py" not in scanned
    assert not any("/migrations/" in name for name in scanned)


def test_placeholders_are_named_after_what_they_show(wrap_strings, tmp_path):
    """GIVEN an f-string showing escaped, measured and indexed values
    WHEN the codemod wraps it THEN its placeholders read as words, not {value3}."""
    source = tmp_path / "sample.py"
    source.write_text(
        "def f(series, names, days):\n"
        '    return f"{escape(series.title)} has {len(names)} names from {days[0]}"\n',
        encoding="utf-8",
    )
    wrap_strings.rewrite(source)
    text = source.read_text(encoding="utf-8")
    assert "{title} has {count} names from {days}" in text


def test_a_default_value_is_marked_for_later_not_translated_at_import(wrap_strings, tmp_path):
    """GIVEN a sentence as a function's default value (evaluated when the module is imported)
    WHEN the codemod wraps it THEN it becomes N_(), not an _() frozen in the start-up language."""
    source = tmp_path / "sample.py"
    source.write_text('def f(name="The bundle is empty"):\n    return name\n', encoding="utf-8")
    wrap_strings.rewrite(source)
    assert 'N_("The bundle is empty")' in source.read_text(encoding="utf-8")


@pytest.mark.parametrize("code", COMPLETE)
def test_catalogue_translates_every_sentence(catalogues, code):
    """GIVEN the sentences the code sends through _() today
    WHEN the catalogue of a complete UI language is read
    THEN each has a translation that is not fuzzy, and keeps the same {placeholders}."""
    from babel.messages.pofile import read_po

    with catalogues.po_path(code).open("rb") as source:
        catalogue = read_po(source, locale=code)
    missing, broken = [], []
    for message in catalogues.extracted():
        if not message.id:
            continue
        found = catalogue.get(message.id, context=message.context)
        strings = found.string if found else None
        texts = strings if isinstance(strings, tuple) else (strings,)
        if found is None or found.fuzzy or not all(texts):
            missing.append(message.id)
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if _fields(ids[-1]) != _fields(texts[-1]):
            broken.append(message.id)
    assert not missing, f"{len(missing)} untranslated in {code}: {missing[:20]}"
    assert not broken, f"placeholders differ in {code}: {broken[:20]}"


def _fields(text: str) -> set[str]:
    import string

    return (
        {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
        | ({"%s"} if "%s" in text else set())
        | ({"%d"} if "%d" in text else set())
    )


def test_catalogues_hold_every_sentence_of_the_code(catalogues):
    """GIVEN the code as it is WHEN its sentences and the room's texts are extracted
    THEN every catalogue of both domains (attune.po, and room.po for every room language)
    already lists them (else: `python tools/catalogues.py`)."""
    assert catalogues.main(["--check"]) == 0


@pytest.mark.parametrize("code", COMPLETE)
def test_the_app_reads_a_catalogue_as_babel_does(code):
    """GIVEN a catalogue WHEN the app's quick reader and Babel's read it THEN they agree."""
    from babel.messages.pofile import read_po

    path = i18n.catalogue_path(code)
    with path.open("rb") as source:
        babel = {
            _key(m): list(m.string) if isinstance(m.string, tuple) else [m.string]
            for m in read_po(source)
            if m.id and not m.fuzzy
        }
    mine = i18n.read_catalogue(path.read_text(encoding="utf-8"))
    mine.pop("", None)
    assert mine == babel


def _key(message) -> i18n.Key:
    """The app's key for an entry: a plural entry is found by its singular msgid."""
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return (message.context, msgid) if message.context else msgid


def test_fuzzy_entries_and_plurals():
    """GIVEN a .po with a fuzzy entry and Arabic plural rules
    WHEN it is read THEN the fuzzy entry is English and each count takes its own form."""
    text = (
        'msgid ""\nmsgstr "Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : '
        'n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);\\n"\n\n'
        '#, fuzzy\nmsgid "Close"\nmsgstr "إغلاق"\n\n'
        'msgid "Say \\"hi\\""\nmsgstr ""\n"قل \\"مرحبًا\\""\n\n'
        'msgid "{n} week"\nmsgid_plural "{n} weeks"\nmsgstr[0] "0"\nmsgstr[1] "1"\n'
        'msgstr[2] "2"\nmsgstr[3] "3"\nmsgstr[4] "4"\nmsgstr[5] "5"\n'
    )
    catalogue = i18n.Catalogue(i18n.read_catalogue(text))
    assert catalogue.gettext("Close") == "Close"
    assert catalogue.gettext('Say "hi"') == 'قل "مرحبًا"'
    forms = [catalogue.ngettext("{n} week", "{n} weeks", n) for n in (0, 1, 2, 5, 11, 100)]
    assert forms == ["0", "1", "2", "3", "4", "5"]


def test_a_language_is_used_and_put_back():
    """GIVEN English WHEN Spanish is used for a block THEN _() speaks Spanish there only."""
    assert i18n._("Cancel") == "Cancel"
    with i18n.using("es") as language:
        assert language.code == "es"
        assert i18n._("Cancel") == "Cancelar"
    assert i18n._("Cancel") == "Cancel"


def test_the_computer_language_decides_unless_a_choice_is_made(monkeypatch):
    """GIVEN LANG=ar_EG.UTF-8 WHEN the setting is 'system' THEN Arabic, right to left;
    a language without a catalogue falls back to English."""
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "ar_EG.UTF-8")
    assert i18n.resolve("system") == "ar"
    assert i18n.language("ar").rtl
    assert i18n.resolve("es") == "es"
    assert i18n.resolve("uk") == "en"


def test_one_list_of_room_languages():
    """GIVEN the room's tables (sheet words, check-in texts, scales)
    WHEN their languages are compared with core.i18n THEN they are the same six."""
    from attune_desktop.core import checkin_scales, sheet_words

    codes = set(i18n.ROOM_LANGUAGE_CODES)
    assert set(sheet_words.LANGUAGE_CODES) == codes
    for scale in checkin_scales.BUILTIN_SCALES.values():
        assert set(scale.names) == codes
