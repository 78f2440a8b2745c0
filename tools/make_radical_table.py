"""Print the CJK radicals-supplement characters that share a glyph with a unified ideograph.

Qt's PDF writer maps a glyph back to the lowest code point that reaches it, so a Chinese
character whose glyph is also a radical's (门 and ⻔) reads back as the radical. Kangxi
radicals fold back by NFKC; the radicals supplement has no such decomposition, so
attune_desktop/printing/pdf_text.py keeps this table (RADICAL_EQUIVALENTS). Re-run it if the
bundled CJK font changes:

    QT_QPA_PLATFORM=offscreen python tools/make_radical_table.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QFont, QGuiApplication, QRawFont

FONTS = ("NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf")
IDEOGRAPHS = "".join(chr(c) for c in (*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000)))


def table(font_path: Path) -> dict[str, str]:
    font = QRawFont(str(font_path), 12, QFont.HintingPreference.PreferNoHinting)
    by_glyph: dict[int, str] = {}
    for char, glyph in zip(IDEOGRAPHS, font.glyphIndexesForString(IDEOGRAPHS), strict=True):
        if glyph:
            by_glyph.setdefault(glyph, char)
    found: dict[str, str] = {}
    for code in range(0x2E80, 0x2F00):
        glyph = font.glyphIndexesForString(chr(code))[0]
        if glyph and glyph in by_glyph:
            found[chr(code)] = by_glyph[glyph]
    return found


def main() -> None:
    _app = QGuiApplication(sys.argv)
    fonts = Path(__file__).resolve().parent.parent / "resources" / "fonts"
    merged: dict[str, str] = {}
    for name in FONTS:
        merged.update(table(fonts / name))
    print("".join(radical + ideograph for radical, ideograph in sorted(merged.items())))


if __name__ == "__main__":
    main()
