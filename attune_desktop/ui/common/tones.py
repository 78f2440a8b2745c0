"""The app's colour tones: calm light and dark, and a high-contrast set for low vision.

Every pair the app draws from these is checked in tests/ui/test_contrast.py: WCAG 2.2 AA for
light and dark (text 4.5:1, controls and graphics 3:1), and AAA-level for high contrast (text
7:1, controls and graphics 4.5:1).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tones:
    window: str
    base: str
    alt_base: str
    text: str
    muted: str
    accent: str
    accent_text: str
    sidebar: str
    border: str
    warm: str  # overtime and "over target": a soft amber, never alarm red
    disabled_text: str  # fainter than muted, so a disabled button does not look pressable
    # outlines a person must see to find a control (fields, check boxes, a ring's track):
    # 3:1 against window, base and alternate rows; `border` stays for soft separators
    edge: str = "#858076"
    # the outline of buttons and tables: the soft `border` unless a theme wants them plain
    frame: str = ""

    @property
    def control_frame(self) -> str:
        return self.frame or self.border


LIGHT = Tones(
    window="#f6f4ef",
    base="#ffffff",
    alt_base="#f1eee7",
    text="#2b2d31",
    muted="#5f636a",
    accent="#3a7168",
    accent_text="#ffffff",
    sidebar="#ebe7de",
    border="#d9d4c9",
    warm="#95600f",
    disabled_text="#a4a29c",
    edge="#858076",
)
DARK = Tones(
    window="#1f2125",
    base="#26292e",
    alt_base="#2d3036",
    text="#e6e4df",
    muted="#a3a6ad",
    accent="#6fb3a8",
    accent_text="#11201d",
    sidebar="#191b1e",
    border="#3a3d44",
    warm="#e0a552",
    disabled_text="#6c6f76",
    edge="#7b7f88",
)
HIGH_CONTRAST = Tones(  # white on black, yellow for focus and selection, every edge drawn
    window="#000000",
    base="#000000",
    alt_base="#161616",
    text="#ffffff",
    muted="#dadada",
    accent="#ffd83d",
    accent_text="#000000",
    sidebar="#000000",
    border="#3c3c3c",  # the ring's track and a pressed button: white and yellow both read on it
    warm="#ffad5c",
    disabled_text="#8c8c8c",
    edge="#c8c8c8",
    frame="#c8c8c8",
)
THEMES = {"light": LIGHT, "dark": DARK, "high-contrast": HIGH_CONTRAST}
THEME_CHOICES = ("system", *THEMES)  # "system": light or dark as the desktop's scheme says


@dataclass(frozen=True)
class KioskTones:
    """The kiosk's page, in each theme. Its answer buttons keep their option colours under
    dark text (core.checkin_scales checks those at 4.5:1); the ring is the keyboard focus."""

    page: str
    text: str  # the question, 34 px semibold
    muted: str  # the exit hint (15 px) and the grid's edge words (22 px): normal text
    thanks: str  # "thank you" and "closed", 56 px: large text
    corner: str  # the ⋯ hold corner, a control: 3:1 at least
    ring: str  # the focused answer's 4 px edge, against the page around it
    button_text: str = "#1F2328"  # core.checkin_scales.DARK_TEXT


def _kiosk(tones: Tones, *, text: str, ring: str) -> KioskTones:
    """A theme's kiosk page: its window behind, its muted words and corner, its accent thanks."""
    return KioskTones(
        page=tones.window,
        text=text,
        muted=tones.muted,
        thanks=tones.accent,
        corner=tones.muted,
        ring=ring,
    )


KIOSK = {
    "light": _kiosk(LIGHT, text="#1F2328", ring="#1F2328"),
    "dark": _kiosk(DARK, text=DARK.text, ring=DARK.text),
    "high-contrast": _kiosk(HIGH_CONTRAST, text=HIGH_CONTRAST.text, ring=HIGH_CONTRAST.accent),
}


def kiosk_tones(tones: Tones) -> KioskTones:
    """The kiosk's colours for the app's theme tones."""
    name = next((n for n, t in THEMES.items() if t == tones), "light")
    return KIOSK[name]
