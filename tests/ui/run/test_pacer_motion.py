"""The room's pacer never flashes (WCAG 2.3.1), and in reduced motion it holds still.

Frames are rendered from the real projector pacer at 30 a second on a fake clock and read
back as pixels: the flash count comes from their luminance, not from what the code intends.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from attune_desktop.core.pacing import PacerPlan, fit_cycles, parse_pattern, phase_changes, preset
from attune_desktop.ui.run.pacer import PacerLook, PacerWidget
from attune_desktop.ui.run.projector import BACKGROUND, PACER_FILL, PACER_OUTLINE, TEXT

FPS = 30
GRID = (3, 3)  # each tile about a ninth of the screen: WCAG's 10° field at viewing distance
FLASH_CHANGE = 0.1  # a change of 10 % of the maximum relative luminance
DARKER_BELOW = 0.8


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def tile_luminance(image: QImage) -> list[float]:
    """Mean relative luminance of each tile of the frame (sRGB, as WCAG defines it)."""
    cols, rows = GRID
    small = image.scaled(
        cols * 8,
        rows * 8,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.FastTransformation,
    )
    tiles = []
    for ty in range(rows):
        for tx in range(cols):
            total = 0.0
            for y in range(ty * 8, ty * 8 + 8):
                for x in range(tx * 8, tx * 8 + 8):
                    colour = small.pixelColor(x, y)
                    total += (
                        0.2126 * _channel(colour.red())
                        + 0.7152 * _channel(colour.green())
                        + 0.0722 * _channel(colour.blue())
                    )
            tiles.append(total / 64)
    return tiles


def flashes_per_second(series: list[float], fps: int = FPS) -> float:
    """The most flashes in any one second: a flash is a pair of opposing changes of at least
    10 % luminance, the darker state below 0.8 (WCAG 2.3.1, general flash threshold)."""
    transitions: list[int] = []
    extreme, direction = series[0], 0
    for i, value in enumerate(series[1:], start=1):
        change = value - extreme
        if abs(change) >= FLASH_CHANGE and min(value, extreme) < DARKER_BELOW:
            new_direction = 1 if change > 0 else -1
            if new_direction != direction:
                transitions.append(i)
                direction = new_direction
            extreme = value
        elif direction == 0 or (value - extreme) * direction > 0:
            extreme = value  # still going the same way: follow the peak
    worst = 0.0
    for start in transitions:
        inside = [t for t in transitions if start <= t < start + fps]
        worst = max(worst, len(inside) / 2)
    return worst


@pytest.fixture
def pacer(qtbot: QtBot) -> Iterator[PacerWidget]:
    widget = PacerWidget(
        fill=PACER_FILL, outline=PACER_OUTLINE, text_colour=TEXT, background=BACKGROUND
    )
    qtbot.addWidget(widget)
    widget.resize(384, 216)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def render(pacer: PacerWidget, plan: PacerPlan, look: PacerLook, seconds: float) -> list[QImage]:
    clock = [0.0]
    pacer.set_look(look)
    pacer.set_plan(plan, lambda: clock[0])
    frames = []
    for i in range(round(seconds * FPS)):
        clock[0] = i / FPS
        pacer._on_frame()
        frames.append(pacer.grab().toImage())
    return frames


@pytest.mark.parametrize("key", ["sigh", "box"])
@pytest.mark.parametrize("reduced", [False, True])
def test_the_pacer_never_flashes_more_than_three_times_a_second(
    pacer: PacerWidget, key: str, reduced: bool
) -> None:
    pattern = parse_pattern(preset(key).pacing)
    plan = fit_cycles(pattern, pattern.cycle_seconds + pattern.closing_seconds)
    frames = render(pacer, plan, PacerLook(reduced_motion=reduced), plan.end_seconds)
    lum = [tile_luminance(frame) for frame in frames]
    for tile in range(GRID[0] * GRID[1]):
        series = [frame[tile] for frame in lum]
        assert flashes_per_second(series) <= 3, (key, reduced, tile)
    # and the test itself can see a flash: black and white swapped 5 times a second
    assert flashes_per_second([0.0, 0.0, 0.0, 1.0, 1.0, 1.0] * 10) > 3


def test_reduced_motion_is_a_still_prompt_that_changes_only_at_phase_changes(
    pacer: PacerWidget,
) -> None:
    plan = fit_cycles(parse_pattern("in 2, in2 1, out 6"), 30)
    changes = [t for t, _kind in phase_changes(plan) if 0 < t < 12]
    frames = render(pacer, plan, PacerLook(reduced_motion=True), 12)
    changed_at = [i / FPS for i in range(1, len(frames)) if frames[i] != frames[i - 1]]
    assert changed_at, "the prompt never changed"
    for moment in changed_at:
        assert any(abs(moment - t) <= 1.5 / FPS for t in changes), moment
    assert len(changed_at) <= len(changes)
    # while the growing circle moves between phase changes
    moving = render(pacer, plan, PacerLook(reduced_motion=False), 12)
    assert sum(moving[i] != moving[i - 1] for i in range(1, len(moving))) > 3 * len(changes)


def test_numbers_can_be_turned_off(pacer: PacerWidget) -> None:
    plan = fit_cycles(parse_pattern("in 4, out 6"), 20)
    render(pacer, plan, PacerLook(numbers=True), 1)
    assert pacer.label() == ("breathe in", "1")
    render(pacer, plan, PacerLook(numbers=False), 1)
    assert pacer.label() == ("breathe in", "")


def test_reduced_motion_follows_the_desktop_unless_set(monkeypatch, empty_context) -> None:
    from attune_desktop.ui.run import pacer_look as pacer_module

    settings = empty_context.settings
    monkeypatch.setattr(pacer_module, "desktop_prefers_reduced_motion", lambda: True)
    settings.set(pacer_module.REDUCED_MOTION_KEY, "system")
    assert PacerLook.load(settings).reduced_motion
    settings.set(pacer_module.REDUCED_MOTION_KEY, "off")
    assert not PacerLook.load(settings).reduced_motion
    monkeypatch.setattr(pacer_module, "desktop_prefers_reduced_motion", lambda: False)
    settings.set(pacer_module.REDUCED_MOTION_KEY, "on")
    assert PacerLook.load(settings).reduced_motion
    settings.set(pacer_module.LANGUAGE_KEY, "zh-Hans")
    assert PacerLook.load(settings).language == "zh"
