"""The phone page: one small, self-contained HTML document per request, in the room's language.

No script, no external file, no font download, no tracking: the pictures are the bundled OpenMoji
SVGs inlined, and the options are plain submit buttons in one form, so the page works in any
phone browser and arrives in one response (a few kilobytes compressed) on a weak hotspot.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path
from typing import Final

from attune_desktop.core.checkin_scales import GridAxis, Scale, is_rtl, language_of
from attune_desktop.core.checkin_texts import text

_SVG_IDS = re.compile(r'\s(?:id|class)="[^"]*"')
_SPACES = re.compile(r">\s+<")
_STYLE: Final = (
    "*{box-sizing:border-box}"
    "body{margin:0;padding:16px;font:18px/1.4 system-ui,sans-serif;background:#f6f4ef;"
    "color:#1F2328;text-align:center}"
    "h1{font-size:22px;margin:8px 0 4px}p{margin:8px 0 16px}"
    ".o{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:12px}"
    ".ax{color:#555;font-size:16px;margin:6px 0}"
    "button{font:inherit;color:#1F2328;border:2px solid #0002;border-radius:16px;padding:12px;"
    "min-height:120px;display:flex;flex-direction:column;align-items:center;gap:6px}"
    "button svg{width:72px;height:72px}"
    ".msg{font-size:24px;margin-top:30vh}"
    "input{font:inherit;font-size:28px;width:8em;text-align:center;letter-spacing:.2em;"
    "padding:8px;border-radius:10px;border:2px solid #0004;text-transform:uppercase}"
    "form.c button{min-height:0;display:inline-block;margin:12px;padding:10px 24px}"
)


class PictureSource:
    """Reads and trims bundled pictogram SVGs once, so a page can inline them cheaply."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._cache: dict[str, str] = {}

    def svg(self, code: str) -> str:
        """The picture's SVG markup, or an empty string when there is none for this code."""
        if code in self._cache:
            return self._cache[code]
        markup = ""
        if re.fullmatch(r"[0-9A-F]{4,6}(?:-[0-9A-F]{4,6})*", code):
            path = self._folder / f"{code}.svg"
            if path.is_file():
                raw = path.read_text(encoding="utf-8")
                markup = _SPACES.sub("><", _SVG_IDS.sub("", raw)).strip()
                markup = markup.replace("<svg ", '<svg aria-hidden="true" ', 1)
        self._cache[code] = markup
        return markup


def _document(lang: str, body: str) -> str:
    code = language_of(lang)
    direction = "rtl" if is_rtl(code) else "ltr"
    return (
        f'<!doctype html><html lang="{code}" dir="{direction}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="referrer" content="same-origin">'
        f"<title>{html.escape(text(code, 'title'))}</title><style>{_STYLE}</style></head>"
        f"<body>{body}</body></html>"
    )


def answer_page(scale: Scale, lang: str, action: str, ballot: str, pictures: PictureSource) -> str:
    """The question and one big button per option; the ballot is spent by the first answer.

    A grid scale keeps its rows and columns, with its edges named (mirrored in Arabic by CSS).
    """
    shape = scale.grid_shape
    options = (
        sorted(scale.options, key=lambda o: (o.row or 0, o.col or 0)) if shape else scale.options
    )
    buttons = []
    for option in options:
        label = html.escape(option.label(lang))
        buttons.append(
            f'<button type="submit" name="option" value="{html.escape(option.key)}" '
            f'style="background:{html.escape(option.colour)}">'
            f"{pictures.svg(option.picture)}<span>{label}</span></button>"
        )
    grid_style, above, below = "", "", ""
    if shape is not None:
        grid_style = f' style="grid-template-columns:repeat({shape[1]},1fr)"'
        edges = [html.escape(scale.axis_label(axis, lang)) for axis in GridAxis]
        high, low, unpleasant, pleasant = edges
        above = (
            f'<p class="ax">↑ {high}</p><div class="o"{grid_style}>'
            f'<span class="ax">{unpleasant}</span><span class="ax">{pleasant}</span></div>'
        )
        below = f'<p class="ax">↓ {low}</p>'
    body = (
        f"<h1>{html.escape(scale.question(lang))}</h1><p>{html.escape(text(lang, 'tap'))}</p>"
        f"{above}"
        f'<form class="o" method="post" action="{html.escape(action)}"{grid_style}>'
        f'<input type="hidden" name="ballot" value="{html.escape(ballot)}">'
        f"{''.join(buttons)}</form>{below}"
    )
    return _document(lang, body)


@lru_cache(maxsize=256)  # a few sentences in six languages: made once, sent many times
def message_page(lang: str, key: str) -> str:
    """A one-line page: thank you, already answered, closed, refused or busy."""
    return _document(lang, f'<p class="msg" role="status">{html.escape(text(lang, key))}</p>')


@lru_cache(maxsize=64)
def code_page(lang: str, *, wrong: bool = False) -> str:
    """Where a phone that typed the short address enters the code shown on the projector."""
    warning = f'<p role="alert">{html.escape(text(lang, "wrong_code"))}</p>' if wrong else ""
    body = (
        f"<h1>{html.escape(text(lang, 'code'))}</h1>{warning}"
        '<form class="c" method="get" action="/join">'
        f'<input name="code" aria-label="{html.escape(text(lang, "code"))}" maxlength="8" '
        'autocomplete="off" autocapitalize="characters" '
        'spellcheck="false" required><br>'
        f'<button type="submit">{html.escape(text(lang, "join"))}</button></form>'
    )
    return _document(lang, body)
