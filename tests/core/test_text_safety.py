"""Text that cannot be stored or would show misleadingly is refused, with a message that says so.

The rules live in `core.validation`, so a bundle from elsewhere, the command line and the
screens all refuse the same titles the same way.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from attune_desktop.core import validation as v
from attune_desktop.core.bundle import BUNDLE_FORMAT, BundleError, parse_bundle
from attune_desktop.core.errors import ValidationError
from attune_desktop.core.services.series import SeriesService


def bundle_with_title(title: str) -> bytes:
    data = {
        "format": BUNDLE_FORMAT,
        "version": 1,
        "series": {
            "slug": "shared",
            "title": title,
            "weeks": [{"theme": "Noticing", "segments": []}],
        },
    }
    # json.dumps writes "\ud800" as an escape, as a bundle made elsewhere can hold it.
    return json.dumps(data).encode("utf-8")


def test_a_lone_surrogate_in_a_bundle_is_named() -> None:
    # GIVEN a bundle whose title holds half of a UTF-16 pair
    raw = bundle_with_title("Week \ud800 one")
    # WHEN it is read THEN the refusal names the field and the broken character
    with pytest.raises(BundleError) as refused:
        parse_bundle(raw)
    assert "series.title" in str(refused.value)
    assert "broken character (U+D800" in str(refused.value)


@pytest.mark.parametrize("title", ["\u200b", "\u200b\u200c\u200d", "\u2060\ufeff", " \u3164 "])
def test_a_title_of_only_invisible_characters_is_refused(title: str) -> None:
    with pytest.raises(BundleError, match="only of invisible characters"):
        parse_bundle(bundle_with_title(title))


@pytest.mark.parametrize(
    "control", ["\u202e", "\u202d", "\u202a", "\u202b", "\u202c", "\u2066", "\u2067", "\u2069"]
)
def test_bidirectional_controls_are_refused(control: str) -> None:
    with pytest.raises(BundleError, match="text-direction control"):
        parse_bundle(bundle_with_title(f"Calm {control}gnihtaerb"))


def test_the_screens_share_the_rule(series: SeriesService) -> None:
    # GIVEN the service the Series screen calls WHEN a title hides a right-to-left override
    with pytest.raises(ValidationError, match="text-direction control"):
        series.create_series("Term \u202eeno", dt.date(2026, 3, 2))
    with pytest.raises(ValidationError, match="invisible characters"):
        series.create_series("\u200b\u200b", dt.date(2026, 3, 2))
    assert series.list_series() == []


@pytest.mark.parametrize(
    "title", ["مرحبا\u200f", "Familie\u00adnname", "👨\u200d👩\u200d👧 evening", "नमस्\u200dते"]
)
def test_real_titles_with_invisible_joiners_and_marks_are_kept(title: str) -> None:
    assert v.required_text(title) == title


def test_the_command_line_says_which_field(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "bad.json"
    path.write_bytes(bundle_with_title("\ud800"))
    result = subprocess.run(
        [sys.executable, "-m", "attune_desktop", "import", str(path), "--home", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "broken character" in result.stderr
    assert "should not have" not in result.stderr
