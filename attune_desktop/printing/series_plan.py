"""The series plan for families: every week's date, time and theme, in large type, on one page.

This sheet goes home with families, so it reads only what a family may see: the series' title,
venue and facilitators, and each session's date, start time, theme and whether it was
cancelled. Preparation notes, segment notes and follow-up notes are never read here.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextDocument

from attune_desktop.core import locale_format
from attune_desktop.core.i18n import _
from attune_desktop.core.models import Series, Session, SessionStatus
from attune_desktop.core.value_labels import meeting_day
from attune_desktop.printing.catalogue import SheetRequest
from attune_desktop.printing.jobs import PrintJob, document_part, ink_of, paper_of
from attune_desktop.printing.markup import direction, element, inline, table_head
from attune_desktop.printing.pages import Ink, Paper, html_document, large_type_css, page_count

if TYPE_CHECKING:
    from attune_desktop.core.container import Core

# Large type; a long term with long themes steps down (never below 11 pt) to stay on one page.
PLAN_POINT_SIZES = (15.0, 14.0, 13.0, 12.0, 11.0)
PLAN_POINT_SIZE = PLAN_POINT_SIZES[0]


def _css(ink: Ink, compact: bool = False) -> str:
    p = ink.palette
    heading = 17 if compact else 22
    return (
        large_type_css(ink, title_pt=heading, title_gap_px=6)
        + f"""
        .meta {{ margin-bottom: 2px; }}
        .muted {{ color: {p.muted}; }}
        table.plan {{ border-collapse: collapse; margin-top: 14px; }}
        table.plan th {{ background-color: {p.fill}; text-align: left; font-weight: bold;
              border-bottom: 1px solid {p.rule}; white-space: nowrap; }}
        table.plan td {{ border-bottom: 1px solid {p.rule}; vertical-align: top; }}
        .cancelled {{ color: {p.muted}; }}
        .strike {{ text-decoration: line-through; }}
    """
    )


def _when(session: Session) -> str:
    if session.date is None:
        return _("Date to be set")
    return locale_format.day_date(session.date)


def series_plan_document(
    series: Series,
    sessions: Sequence[Session],
    paper: Paper = Paper.A4,
    *,
    ink: Ink = Ink.COLOR,
    point_size: float = PLAN_POINT_SIZE,
    compact: bool = False,
) -> QTextDocument:
    """The plan as a document: a heading, where and when, then one row per week."""
    meets = _("{weekday} at {start_time}").format(
        weekday=meeting_day(series.weekday), start_time=locale_format.clock(series.start_time)
    )
    parts = [f"<h1{direction(series.title)}>{inline(series.title)}</h1>"]
    parts.append(f'<p class="meta">{html.escape(meets)}</p>')
    if series.venue.strip():
        parts.append(f'<p class="meta"{direction(series.venue)}>{inline(series.venue)}</p>')
    if series.facilitators.strip():
        who = _("With {strip}").format(strip=series.facilitators.strip())
        parts.append(f'<p class="meta muted"{direction(who)}>{inline(who)}</p>')
    rows = []
    for session in sessions:
        cancelled = session.status == SessionStatus.CANCELLED.value
        theme = inline(session.title)
        time = locale_format.clock(session.start_time)
        if cancelled:
            theme = element("b", _("Cancelled")) + f' · <span class="strike">{theme}</span>'
            time = "—"
        klass = ' class="cancelled"' if cancelled else ""
        rows.append(
            f"<tr{klass}>"
            f'<td width="7%"><p>{session.week or ""}</p></td>'
            f'<td width="21%"><p style="white-space: nowrap">{html.escape(_when(session))}</p></td>'
            f'<td width="9%"><p style="white-space: nowrap">{time}</p></td>'
            f"<td><p{direction(session.title)}>{theme}</p></td>"
            "</tr>"
        )
    if rows:
        head = table_head(("", _("Week")), ("", _("Date")), ("", _("Time")), ("", _("Theme")))
        parts.append(
            f'<table class="plan" width="100%" cellspacing="0" cellpadding="{3 if compact else 5}">'
            f"{head}<tbody>{''.join(rows)}</tbody></table>"
        )
    else:
        parts.append(element("p", _("No sessions are planned yet.")))
    return html_document(
        paper, "".join(parts), _css(ink, compact), point_size=point_size, title=series.title
    )


def plan_title(series: Series) -> str:
    return _("Series plan · {title}").format(title=series.title)


def build_series_plan(core: Core, request: SheetRequest) -> PrintJob:
    """The registered "series-plan" sheet: one page, the type stepping down to fit."""
    paper, ink = paper_of(request), ink_of(request)
    series_id = request.needed("series")
    series = core.series.get_series(series_id)
    sessions = core.series.sessions_of(series_id)
    # Smaller type first, then (at the smallest) a smaller heading and tighter rows.
    tries = [(size, False) for size in PLAN_POINT_SIZES] + [(PLAN_POINT_SIZES[-1], True)]
    for size, compact in tries:
        document = series_plan_document(
            series, sessions, paper, ink=ink, point_size=size, compact=compact
        )
        if page_count(document, paper) == 1:
            break
    title = plan_title(series)
    return PrintJob(title, paper, ink, (document_part(document, title, ink, page_numbers=False),))
