"""The end-of-term report as a PDF: the same numbers as the CSV, laid out for a manager.

It draws a `core.report.SeriesReport`, which holds nothing private (no notes of any kind, no
names, check-in shifts only under the reveal rules), so this module cannot leak what it never
receives.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextDocument

from attune_desktop.core import locale_format
from attune_desktop.core.i18n import _, pgettext
from attune_desktop.core.report import SeriesReport, WeekRow, build_report
from attune_desktop.core.value_labels import status_label
from attune_desktop.printing.catalogue import SheetRequest
from attune_desktop.printing.jobs import PrintJob, document_part, ink_of, paper_of
from attune_desktop.printing.markup import direction, element, inline, table_head
from attune_desktop.printing.pages import Ink, Paper, heading_css, html_document

if TYPE_CHECKING:
    from attune_desktop.core.container import Core

REPORT_POINT_SIZE = 10.0


def report_css(ink: Ink) -> str:
    p = ink.palette
    return (
        heading_css(ink, h2_top_px=16)
        + f"""
        .small {{ font-size: 8.5pt; color: {p.muted}; }}
        table.weeks {{ border-collapse: collapse; margin-top: 6px; }}
        table.weeks th {{ background-color: {p.fill}; text-align: left; font-weight: bold;
              border-bottom: 1px solid {p.rule}; white-space: nowrap; }}
        table.weeks td {{ border-bottom: 1px solid {p.rule}; vertical-align: top; }}
    """
    )


def _cell(text: str, *, right: bool = False) -> str:
    align = ' align="right"' if right else ""
    return f'<td{align}><p style="white-space: nowrap">{html.escape(text)}</p></td>'


def _num(value: int | None) -> str:
    return "—" if value is None else str(value)


def _signed(value: int | None) -> str:
    if value is None:
        return "—"
    return f"+{value}" if value > 0 else str(value)


def _shift(week: WeekRow) -> str:
    if week.shift_label and week.shift_before is not None and week.shift_after is not None:
        return f"{week.shift_before:.2f} → {week.shift_after:.2f}, {week.shift_label}"
    if week.shift_note:
        return week.shift_note  # why there is no figure ("No shift: …"), in the report's language
    return "—"


def _when(week: WeekRow) -> str:
    return locale_format.short_date(week.date) if week.date else "—"


def report_document(
    report: SeriesReport, paper: Paper = Paper.A4, *, ink: Ink = Ink.COLOR
) -> QTextDocument:
    meta = [part for part in (report.venue, report.facilitators) if part.strip()]
    parts = [
        element("p", _("SERIES REPORT"), ' class="eyebrow"'),
        f"<h1{direction(report.title)}>{inline(report.title)}</h1>",
    ]
    if meta:
        parts.append(f'<p class="meta">{html.escape(" · ".join(meta))}</p>')
    parts += [f'<p class="meta">{html.escape(line)}</p>' for line in report.summary_lines()]
    parts.append(
        element(
            "p",
            _(
                "Attendance is a head count; check-in results are group-level only, "
                "and a week with too few answers stays hidden to keep everyone anonymous."
            ),
            ' class="small"',
        )
    )
    attendance_rows = []
    timing_rows = []
    for week in report.weeks:
        theme = f"<td><p{direction(week.theme)}>{inline(week.theme)}</p></td>"
        lead = _cell(_num(week.week), right=True) + _cell(_when(week))
        attendance_rows.append(
            "<tr>"
            + lead
            + theme
            + _cell(status_label(week.status))
            + _cell(_num(week.attendance), right=True)
            + f"<td><p>{html.escape(_shift(week))}</p></td>"
            + "</tr>"
        )
        timing_rows.append(
            "<tr>"
            + lead
            + _cell(str(week.planned_minutes), right=True)
            + _cell(_num(week.actual_minutes), right=True)
            + _cell(_signed(week.difference), right=True)
            + _cell(_num(week.segments_over), right=True)
            + "</tr>"
        )
    table = '<table class="weeks" width="100%" cellspacing="0" cellpadding="4">'
    parts += [
        element("h2", _("Sessions, attendance and check-in shift")),
        table,
        table_head(
            (' width="7%"', _("Week")),
            (' width="12%"', _("Date")),
            ("", _("Theme")),
            (' width="10%"', _("Status")),
            (' width="7%"', _("Came")),
            (' width="28%"', _("Check-in shift")),
        ),
        f"<tbody>{''.join(attendance_rows)}</tbody></table>",
        element("h2", _("Planned and actual timing (minutes)")),
        table,
        table_head(
            (' width="8%"', _("Week")),
            (' width="18%"', _("Date")),
            (' align="right"', pgettext("minutes column", "Planned")),
            (' align="right"', _("Actual")),
            (' align="right"', _("Difference")),
            (' align="right"', _("Segments over plan")),
        ),
        f"<tbody>{''.join(timing_rows)}</tbody></table>",
        element(
            "p",
            _(
                "Check-in shift: the group's average on the scale at the opening and "
                "the closing round (0 is the most settled)."
            ),
            ' class="small"',
        ),
    ]
    return html_document(
        paper, "".join(parts), report_css(ink), point_size=REPORT_POINT_SIZE, title=report.title
    )


def report_title(report: SeriesReport) -> str:
    return _("Series report · {title}").format(title=report.title)


def build_series_report(core: Core, request: SheetRequest) -> PrintJob:
    """The registered "report" sheet: the numbers the CSV has, laid out for a manager."""
    paper, ink = paper_of(request), ink_of(request)
    report = build_report(core.series, core.sessions, core.checkins, request.needed("series"))
    title = report_title(report)
    document = report_document(report, paper, ink=ink)
    return PrintJob(title, paper, ink, (document_part(document, title, ink),))
