"""The organisation report as a PDF: charts, then each circle's figures and the total.

It draws a `core.org_report.OrgReport`, which holds head counts, session facts and check-in
shifts under the reveal rules only (no notes, no names, no families), so this module cannot
leak what it never receives. The figures are the CSV's, laid out for a funder.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextDocument

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _, pgettext
from attune_desktop.core.org_report import (
    LATE_MINUTES,
    CircleFigures,
    OrgFilter,
    OrgReport,
    build_org_report,
    percent,
    total_of,
)
from attune_desktop.core.services.fidelity import CHECKLIST
from attune_desktop.printing.catalogue import SheetRequest
from attune_desktop.printing.jobs import PrintJob, document_part, ink_of, paper_of
from attune_desktop.printing.markup import element, table_head
from attune_desktop.printing.pages import Ink, Paper, new_document
from attune_desktop.printing.report_charts import Bar, chart_image, place_chart
from attune_desktop.printing.series_report import REPORT_POINT_SIZE, report_css

if TYPE_CHECKING:
    from attune_desktop.core.container import Core

CHART_WIDTH_PX = 640
# More circles than this are charted by site (the tables still list every circle).
MAX_CHART_ROWS = 20
# More circles than this are tabled by site too: a long table would run to hundreds of pages
# (and minutes to lay out); the CSV has every circle.
MAX_TABLE_ROWS = 60


def _cell(text: str, *, right: bool = False, bold: bool = False) -> str:
    align = ' align="right"' if right else ""
    body = f"<b>{html.escape(text)}</b>" if bold else html.escape(text)
    return f'<td{align}><p style="white-space: nowrap">{body}</p></td>'


def _name(c: CircleFigures) -> str:
    labels = " · ".join(x for x in (c.site, c.facilitator, c.curriculum) if x)
    title = f"<b>{html.escape(c.title)}</b>" if c.series_id is None else html.escape(c.title)
    small = f'<br/><span class="small">{html.escape(labels)}</span>' if labels else ""
    return f"<td><p>{title}{small}</p></td>"


def _mean(c: CircleFigures) -> str:
    mean = c.mean_attendance
    return "—" if mean is None else f"{mean:.1f}"


def _ticks(c: CircleFigures) -> str:
    return " / ".join(f"{t}/{a}" if a else "—" for t, a in zip(c.ticks, c.answered, strict=True))


def _time(c: CircleFigures) -> str:
    if not c.timed:
        return "—"
    return f"{c.actual_minutes}/{c.booked_minutes}"


def _shift(c: CircleFigures) -> str:
    mean = c.shift.mean_difference
    if mean is None:
        return _("hidden ({hidden})").format(hidden=c.shift.hidden) if c.shift.hidden else "—"
    shown = _("{mean:+.2f} over {shown} wk").format(mean=mean, shown=c.shift.shown)
    return shown + (_(", {hidden} hidden").format(hidden=c.shift.hidden) if c.shift.hidden else "")


def _rows(shown: Sequence[CircleFigures]) -> tuple[list[str], list[str]]:
    reach, fidelity = [], []
    for c in shown:
        bold = c.series_id is None
        reach.append(
            "<tr>"
            + _name(c)
            + "".join(
                _cell(str(n), right=True, bold=bold)
                for n in (c.planned, c.delivered, c.cancelled, c.not_run)
            )
            + _cell(_mean(c), right=True, bold=bold)
            + _cell(percent(c.retention), right=True, bold=bold)
            + _cell(percent(c.dose), right=True, bold=bold)
            + "</tr>"
        )
        fidelity.append(
            "<tr>"
            + _name(c)
            + _cell(percent(c.segment_fidelity), right=True, bold=bold)
            + _cell(percent(c.practice_fidelity), right=True, bold=bold)
            + _cell(_ticks(c), bold=bold)
            + _cell(_time(c), right=True, bold=bold)
            + _cell(str(c.started_late), right=True, bold=bold)
            + _cell(_shift(c), bold=bold)
            + "</tr>"
        )
    return reach, fidelity


def _by_site(report: OrgReport, most: int) -> tuple[str, Sequence[CircleFigures]]:
    """The circles, or past `most` of them, one row per site (each the total of its circles)."""
    if len(report.circles) <= most:
        return "circle", report.circles
    sites: dict[str, list[CircleFigures]] = {}
    for c in report.circles:
        sites.setdefault(c.site or _("(no site)"), []).append(c)
    return "site", [replace(total_of(group), title=site) for site, group in sorted(sites.items())]


def _charts(document: QTextDocument, report: OrgReport, ink: Ink) -> list[str]:
    palette = ink.palette
    by, rows = _by_site(report, MAX_CHART_ROWS)
    if not rows:
        return []
    most = max(c.planned for c in rows) or 1
    sessions = [
        Bar(
            c.title,
            (c.delivered, c.cancelled, c.not_run),
            _("{delivered} of {planned} delivered").format(
                delivered=c.delivered, planned=c.planned
            ),
        )
        for c in rows
    ]
    ink_colours = (palette.accent, "#c98a5a", palette.rule)
    if ink is Ink.LOW:
        ink_colours = ("#222222", "#888888", "#dddddd")
    dose = [
        Bar(
            c.title,
            ((c.dose or 0.0),),
            _("dose {dose}, fidelity {fidelity}").format(
                dose=percent(c.dose), fidelity=percent(c.segment_fidelity)
            ),
        )
        for c in rows
    ]
    return [
        element("h2", _("Sessions by circle") if by == "circle" else _("Sessions by site")),
        element("p", _("Delivered, then cancelled, then not run yet."), ' class="small"'),
        place_chart(
            document,
            "sessions",
            chart_image(sessions, most, palette, width_px=CHART_WIDTH_PX, colours=ink_colours),
        ),
        element("h2", _("Dose by circle") if by == "circle" else _("Dose by site")),
        element(
            "p",
            _(
                "Share of the planned sessions the first week's group attended, "
                "on average (from head counts)."
            ),
            ' class="small"',
        ),
        place_chart(
            document,
            "dose",
            chart_image(dose, 1.0, palette, width_px=CHART_WIDTH_PX, colours=ink_colours),
        ),
    ]


_TABLE = '<table class="weeks" width="100%" cellspacing="0" cellpadding="3">'


def org_document(
    report: OrgReport, paper: Paper = Paper.A4, *, ink: Ink = Ink.COLOR
) -> QTextDocument:
    document = new_document(paper, point_size=REPORT_POINT_SIZE)
    document.setDefaultStyleSheet(report_css(ink))
    parts = [
        element("p", _("ORGANISATION REPORT"), ' class="eyebrow"'),
        element("h1", _("Circles report")),
        f'<p class="meta">{html.escape(report.chosen.describe())}</p>',
    ]
    parts += [f'<p class="meta">{html.escape(line)}</p>' for line in report.summary_lines()]
    if report.total.reasons:
        parts.append(
            element(
                "p",
                _("Cancelled: {reasons}").format(
                    reasons=report.total.reasons_text(_("no reason given"))
                ),
                ' class="meta"',
            )
        )
    parts.append(
        element(
            "p",
            _(
                "Attendance is a head count; check-in shifts are group-level only, "
                "summed from weeks whose results may be shown: a week with too few answers stays "
                "hidden to keep everyone anonymous."
            ),
            ' class="small"',
        )
    )
    if not report.circles:
        parts.append(element("p", _("No circle had a session in this range.")))
    parts += _charts(document, report, ink)
    by, shown = _by_site(report, MAX_TABLE_ROWS)
    reach, fidelity = _rows((*shown, report.total))
    if by == "site":
        parts.append(
            element(
                "p",
                _(
                    "{count} circles: the tables below give each site; the "
                    "CSV export gives every circle."
                ).format(count=len(report.circles)),
                ' class="meta"',
            )
        )
    checklist = ", ".join(_(label).casefold() for _name, label in CHECKLIST)
    parts += [
        element("h2", _("Sessions, attendance, retention and dose")),
        _TABLE,
        table_head(
            ("", _("Circle")),
            (' width="9%" align="right"', pgettext("sessions column", "Planned")),
            (' width="9%" align="right"', pgettext("sessions column", "Delivered")),
            (' width="9%" align="right"', pgettext("sessions column", "Cancelled")),
            (' width="8%" align="right"', _("Not run")),
            (' width="10%" align="right"', _("Came (mean)")),
            (' width="9%" align="right"', _("Retention")),
            (' width="7%" align="right"', _("Dose")),
        ),
        f"<tbody>{''.join(reach)}</tbody></table>",
        element("h2", _("Fidelity, time and check-in shift")),
        _TABLE,
        table_head(
            ("", _("Circle")),
            (' width="10%" align="right"', _("Segments")),
            (' width="10%" align="right"', _("Practices")),
            (' width="13%"', _("Checklist")),
            (' width="10%" align="right"', _("Minutes")),
            (' width="6%" align="right"', _("Late")),
            (' width="21%"', _("Check-in shift")),
        ),
        f"<tbody>{''.join(fidelity)}</tbody></table>",
        element(
            "p",
            _(
                "Retention: the last counted week's head count over "
                "the first's. Segments and practices: share delivered of those "
                "planned, in the runs recorded. Checklist: ticked of answered for "
                "{checklist}. Minutes: run of booked; late: sessions started more than "
                "{LATE_MINUTES} minutes after the booked time. Check-in shift: the "
                "mean change from the opening to the closing round on the scale "
                "(negative is more settled)."
            ).format(checklist=checklist, LATE_MINUTES=LATE_MINUTES),
            ' class="small"',
        ),
    ]
    document.setHtml("".join(parts))
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, _("Circles report"))
    return document


def _day(request: SheetRequest, name: str) -> dt.date:
    text = request.text(name).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise AttuneError(
            _("The report's {replace} must be a date like 2026-01-31, not “{text}”.").format(
                replace=name.replace("_", " "), text=text
            )
        ) from None


def _labels(request: SheetRequest, name: str) -> tuple[str, ...]:
    value = request.values.get(name)
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else list(value)  # type: ignore[call-overload]
    return tuple(str(x).strip() for x in items if str(x).strip())


def chosen_of(request: SheetRequest) -> OrgFilter:
    return OrgFilter(
        _day(request, "from_date"),
        _day(request, "to_date"),
        sites=_labels(request, "site"),
        facilitators=_labels(request, "facilitator"),
        curricula=_labels(request, "curriculum"),
    )


def build_org_report_sheet(core: Core, request: SheetRequest) -> PrintJob:
    """The registered "org-report" sheet: every circle in a range, with charts and totals."""
    paper, ink = paper_of(request), ink_of(request)
    report = build_org_report(core.db, core.checkins, chosen_of(request))
    title = _("Circles report")
    document = org_document(report, paper, ink=ink)
    return PrintJob(title, paper, ink, (document_part(document, title, ink),))
