"""The bundled pictograms and their search by keyword, in English and Spanish.

keywords.json (made by resources/pictograms/make_keywords.py from OpenMoji's and Emojibase's
annotations) holds each pictogram's name and words. Search ignores case and accents, so
"cafe" finds "café" and "baño" is found by "bano"; every word typed must match somewhere.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from attune_desktop.core.config import resources_dir

PICTOGRAM_PREFIX = "pictogram:"
PHOTO_PREFIX = "photo:"
ATTRIBUTION = "OpenMoji – the open-source emoji and icon project (openmoji.org), CC BY-SA 4.0"


def fold(text: str) -> str:
    """Lower case without accents: what search compares."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Pictogram:
    key: str  # the file name's code points, e.g. "1FAA5"
    name: str
    english: tuple[str, ...]
    spanish: tuple[str, ...]

    @property
    def picture(self) -> str:
        """The value a step stores for this pictogram."""
        return PICTOGRAM_PREFIX + self.key


class PictogramIndex:
    """All bundled pictograms, searchable; load once and keep (it reads one small file)."""

    def __init__(self, pictograms: Iterable[Pictogram], folder: Path) -> None:
        self._items = sorted(pictograms, key=lambda p: p.name)
        self._by_key = {p.key: p for p in self._items}
        self.folder = folder
        self._folded = {
            p.key: (
                fold(p.name),
                tuple(fold(w) for w in p.english),
                tuple(fold(w) for w in p.spanish),
            )
            for p in self._items
        }

    @classmethod
    def load(cls, folder: Path | None = None) -> PictogramIndex:
        folder = folder or resources_dir() / "pictograms"
        data = json.loads((folder / "keywords.json").read_text(encoding="utf-8"))
        items = [
            Pictogram(key, str(info["name"]), tuple(info["en"]), tuple(info["es"]))
            for key, info in data.items()
            if (folder / "color" / f"{key}.svg").exists()
        ]
        return cls(items, folder)

    def __len__(self) -> int:
        return len(self._items)

    def all(self) -> list[Pictogram]:
        return list(self._items)

    def get(self, key: str) -> Pictogram | None:
        return self._by_key.get(key.removeprefix(PICTOGRAM_PREFIX))

    def svg_path(self, key: str, *, outline: bool = False) -> Path:
        return svg_path(self.folder, key, outline=outline)

    def search(self, query: str, limit: int | None = None) -> list[Pictogram]:
        """Pictograms matching every word of the query, best first; all of them when empty."""
        phrase = " ".join(fold(query).split())
        if not phrase:
            return self.all()[:limit]
        terms = phrase.split()
        scored: list[tuple[int, str, Pictogram]] = []
        for item in self._items:
            name, english, spanish = self._folded[item.key]
            words = (name, *english, *spanish)
            total = 0
            for term in terms:
                best = max(_score(term, word) for word in words)
                if best == 0:
                    break
                total += best
            else:
                if phrase in words:
                    total += 200
                if phrase == name:
                    total += 100
                scored.append((-total, item.name, item))
        scored.sort(key=lambda entry: (entry[0], entry[1]))
        return [item for _score_, _name, item in scored[:limit]]


def _score(term: str, keyword: str) -> int:
    if term == keyword:
        return 100
    if keyword.startswith(term):
        return 60
    parts = keyword.replace("-", " ").split()
    if term in parts:
        return 50
    if any(part.startswith(term) for part in parts):
        return 35
    if len(term) >= 3 and term in keyword:
        return 10
    return 0


def svg_path(folder: Path, key: str, *, outline: bool = False) -> Path:
    """The SVG file of a pictogram: colour, or the black outline for low-ink printing."""
    return folder / ("black" if outline else "color") / f"{key.removeprefix(PICTOGRAM_PREFIX)}.svg"


def is_pictogram(picture: str) -> bool:
    return picture.startswith(PICTOGRAM_PREFIX)


def is_photo(picture: str) -> bool:
    return picture.startswith(PHOTO_PREFIX)
