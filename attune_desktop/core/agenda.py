"""Agenda arithmetic: clock times, totals against the target, and the gathered materials.

Pure functions over minutes, so the builder, the printed run sheet and the presenter view all
agree to the minute.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from attune_desktop.core import locale_format
from attune_desktop.core.i18n import _

MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True)
class Slot:
    start_minute: int  # minutes after midnight of the session's day; may pass 1440
    end_minute: int

    @property
    def start_label(self) -> str:
        return clock_label(self.start_minute)

    @property
    def end_label(self) -> str:
        return clock_label(self.end_minute)


@dataclass(frozen=True)
class AgendaTotals:
    planned_minutes: int
    target_minutes: int

    @property
    def difference(self) -> int:
        """Positive when the agenda is longer than the target."""
        return self.planned_minutes - self.target_minutes

    @property
    def summary(self) -> str:
        diff = self.difference
        total = duration_label(self.planned_minutes)
        target = duration_label(self.target_minutes)
        if diff == 0:
            return _("{total} planned, exactly the {target} target").format(
                total=total, target=target
            )
        if diff > 0:
            return _("{total} planned: {over} over the {target} target").format(
                total=total, over=duration_label(diff), target=target
            )
        return _("{total} planned: {under} under the {target} target").format(
            total=total, under=duration_label(-diff), target=target
        )


def slots(start: dt.time, minutes: Sequence[int]) -> list[Slot]:
    """Clock start and end of each segment from the session's start time."""
    cursor = start.hour * 60 + start.minute
    result: list[Slot] = []
    for length in minutes:
        result.append(Slot(cursor, cursor + length))
        cursor += length
    return result


def totals(minutes: Iterable[int], target_minutes: int) -> AgendaTotals:
    return AgendaTotals(sum(minutes), target_minutes)


def clock_label(minute_of_day: int) -> str:
    """'18:05' (or '6:05 PM', as the UI language writes clock times); a time past midnight
    reads '00:15 (+1 day)' so it is never mistaken."""
    days = minute_of_day // MINUTES_PER_DAY
    label = locale_format.clock_minutes(minute_of_day)
    if days:
        label += " " + (_("(+1 day)") if days == 1 else _("(+{days} days)").format(days=days))
    return label


def duration_label(minutes: int) -> str:
    if minutes < 60:
        return _("{minutes} min").format(minutes=minutes)
    hours, rest = divmod(minutes, 60)
    if rest:
        return _("{hours} h {minutes:02d} min").format(hours=hours, minutes=rest)
    return _("{hours} h").format(hours=hours)


def gather_materials(materials: Iterable[str]) -> list[str]:
    """One checklist from every segment's materials: one item per line, each thing once.

    Items that differ only in case, spacing, punctuation, a list marker or an English plural
    ("Pens", "pen.", "- pens") are the same thing to bring; the first wording is kept.
    """
    seen: set[str] = set()
    gathered: list[str] = []
    for block in materials:
        for line in block.splitlines():
            item = _tidy_item(line)
            key = material_key(item)
            if key and key not in seen:
                seen.add(key)
                gathered.append(item)
    return gathered


def _tidy_item(line: str) -> str:
    """The item as written, without its list marker, doubled spaces or closing punctuation."""
    item = " ".join(unicodedata.normalize("NFC", line).split())
    item = _LIST_MARKER.sub("", item)
    return item.rstrip(_CLOSING_PUNCTUATION).strip()


_LIST_MARKER = re.compile(r"^(?:[-•*·–—]+|\d{1,3}[.)])\s*")
_CLOSING_PUNCTUATION = ".,;:!?…"


def material_key(item: str) -> str:
    """What makes two materials the same: letters and digits, case-free, each word singular."""
    words = []
    for word in unicodedata.normalize("NFKC", item).casefold().split():
        kept = "".join(ch for ch in word if ch.isalnum() or unicodedata.category(ch)[0] == "M")
        if kept:
            words.append(_singular(kept))
    return "".join(words)


def _singular(word: str) -> str:
    """A light English singular ("tissues" → "tissue", "glasses" → "glass"); others unchanged."""
    if not word.isascii() or len(word) <= 3:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zzes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
