"""A practice as the facilitator reads it, for the library's Read tab."""

from __future__ import annotations

import html

from attune_desktop.core.i18n import _
from attune_desktop.core.models import Practice
from attune_desktop.printing.markup import element
from attune_desktop.ui.practices.labels import KIND_LABELS


def practice_html(practice: Practice) -> str:
    """The practice as the facilitator reads it: summary, pacing, script, cues, care."""

    def paragraphs(text: str) -> str:
        return "".join(
            f"<p>{html.escape(block).replace(chr(10), '<br>')}</p>"
            for block in text.split("\n\n")
            if block.strip()
        )

    parts = [f"<h2>{html.escape(practice.name)}</h2>"]
    meta = _("{kind} · {default_minutes} min").format(
        kind=_(KIND_LABELS.get(practice.kind, practice.kind)),
        default_minutes=practice.default_minutes,
    )
    if practice.pacing:
        meta += _(" · pacing: {pacing}").format(pacing=html.escape(practice.pacing))
    parts.append(f"<p><i>{meta}</i></p>")
    if practice.summary:
        parts.append(paragraphs(practice.summary))
    if practice.script:
        parts.append(element("h3", _("Script")) + paragraphs(practice.script))
    if practice.cues:
        items = "".join(
            f"<li>{html.escape(c)}</li>" for c in practice.cues.splitlines() if c.strip()
        )
        parts.append(element("h3", _("Cues")) + f"<ul>{items}</ul>")
    if practice.care_notes:
        parts.append(element("h3", _("Care notes")) + paragraphs(practice.care_notes))
    return "".join(parts)
