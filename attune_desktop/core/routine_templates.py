"""The routine templates' words in every room language, for a family starting from one.

resources/starter/routine_templates.json holds each template in English with its
`translations` (title, and per step the words and caregiver line) in the other five sheet
languages. A family whose language is Chinese that starts from "Bedtime routine" gets
"睡前作息" and Chinese steps. A template the facilitator has changed keeps what they wrote:
only a title or step still as shipped (same picture and English words) is translated.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from attune_desktop.core.config import resources_dir


@dataclass(frozen=True)
class TemplateText:
    """One shipped template: its English, and its words in each other language."""

    title: str
    steps: tuple[tuple[str, str, str], ...]  # (picture, words, caregiver line), in English
    translations: Mapping[str, tuple[str, tuple[tuple[str, str], ...]]]


def shipped_templates(folder: Path | None = None) -> Mapping[str, TemplateText]:
    """Every shipped template's words by slug (read once per folder)."""
    return _load(folder or resources_dir() / "starter")


@cache
def _load(folder: Path) -> Mapping[str, TemplateText]:
    data = json.loads((folder / "routine_templates.json").read_text(encoding="utf-8"))
    found: dict[str, TemplateText] = {}
    for item in data["templates"]:
        translations = {
            code: (
                str(text["title"]),
                tuple((str(s["words"]), str(s["caregiver_line"])) for s in text["steps"]),
            )
            for code, text in item.get("translations", {}).items()
        }
        found[item["slug"]] = TemplateText(
            item["title"],
            tuple((s["picture"], s["words"], s["caregiver_line"]) for s in item["steps"]),
            MappingProxyType(translations),
        )
    return MappingProxyType(found)


def localise(
    slug: str | None,
    language: str,
    title: str,
    steps: Sequence[dict[str, Any]],
    folder: Path | None = None,
) -> tuple[str, list[dict[str, Any]]]:
    """A template's title and steps in the family's language, where they are as shipped."""
    shipped = shipped_templates(folder).get(slug or "")
    code = language.lower().replace("_", "-").split("-")[0]
    if shipped is None or code not in shipped.translations:
        return title, [dict(step) for step in steps]
    own_title, own_steps = shipped.translations[code]
    english = {(picture, words): i for i, (picture, words, _line) in enumerate(shipped.steps)}
    out: list[dict[str, Any]] = []
    for step in steps:
        copy = dict(step)
        index = english.get((step.get("picture", ""), step.get("words", "")))
        if index is not None and index < len(own_steps):
            words, line = own_steps[index]
            copy["words"] = words
            if step.get("caregiver_line", "") == shipped.steps[index][2]:
                copy["caregiver_line"] = line
        out.append(copy)
    return (own_title if title == shipped.title else title), out


def in_language(
    text: str, language: str, *, picture: str | None = None, folder: Path | None = None
) -> str:
    """A template's title (picture None) or step words (with its picture), in another
    language: found whatever language the text is in now, as long as it is as shipped.
    Empty when the text is the family's own."""
    code = language.lower().replace("_", "-").split("-")[0]
    wanted = " ".join(text.split()).casefold()
    if not wanted:
        return ""
    for template in shipped_templates(folder).values():
        versions: dict[str, tuple[str, list[str]]] = {
            "en": (template.title, [words for _p, words, _l in template.steps])
        }
        for other, (title, pairs) in template.translations.items():
            versions[other] = (title, [words for words, _line in pairs])
        if code not in versions:
            continue
        for title, steps in versions.values():
            if picture is None:
                if title.casefold() == wanted:
                    return versions[code][0]
                continue
            for index, words in enumerate(steps):
                if words.casefold() == wanted and template.steps[index][0] == picture:
                    return versions[code][1][index]
    return ""
