"""The print pack for one session: everything to take to the room, in one PDF, in one job.

Parts, in order: the facilitator's run sheet, the participants' large-type agenda, any extra
parts (the families' routine sheets, plugged in as `PartDrawer`s by whoever owns them), and a
sign-in sheet that counts attendance without names: numbered boxes people tick as they arrive.
All parts are drawn on one `Pages` job (`open_pages`), so one preview and one print run it all.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtGui import QPagedPaintDevice, QTextDocument

from attune_desktop.core.models import Session
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.printing.agenda_print import (
    Audience,
    _date_label,
    _dir,
    _inline,
    participant_agenda_document,
    run_sheet_document,
    sheet_title,
)
from attune_desktop.printing.pages import (
    Ink,
    Pages,
    Paper,
    PrintError,
    RenderFn,
    draw_document,
    new_document,
    open_pages,
    write_pdf,
)

PartDrawer = Callable[[Pages], None]
SIGN_IN_POINT_SIZE = 16.0
SIGN_IN_COLUMNS = 5
DEFAULT_BOXES = 30
MAX_BOXES = 60


def _sign_in_css(ink: Ink) -> str:
    p = ink.palette
    return f"""
        body {{ color: {p.text}; }}
        p {{ margin-top: 0px; margin-bottom: 0px; }}
        h1 {{ font-size: 26pt; font-weight: bold; color: {p.accent};
              margin-top: 0px; margin-bottom: 6px; }}
        .lead {{ font-size: 18pt; margin-bottom: 4px; }}
        .muted {{ color: {p.muted}; }}
        table.boxes {{ border-collapse: collapse; margin-top: 18px; }}
        table.boxes td {{ border: 1px solid {p.rule}; }}
        .box {{ font-size: 22pt; }}
        .total {{ font-size: 18pt; margin-top: 24px; }}
    """


def sign_in_document(
    session: Session, paper: Paper = Paper.A4, *, ink: Ink = Ink.COLOR, boxes: int = DEFAULT_BOXES
) -> QTextDocument:
    """Numbered tick boxes and a total line: the count is kept, never a name."""
    if not 1 <= boxes <= MAX_BOXES:
        raise PrintError(f"A sign-in sheet has 1 to {MAX_BOXES} boxes; {boxes} was asked for.")
    week = f"Week {session.week} · " if session.week else ""
    when = f"{week}{_date_label(session.date)} · {session.start_time:%H:%M}"
    cells = [f'<td width="20%"><p class="box">☐ {n}</p></td>' for n in range(1, boxes + 1)]
    rows = [
        "<tr>" + "".join(cells[i : i + SIGN_IN_COLUMNS]) + "</tr>"
        for i in range(0, len(cells), SIGN_IN_COLUMNS)
    ]
    parts = [
        "<h1>Welcome! Tick one box as you arrive</h1>",
        '<p class="lead">Please tick the next free box. No names are needed: '
        "we only count how many came.</p>",
        f"<p{_dir(session.title)}>{_inline(session.title)}</p>",
        f'<p class="muted">{html.escape(when)}</p>',
        '<table class="boxes" width="100%" cellspacing="0" cellpadding="10">'
        f"{''.join(rows)}</table>",
        '<p class="total">Counted at the end: ________</p>',
    ]
    document = new_document(paper, point_size=SIGN_IN_POINT_SIZE)
    document.setDefaultStyleSheet(_sign_in_css(ink))
    document.setHtml("".join(parts))
    return document


def pack_title(session: Session) -> str:
    date = f" · {session.date.isoformat()}" if session.date else ""
    return f"Print pack{date} · {session.title}"


def print_pack_renderer(
    sessions: SessionService,
    session_id: int,
    paper: Paper = Paper.A4,
    *,
    ink: Ink = Ink.COLOR,
    extra_parts: Sequence[PartDrawer] = (),
    sign_in_boxes: int = DEFAULT_BOXES,
) -> tuple[RenderFn, str]:
    """A render function drawing the whole pack in one job, and its title.

    `extra_parts` are drawn after the participant agenda, each calling `pages.start_page`
    for every page it draws (for example `draw_routine_sheets` bound to its families).
    """
    session = sessions.get_session(session_id)
    segments = sessions.segments(session_id)
    run_sheet = run_sheet_document(session, segments, paper, ink=ink)
    agenda = participant_agenda_document(session, segments, paper, ink=ink)
    sign_in = sign_in_document(session, paper, ink=ink, boxes=sign_in_boxes)
    title = pack_title(session)

    def render(device: QPagedPaintDevice) -> None:
        layout = device.pageLayout()
        with open_pages(device) as pages:
            draw_document(
                pages, run_sheet, sheet_title(session, Audience.FACILITATOR), ink=ink, layout=layout
            )
            draw_document(
                pages,
                agenda,
                sheet_title(session, Audience.PARTICIPANTS),
                page_numbers=False,
                ink=ink,
                layout=layout,
            )
            for part in extra_parts:
                part(pages)
            draw_document(
                pages,
                sign_in,
                f"Sign-in · {session.title}",
                page_numbers=False,
                ink=ink,
                layout=layout,
            )

    return render, title


def export_print_pack_pdf(
    sessions: SessionService,
    session_id: int,
    out_path: str | os.PathLike[str],
    paper: Paper | str = Paper.A4,
    *,
    ink: Ink | str = Ink.COLOR,
    extra_parts: Sequence[PartDrawer] = (),
) -> Path:
    chosen = Paper.from_name(paper)
    render, title = print_pack_renderer(
        sessions, session_id, chosen, ink=Ink.from_name(ink), extra_parts=extra_parts
    )
    return write_pdf(out_path, render, paper=chosen, title=title)
