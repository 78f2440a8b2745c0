"""The printed agenda: the facilitator's run sheet and the participants' large-type agenda.

Both are HTML built from the session and its segments, with clock times from
`core.agenda` so paper, the builder and the presenter view agree to the minute. The run sheet
is the facilitator's own paper (notes, scripts, private preparation notes, materials); the
participant agenda is what the room may see, so it carries titles and times only.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextDocument

from attune_desktop.core import agenda, locale_format
from attune_desktop.core.errors import NotFoundError
from attune_desktop.core.i18n import _
from attune_desktop.core.models import Practice, Segment, Session
from attune_desktop.core.value_labels import SEGMENT_KIND_LABELS
from attune_desktop.printing.catalogue import SheetRequest
from attune_desktop.printing.jobs import PrintJob, document_part, ink_of, paper_of
from attune_desktop.printing.markup import (
    align_under,
    cell_text,
    date_label,
    direction,
    element,
    inline,
    notes_html,
    table_head,
)
from attune_desktop.printing.pages import (
    Ink,
    Paper,
    PrintError,
    heading_css,
    html_document,
    large_type_css,
)

if TYPE_CHECKING:
    from attune_desktop.core.container import Core

RUN_SHEET_POINT_SIZE = 10.5
PARTICIPANT_POINT_SIZE = 20.0


class Audience(StrEnum):
    """Who the sheet is for: it decides whether anything private may appear on it."""

    FACILITATOR = "facilitator"
    PARTICIPANTS = "participants"

    @classmethod
    def from_name(cls, name: str | Audience) -> Audience:
        try:
            return cls(str(name).strip().lower())
        except ValueError:
            raise PrintError(
                _("Unknown audience {name!r}: choose facilitator or participants.").format(
                    name=name
                )
            ) from None


# --- times -----------------------------------------------------------------------------------


def _day_offset(minute: int) -> int:
    return minute // agenda.MINUTES_PER_DAY


def _bare_clock(minute: int) -> str:
    return agenda.clock_label(minute % agenda.MINUTES_PER_DAY)


def _day_suffix(days: int) -> str:
    if not days:
        return ""
    return _("(+1 day)") if days == 1 else _("(+{days} days)").format(days=days)


def span_label(start_minute: int, end_minute: int) -> str:
    """'18:00–18:10'; past midnight '23:55–00:05 (+1 day)' or '00:05–00:15 (+1 day)'.

    The day note is said once, at the end, unless the start itself is already a day on.
    """
    start_days, end_days = _day_offset(start_minute), _day_offset(end_minute)
    start = _bare_clock(start_minute)
    if start_days != end_days and start_days:
        start = f"{start} {_day_suffix(start_days)}"
    label = f"{start}–{_bare_clock(end_minute)}"
    suffix = _day_suffix(end_days)
    return f"{label} {suffix}" if suffix else label


def _session_span(session: Session, slots: Sequence[agenda.Slot]) -> str:
    start = session.start_time.hour * 60 + session.start_time.minute
    end = slots[-1].end_minute if slots else start
    return span_label(start, end)


def _session_sheet(
    session: Session, paper: Paper, parts: Sequence[str], css: str, point_size: float
) -> QTextDocument:
    """One of the session's sheets: its parts in order, titled with the session's title."""
    return html_document(paper, "".join(parts), css, point_size=point_size, title=session.title)


def _kind_label(kind: str) -> str:
    label = SEGMENT_KIND_LABELS.get(kind)
    return _(label) if label else kind.capitalize()


# --- the run sheet ---------------------------------------------------------------------------


def _run_sheet_css(ink: Ink) -> str:
    p = ink.palette
    return (
        heading_css(ink, h2_top_px=18)
        + f"""
        h3 {{ font-size: 11pt; font-weight: bold; margin-top: 14px; margin-bottom: 2px; }}
        h4 {{ font-size: 8.5pt; font-weight: normal; color: {p.muted};
              margin-top: 0px; margin-bottom: 3px; }}
        .small {{ font-size: 8.5pt; color: {p.muted}; }}
        .note {{ margin-bottom: 6px; }}
        .label {{ font-size: 8.5pt; font-weight: bold; color: {p.accent};
              margin-top: 4px; margin-bottom: 2px; }}
        ul.note {{ margin-top: 0px; margin-bottom: 6px; }}
        table.agenda {{ border-collapse: collapse; margin-top: 10px; }}
        table.agenda th {{ background-color: {p.fill}; text-align: left; font-weight: bold;
              border-bottom: 1px solid {p.rule}; border-top: 1px solid {p.rule}; }}
        table.agenda td {{ border-bottom: 1px solid {p.rule}; vertical-align: top; }}
        .check {{ font-size: 11pt; margin-bottom: 5px; margin-right: 12px;
              margin-left: 17px; text-indent: -17px; }}
        table.prep {{ border-collapse: collapse; margin-top: 10px; }}
        table.prep td {{ background-color: {p.fill}; border: 1px solid {p.rule}; }}
    """
    )


def run_sheet_document(
    session: Session,
    segments: Sequence[Segment],
    paper: Paper = Paper.A4,
    *,
    ink: Ink = Ink.COLOR,
    practices: Mapping[int, Practice] | None = None,
) -> QTextDocument:
    """The facilitator's paper: header, timed table, every note and script in full, materials.

    The session's private preparation notes belong here, and each practice segment's script
    and care notes from the library (`practices`, by id): this sheet never goes to the room.
    """
    slots = agenda.slots(session.start_time, [s.planned_minutes for s in segments])
    totals = agenda.totals((s.planned_minutes for s in segments), session.target_minutes)
    parts = [_run_sheet_header(session, slots, totals)]
    if session.prep_notes.strip():
        parts.append(
            '<table class="prep" width="100%" cellspacing="0" cellpadding="8"><tr><td>'
            + element("p", _("PREPARATION (YOURS ONLY)"), ' class="eyebrow"')
            + f"{notes_html(session.prep_notes)}</td></tr></table>"
        )
    parts.append(_run_sheet_table(segments, slots))
    parts.append(_scripts(segments, slots, practices or {}))
    parts.append(_materials(segments))
    return _session_sheet(session, paper, parts, _run_sheet_css(ink), RUN_SHEET_POINT_SIZE)


def _run_sheet_header(
    session: Session, slots: Sequence[agenda.Slot], totals: agenda.AgendaTotals
) -> str:
    where = [date_label(session.date), _session_span(session, slots)]
    if session.venue.strip():
        where.append(session.venue.strip())
    eyebrow = _("RUN SHEET") + (
        _(" · WEEK {week}").format(week=session.week) if session.week else ""
    )
    meta = " · ".join(html.escape(part) for part in where)
    return (
        f'<p class="eyebrow">{eyebrow}</p>'
        f"<h1{direction(session.title)}>{inline(session.title)}</h1>"
        f'<p class="meta">{meta}</p>'
        f'<p class="meta muted">{html.escape(totals.summary)}</p>'
    )


def _run_sheet_table(segments: Sequence[Segment], slots: Sequence[agenda.Slot]) -> str:
    """One row per segment; the total lives in the header, so no lone row can be orphaned."""
    if not segments:
        return element("h2", _("Agenda")) + element("p", _("This session has no segments yet."))
    rows = []
    for number, (segment, slot) in enumerate(zip(segments, slots, strict=True), start=1):
        title = f"{number}. {segment.title}"
        kind = html.escape(_kind_label(segment.kind))
        kind = f'<p class="small"{align_under(segment.title)}>{kind}</p>'
        time_span = html.escape(span_label(slot.start_minute, slot.end_minute))
        flexibility = html.escape(_("fixed") if segment.fixed else _("flexible"))
        rows.append(  # not-ui-text
            f'<tr><td><p style="white-space: nowrap">{time_span}</p></td>'
            f"<td>{cell_text(title)}{kind}</td>"
            f'<td align="right"><p>{segment.planned_minutes}</p></td>'
            f"<td><p>{flexibility}</p></td></tr>"
        )
    head = table_head(
        (' width="24%"', _("Time")),
        (' width="52%"', _("Segment")),
        (' width="9%" align="right"', _("Min")),
        (' width="15%"', _("Timing")),
    )
    return (
        element("h2", _("Agenda"))
        + '<table class="agenda" width="100%" cellspacing="0" cellpadding="5">'
        + f"{head}<tbody>{''.join(rows)}</tbody></table>"
    )


def _scripts(
    segments: Sequence[Segment],
    slots: Sequence[agenda.Slot],
    practices: Mapping[int, Practice],
) -> str:
    """Each segment's notes, and for a practice its script and care notes from the library."""
    blocks = []
    for number, (segment, slot) in enumerate(zip(segments, slots, strict=True), start=1):
        practice = practices.get(segment.practice_id) if segment.practice_id else None
        guide = _practice_guide(practice) if practice is not None else ""
        if not segment.notes.strip() and not guide:
            continue
        when = html.escape(span_label(slot.start_minute, slot.end_minute))
        title = inline(f"{number}. {segment.title}")
        timing = _("fixed") if segment.fixed else _("flexible")
        line = _("{when} · {planned_minutes} min · {timing}").format(
            when=when, planned_minutes=segment.planned_minutes, timing=html.escape(timing)
        )
        blocks.append(  # not-ui-text
            f"<h3{direction(segment.title)}>{title}</h3>"
            f"<h4{align_under(segment.title)}>{line}</h4>"
            f"{notes_html(segment.notes)}{guide}"
        )
    if not blocks:
        return ""
    return element("h2", _("Notes and scripts")) + "".join(blocks)


def _practice_guide(practice: Practice) -> str:
    """The practice's script and care notes (breathing conditions, panic): the facilitator's."""
    parts = []
    for label, text in (
        (_("Practice script · {name}").format(name=practice.name), practice.script),
        (_("Care notes"), practice.care_notes),
    ):
        if text.strip():
            name = label
            parts.append(f'<p class="label"{direction(name)}>{inline(name)}</p>{notes_html(text)}')
    return "".join(parts)


def _materials(segments: Sequence[Segment]) -> str:
    items = agenda.gather_materials(s.materials for s in segments)
    if not items:
        return element("h2", _("Materials")) + element(
            "p", _("No materials listed."), ' class="muted"'
        )
    checks = [f'<p class="check"{direction(item)}>☐ {inline(item)}</p>' for item in items]
    # Two columns, read down then across: a long list stays on one page and reads as a list.
    rows = (len(checks) + 1) // 2
    cells = [
        f'<tr><td width="50%">{checks[i]}</td>'
        f'<td width="50%">{checks[i + rows] if i + rows < len(checks) else ""}</td></tr>'
        for i in range(rows)
    ]
    return (
        element("h2", _("Materials"))
        + '<table class="checklist" width="100%" cellspacing="0" cellpadding="0">'
        + f"{''.join(cells)}</table>"
    )


# --- the participant agenda ------------------------------------------------------------------


def _participant_css(ink: Ink) -> str:
    p = ink.palette
    return (
        large_type_css(ink, title_pt=28, title_gap_px=8)
        + f"""
        .when {{ font-size: 20pt; margin-bottom: 2px; }}
        .venue {{ font-size: 18pt; color: {p.muted}; }}
        table.agenda, table.row {{ border-collapse: collapse; margin-top: 0px; }}
        table.agenda {{ margin-top: 20px; }}
        table.agenda td, table.row td {{ border-bottom: 1px solid {p.rule}; vertical-align: top; }}
        .time {{ font-weight: bold; white-space: nowrap; }}
        .day {{ font-size: 13pt; font-weight: normal; color: {p.muted}; }}
    """
    )


def participant_agenda_document(
    session: Session,
    segments: Sequence[Segment],
    paper: Paper = Paper.A4,
    *,
    ink: Ink = Ink.COLOR,
) -> QTextDocument:
    """A large-type page for the room: the theme, when, and each segment's title and time.

    Only participant-facing fields are read here (never notes, materials or preparation
    notes), so nothing private can leak onto it by accident.
    """
    slots = agenda.slots(session.start_time, [s.planned_minutes for s in segments])
    where = [date_label(session.date), _session_span(session, slots)]
    parts = [
        f"<h1{direction(session.title)}>{inline(session.title)}</h1>",
        f'<p class="when">{html.escape(" · ".join(where))}</p>',
    ]
    if session.venue.strip():
        parts.append(f'<p class="venue"{direction(session.venue)}>{inline(session.venue)}</p>')
    rows = []
    for segment, slot in zip(segments, slots, strict=True):
        days = _day_offset(slot.start_minute)
        day = f' <span class="day">{_day_suffix(days)}</span>' if days else ""
        rows.append(  # not-ui-text
            f'<tr><td width="24%"><p class="time">{_bare_clock(slot.start_minute)}{day}</p></td>'
            f"<td>{cell_text(segment.title)}</td></tr>"
        )
    # One table per row, so a page break moves a whole row (Qt can move only whole tables).
    for index, row in enumerate(rows):
        klass = "agenda" if index == 0 else "row"
        parts.append(
            f'<table class="{klass}" width="100%" cellspacing="0" cellpadding="7">{row}</table>'
        )
    return _session_sheet(session, paper, parts, _participant_css(ink), PARTICIPANT_POINT_SIZE)


# --- putting it together ---------------------------------------------------------------------


def sheet_title(session: Session, audience: Audience | str) -> str:
    """The small title on every page and the PDF's title: which sheet, which session."""
    kind = _("Agenda") if Audience.from_name(audience) is Audience.PARTICIPANTS else _("Run sheet")
    # The date goes before the title: after a right-to-left title its digits would reorder.
    date = f" · {locale_format.short_date(session.date)}" if session.date else ""
    return _("{kind}{date} · {title}").format(kind=kind, date=date, title=session.title)


def agenda_job(
    session: Session,
    segments: Sequence[Segment],
    audience: Audience | str,
    paper: Paper = Paper.A4,
    ink: Ink = Ink.COLOR,
    practices: Mapping[int, Practice] | None = None,
) -> PrintJob:
    """One session's run sheet or participant agenda, as a job (or a print pack's part).

    `practices` (by id) are read only for the run sheet; the room's agenda never shows them.
    """
    who = Audience.from_name(audience)
    if who is Audience.PARTICIPANTS:
        document = participant_agenda_document(session, segments, paper, ink=ink)
    else:
        document = run_sheet_document(session, segments, paper, ink=ink, practices=practices)
    title = sheet_title(session, who)
    part = document_part(document, title, ink, page_numbers=who is Audience.FACILITATOR)
    return PrintJob(title, paper, ink, (part,))


def build_agenda(core: Core, request: SheetRequest) -> PrintJob:
    """The registered "agenda" sheet: the run sheet, or the participants' agenda.

    The session is read now, so a missing session fails before any dialog or file appears;
    the same job then serves the PDF, the preview and the printer.
    """
    session_id = request.needed("session")
    session = core.sessions.get_session(session_id)
    segments = core.sessions.segments(session_id)
    audience = request.text("audience", Audience.FACILITATOR)
    practices = segment_practices(core, segments)
    return agenda_job(
        session, segments, audience, paper_of(request), ink_of(request), practices=practices
    )


def segment_practices(core: Core, segments: Sequence[Segment]) -> dict[int, Practice]:
    """The library practices the segments use, by id (a deleted one is simply left out)."""
    found: dict[int, Practice] = {}
    for practice_id in {s.practice_id for s in segments if s.practice_id is not None}:
        try:
            found[practice_id] = core.practices.get_practice(practice_id)
        except NotFoundError:
            continue
    return found
