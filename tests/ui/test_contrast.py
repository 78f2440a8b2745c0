"""Every colour pair the app draws is readable: WCAG 2.2 AA from the theme's own palette.

Text needs 4.5:1 (3:1 when large: 24 px, or 18.7 px bold); outlines a person needs to find a
control, focus rings and the graphics that carry meaning (the ring's track and arc, the
pacer's circles, the chart's marks) need 3:1 against what they sit on. Disabled controls are
exempt, as WCAG has it. The high-contrast theme is held to more: 7:1 for text and 4.5:1 for
controls and graphics (WCAG's AAA text level). The pairs are read from the theme, the
projector and the charts, so a colour changed there is checked here.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from attune_desktop.core.checkin_scales import BUILTIN_SCALES, SOFT_PALETTE
from attune_desktop.ui.checkins import projector_panel, shift_chart
from attune_desktop.ui.checkins.results_chart import INK
from attune_desktop.ui.common.tones import KIOSK, KioskTones
from attune_desktop.ui.run import pacer, projector
from attune_desktop.ui.theme import DARK, LIGHT, Tones
from attune_desktop.ui.theme import HIGH_CONTRAST as HC

TEXT, LARGE, GRAPHIC = 4.5, 3.0, 3.0
HC_TEXT, HC_GRAPHIC = 7.0, 4.5  # the high-contrast theme


def luminance(colour: str | QColor) -> float:
    c = QColor(colour)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = channel(c.redF()), channel(c.greenF()), channel(c.blueF())
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str | QColor, other: str | QColor) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def theme_pairs(
    name: str, t: Tones, text: float = TEXT, graphic: float = GRAPHIC
) -> list[tuple[str, str, str, float]]:
    """(what, foreground, background, needed) for one theme."""
    grounds = {"window": t.window, "base": t.base, "alternate rows": t.alt_base}
    pairs = []
    for where, ground in grounds.items():
        pairs += [
            (f"{name}: text on {where}", t.text, ground, text),
            (f"{name}: muted text on {where}", t.muted, ground, text),
            (f"{name}: warm (warning, overtime) text on {where}", t.warm, ground, text),
            (f"{name}: accent text (links) on {where}", t.accent, ground, text),
            (f"{name}: field and check-box outline on {where}", t.edge, ground, graphic),
            (f"{name}: focus ring on {where}", t.accent, ground, graphic),
        ]
    pairs += [
        (f"{name}: text on the sidebar", t.text, t.sidebar, text),
        (f"{name}: words on accent (primary buttons, selection)", t.accent_text, t.accent, text),
        (f"{name}: text on a pressed button", t.text, t.border, text),
        # a focused primary button: its 2 px edge turns from the window colour to the text's
        (f"{name}: focus ring on a primary button", t.text, t.window, graphic),
        (f"{name}: presenter ring arc", t.accent, t.window, graphic),
        (f"{name}: presenter ring arc on its track", t.accent, t.border, graphic),
        (f"{name}: presenter overtime arc", t.warm, t.window, graphic),
        (f"{name}: presenter overtime arc on its track", t.warm, t.border, graphic),
        (f"{name}: presenter ring track's edges", t.edge, t.window, graphic),
        (f"{name}: shift chart 'before' mark", shift_chart.BEFORE.name(), t.window, graphic),
        (f"{name}: shift chart 'before' mark on base", shift_chart.BEFORE.name(), t.base, graphic),
        (f"{name}: shift chart 'after' mark", shift_chart.AFTER.name(), t.window, graphic),
    ]
    return pairs


def projector_pairs() -> list[tuple[str, str, str, float]]:
    p = projector
    return [
        ("projector: title and time", p.TEXT, p.BACKGROUND, TEXT),
        ("projector: muted words", p.MUTED, p.BACKGROUND, TEXT),
        ("projector: ring arc", p.RING, p.BACKGROUND, GRAPHIC),
        ("projector: ring arc on its track", p.RING, p.TRACK, GRAPHIC),
        ("projector: ring track's edges", p.TRACK_EDGE, p.BACKGROUND, GRAPHIC),
        ("projector: pacer guide circle", p.PACER_OUTLINE, p.BACKGROUND, GRAPHIC),
        ("projector: pacer breath circle", p.PACER_FILL, p.BACKGROUND, GRAPHIC),
        # the pacer's words are drawn bold at 19 px or more: large text
        ("projector: pacer words on the breath", p.TEXT, p.PACER_FILL, LARGE),
        # a check-in on the projector: a light page with dark ink, whatever the theme
        ("check-in panel: words and chart ink", INK.name(), projector_panel.BACKGROUND, TEXT),
    ]


OPTION_COLOURS = sorted(
    {o.colour for s in BUILTIN_SCALES.values() for o in s.options} | set(SOFT_PALETTE)
)


def kiosk_pairs(name: str, k: KioskTones, text: float, graphic: float) -> list[tuple]:
    """The kiosk's page in one theme; its words are large (34 px, 56 px) but the exit hint
    (15 px) and the grid's edge words (22 px) are not, so all words are held to `text`."""
    pairs = [
        (f"kiosk {name}: question", k.text, k.page, text),
        (f"kiosk {name}: exit hint and grid edge words", k.muted, k.page, text),
        (f"kiosk {name}: thank you / closed (56 px)", k.thanks, k.page, LARGE),
        (f"kiosk {name}: hold corner", k.corner, k.page, graphic),
        (f"kiosk {name}: focus ring on the page", k.ring, k.page, graphic),
    ]
    for colour in OPTION_COLOURS:
        pairs.append((f"kiosk {name}: answer words on {colour}", k.button_text, colour, TEXT))
    return pairs


ALL_PAIRS = (
    theme_pairs("light", LIGHT)
    + theme_pairs("dark", DARK)
    + theme_pairs("high contrast", HC, HC_TEXT, HC_GRAPHIC)
    # a button's words say what it is, so WCAG asks no outline of it; high contrast draws one
    # all the same (its buttons are as black as the page), and that one must be seen
    + [("high contrast: button and table outline", HC.control_frame, HC.window, HC_GRAPHIC)]
    + projector_pairs()
    + kiosk_pairs("light", KIOSK["light"], TEXT, GRAPHIC)
    + kiosk_pairs("dark", KIOSK["dark"], TEXT, GRAPHIC)
    + kiosk_pairs("high contrast", KIOSK["high-contrast"], HC_TEXT, HC_GRAPHIC)
)


def test_the_pacer_words_are_large_text() -> None:
    # the 3:1 for the pacer's words holds only if they are large: bold and 18.7 px or more
    assert pacer.LARGE_BOLD_PX >= 18.7


@pytest.mark.parametrize("pair", ALL_PAIRS, ids=[p[0] for p in ALL_PAIRS])
def test_every_colour_pair_meets_wcag_aa(pair: tuple[str, str, str, float]) -> None:
    what, fore, back, needed = pair
    ratio = contrast(fore, back)
    assert ratio >= needed, f"{what}: {fore} on {back} is {ratio:.2f}:1, needs {needed}:1"


def test_contrast_is_computed_as_wcag_does() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_a_failing_kiosk_pair_is_caught() -> None:
    # the old fixed corner (rgba(0, 0, 0, 70) on #f6f4ef, about #b6b4b0) fails as it should
    bad = KioskTones(
        page="#f6f4ef",
        text="#1F2328",
        muted="#6b6f76",
        thanks="#3f7d74",
        corner="#b6b4b0",
        ring="#1F2328",
    )
    failing = [p for p in kiosk_pairs("old", bad, TEXT, GRAPHIC) if contrast(p[1], p[2]) < p[3]]
    assert [p[0] for p in failing] == ["kiosk old: hold corner"]
