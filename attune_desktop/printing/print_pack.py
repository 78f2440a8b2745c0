"""The print pack for one session: everything to take to the room, in one PDF, in one job.

Parts, in order: the facilitator's run sheet, the participants' large-type agenda, the
families' take-home cards (one per language in the circle), optionally the families' routine
sheets, and a sign-in sheet that counts attendance without names: numbered boxes people tick
as they arrive. All parts are one `PrintJob`, so one preview and one print run it all.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextDocument

from attune_desktop.core import locale_format
from attune_desktop.core.i18n import _
from attune_desktop.core.models import Session
from attune_desktop.printing.agenda_print import Audience, agenda_job, segment_practices
from attune_desktop.printing.catalogue import SheetRequest
from attune_desktop.printing.jobs import PrintJob, document_part, ink_of, paper_of
from attune_desktop.printing.markup import date_label, direction, element, inline
from attune_desktop.printing.pages import Ink, Paper, PrintError, html_document, large_type_css
from attune_desktop.printing.routine_sheets import circle_routine_sheets
from attune_desktop.printing.take_home import card_languages, session_cards, take_home_job

if TYPE_CHECKING:
    from attune_desktop.core.container import Core

SIGN_IN_POINT_SIZE = 16.0
SIGN_IN_COLUMNS = 5
DEFAULT_BOXES = 30
MAX_BOXES = 60


def _sign_in_css(ink: Ink) -> str:
    p = ink.palette
    return (
        large_type_css(ink, title_pt=26, title_gap_px=6)
        + f"""
        .lead {{ font-size: 18pt; margin-bottom: 4px; }}
        .muted {{ color: {p.muted}; }}
        table.boxes {{ border-collapse: collapse; margin-top: 18px; }}
        table.boxes td {{ border: 1px solid {p.rule}; }}
        .box {{ font-size: 22pt; }}
        .total {{ font-size: 18pt; margin-top: 24px; }}
    """
    )


def sign_in_document(
    session: Session, paper: Paper = Paper.A4, *, ink: Ink = Ink.COLOR, boxes: int = DEFAULT_BOXES
) -> QTextDocument:
    """Numbered tick boxes and a total line: the count is kept, never a name."""
    if not 1 <= boxes <= MAX_BOXES:
        raise PrintError(
            _("A sign-in sheet has 1 to {MAX_BOXES} boxes; {boxes} was asked for.").format(
                MAX_BOXES=MAX_BOXES, boxes=boxes
            )
        )
    week = _("Week {week} · ").format(week=session.week) if session.week else ""
    when = _("{week}{date_label} · {start_time}").format(
        week=week,
        date_label=date_label(session.date),
        start_time=locale_format.clock(session.start_time),
    )
    cells = [f'<td width="20%"><p class="box">☐ {n}</p></td>' for n in range(1, boxes + 1)]
    rows = [
        "<tr>" + "".join(cells[i : i + SIGN_IN_COLUMNS]) + "</tr>"
        for i in range(0, len(cells), SIGN_IN_COLUMNS)
    ]
    parts = [
        element("h1", _("Welcome! Tick one box as you arrive")),
        element(
            "p",
            _("Please tick the next free box. No names are needed: we only count how many came."),
            ' class="lead"',
        ),
        f"<p{direction(session.title)}>{inline(session.title)}</p>",
        f'<p class="muted">{html.escape(when)}</p>',
        '<table class="boxes" width="100%" cellspacing="0" cellpadding="10">'
        f"{''.join(rows)}</table>",
        element("p", _("Counted at the end: ________"), ' class="total"'),
    ]
    return html_document(paper, "".join(parts), _sign_in_css(ink), point_size=SIGN_IN_POINT_SIZE)


def pack_title(session: Session) -> str:
    date = f" · {locale_format.short_date(session.date)}" if session.date else ""
    return _("Print pack{date} · {title}").format(date=date, title=session.title)


def build_print_pack(core: Core, request: SheetRequest) -> PrintJob:
    """The registered "pack" sheet: everything for the room, in one job.

    The take-home cards follow the agenda. With `with_routines`, the routine sheets of every
    family in the session's circle come after them (none when the session has no circle or
    nothing to print).
    """
    paper, ink = paper_of(request), ink_of(request)
    session_id = request.needed("session")
    session = core.sessions.get_session(session_id)
    segments = core.sessions.segments(session_id)
    practices = segment_practices(core, segments)
    jobs = [
        agenda_job(session, segments, Audience.FACILITATOR, paper, ink, practices),
        agenda_job(session, segments, Audience.PARTICIPANTS, paper, ink),
    ]
    cards = session_cards(core, session, card_languages(core, session))
    jobs.append(take_home_job(cards, paper, ink))
    if request.flag("with_routines"):
        jobs += circle_routine_sheets(core, session, ink)
    sign_in = sign_in_document(session, paper, ink=ink)
    sign_in_part = document_part(
        sign_in, _("Sign-in · {title}").format(title=session.title), ink, page_numbers=False
    )
    jobs.append(PrintJob("", paper, ink, (sign_in_part,)))
    first, *rest = jobs
    return first.then(*rest, title=pack_title(session))
