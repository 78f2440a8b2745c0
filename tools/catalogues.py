"""Extract the sentences of core/, ui/, printing/, net/ and the command line, and update every
language's catalogue, in both domains (the facilitator's `attune` and the room's `room`).

    .venv/bin/python tools/catalogues.py          update resources/locale/*/LC_MESSAGES/*.po
    .venv/bin/python tools/catalogues.py --check  exit 1 when a catalogue is out of date

Two domains (see attune_desktop/core/i18n.py):
- `attune`, the facilitator's UI: Babel reads the calls to `_`, `N_`, `ngettext` and `pgettext`
  in core/, ui/, printing/ and net/, for every language that has an `attune.po`;
- `room`, what the room reads (sheets, take-home cards, check-in pages, built-in scales): the
  calls to `room_text`, `room_ntext` and `RoomWords` in core/, and the words of the built-in
  scales (resources/checkin/scales.toml, as core.checkin_scales reads them), for every room
  language (`ROOM_LANGUAGE_CODES`); a missing `room.po` is out of date, and English's is
  written from the English itself.
A new sentence arrives in each `.po` untranslated, a changed one is marked fuzzy (a fuzzy
entry is not used until a person checks it), a removed one is dropped. The app reads the `.po`
files themselves (no `.mo` to build).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po, write_po

from attune_desktop.core.checkin_scales import BUILTIN_SCALES, BUILTIN_SCALES_FILE
from attune_desktop.core.i18n import ROOM_DOMAIN, ROOM_LANGUAGE_CODES, SOURCE_LANGUAGE, RoomWords

sys.path.insert(0, str(Path(__file__).resolve().parent))  # its sibling tool, run or loaded
from wrap_strings import SCANNED

ROOT = Path(__file__).resolve().parents[1]
# Where the sentences are: the files the string scan covers (one list, in wrap_strings.py).
SOURCES = SCANNED
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
# The room's words: the context is optional, so each call's arity says where the context is.
ROOM_SOURCES = ("attune_desktop/core",)
ROOM_KEYWORDS = {
    "room_text": {2: (2,), 3: ((3, "c"), 2)},
    "room_ntext": {4: (2, 3), 5: ((5, "c"), 2, 3)},
    "RoomWords": {1: (1,), 2: ((2, "c"), 1)},
}
LOCALE = ROOT / "resources" / "locale"


def extracted(
    domain: str = "attune", sources: tuple[str, ...] = SOURCES, keywords: dict = KEYWORDS
) -> Catalog:
    """Every sentence the source code sends through the translation functions."""
    template = Catalog(project="Attune Desktop", domain=domain, fuzzy=False)
    for source in sources:
        for where, message, comments, context in _found(source, keywords):
            template.add(message, locations=[where], auto_comments=comments, context=context)
    return template


def room_extracted() -> Catalog:
    """Every text the room reads: the code's, then the built-in scales' words."""
    template = extracted(ROOM_DOMAIN, ROOM_SOURCES, ROOM_KEYWORDS)
    where = [(f"resources/{BUILTIN_SCALES_FILE}", 1)]
    for scale in BUILTIN_SCALES.values():
        texts = [scale.names, scale.questions, *scale.axis_labels.values()]
        for option in scale.options:
            texts += [option.labels, option.descriptions]
        for words in texts:
            if isinstance(words, RoomWords):
                template.add(words.message, locations=where, context=words.context)
    return template


def _found(
    source: str, keywords: dict[str, Any]
) -> Iterator[tuple[tuple[str, int], Any, list[str], str | None]]:
    """(file, line), message, comments, context of each sentence in a folder or one file."""
    options = {"keywords": keywords, "comment_tags": ("i18n:",)}
    if source.endswith(".py"):
        for lineno, message, comments, context in extract_from_file(
            "python", ROOT / source, **options
        ):
            yield (source, lineno), message, comments, context
        return
    found = extract_from_dir(ROOT / source, method_map=[("**.py", "python")], **options)
    for filename, lineno, message, comments, context in found:
        yield (f"{source}/{filename}", lineno), message, comments, context


def po_path(code: str, domain: str = "attune") -> Path:
    return LOCALE / code / "LC_MESSAGES" / f"{domain}.po"


def languages() -> list[str]:
    return sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES" / "attune.po").is_file())


def _written(catalogue: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalogue, width=100, omit_header=False, sort_output=False, include_lineno=False)
    return out.getvalue()


def updated(code: str, template: Catalog, domain: str = "attune") -> bytes:
    path = po_path(code, domain)
    if path.is_file():
        with path.open("rb") as source:
            catalogue = read_po(source, locale=code, domain=domain)
    else:
        catalogue = Catalog(locale=code, domain=domain, project="Attune Desktop", fuzzy=False)
        catalogue.creation_date = template.creation_date
    template.creation_date = catalogue.creation_date  # the header changes only with content
    catalogue.update(template, no_fuzzy_matching=True)
    catalogue.obsolete.clear()
    if domain == ROOM_DOMAIN and code == SOURCE_LANGUAGE:
        for message in catalogue:
            if message.id:  # the room's English is the key itself
                message.string = message.id
                message.flags.discard("fuzzy")
    return _written(catalogue)


def _stale(domain: str, codes: list[str], template: Catalog, write: bool) -> list[str]:
    stale = []
    for code in codes:
        text = updated(code, template, domain)
        path = po_path(code, domain)
        if not path.is_file() or path.read_bytes() != text:
            stale.append(code)
            if write:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(text)
    return stale


def main(argv: list[str]) -> int:
    write = "--check" not in argv
    template = extracted()
    room = room_extracted()
    stale = _stale("attune", languages(), template, write)
    room_stale = _stale(ROOM_DOMAIN, list(ROOM_LANGUAGE_CODES), room, write)
    said = "updated" if write else "out of date"
    print(f"{len(template)} sentences; {said}: {stale}")
    print(f"{len(room)} room texts; {said}: {room_stale}")
    return 1 if (stale or room_stale) and not write else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
