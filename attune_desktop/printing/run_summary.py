"""The planned-vs-actual summary of a run, printed or saved as a PDF.

One row per segment (planned, actual, over or under), the total, and, for a session in a
series, the segments that regularly run over. It reads only titles and times: no notes.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextDocument

from attune_desktop.core import locale_format
from attune_desktop.core.agenda import duration_label
from attune_desktop.core.i18n import _, pgettext
from attune_desktop.core.services.runs import Overrun, RunSummary, over_label
from attune_desktop.printing.catalogue import SheetRequest
from attune_desktop.printing.jobs import PrintJob, document_part, ink_of, paper_of
from attune_desktop.printing.markup import element, table_head
from attune_desktop.printing.pages import Ink, Paper, heading_css, html_document

if TYPE_CHECKING:
    from attune_desktop.core.container import Core


def _minutes(seconds: float) -> str:
    """'12:00', or '2:05:00' past an hour, so a total never reads '125:00'."""
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _css(ink: Ink) -> str:
    p = ink.palette
    return (
        heading_css(ink, h2_top_px=18)
        + f"""
        table.runs {{ border-collapse: collapse; margin-top: 10px; }}
        table.runs th {{ background-color: {p.fill}; text-align: left; font-weight: bold;
              border-bottom: 1px solid {p.rule}; border-top: 1px solid {p.rule}; }}
        table.runs td {{ border-bottom: 1px solid {p.rule}; vertical-align: top; }}
        .total td {{ font-weight: bold; }}
    """
    )


def run_summary_document(
    summary: RunSummary,
    overruns: Sequence[Overrun] = (),
    paper: Paper = Paper.A4,
    *,
    ink: Ink = Ink.COLOR,
) -> QTextDocument:
    when = locale_format.short_date(summary.date) if summary.date else ""
    ran = summary.started_at is not None or any(
        s.actual_seconds is not None for s in summary.segments
    )
    outcome_line = (
        _("took {duration_label} · {over}").format(
            duration_label=duration_label(round(summary.actual_seconds / 60)),
            over=html.escape(over_label(summary.over_seconds)),
        )
        if ran
        else _("not run yet")
    )
    parts = [
        element("p", _("PLANNED AND ACTUAL"), ' class="eyebrow"'),
        f"<h1>{html.escape(summary.session_title)}</h1>",
        f'<p class="meta">{html.escape(when)}</p>' if when else "",
        '<p class="meta">'
        + _("Planned {duration_label} · {outcome_line}").format(
            duration_label=duration_label(summary.planned_minutes), outcome_line=outcome_line
        )
        + "</p>",
    ]
    rows = []
    for number, outcome in enumerate(summary.segments, start=1):
        if outcome.actual_seconds is None:
            actual, over = _("not reached"), ""
        else:
            actual = _minutes(outcome.actual_seconds)
            over = over_label(outcome.over_seconds or 0.0)
        if outcome.skipped:
            actual = _("skipped")
        planned = html.escape(_("{minutes} min").format(minutes=outcome.planned_minutes))
        rows.append(
            f"<tr><td><p>{number}. {html.escape(outcome.title)}</p></td>"
            f'<td align="right"><p>{planned}</p></td>'
            f'<td align="right"><p>{html.escape(actual)}</p></td>'
            f'<td align="right"><p>{html.escape(over)}</p></td></tr>'
        )
    total = (
        html.escape(_("Total")),
        html.escape(_("{minutes} min").format(minutes=summary.planned_minutes)),
        _minutes(summary.actual_seconds),
        html.escape(over_label(summary.over_seconds)),
    )
    rows.append(
        f'<tr class="total"><td><p><b>{total[0]}</b></p></td>'
        + "".join(f'<td align="right"><p><b>{cell}</b></p></td>' for cell in total[1:])
        + "</tr>"
    )
    head = table_head(
        (' width="52%"', _("Segment")),
        (' width="14%" align="right"', pgettext("minutes column", "Planned")),
        (' width="17%" align="right"', _("Actual")),
        (' width="17%" align="right"', _("Over / under")),
    )
    parts.append(
        '<table class="runs" width="100%" cellspacing="0" cellpadding="5">'
        f"{head}<tbody>{''.join(rows)}</tbody></table>"
    )
    if overruns:
        items = "".join(f"<li>{html.escape(o.summary)}</li>" for o in overruns)
        parts.append(element("h2", _("Across the series")) + f"<ul>{items}</ul>")
    return html_document(paper, "".join(parts), _css(ink), title=summary.session_title)


def build_run_summary(core: Core, request: SheetRequest) -> PrintJob:
    """The registered "run-summary" sheet: planned and actual, per segment and in all."""
    session_id = request.needed("session")
    ink = ink_of(request)
    summary = core.runs.summary(session_id)
    series_id = core.sessions.get_session(session_id).series_id
    overruns = core.runs.regular_overruns(series_id) if series_id is not None else []
    document = run_summary_document(summary, overruns, ink=ink)
    date = f" · {locale_format.short_date(summary.date)}" if summary.date else ""
    title = _("Planned and actual{date} · {session_title}").format(
        date=date, session_title=summary.session_title
    )
    return PrintJob(title, paper_of(request), ink, (document_part(document, title, ink),))
