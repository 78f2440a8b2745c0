"""Make keywords.json: English and Spanish search words for every bundled pictogram.

The words come from real, openly licensed data, not from guessing:
  - OpenMoji's own annotations and tags (npm package `openmoji`, data/openmoji.json, CC BY-SA 4.0)
  - Emojibase's Spanish and English labels and tags (npm package `emojibase-data`, MIT),
    themselves from the Unicode CLDR annotations
plus a few words for how the pictures are used on routine sheets (EXTRA, written here).

Re-make it after adding pictograms:
    cd /tmp && npm install openmoji emojibase-data
    python resources/pictograms/make_keywords.py /tmp/node_modules
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Words families reach for when building a routine, which the emoji data does not carry.
EXTRA: dict[str, tuple[list[str], list[str]]] = {
    "1FAA5": (["brush teeth", "teeth"], ["lavarse los dientes", "dientes"]),
    "1F6C1": (["bath", "wash"], ["baño", "bañarse", "lavarse"]),
    "1F6BF": (["shower", "wash"], ["ducha", "ducharse"]),
    "1F6CF": (["bed", "sleep", "bedtime"], ["cama", "dormir"]),
    "1F4D6": (["story", "read", "book"], ["cuento", "leer", "libro"]),
    "1F917": (["hug", "cuddle"], ["abrazo", "abrazar"]),
    "1F455": (["get dressed", "clothes"], ["vestirse", "ropa"]),
    "1F9FC": (["wash hands", "soap"], ["lavarse las manos", "jabón"]),
    "1F392": (["school bag", "backpack"], ["mochila", "escuela"]),
    "1F3EB": (["school"], ["escuela", "colegio"]),
    "1F6BD": (["toilet", "potty"], ["baño", "inodoro", "váter"]),
    "1F32C": (["breathe", "calm breath"], ["respirar", "respiración"]),
    "1F60C": (["calm", "relaxed"], ["calma", "tranquilo"]),
    "23F0": (["wake up", "alarm"], ["despertarse", "despertador"]),
    "1F4F5": (["no phones", "screens off"], ["sin móvil", "sin pantallas"]),
    "1F963": (["breakfast", "cereal"], ["desayuno", "cereales"]),
}


def _codes() -> list[str]:
    return sorted(p.stem for p in (HERE / "color").glob("*.svg"))


def _bare(code: str) -> str:
    return "-".join(part for part in code.upper().split("-") if part != "FE0F")


def _words(*groups: object) -> list[str]:
    seen: dict[str, None] = {}
    for group in groups:
        items = group.split(",") if isinstance(group, str) else (group or [])
        for item in items:  # type: ignore[union-attr]
            word = " ".join(str(item).strip().lower().split())
            if word and not word.startswith(("flag:", "keycap")):
                seen.setdefault(word, None)
    return list(seen)


def main(node_modules: Path) -> None:
    openmoji = json.loads((node_modules / "openmoji/data/openmoji.json").read_text("utf-8"))
    by_om = {_bare(item["hexcode"]): item for item in openmoji}
    spanish = json.loads((node_modules / "emojibase-data/es/data.json").read_text("utf-8"))
    english = json.loads((node_modules / "emojibase-data/en/data.json").read_text("utf-8"))
    by_es = {_bare(item["hexcode"]): item for item in spanish}
    by_en = {_bare(item["hexcode"]): item for item in english}
    out: dict[str, dict[str, object]] = {}
    for code in _codes():
        bare = _bare(code)
        om, es, en = by_om.get(bare, {}), by_es.get(bare, {}), by_en.get(bare, {})
        extra_en, extra_es = EXTRA.get(code, ([], []))
        name = om.get("annotation") or en.get("label") or code
        out[code] = {
            "name": name,
            "en": _words([name], extra_en, en.get("tags"), om.get("tags"), om.get("openmoji_tags")),
            "es": _words([es.get("label", "")], extra_es, es.get("tags")),
        }
        if not out[code]["es"]:
            print(f"warning: no Spanish words for {code}", file=sys.stderr)
    target = HERE / "keywords.json"
    text = json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True)
    target.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {len(out)} pictograms to {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "node_modules"))
