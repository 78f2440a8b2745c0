"""Make the text in a PDF Qt wrote read back as it was typed (search, copy, screen readers).

Qt's PDF engine writes each embedded font's ToUnicode map by looking glyphs up in the font's
cmap backwards, lowest code point first. Two kinds of glyph come back wrong that way:

- Arabic letters in their joined shapes: the only code points that reach those glyphs are
  the Arabic presentation forms (U+FB50–FDFF, U+FE70–FEFF), so "سلام" reads back as "ﺳﻼﻡ";
- Chinese characters that look like a radical: the Kangxi radicals (U+2F00–2FDF) and the CJK
  radicals supplement share the ideograph's glyph and come first, so "牙" reads back as "⽛"
  and "门" as "⻔".

All are compatibility characters standing for the letter or ideograph typed (its NFKC form,
or for the radicals supplement the table below), so each map entry pointing at one is
rewritten to that character (a lam-alef ligature to its two letters,
stored in drawing order as pdftotext and other readers expect of a right-to-left run).
Only the maps change: the drawing, fonts and layout stay byte for byte what Qt drew. The
rewrite is appended to the file as an incremental update (see docs/decisions, "searchable
PDF text").
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, StreamObject

# Compatibility blocks whose characters stand in for the text typed in a reverse cmap lookup.
FOLDED_BLOCKS = (
    (0x2E80, 0x2EFF),  # CJK radicals supplement
    (0x2F00, 0x2FDF),  # Kangxi radicals
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFB50, 0xFDFF),  # Arabic presentation forms A
    (0xFE70, 0xFEFE),  # Arabic presentation forms B (not U+FEFF, the byte order mark)
)
# CJK radicals-supplement characters that share their glyph with an ideograph, as pairs
# (radical, ideograph); NFKC leaves these alone. Made by tools/make_radical_table.py from the
# bundled Noto Sans SC, whose cmap follows Unicode's EquivalentUnifiedIdeograph.txt.
RADICAL_EQUIVALENTS = (
    "⺂乛⺃乚⺅亻⺉刂⺋㔾⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬⺤爫⺦丬⺨犭"
    "⺭礻⺯糹⺰纟⺱罓⺳㓁⺹耂⺺肀⺾艹⻂衤⻅见⻆角⻈讠⻉贝⻋车⻌辶⻐钅⻑長⻒镸⻓长⻔门⻖阝⻘青"
    "⻙韦⻚页⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻮齿⻯竜⻰龙⻱龜"
    "⻲亀⻳龟"
)
_RADICALS = dict(zip(RADICAL_EQUIVALENTS[::2], RADICAL_EQUIVALENTS[1::2], strict=True))
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")
_SECTION = re.compile(rb"(begin(bfrange|bfchar)\s)(.*?)(\send\2)", re.DOTALL)


def fold(text: str) -> str:
    """The text with every stand-in compatibility character replaced by what it stands for."""
    return "".join(_fold_char(char) for char in text)


def _fold_char(char: str) -> str:
    code = ord(char)
    if not any(low <= code <= high for low, high in FOLDED_BLOCKS):
        return char
    folded = _RADICALS.get(char) or unicodedata.normalize("NFKC", char)
    if len(folded) > 1 and unicodedata.bidirectional(folded[0]) == "AL":
        # A right-to-left ligature (lam-alef) is one glyph in a run drawn in visual order;
        # readers reverse the run's characters, so its letters are stored reversed too.
        return folded[::-1]
    return folded


def _hex_text(data: bytes) -> str:
    return bytes.fromhex(data.decode("ascii")).decode("utf-16-be", errors="surrogatepass")


def _text_hex(text: str) -> bytes:
    return b"<" + text.encode("utf-16-be", errors="surrogatepass").hex().upper().encode() + b">"


def _fold_destination(match: re.Match[bytes]) -> bytes:
    text = _hex_text(match.group(1))
    folded = fold(text)
    return match.group(0) if folded == text else _text_hex(folded)


def _fold_line(line: bytes, ranges: bool) -> bytes:
    """One map line with its destinations folded; its source codes are kept as they are."""
    codes = list(_HEX.finditer(line))
    sources = 2 if ranges else 1
    if len(codes) <= sources:
        return line
    start = codes[sources - 1].end()
    head, tail = line[:start], line[start:]
    if ranges and b"[" not in tail:
        low, high = (int(code.group(1), 16) for code in codes[:2])
        first = _hex_text(codes[2].group(1))
        if high > low and len(first) == 1:  # consecutive codes: spell them out if any fold
            run = [chr(ord(first) + i) for i in range(high - low + 1)]
            if any(fold(char) != char for char in run):
                return head + b" [" + b" ".join(_text_hex(fold(c)) for c in run) + b"]"
            return line
    return head + _HEX.sub(_fold_destination, tail)


def fold_cmap(data: bytes) -> bytes:
    """A ToUnicode CMap with its stand-in destinations folded."""

    def section(match: re.Match[bytes]) -> bytes:
        ranges = match.group(2) == b"bfrange"
        body = b"\n".join(_fold_line(line, ranges) for line in match.group(3).split(b"\n"))
        return match.group(1) + body + match.group(4)

    return _SECTION.sub(section, data)


def _to_unicode_maps(reader: PdfReader) -> list[StreamObject]:
    found: dict[int, StreamObject] = {}
    for page in reader.pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        if fonts is None:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            if not isinstance(font, DictionaryObject) or "/ToUnicode" not in font:
                continue
            cmap_ref = font.raw_get("/ToUnicode")  # not-ui-text
            cmap = cmap_ref.get_object()
            if isinstance(cmap, StreamObject):
                found[id(cmap)] = cmap
    return list(found.values())


def make_text_searchable(path: Path) -> bool:
    """Fold the ToUnicode maps of the PDF at path in place; True when anything changed."""
    writer = PdfWriter(path, incremental=True)
    changed = False
    for cmap in _to_unicode_maps(writer):  # type: ignore[arg-type]
        data = cmap.get_data()
        folded = fold_cmap(data)
        if folded != data:
            cmap.set_data(folded)
            changed = True
    if changed:
        with path.open("wb") as handle:
            writer.write(handle)
    return changed
