"""Extract the sentences of ui/, printing/ and net/ and update every language's catalogue.

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
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
# core too: the few sentences it sends through _() (agenda totals, clock labels).
SOURCES = (
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
    for folder in SOURCES:
        found = extract_from_dir(
            ROOT / folder,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=("i18n:",),
        )
        for filename, lineno, message, comments, context in found:
            where = (f"{folder}/{filename}", lineno)
            template.add(message, locations=[where], auto_comments=comments, context=context)
    return template


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
