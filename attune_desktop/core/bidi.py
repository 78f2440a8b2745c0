"""Which way a piece of text reads, and how to show it inside text that reads the other way.

A family's "¡Buenos días!" in an Arabic screen, or "مرحبا!" in an English one, would take the
surrounding direction for the punctuation at its ends ("!Buenos días¡"). Wrapped in a first
strong isolate (FSI … PDI, U+2068/U+2069) it takes its own direction. The marks are for
showing only: they are never stored (core.validation refuses them in typed text).
"""

from __future__ import annotations

import unicodedata

RTL_CLASSES = frozenset({"R", "AL"})
FSI, PDI = "\u2068", "\u2069"  # first strong isolate, pop directional isolate


def is_rtl(text: str) -> bool:
    """True when the first strongly directional character is right-to-left (Arabic, Hebrew).

    That is the Unicode rule for a paragraph's base direction; Qt then orders mixed text
    within the paragraph itself.
    """
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in RTL_CLASSES:
            return True
        if kind == "L":
            return False
    return False


def _has_strong(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("L", "R", "AL") for char in text)


def isolated(text: str, rtl_around: bool) -> str:
    """`text` wrapped in FSI … PDI when it reads the other way from what surrounds it.

    Text that reads the same way, or has no letters at all, is left as it is: an isolate
    would change nothing there.
    """
    if not text or not _has_strong(text) or is_rtl(text) == rtl_around:
        return text
    return f"{FSI}{text}{PDI}"


def without_isolates(text: str) -> str:
    """The text as typed, from a shown one (a copy of a cell, an accessible name)."""
    if text.startswith(FSI) and text.endswith(PDI):
        return text[1:-1]
    return text
