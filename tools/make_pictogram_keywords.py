"""Make resources/pictograms/keywords_cldr.json: every pictogram's words in the six languages.

The words come from the Unicode CLDR emoji annotations (npm packages `cldr-annotations-full`
and `cldr-annotations-derived-full`, Unicode License v3, see resources/pictograms/LICENSE.md):
each language's spoken name ("tts") first, then its keywords. On top come the words families
use for routines that the emoji data does not carry ("homework", "snack", "pyjamas",
"cena"...), from resources/pictograms/routine_words.json, written for this project.

Re-make it after adding pictograms or routine words:
    cd /tmp && npm install cldr-annotations-full cldr-annotations-derived-full
    python tools/make_pictogram_keywords.py /tmp/node_modules
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PICTOGRAMS = ROOT / "resources" / "pictograms"
LANGUAGES = {"en": "en", "es": "es", "fr": "fr", "ar": "ar", "uk": "uk", "zh": "zh"}  # ours: CLDR


def _annotations(node_modules: Path, cldr: str) -> dict[str, dict[str, Any]]:
    full = node_modules / "cldr-annotations-full" / "annotations" / cldr / "annotations.json"
    derived = (
        node_modules
        / "cldr-annotations-derived-full"
        / "annotationsDerived"
        / cldr
        / "annotations.json"
    )
    found: dict[str, dict[str, Any]] = {}
    if derived.exists():
        found.update(json.loads(derived.read_text("utf-8"))["annotationsDerived"]["annotations"])
    found.update(json.loads(full.read_text("utf-8"))["annotations"]["annotations"])
    return found


def _emoji(key: str) -> list[str]:
    """The emoji a file name spells, and the same without variation selectors."""
    text = "".join(chr(int(part, 16)) for part in key.split("-"))
    return [text, text.replace("\ufe0f", "")]


def _words(*groups: list[str]) -> list[str]:
    """The words in order, once each (compared without case; written as CLDR writes them)."""
    seen: dict[str, str] = {}
    for group in groups:
        for item in group:
            word = " ".join(str(item).split())
            if word:
                seen.setdefault(word.casefold(), word)
    return list(seen.values())


def routine_words() -> dict[str, dict[str, list[str]]]:
    """{language: {pictogram key: words}} from the hand-made routine words."""
    data = json.loads((PICTOGRAMS / "routine_words.json").read_text("utf-8"))
    out: dict[str, dict[str, list[str]]] = {code: {} for code in LANGUAGES}
    for concept, keys in data["pictures"].items():
        for code in LANGUAGES:
            words = data["words"][code].get(concept)
            if not words:
                raise SystemExit(f"routine_words.json: no {code} words for {concept!r}")
            for key in keys:
                out[code].setdefault(key, []).extend(words)
    return out


def main(node_modules: Path) -> None:
    keys = sorted(p.stem for p in (PICTOGRAMS / "color").glob("*.svg"))
    extra = routine_words()
    out: dict[str, dict[str, list[str]]] = {key: {} for key in keys}
    for code, cldr in LANGUAGES.items():
        annotations = _annotations(node_modules, cldr)
        missing = 0
        for key in keys:
            entry = next((annotations[e] for e in _emoji(key) if e in annotations), {})
            if not entry:
                missing += 1
            out[key][code] = _words(
                entry.get("tts", []), extra[code].get(key, []), entry.get("default", [])
            )
        print(f"{code}: {len(keys) - missing} of {len(keys)} pictograms annotated by CLDR")
    target = PICTOGRAMS / "keywords_cldr.json"
    text = json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True)
    target.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {len(out)} pictograms to {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "node_modules"))
