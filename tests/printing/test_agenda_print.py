"""The printed agenda: a run sheet for the facilitator, a large-type agenda for the room.

Each test reads the PDF a facilitator would print: its page size, its page count and its text.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPagedPaintDevice
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from attune_desktop.app import Core
from attune_desktop.core import agenda
from attune_desktop.core.bidi import is_rtl
from attune_desktop.core.errors import NotFoundError
from attune_desktop.core.models import Session
from attune_desktop.printing import pages
from attune_desktop.printing.agenda_print import Audience, span_label
from attune_desktop.printing.catalogue import SheetRequest
from attune_desktop.printing.jobs import build
from attune_desktop.printing.markup import notes_html
from attune_desktop.printing.pages import Ink, Paper, PrintError, RenderFn, print_preview, write_pdf
from tests.printing.helpers import export_agenda_pdf, pdf_text

A4_POINTS = (595, 842)
LETTER_POINTS = (612, 792)
PREP_MARKER = "PRIVATE-PREP-7Q: ask how the quiet parent is doing"
NOTES_MARKER = "FACILITATOR-ONLY-3Z: tell the story about the bus stop"
FOOTER = re.compile(r"page \d+ of \d+\s*$")


# --- helpers ---------------------------------------------------------------------------------


def agenda_renderer(core: Core, session_id: int, audience: str) -> tuple[RenderFn, str]:
    job = build(core, "agenda", SheetRequest(values={"session": session_id, "audience": audience}))
    return job.render, job.title


def body_text(path: Path) -> str:
    """Text of every page without its footer, so a paragraph reads on across a page break."""
    raw = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    lines = [line for line in raw.splitlines() if not FOOTER.search(line)]
    return " ".join(" ".join(lines).split())


def page_sizes(path: Path) -> list[tuple[float, float]]:
    reader = PdfReader(path)
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def sample_session(core: Core) -> Session:
    """A planned session of the sample series, with a private prep note and a facilitator note."""
    series = next(s for s in core.series.list_series() if s.title == "Attunement basics")
    session = core.sessions.list_sessions(series_id=series.id)[0]
    assert session.id is not None
    core.sessions.update_session(session.id, prep_notes=PREP_MARKER)
    first = core.sessions.segments(session.id)[0]
    assert first.id is not None
    core.sessions.update_segment(first.id, notes=f"{first.notes}\n{NOTES_MARKER}".strip())
    return core.sessions.get_session(session.id)


def numbered_script(length: int = 10_000) -> str:
    """A script of unique words, so a lost or doubled line shows up as a missing or twice word."""
    words: list[str] = []
    number = 0
    while sum(len(w) + 1 for w in words) < length:
        number += 1
        words.append(f"w{number:05d}")
    return " ".join(words)[:length].rsplit(" ", 1)[0]


def session_with(
    core: Core,
    title: str,
    segments: list[dict[str, object]],
    *,
    start: dt.time = dt.time(18, 0),
    prep_notes: str = "",
) -> int:
    session = core.sessions.create_session(
        title, date=dt.date(2025, 3, 4), start_time=start, venue="Oak Room", prep_notes=prep_notes
    )
    assert session.id is not None
    for fields in segments:
        core.sessions.add_segment(session.id, **fields)  # type: ignore[arg-type]
    return session.id


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "attune_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


# --- the run sheet ---------------------------------------------------------------------------


@pytest.mark.parametrize(("paper", "size"), [(Paper.A4, A4_POINTS), (Paper.LETTER, LETTER_POINTS)])
def test_run_sheet_prints_at_true_size_with_times_titles_notes_and_page_numbers(
    core: Core, tmp_path: Path, paper: Paper, size: tuple[int, int]
) -> None:
    # GIVEN a sample session with a private preparation note
    session = sample_session(core)
    assert session.id is not None
    segments = core.sessions.segments(session.id)

    # WHEN the facilitator saves the run sheet as a PDF
    out = export_agenda_pdf(core, session.id, tmp_path / "run.pdf", paper, "facilitator")

    # THEN every page is the paper's true size, numbered "page N of M"
    sizes = page_sizes(out)
    for width, height in sizes:
        assert width == pytest.approx(size[0], abs=1)
        assert height == pytest.approx(size[1], abs=1)
    text = pdf_text(out)
    assert f"page 1 of {len(sizes)}" in text
    assert f"page {len(sizes)} of {len(sizes)}" in text
    # AND it shows the clock times, titles, notes, the prep note and the materials checklist
    slots = agenda.slots(session.start_time, [s.planned_minutes for s in segments])
    for segment, slot in zip(segments, slots, strict=True):
        assert " ".join(segment.title.split()) in text
        assert slot.start_label in text
    assert agenda.clock_label(session.start_time.hour * 60 + session.start_time.minute) in text
    assert NOTES_MARKER in text
    assert PREP_MARKER in text
    assert "Materials" in text
    for item in agenda.gather_materials(s.materials for s in segments):
        assert f"☐ {' '.join(item.split())}" in text
    assert PdfReader(out).metadata.title.startswith("Run sheet")  # type: ignore[union-attr]


def test_long_scripts_flow_across_pages_and_no_line_is_cut(
    empty_core: Core, tmp_path: Path
) -> None:
    # GIVEN a session with 40 segments, three of them with a 10,000-character script
    script = numbered_script()
    assert len(script) > 9_900
    segments: list[dict[str, object]] = [
        {"kind": "teaching", "title": f"Part {n}", "planned_minutes": 10} for n in range(40)
    ]
    segments[0]["notes"] = script
    short_id = session_with(empty_core, "Short", [{"kind": "welcome"}])
    long_id = session_with(empty_core, "Long", segments)
    for index, segment in enumerate(empty_core.sessions.segments(long_id)[1:3], start=1):
        assert segment.id is not None
        empty_core.sessions.update_segment(segment.id, notes=script.replace("w", f"s{index}x"))

    # WHEN both run sheets are printed
    short = export_agenda_pdf(empty_core, short_id, tmp_path / "short.pdf")
    long = export_agenda_pdf(empty_core, long_id, tmp_path / "long.pdf")

    # THEN the long one flows onto many more pages, all numbered
    count = len(PdfReader(long).pages)
    assert len(PdfReader(short).pages) == 1
    assert count >= 6
    assert f"page {count} of {count}" in pdf_text(long)
    # AND the whole script is there, each word exactly once: a line cut at a page break would be
    # drawn (clipped) on both pages and read twice, or lost
    text = body_text(long)
    assert script in text
    words = re.findall(r"\bw\d{5}\b", text)
    assert words == script.split()
    for index in (1, 2):
        assert script.replace("w", f"s{index}x") in text
    assert "Part 39" in text


def test_past_midnight_times_say_next_day(empty_core: Core, tmp_path: Path) -> None:
    # GIVEN a late session that runs past midnight
    sid = session_with(
        empty_core,
        "Night shift carers",
        [
            {"kind": "welcome", "title": "Arrive", "planned_minutes": 20},
            {"kind": "teaching", "title": "After midnight", "planned_minutes": 30},
        ],
        start=dt.time(23, 50),
    )

    # WHEN both sheets are printed
    run = pdf_text(export_agenda_pdf(empty_core, sid, tmp_path / "run.pdf"))
    room = pdf_text(export_agenda_pdf(empty_core, sid, tmp_path / "room.pdf", "a4", "participants"))

    # THEN the times after midnight are marked as the next day, never mistaken for the evening
    assert "23:50–00:10 (+1 day)" in run
    assert "00:10–00:40 (+1 day)" in run
    assert "23:50" in room
    assert "00:10 (+1 day)" in room


def test_right_to_left_and_emoji_titles_print(empty_core: Core, tmp_path: Path) -> None:
    # GIVEN titles and notes in Arabic, with emoji and a very long unbroken word
    sid = session_with(
        empty_core,
        "لحظات هادئة 🌙",
        [
            {"kind": "welcome", "title": "أهلاً وسهلاً 😊", "notes": "مرحبا بالجميع\nsecond line"},
            {"kind": "practice", "title": "Breathing 🌬️ together", "notes": "🌈 " + "x" * 600},
            {"kind": "closing", "title": "Closing"},
        ],
        prep_notes="ملاحظة خاصة",
    )

    # WHEN both sheets are printed on Letter paper
    for audience in Audience:
        out = export_agenda_pdf(empty_core, sid, tmp_path / f"{audience}.pdf", "letter", audience)
        reader = PdfReader(out)

        # THEN they come out whole: one page each, readable, Latin parts where they belong
        assert len(reader.pages) == 1
        extracted = "".join(page.extract_text() for page in reader.pages)
        assert "Closing" in extracted
        assert "Breathing" in extracted
    # AND an unbroken 600-character word wraps inside the page instead of running off it
    assert "x" * 600 in pdf_text(tmp_path / "facilitator.pdf").replace(" ", "")


def test_user_text_is_printed_as_text_never_as_markup(empty_core: Core, tmp_path: Path) -> None:
    sid = session_with(
        empty_core,
        "Tags & <b>brackets</b>",
        [{"kind": "teaching", "title": "<i>not italic</i>", "notes": "a <script>x</script> & b"}],
    )
    text = pdf_text(export_agenda_pdf(empty_core, sid, tmp_path / "run.pdf"))
    assert "Tags & <b>brackets</b>" in text
    assert "<i>not italic</i>" in text
    assert "a <script>x</script> & b" in text


def test_low_ink_sheet_has_the_same_content(empty_core: Core, tmp_path: Path) -> None:
    sid = session_with(empty_core, "Low ink", [{"kind": "welcome", "notes": "Say hello."}])
    color = export_agenda_pdf(empty_core, sid, tmp_path / "c.pdf")
    low = export_agenda_pdf(empty_core, sid, tmp_path / "l.pdf", ink=Ink.LOW)
    assert pdf_text(color) == pdf_text(low)


# --- the participant agenda ------------------------------------------------------------------


def test_participant_agenda_is_one_large_page_without_anything_private(
    core: Core, tmp_path: Path
) -> None:
    # GIVEN a sample session whose notes and preparation notes are private
    session = sample_session(core)
    assert session.id is not None
    segments = core.sessions.segments(session.id)

    # WHEN the participant agenda is printed
    out = export_agenda_pdf(
        core, session.id, tmp_path / "room.pdf", Paper.A4, Audience.PARTICIPANTS
    )

    # THEN it is one A4 page with the titles and their clock times
    sizes = page_sizes(out)
    assert len(sizes) == 1
    assert sizes[0] == pytest.approx(A4_POINTS, abs=1)
    text = pdf_text(out)
    slots = agenda.slots(session.start_time, [s.planned_minutes for s in segments])
    for segment, slot in zip(segments, slots, strict=True):
        assert " ".join(segment.title.split()) in text
        assert slot.start_label in text
    # AND nothing meant for the facilitator: no notes, no prep notes, no materials
    assert NOTES_MARKER not in text
    assert PREP_MARKER not in text
    for segment in segments:
        note = " ".join(segment.notes.split())[:40]
        if len(note) >= 20:
            assert note not in text
    assert "Materials" not in text
    assert "page 1 of" not in text


def test_participant_agenda_uses_large_type(empty_core: Core, tmp_path: Path) -> None:
    sid = session_with(empty_core, "Large", [{"kind": "welcome", "title": "Welcome"}])
    out = export_agenda_pdf(empty_core, sid, tmp_path / "a.pdf", "a4", "participants")
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout
    match = re.search(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Welcome<', bbox)
    assert match is not None
    height = float(match.group(2)) - float(match.group(1))
    assert height >= 20  # points: a 20 pt line box, readable across a room


# --- saving safely ---------------------------------------------------------------------------


def test_a_failed_render_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "agenda.pdf"
    target.write_bytes(b"%PDF-old")

    def broken(device: QPagedPaintDevice) -> None:
        raise PrintError("the layout failed")

    with pytest.raises(PrintError):
        write_pdf(target, broken, paper=Paper.A4, title="x")
    assert target.read_bytes() == b"%PDF-old"
    assert [p.name for p in tmp_path.iterdir()] == ["agenda.pdf"]


def test_permission_denied_reads_as_a_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(pages.tempfile, "mkstemp", refuse)
    with pytest.raises(PrintError, match=r"Could not write .*agenda\.pdf: permission denied"):
        write_pdf(tmp_path / "agenda.pdf", lambda _device: None, paper=Paper.A4, title="x")


def test_printer_and_pdf_share_one_layout(core: Core, tmp_path: Path) -> None:
    # GIVEN the renderer the preview and the print dialog use
    session = sample_session(core)
    assert session.id is not None
    render, title = agenda_renderer(core, session.id, Audience.FACILITATOR)
    assert title.startswith("Run sheet")

    # WHEN it draws on a printer (printing to a file) and the PDF export draws on a PDF writer
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printer.pdf"))
    printer.setPageLayout(pages.page_layout(Paper.LETTER))
    render(printer)
    exported = export_agenda_pdf(core, session.id, tmp_path / "pdf.pdf", "letter")

    # THEN both have the same pages and the same words
    printed = tmp_path / "printer.pdf"
    assert len(PdfReader(printed).pages) == len(PdfReader(exported).pages)
    assert pdf_text(printed) == pdf_text(exported)


def test_print_preview_opens_without_blocking_and_draws(qtbot: QtBot, core: Core) -> None:
    session = sample_session(core)
    assert session.id is not None
    render, title = agenda_renderer(core, session.id, "participants")
    drawn: list[str] = []

    def recording(device: QPagedPaintDevice) -> None:
        render(device)
        drawn.append(type(device).__name__)

    dialog = print_preview(None, recording, paper=Paper.LETTER, title=title)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(drawn))
    assert dialog.isVisible()
    assert drawn[0] == "QPrinter"
    assert dialog.printer().pageLayout().pageSize().id() == Paper.LETTER.page_size.id()
    dialog.close()


def test_unknown_session_is_refused_before_any_file_appears(
    empty_core: Core, tmp_path: Path
) -> None:
    folder = tmp_path / "prints"
    folder.mkdir()
    with pytest.raises(NotFoundError, match="No session with id 9999"):
        export_agenda_pdf(empty_core, 9999, folder / "x.pdf")
    assert list(folder.iterdir()) == []


# --- text helpers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello", False),
        ("أهلاً", True),
        ("1. أهلاً", True),
        ("שלום", True),
        ("😊 hello", False),
        ("", False),
        ("123", False),
    ],
)
def test_paragraph_direction_follows_the_first_strong_character(text: str, expected: bool) -> None:
    assert is_rtl(text) is expected


def test_notes_keep_line_breaks_bullets_and_simple_emphasis() -> None:
    html_text = notes_html("Line one\nLine two\n\n- first\n- second\n**Bold** and *soft*\nمرحبا")
    assert "Line one<br/>Line two" in html_text
    assert "<li>first</li><li>second</li>" in html_text
    assert "<b>Bold</b> and <i>soft</i>" in html_text
    assert "2 * 3 * 4" in notes_html("2 * 3 * 4")
    assert 'dir="rtl"' in notes_html("مرحبا\nhello")


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        (18 * 60, 18 * 60 + 10, "18:00–18:10"),
        (23 * 60 + 55, 24 * 60 + 5, "23:55–00:05 (+1 day)"),
        (24 * 60 + 5, 24 * 60 + 15, "00:05–00:15 (+1 day)"),
        (24 * 60 + 5, 48 * 60 + 15, "00:05 (+1 day)–00:15 (+2 days)"),
    ],
)
def test_span_labels(start: int, end: int, label: str) -> None:
    assert span_label(start, end) == label


# --- the command line ------------------------------------------------------------------------


@pytest.fixture
def cli_home(core: Core) -> tuple[Path, int]:
    """The fixture's home, closed so a child process can open it."""
    session = sample_session(core)
    assert session.id is not None
    home = core.paths.home
    core.close()
    return home, session.id


def test_cli_prints_the_agenda_to_a_pdf(cli_home: tuple[Path, int], tmp_path: Path) -> None:
    home, sid = cli_home
    out = tmp_path / "week1.pdf"
    common = ("--session", str(sid), "--home", str(home))
    result = run_cli("print", "agenda", *common, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert page_sizes(out)[0] == pytest.approx(A4_POINTS, abs=1)

    room = tmp_path / "room.pdf"
    options = ("--paper", "letter", "--audience", "participants")
    result = run_cli("print", "agenda", *common, "--out", str(room), *options)
    assert result.returncode == 0, result.stderr
    assert page_sizes(room) == [pytest.approx(LETTER_POINTS, abs=1)]
    assert PREP_MARKER not in pdf_text(room)


def test_cli_refuses_an_unknown_session_without_writing(
    cli_home: tuple[Path, int], tmp_path: Path
) -> None:
    home, _sid = cli_home
    out = tmp_path / "missing.pdf"
    result = run_cli("print", "agenda", "--session", "9999", "--out", str(out), "--home", str(home))
    assert result.returncode == 2
    assert "No session with id 9999" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_cli_explains_an_unwritable_folder(cli_home: tuple[Path, int], tmp_path: Path) -> None:
    home, sid = cli_home
    if os.geteuid() == 0:  # root writes anywhere; a file in place of the folder cannot be
        folder = tmp_path / "not-a-folder"
        folder.write_text("")
    else:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o500)
    out = folder / "agenda.pdf"
    result = run_cli(
        "print", "agenda", "--session", str(sid), "--home", str(home), "--out", str(out)
    )
    assert result.returncode == 2
    assert f"Could not write {out}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler is not installed")
def test_pages_render_to_images(core: Core, tmp_path: Path) -> None:
    """The PDF is well-formed enough for a real rasteriser, page after page."""
    session = sample_session(core)
    assert session.id is not None
    out = export_agenda_pdf(core, session.id, tmp_path / "run.pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "20", str(out), str(tmp_path / "p")], check=True)
    assert len(list(tmp_path.glob("p-*.png"))) == len(PdfReader(out).pages)


@pytest.mark.parametrize("paper", [Paper.A4, Paper.LETTER])
def test_a_participant_agenda_never_cuts_a_segment_across_two_pages(
    empty_core: Core, tmp_path: Path, paper: Paper
) -> None:
    # GIVEN 40 segments whose titles wrap over three lines in the room's large type
    sid = session_with(
        empty_core,
        "A long evening",
        [
            {
                "kind": "other",
                "title": f"Segment {i} with a participant-facing title that "
                "keeps going and going well past the edge of its column",
                "planned_minutes": 3,
            }
            for i in range(40)
        ],
    )
    # WHEN the participant agenda is printed
    out = export_agenda_pdf(empty_core, sid, tmp_path / "room.pdf", paper, "participants")
    # THEN it runs over several pages, and each segment's title is whole on one page
    reader = PdfReader(out)
    assert len(reader.pages) > 2
    pages_text = [" ".join(page.extract_text().split()) for page in reader.pages]
    for i in range(40):
        title = f"Segment {i} with a participant-facing title that keeps going and going"
        assert sum(title in text for text in pages_text) == 1, f"segment {i} was cut"
