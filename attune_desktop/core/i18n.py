"""The facilitator's language: one list of languages and one way to translate a sentence.

Every sentence a person reads on a screen, a facilitator's sheet or the check-in server goes
through `_()` (or `ngettext()` for counts) from this module; `N_()` marks a sentence kept in a
table and translated where it is shown. The catalogues are gettext `.po` files under
`resources/locale/<code>/LC_MESSAGES/attune.po`, extracted and updated with Babel
(`python tools/catalogues.py`; docs/decisions/0014-translations.md says why).

The room's language (a check-in round's, a family's sheet) is a separate choice, made per
round and per family; it is one of `ROOM_LANGUAGES`. The facilitator's own language is one of
`UI_LANGUAGES` (a language with a catalogue), chosen once at start-up: `activate()`.

What the room reads (the words printed around a family's routine sheet and on the take-home
card, the check-in page and projector, the built-in scales) is a second gettext domain, `room`:
`resources/locale/<code>/LC_MESSAGES/room.po` for every room language, read by the same reader
and asked with `room_text()` / `room_ntext()` / `RoomWords`, whatever the UI language is.

The active translations live in one holder returned by the cached `_active()`: it is the
single active UI language of the process (no module-level mutable global). Tests switch it
with `using(code)`, which puts the previous language back.
"""

from __future__ import annotations

import functools
import gettext
import locale
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from attune_desktop.core.config import resources_dir

DOMAIN = "attune"
ROOM_DOMAIN = "room"  # what the room reads: sheets, take-home cards, check-in pages, scales
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Language:
    """A language Attune speaks: its code, its own name, its English name, its direction."""

    code: str
    name: str
    english_name: str
    rtl: bool = False


# The one list of languages: the six the room's texts are written in (check-in pages, scales,
# routine sheets). The facilitator's UI speaks those among them that have a catalogue.
ROOM_LANGUAGES: tuple[Language, ...] = (  # not-ui-text: each language's own name
    Language("en", "English", "English"),
    Language("es", "Español", "Spanish"),
    Language("fr", "Français", "French"),
    Language("ar", "العربية", "Arabic", rtl=True),
    Language("uk", "Українська", "Ukrainian"),
    Language("zh", "中文（简体）", "Chinese (Simplified)"),
)
ROOM_LANGUAGE_CODES: tuple[str, ...] = tuple(language.code for language in ROOM_LANGUAGES)
RTL_CODES: frozenset[str] = frozenset(lang.code for lang in ROOM_LANGUAGES if lang.rtl)
# Languages whose facilitator catalogue is complete (a test holds them to it).
UI_LANGUAGES: tuple[str, ...] = ("en", "es", "ar")
SYSTEM = "system"  # the setting's value for "follow the computer's language"


def base_code(code: str) -> str:
    """'es-MX', 'ar_EG.UTF-8', 'zh-Hans' → 'es', 'ar', 'zh'."""
    return code.strip().replace("_", "-").split(".")[0].split("-")[0].lower()


def language(code: str) -> Language:
    """The language for a code; English when Attune does not speak it."""
    wanted = base_code(code)
    return next((lang for lang in ROOM_LANGUAGES if lang.code == wanted), ROOM_LANGUAGES[0])


def locale_dir() -> Path:
    return resources_dir() / "locale"


def catalogue_path(code: str, domain: str = DOMAIN) -> Path:
    return locale_dir() / code / "LC_MESSAGES" / f"{domain}.po"


@functools.cache
def translations(code: str, domain: str = DOMAIN) -> gettext.NullTranslations:
    """The translations for a language in a domain, read from its `.po` once per process.

    The `.po` is read directly (`read_catalogue`, a few milliseconds), so there is no `.mo` to
    build or to go stale; English, or a language without a catalogue, translates to itself.
    """
    path = catalogue_path(code, domain)
    if code == SOURCE_LANGUAGE or not path.is_file():
        return gettext.NullTranslations()
    return Catalogue(read_catalogue(path.read_text(encoding="utf-8")))


Key = str | tuple[str, str]  # a msgid, or (msgctxt, msgid)


class Catalogue(gettext.NullTranslations):
    """Translations read from a `.po`: untranslated and fuzzy entries fall back to English."""

    def __init__(self, entries: dict[Key, list[str]]) -> None:
        super().__init__()
        self._entries = entries
        header = entries.get("", [""])[0]
        found = re.search(r"plural=([^;\n]+)", header)
        self._plural = gettext.c2py(found.group(1)) if found else lambda n: int(n != 1)

    def gettext(self, message: str) -> str:
        strings = self._entries.get(message)
        return strings[0] if strings and strings[0] else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        strings = self._entries.get(msgid1)
        index = self._plural(n)
        if strings and index < len(strings) and strings[index]:
            return strings[index]
        return msgid1 if n == 1 else msgid2

    def pgettext(self, context: str, message: str) -> str:
        strings = self._entries.get((context, message))
        return strings[0] if strings and strings[0] else message

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        strings = self._entries.get((context, msgid1))
        index = self._plural(n)
        if strings and index < len(strings) and strings[index]:
            return strings[index]
        return msgid1 if n == 1 else msgid2


def read_catalogue(text: str) -> dict[Key, list[str]]:
    """A `.po` file's translated entries: msgid (or (msgctxt, msgid)) → its msgstr(s).

    Fuzzy and obsolete entries are left out, as gettext's own tools leave them out.
    """
    entries: dict[Key, list[str]] = {}
    fields: dict[str, str] = {}
    fuzzy = False
    field = ""

    def finish() -> None:
        nonlocal fuzzy
        if "msgid" in fields and not fuzzy:
            strings = [v for k, v in sorted(fields.items()) if k.startswith("msgstr")]
            key: Key = fields["msgid"]
            if "msgctxt" in fields:
                key = (fields["msgctxt"], fields["msgid"])
            entries[key] = strings
        fields.clear()
        fuzzy = False

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in line:
                if "msgid" in fields:
                    finish()
                fuzzy = True
            continue
        if line.startswith('"'):
            fields[field] += _unquote(line)
            continue
        field, _space, value = line.partition(" ")
        if field in ("msgctxt", "msgid") and "msgid" in fields and "msgstr" in "".join(fields):
            finish()
        field = field.replace("[", "_").rstrip("]")  # msgstr[1] -> msgstr_1
        fields[field] = _unquote(value)
    finish()
    return entries


_ESCAPES = MappingProxyType({"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"})
_ESCAPE = re.compile(r"\\(.)")


def _unquote(quoted: str) -> str:
    """A .po string's text: '"Line\\n"' → 'Line' and a new line."""
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), quoted.strip()[1:-1])


@dataclass
class _Active:
    code: str
    translations: gettext.NullTranslations


@functools.cache
def _active() -> _Active:
    """The single active UI language of this process (English until `activate()`)."""
    return _Active(SOURCE_LANGUAGE, gettext.NullTranslations())


def system_language() -> str:
    """The computer's language ('es' from LANGUAGE/LC_ALL/LC_MESSAGES/LANG, or the OS)."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "").split(":")[0]
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return base_code(value)
    found = locale.getlocale()[0]
    return base_code(found) if found else SOURCE_LANGUAGE


def resolve(choice: str) -> str:
    """The UI language for a setting ('system', 'es', …): one Attune has a catalogue for."""
    code = system_language() if choice in ("", SYSTEM) else base_code(choice)
    return code if code in UI_LANGUAGES else SOURCE_LANGUAGE


def saved_choice(settings_file: Path) -> str:
    """The `ui/language` the window saved in a home's settings.ini ('system' when none), so the
    command line prints in the same language without Qt."""
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(settings_file, encoding="utf-8")
    except (OSError, configparser.Error):
        return SYSTEM
    return parser.get("ui", "language", fallback=SYSTEM).strip() or SYSTEM


def activate(code: str) -> str:
    """Make `code` (or 'system') the UI language; returns the language actually used."""
    resolved = resolve(code)
    active = _active()
    active.code = resolved
    active.translations = translations(resolved)
    return resolved


def current() -> Language:
    """The active UI language."""
    return language(_active().code)


@contextmanager
def using(code: str) -> Iterator[Language]:
    """Speak `code` inside the block, then the language before it (tests, a preview)."""
    before = _active().code
    activate(code)
    try:
        yield current()
    finally:
        activate(before)


def _(message: str) -> str:
    """The sentence in the active UI language (itself when not yet translated)."""
    return _active().translations.gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The sentence for `n` things, with the active language's plural rules."""
    return _active().translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A short word whose meaning depends on where it stands ('Close' a window or a round)."""
    return _active().translations.pgettext(context, message)


def N_(message: str) -> str:
    """Marks a sentence kept in a table for translation; `_()` translates it where shown."""
    return message


# --- the room's words -------------------------------------------------------------------------


def room_gettext(code: str) -> gettext.NullTranslations:
    """The room's words in a room language ('es-MX' → Spanish; English for one we do not
    write in), read from its `room.po` the first time a text in that language is asked for.

    It does not depend on the UI language: a Spanish UI prints an Arabic family's sheet."""
    return translations(language(code).code, ROOM_DOMAIN)


def room_text(code: str, message: str, context: str | None = None) -> str:
    """A text the room reads, in the room language `code` (the English `message` is the key)."""
    found = room_gettext(code)
    return found.pgettext(context, message) if context else found.gettext(message)


def room_ntext(code: str, singular: str, plural: str, n: int, context: str | None = None) -> str:
    """A room text for `n` things, with the room language's own plural rules."""
    found = room_gettext(code)
    if context:
        return found.npgettext(context, singular, plural, n)
    return found.ngettext(singular, plural, n)


class RoomWords(Mapping[str, str]):
    """One room text in every room language (language code → words), for a table kept in code.

    Nothing is read until a language is asked for, so building a table at import costs nothing.
    """

    __slots__ = ("context", "message")

    def __init__(self, message: str, context: str | None = None) -> None:
        self.message = message
        self.context = context

    def __getitem__(self, code: str) -> str:
        if code not in ROOM_LANGUAGE_CODES:
            raise KeyError(code)
        return room_text(code, self.message, self.context)

    def __iter__(self) -> Iterator[str]:
        return iter(ROOM_LANGUAGE_CODES)

    def __len__(self) -> int:
        return len(ROOM_LANGUAGE_CODES)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RoomWords):  # the same text, without reading six catalogues
            return (self.message, self.context) == (other.message, other.context)
        return super().__eq__(other)

    def __hash__(self) -> int:
        return hash((self.message, self.context))

    def __repr__(self) -> str:
        return f"RoomWords({self.message!r}, {self.context!r})"  # not-ui-text
