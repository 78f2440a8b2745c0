"""Words that read the other way from what surrounds them are isolated for showing only."""

from __future__ import annotations

import pytest

from attune_desktop.core.bidi import FSI, PDI, is_rtl, isolated


@pytest.mark.parametrize(
    ("text", "rtl_around", "shown"),
    [
        ("¡Buenos días!", True, f"{FSI}¡Buenos días!{PDI}"),  # Spanish in an Arabic screen
        ("مرحبا!", False, f"{FSI}مرحبا!{PDI}"),  # Arabic in an English screen
        ("مرحبا!", True, "مرحبا!"),  # the same way: left alone
        ("¡Buenos días!", False, "¡Buenos días!"),
        ("12:30 — 5", True, "12:30 — 5"),  # no letters: nothing to isolate
        ("", True, ""),
    ],
)
def test_isolated_only_when_the_words_read_the_other_way(text, rtl_around, shown):
    """GIVEN words and the direction around them WHEN shown THEN isolated only when needed."""
    assert isolated(text, rtl_around) == shown


def test_the_first_strong_letter_decides():
    """GIVEN mixed words WHEN their direction is asked THEN the first letter with one decides."""
    assert is_rtl("«نور» Team")
    assert not is_rtl("Team «نور»")
    assert not is_rtl("123")
