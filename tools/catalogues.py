"""Extract the sentences of core/, ui/, printing/, net/ and the command line, and update every
language's catalogue.

    .venv/bin/python tools/catalogues.py          update resources/locale/*/LC_MESSAGES/attune.po
    .venv/bin/python tools/catalogues.py --check  exit 1 when a catalogue is out of date

Babel reads the calls to `_`, `N_`, `ngettext` and `pgettext` (see attune_desktop/core/i18n.py);
a new sentence arrives in each `.po` untranslated, a changed one is marked fuzzy (a fuzzy
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

ROOT = Path(__file__).resolve().parents[1]
# core too: its refusals and messages; and the command line's files.
SOURCES = (
    "attune_desktop/cli.py",
    "attune_desktop/cli_org.py",
    "attune_desktop/cli_print.py",
    "attune_desktop/cli_series.py",
    "attune_desktop/core",
    "attune_desktop/ui",
    "attune_desktop/printing",
    "attune_desktop/net",
)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
LOCALE = ROOT / "resources" / "locale"


def extracted() -> Catalog:
    """Every sentence the source code sends through the translation functions."""
    template = Catalog(project="Attune Desktop", domain="attune", fuzzy=False)
    for source in SOURCES:
        for where, message, comments, context in _found(source):
            template.add(message, locations=[where], auto_comments=comments, context=context)
    return template


def _found(source: str) -> Iterator[tuple[tuple[str, int], Any, list[str], str | None]]:
    """(file, line), message, comments, context of each sentence in a folder or one file."""
    options = {"keywords": KEYWORDS, "comment_tags": ("i18n:",)}
    if source.endswith(".py"):
        for lineno, message, comments, context in extract_from_file(
            "python", ROOT / source, **options
        ):
            yield (source, lineno), message, comments, context
        return
    found = extract_from_dir(ROOT / source, method_map=[("**.py", "python")], **options)
    for filename, lineno, message, comments, context in found:
        yield (f"{source}/{filename}", lineno), message, comments, context


def po_path(code: str) -> Path:
    return LOCALE / code / "LC_MESSAGES" / "attune.po"


def languages() -> list[str]:
    return sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES" / "attune.po").is_file())


def _written(catalogue: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalogue, width=100, omit_header=False, sort_output=False, include_lineno=False)
    return out.getvalue()


def updated(code: str, template: Catalog) -> bytes:
    with po_path(code).open("rb") as source:
        catalogue = read_po(source, locale=code)
    template.creation_date = catalogue.creation_date  # the header changes only with content
    catalogue.update(template, no_fuzzy_matching=True)
    catalogue.obsolete.clear()
    return _written(catalogue)


def main(argv: list[str]) -> int:
    template = extracted()
    stale = []
    for code in languages():
        text = updated(code, template)
        if po_path(code).read_bytes() != text:
            stale.append(code)
            if "--check" not in argv:
                po_path(code).write_bytes(text)
    print(
        f"{len(template)} sentences; {'out of date' if '--check' in argv else 'updated'}: {stale}"
    )
    return 1 if stale and "--check" in argv else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
