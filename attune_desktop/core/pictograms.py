"""The bundled pictograms and their search by keyword, in all six sheet languages.

Two files give the words: keywords.json (made by resources/pictograms/make_keywords.py from
OpenMoji's and Emojibase's annotations: each pictogram's English name and English and Spanish
words) and keywords_cldr.json (made by tools/make_pictogram_keywords.py from the Unicode CLDR
emoji annotations, with the routine words families use, such as "homework", "merienda",
"睡衣": every language's name first, then its words). Search ignores case and accents (and
Arabic vowel marks), so "cafe" finds "café" and "baño" is found by "bano"; every word typed
must match somewhere. A search knows which language its words matched, so a picker shows
"cepillo de dientes" to someone who typed "cepillo", and it ranks matches in the family's own
language first ("pan" is bread for a Spanish-speaking family).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from attune_desktop.core.config import resources_dir
from attune_desktop.core.i18n import ROOM_LANGUAGE_CODES

PICTOGRAM_PREFIX = "pictogram:"
PHOTO_PREFIX = "photo:"
KEYWORD_LANGUAGES = ROOM_LANGUAGE_CODES  # the one list: every room language has keywords
FAMILY_LANGUAGE_BONUS = 25  # less than any real match is worth: it only breaks near-ties
ATTRIBUTION = (  # not-ui-text: the licence's credit, as the licence words it
    "OpenMoji – the open-source emoji and icon project (openmoji.org), CC BY-SA 4.0"
)
# The least CC BY-SA 4.0 asks of a print (who made them, where they are, the licence), in no
# language: the one line a "Pictures only" sheet keeps (docs/printing-a-new-sheet.md).
SHORT_ATTRIBUTION = "OpenMoji (openmoji.org), CC BY-SA 4.0"  # not-ui-text: the licence's credit


def fold(text: str) -> str:
    """Lower case without accents: what search compares."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Pictogram:
    key: str  # the file name's code points, e.g. "1FAA5"
    name: str  # in English
    words: Mapping[str, tuple[str, ...]]  # language -> its name for the picture, then words

    @property
    def picture(self) -> str:
        """The value a step stores for this pictogram."""
        return PICTOGRAM_PREFIX + self.key

    @property
    def english(self) -> tuple[str, ...]:
        return self.words.get("en", ())

    @property
    def spanish(self) -> tuple[str, ...]:
        return self.words.get("es", ())

    def name_in(self, language: str) -> str:
        """The pictogram's name in a keyword language (English when there is none)."""
        own = self.words.get(language, ()) if language != "en" else ()
        return own[0] if own else self.name


@dataclass(frozen=True)
class Found:
    """A search result and the keyword language whose words it matched."""

    pictogram: Pictogram
    language: str

    @property
    def name(self) -> str:
        return self.pictogram.name_in(self.language)


def name_language(language: str) -> str:
    """The language a picker names pictograms in for a family: its own, or English."""
    code = language.lower().replace("_", "-").split("-")[0]
    return code if code in KEYWORD_LANGUAGES else "en"


class PictogramIndex:
    """All bundled pictograms, searchable; load once and keep (it reads one small file)."""

    def __init__(self, pictograms: Iterable[Pictogram], folder: Path) -> None:
        self._items = sorted(pictograms, key=lambda p: p.name)
        self._by_key = {p.key: p for p in self._items}
        self.folder = folder
        self._folded = {
            p.key: {
                code: tuple(fold(w) for w in ((p.name, *words) if code == "en" else words))
                for code, words in p.words.items()
            }
            for p in self._items
        }

    @classmethod
    def load(cls, folder: Path | None = None) -> PictogramIndex:
        folder = folder or resources_dir() / "pictograms"
        data = json.loads((folder / "keywords.json").read_text(encoding="utf-8"))
        cldr_file = folder / "keywords_cldr.json"
        cldr = json.loads(cldr_file.read_text(encoding="utf-8")) if cldr_file.exists() else {}
        items = [
            Pictogram(key, str(info["name"]), _merged(info, cldr.get(key, {})))
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

    def search(self, query: str, limit: int | None = None, language: str = "en") -> list[Pictogram]:
        """Pictograms matching every word of the query, best first; all of them when empty."""
        return [found.pictogram for found in self.find(query, limit, language)]

    def find(self, query: str, limit: int | None = None, language: str = "en") -> list[Found]:
        """Like `search`, with the language each result matched in.

        `language` is the family's: its keywords win a near-tie, and an empty query (or one
        that matches both languages equally) names the results in it when it has keywords.
        """
        own = name_language(language)
        phrase = " ".join(fold(query).split())
        if not phrase:
            named = sorted(self._items, key=lambda item: fold(item.name_in(own)))
            return [Found(item, own) for item in named[:limit]]
        terms = phrase.split()
        scored: list[tuple[int, str, Found]] = []
        for item in self._items:
            words = self._folded[item.key]
            if not all(any(_score(t, w) for ws in words.values() for w in ws) for t in terms):
                continue  # every word typed must match, in one language or another
            best: tuple[int, int, str] | None = None
            for code, keywords in words.items():
                total = sum(max((_score(t, w) for w in keywords), default=0) for t in terms)
                if phrase in keywords:
                    total += 200
                if keywords and phrase == keywords[0]:
                    total += 100  # the pictogram's own name in that language
                if code == own and total:
                    total += FAMILY_LANGUAGE_BONUS
                rank = (total, code == own, code)
                if best is None or rank[:2] > best[:2]:
                    best = rank
            assert best is not None
            total, _own, code = best
            scored.append((-total, item.name, Found(item, code)))
        scored.sort(key=lambda entry: (entry[0], entry[1]))
        return [found for _score_, _name, found in scored[:limit]]


def _merged(
    info: Mapping[str, object], cldr: Mapping[str, list[str]]
) -> dict[str, tuple[str, ...]]:
    """One pictogram's words by language: OpenMoji's and Emojibase's English and Spanish
    first (the Spanish name stays the name), then CLDR's and the routine words."""
    words: dict[str, tuple[str, ...]] = {}
    for code in KEYWORD_LANGUAGES:
        first = info.get(code, [])
        seen = dict.fromkeys([*(first if isinstance(first, list) else []), *cldr.get(code, [])])
        words[code] = tuple(str(w) for w in seen)
    return words


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
    if (len(term) >= 3 or _ideographic(term)) and term in keyword:
        return 10
    return 0


def _ideographic(term: str) -> bool:
    """Chinese words are one or two characters and written without spaces."""
    return any("\u3400" <= char <= "\u9fff" for char in term)


def svg_path(folder: Path, key: str, *, outline: bool = False) -> Path:
    """The SVG file of a pictogram: colour, or the black outline for low-ink printing."""
    return folder / ("black" if outline else "color") / f"{key.removeprefix(PICTOGRAM_PREFIX)}.svg"


def is_pictogram(picture: str) -> bool:
    return picture.startswith(PICTOGRAM_PREFIX)


def is_photo(picture: str) -> bool:
    return picture.startswith(PHOTO_PREFIX)
