"""Bold and italic in facilitator notes: the little markup the run sheet prints formatted.

The notes editor's B and I buttons call `toggle_marker` on the text and the selection. It works
like a word processor's button: with nothing selected it formats the word under the cursor (or,
between words, opens a pair of markers to type into); a list line's "- " is never formatted;
pressing it again on formatted text takes the formatting off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BOLD = "**"
ITALIC = "*"

_LIST_MARKER = re.compile(r"[ \t]*[-•*][ \t]+")
_WORD_CHAR = re.compile(r"[\w'’-]")


@dataclass(frozen=True)
class Edited:
    """The text after the change, and the selection to show (start == end: just a cursor)."""

    text: str
    start: int
    end: int


def toggle_marker(text: str, start: int, end: int, marker: str) -> Edited:
    """Format (or unformat) text[start:end] with `marker`, line by line."""
    start, end = sorted((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    if start == end:
        start, end = _word_at(text, start)
        if start == end:  # between words: a pair of markers, the cursor between them
            opened = text[:start] + marker + marker + text[start:]
            return Edited(opened, start + len(marker), start + len(marker))
    spans = _content_spans(text, start, end)
    if not spans:
        return Edited(text, start, end)
    if all(_is_wrapped(text, s, e, marker) for s, e in spans):
        return _apply(text, spans, marker, remove=True)
    return _apply(text, spans, marker, remove=False)


def _word_at(text: str, position: int) -> tuple[int, int]:
    start = end = position
    while start > 0 and _WORD_CHAR.match(text[start - 1]):
        start -= 1
    while end < len(text) and _WORD_CHAR.match(text[end]):
        end += 1
    return start, end


def _content_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The selected part of each line, without a list marker or the spaces around it."""
    spans: list[tuple[int, int]] = []
    line_start = text.rfind("\n", 0, start) + 1
    while line_start <= end and line_start <= len(text):
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = len(text)
        s, e = max(start, line_start), min(end, line_end)
        bullet = _LIST_MARKER.match(text, line_start)
        if bullet and s < bullet.end():
            s = bullet.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        # a selection that takes in the markers counts as the text inside them
        while s < e and text[s] == "*":
            s += 1
        while e > s and text[e - 1] == "*":
            e -= 1
        if s < e:
            spans.append((s, e))
        if line_end >= len(text):
            break
        line_start = line_end + 1
    return spans


def _stars_before(text: str, position: int) -> int:
    count = 0
    while position - count > 0 and text[position - count - 1] == "*":
        count += 1
    return count


def _stars_after(text: str, position: int) -> int:
    count = 0
    while position + count < len(text) and text[position + count] == "*":
        count += 1
    return count


def _is_wrapped(text: str, start: int, end: int, marker: str) -> bool:
    before, after = _stars_before(text, start), _stars_after(text, end)
    if marker == ITALIC:  # one star (or three: bold and italic) on each side
        return before % 2 == 1 and after % 2 == 1
    return before >= 2 and after >= 2


def _apply(text: str, spans: list[tuple[int, int]], marker: str, *, remove: bool) -> Edited:
    pieces: list[str] = []
    cursor = 0
    width = len(marker)
    shift = 0
    first_start = last_end = 0
    for index, (s, e) in enumerate(spans):
        if remove:
            pieces.append(text[cursor : s - width])
            new_s = s - width + shift
            pieces.append(text[s:e])
            shift -= width
            new_e = e + shift
            cursor = e + width
            shift -= width
        else:
            pieces.append(text[cursor:s])
            pieces.append(marker + text[s:e] + marker)
            new_s = s + shift + width
            new_e = e + shift + width
            shift += 2 * width
            cursor = e
        if index == 0:
            first_start = new_s
        last_end = new_e
    pieces.append(text[cursor:])
    return Edited("".join(pieces), first_start, last_end)
