"""Sheet text as Qt rich text: escaping, the notes' light markup, and each line's direction.

Shared by every text sheet (run sheet, agenda, series plan, report, take-home card), so a
title in Arabic reads right to left on all of them, and **bold** means the same everywhere.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from attune_desktop.core import locale_format
from attune_desktop.core.bidi import is_rtl
from attune_desktop.core.i18n import _

BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])")
BULLET = re.compile(r"^\s*[-•*]\s+")


def direction(text: str) -> str:
    """The paragraph attributes that make a right-to-left line read and align right."""
    return ' dir="rtl" align="right"' if is_rtl(text) else ""


def align_under(text: str) -> str:
    """Right-align an English line (a time, a kind) that belongs under a right-to-left title."""
    return ' align="right"' if is_rtl(text) else ""


def inline(text: str) -> str:
    """Escape user text, then honour the **bold** and *italic* the segment editor offers."""
    escaped = html.escape(text, quote=False)
    escaped = BOLD.sub(r"<b>\1</b>", escaped)
    return ITALIC.sub(r"<i>\1</i>", escaped)


def element(name: str, words: str, attrs: str = "") -> str:
    """Translated words in one element, escaped: the markup stays in code, out of the catalogue.

    `element("p", _("No sessions are planned yet."), ' class="small"')`.
    """
    return f"<{name}{attrs}>{html.escape(words, quote=False)}</{name}>"


def table_head(*columns: tuple[str, str]) -> str:
    """A table's header row from (attributes, translated name) pairs, names escaped."""
    return (
        f"<thead><tr>{''.join(element('th', name, attrs) for attrs, name in columns)}</tr></thead>"
    )


def notes_html(text: str) -> str:
    """Notes as paragraphs: line breaks kept, blank lines split paragraphs, '- ' lines bulleted.

    Each paragraph takes its own direction, so an Arabic line in an English script reads
    right to left without turning the whole script around.
    """
    parts: list[str] = []
    paragraph: list[str] = []
    bullets: list[str] = []

    def flush_paragraph() -> None:
        if paragraph:
            body = "<br/>".join(inline(line) for line in paragraph)
            parts.append(f'<p class="note"{direction(paragraph[0])}>{body}</p>')
            paragraph.clear()

    def flush_bullets() -> None:
        if bullets:
            items = "".join(f"<li{direction(item)}>{inline(item)}</li>" for item in bullets)
            parts.append(f'<ul class="note">{items}</ul>')
            bullets.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if BULLET.match(line):
            flush_paragraph()
            bullets.append(BULLET.sub("", line, count=1))
        elif line.strip():
            flush_bullets()
            paragraph.append(line)
        else:
            flush_paragraph()
            flush_bullets()
    flush_paragraph()
    flush_bullets()
    return "".join(parts)


def cell_text(text: str, css_class: str = "") -> str:
    klass = f' class="{css_class}"' if css_class else ""
    return f"<p{klass}{direction(text)}>{inline(text)}</p>"


def date_label(date: dt.date | None) -> str:
    if date is None:
        return _("No date set")
    return locale_format.long_date(date)
