"""Shared page infrastructure: paper, ink, fonts, and one way to put a document on pages.

Every printed sheet is drawn onto a `Pages` job (`open_pages`): text sheets (run sheet,
participant agenda, series plan) are QTextDocuments drawn by `draw_document`; picture sheets
draw with the job's painter. The PDF export, the print preview and direct print all hand a
device to the same render function, so what the preview shows is what lands on paper, and a
print pack is just several parts drawn in one job.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import shiboken6
from pypdf.errors import PyPdfError
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextTable,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from attune_desktop import __version__
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.printing.pdf_text import make_text_searchable
from attune_desktop.runtime import keep_none_alive

keep_none_alive()  # before any Qt call; see attune_desktop/runtime.py

PAGE_MARGIN_MM = 15.0
FOOTER_HEIGHT_MM = 8.0
FOOTER_POINT_SIZE = 8.0
PDF_DPI = 300
LAYOUT_DPI = 300  # every sheet is measured at this resolution, whatever it is drawn on
SCREEN_DPI = 96
CLIP_INSET = 2.0  # layout pixels; see _draw_page
MAX_LAYOUT_PASSES = 40  # usually 2 or 3 (move headings, split, confirm); a bound for safety
# (each row kept whole on a new page takes one pass of its own)
MAX_UNBROKEN_ROW_SHARE = 0.25  # a table row shorter than this share of a page never breaks
MM_PER_INCH = 25.4
# Noto first for its wide coverage (Latin, Arabic, CJK when bundled); DejaVu is always there.
PRINT_FAMILIES = ("Noto Sans", "Noto Sans Arabic", "Noto Sans SC", "DejaVu Sans")  # not-ui-text

RenderFn = Callable[[QPagedPaintDevice], None]


class PrintError(AttuneError):
    """A sheet could not be printed or saved; any file that was there is left untouched."""


class Paper(Enum):
    """The two paper sizes facilitators print on, always at true size."""

    A4 = "a4"
    LETTER = "letter"

    @property
    def page_size(self) -> QPageSize:
        ident = QPageSize.PageSizeId.A4 if self is Paper.A4 else QPageSize.PageSizeId.Letter
        return QPageSize(ident)

    @property
    def label(self) -> str:
        return "A4" if self is Paper.A4 else _("Letter")

    @classmethod
    def from_name(cls, name: str | Paper) -> Paper:
        """Accept 'a4' / 'letter' (any case) so the command line and settings share it."""
        if isinstance(name, Paper):
            return name
        try:
            return cls(name.strip().lower())
        except ValueError:
            raise PrintError(
                _("Unknown paper size {name!r}: choose a4 or letter.").format(name=name)
            ) from None


@dataclass(frozen=True)
class InkPalette:
    """The few colours a sheet uses, so low-ink mode is one switch, not a second layout."""

    text: str
    muted: str
    accent: str
    rule: str
    fill: str


class Ink(Enum):
    """Colour for the screen-like look; low ink for black-and-white, toner-saving printers."""

    COLOR = "color"
    LOW = "low"

    @property
    def palette(self) -> InkPalette:
        if self is Ink.COLOR:
            # The app's calm light tones (ui.theme.LIGHT), so paper looks like the screen.
            return InkPalette(
                text="#2b2d31", muted="#5f636a", accent="#3f7d74", rule="#c9c3b6", fill="#f1eee7"
            )
        return InkPalette(
            text="#000000", muted="#333333", accent="#000000", rule="#777777", fill="#ffffff"
        )

    @classmethod
    def from_name(cls, name: str | Ink) -> Ink:
        """'color' or 'low' (also 'low-ink' and 'bw', as the routine sheets' options say)."""
        if isinstance(name, Ink):
            return name
        word = name.strip().lower()
        try:
            return cls("low" if word in ("low-ink", "bw") else word)
        except ValueError:
            raise PrintError(
                _("Unknown ink {name!r}: choose color or low.").format(name=name)
            ) from None


def heading_css(ink: Ink, *, h2_top_px: int = 18) -> str:
    """The heading style every facilitator sheet shares: eyebrow, title, sections, meta."""
    p = ink.palette
    return f"""
        body {{ color: {p.text}; }}
        p {{ margin-top: 0px; margin-bottom: 0px; }}
        .eyebrow {{ color: {p.accent}; font-size: 9pt; font-weight: bold; }}
        h1 {{ font-size: 20pt; font-weight: bold; margin-top: 2px; margin-bottom: 4px; }}
        h2 {{ font-size: 13pt; font-weight: bold; color: {p.accent};
              margin-top: {h2_top_px}px; margin-bottom: 6px; }}
        .meta {{ font-size: 11pt; margin-bottom: 2px; }}
        .muted {{ color: {p.muted}; }}
    """


def large_type_css(ink: Ink, *, title_pt: int, title_gap_px: int) -> str:
    """The style every large-type sheet for the room shares: bare paragraphs, an accent title."""
    p = ink.palette
    return f"""
        body {{ color: {p.text}; }}
        p {{ margin-top: 0px; margin-bottom: 0px; }}
        h1 {{ font-size: {title_pt}pt; font-weight: bold; color: {p.accent};
              margin-top: 0px; margin-bottom: {title_gap_px}px; }}
    """


def page_layout(paper: Paper) -> QPageLayout:
    """Portrait, true size, with margins every home printer can reach."""
    margins = QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM)
    return QPageLayout(
        paper.page_size,
        QPageLayout.Orientation.Portrait,
        margins,
        QPageLayout.Unit.Millimeter,
    )


def print_font(point_size: float, *, bold: bool = False) -> QFont:
    """A sans font whose fallbacks cover Latin, Arabic and CJK, when those fonts exist."""
    font = QFont()
    font.setFamilies(list(PRINT_FAMILIES))
    font.setPointSizeF(point_size)
    font.setBold(bold)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    # No "fi"/"fl" ligatures: in a PDF they read back as one odd character, so searching
    # the run sheet for "flexible" or a script's words would miss them.
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def new_document(paper: Paper, *, point_size: float = 10.5) -> QTextDocument:
    """An empty document with the print font and no margin of its own (the page has them).

    Its page size is a screen-resolution estimate until `draw_document` lays it out.
    """
    document = QTextDocument()
    document.setDefaultFont(print_font(point_size))
    document.setDocumentMargin(0)
    document.setUseDesignMetrics(True)
    document.setPageSize(_body_size(page_layout(paper), SCREEN_DPI))
    return document


def html_document(
    paper: Paper, html: str, css: str, *, point_size: float = 10.5, title: str = ""
) -> QTextDocument:
    """A text sheet's document: its HTML in the print font under its style sheet."""
    document = new_document(paper, point_size=point_size)
    document.setDefaultStyleSheet(css)
    document.setHtml(html)
    if title:
        document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    return document


def _body_size(layout: QPageLayout, dpi: int) -> QSizeF:
    """The printable area left for text once the footer has its strip."""
    rect = layout.paintRectPixels(dpi)
    footer = FOOTER_HEIGHT_MM / MM_PER_INCH * dpi
    return QSizeF(rect.width(), math.floor(rect.height() - footer))  # whole pixels: exact breaks


def _layout_device() -> QImage:
    """A stand-in paint device at LAYOUT_DPI for measuring text.

    Laying out at one fixed resolution, whatever the target, means the preview (screen
    resolution), a printer (often 1200 dpi) and the PDF (300 dpi) break lines and pages at
    the same words; each device then only scales the drawing.
    """
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    dots = round(LAYOUT_DPI / MM_PER_INCH * 1000)
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    return image


def _laid_out(document: QTextDocument, device: QImage, body: QSizeF) -> QTextDocument:
    """A copy of the document paginated for `body`, so the caller's document is untouched."""
    doc = document.clone()
    doc.setDefaultFont(document.defaultFont())
    doc.setDocumentMargin(document.documentMargin())
    doc.setUseDesignMetrics(document.useDesignMetrics())
    doc.documentLayout().setPaintDevice(device)
    doc.setPageSize(body)
    _paginate(doc, body.height())
    return doc


def _paginate(doc: QTextDocument, page_height: float) -> None:
    """Keep headings with what follows them, then split paragraphs exactly at page breaks.

    Qt has no keep-with-next, so a heading left alone at a page bottom gets a page break
    before it. And Qt draws a paragraph with the one line just above the clip included, so
    on a new page the previous page's last line is drawn again: hidden by the clip, yet in
    the PDF's text (copy, search and screen readers would read it twice). Two paragraphs
    with no space between look the same and leave nothing to draw twice. Qt paginates an
    edited document only from the edit on, and not always right, so each pass lays out the
    whole document.
    """
    for _attempt in range(MAX_LAYOUT_PASSES):
        doc.markContentsDirty(0, doc.characterCount())
        doc.pageCount()  # lays out the whole document again
        if _keep_headings_with_next(doc, page_height):
            continue
        if _keep_table_rows_together(doc, page_height):
            continue
        breaks = _breaks_inside_blocks(doc, page_height)
        if not breaks:
            return
        edit = QTextCursor(doc)
        edit.beginEditBlock()  # one relayout for all the splits, not one per split
        try:
            for block, position in reversed(breaks):  # from the end: positions stay valid
                _split_block(block, position)
        finally:
            edit.endEditBlock()


def _keep_headings_with_next(doc: QTextDocument, page_height: float) -> bool:
    """Start a new page before each run of headings stranded at the bottom of a page.

    Returns whether anything moved (then the document needs laying out again). All moves
    found in one pass are made together; a later one may then push a little early, which
    costs some blank space but never a stranded heading.
    """
    moved = False
    group: QTextBlock | None = None
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            if group is None:
                group = block
        elif group is not None:
            first_page = _page_of(_line_top(doc, group, 0), page_height)
            if _page_of(_line_top(doc, block, 0), page_height) > first_page and not (
                _starts_page(doc, group, page_height)
            ):
                policy = group.blockFormat()
                policy.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(group).setBlockFormat(policy)
                moved = True
            group = None
        block = block.next()
    return moved


def _keep_table_rows_together(doc: QTextDocument, page_height: float) -> bool:
    """Start a new page before a one-row table that a page break would cut in two.

    Qt breaks a table row line by line, so an agenda row could leave its time and the first
    line of its title on one page and the rest on the next. Qt moves only whole tables (a
    page break inside one cell moves that cell alone), so a layout that must keep its rows
    whole draws each row as its own table. A tall one (a whole notes box) may still break:
    moving it would leave most of a page empty. Returns whether anything moved.
    """
    rows: dict[tuple[int, int], tuple[float, float, QTextTable]] = {}
    block = doc.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is not None:
            key = (table.firstPosition(), table.cellAt(block.position()).row())
            line_top, line_bottom = _text_extent(doc, block)  # lines, not margins
            top, bottom, _ = rows.get(key, (line_top, line_bottom, table))
            rows[key] = (min(top, line_top), max(bottom, line_bottom), table)
        block = block.next()
    for top, bottom, table in rows.values():  # in document order
        if bottom - top >= page_height * MAX_UNBROKEN_ROW_SHARE:
            continue
        if _page_of(top, page_height) == _page_of(bottom - 1, page_height):
            continue
        if table.rows() != 1:
            continue  # Qt can move only a whole table to a new page, not one of its rows
        frame = table.format()
        frame.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        table.setFormat(frame)
        return True  # one at a time: moving it moves everything after it
    return False


def _text_extent(doc: QTextDocument, block: QTextBlock) -> tuple[float, float]:
    """Where a block's first line starts and its last line ends, in document coordinates."""
    rect = doc.documentLayout().blockBoundingRect(block)
    lines = block.layout()
    if lines is None or lines.lineCount() == 0:
        return rect.top(), rect.bottom()
    last = lines.lineAt(lines.lineCount() - 1)
    return rect.top() + lines.lineAt(0).y(), rect.top() + last.y() + last.height()


def _line_top(doc: QTextDocument, block: QTextBlock, index: int) -> float:
    """Where a block's line starts, in document coordinates (its own top if it has none)."""
    top = doc.documentLayout().blockBoundingRect(block).top()
    lines = block.layout()
    if lines is None or lines.lineCount() == 0:
        return top
    return top + lines.lineAt(min(index, lines.lineCount() - 1)).y()


def _starts_page(doc: QTextDocument, block: QTextBlock, page_height: float) -> bool:
    """True when nothing comes before the block on its page: a page break would only add one."""
    policy = block.blockFormat().pageBreakPolicy()
    if policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
        return True
    previous = block.previous()
    if not previous.isValid():
        return True
    page = _page_of(_line_top(doc, block, 0), page_height)
    return _page_of(_line_top(doc, previous, 1 << 30), page_height) < page


def _split_block(block: QTextBlock, position: int) -> None:
    cursor = QTextCursor(block)
    cursor.setPosition(position)
    before = block.blockFormat()
    after = QTextBlockFormat(before)
    after.setTopMargin(0)
    after.setTextIndent(0)
    before.setBottomMargin(0)
    cursor.setBlockFormat(before)
    cursor.insertBlock(after)
    text_list = cursor.block().textList()
    if text_list is not None:  # a continued list item, not a new bullet
        text_list.remove(cursor.block())
        continued = cursor.blockFormat()
        continued.setObjectIndex(-1)
        continued.setIndent(text_list.format().indent())  # the item's text column
        cursor.setBlockFormat(continued)


def _page_of(y: float, page_height: float) -> int:
    """The page a line starting at `y` is on; half a pixel absorbs Qt's 1/64 px rounding."""
    return int((y + 0.5) // page_height)


def _breaks_inside_blocks(doc: QTextDocument, page_height: float) -> list[tuple[QTextBlock, int]]:
    """Each paragraph whose lines lie on two pages, and where the later page starts."""
    found: list[tuple[QTextBlock, int]] = []
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        lines = block.layout()
        if lines is not None and lines.lineCount() > 1:
            origin = layout.blockBoundingRect(block).top()  # the layout's place on the page
            previous = _page_of(origin + lines.lineAt(0).y(), page_height)
            for index in range(1, lines.lineCount()):
                line = lines.lineAt(index)
                page = _page_of(origin + line.y(), page_height)
                if page != previous:
                    found.append((block, block.position() + line.textStart()))
                previous = page
        block = block.next()
    return found


def page_count(document: QTextDocument, paper: Paper) -> int:
    """How many pages the document prints on, without printing it (for a status line)."""
    device = _layout_device()
    doc = _laid_out(document, device, _body_size(page_layout(paper), LAYOUT_DPI))
    try:
        return max(1, doc.pageCount())
    finally:
        shiboken6.delete(doc)  # before `device`, which its layout points at


class Pages:
    """One painter on one paged device, shared by every part of a print job.

    A print pack puts several sheets (run sheet, agenda, routine sheets, sign-in sheet) in one
    PDF: each part calls `start_page` for every page it draws, optionally with its own page
    layout (a landscape strip among portrait pages), and draws with `painter`. The first call
    uses the page the device already has; later calls turn to a new page.
    """

    def __init__(self, device: QPagedPaintDevice, painter: QPainter) -> None:
        self.device = device
        self.painter = painter
        self.pages_started = 0

    def start_page(self, layout: QPageLayout | None = None) -> None:
        if layout is not None and not self.device.pageLayout().isEquivalentTo(layout):
            self.device.setPageLayout(layout)
        if self.pages_started and not self.device.newPage():
            raise PrintError(_("Could not start a new page: the printer stopped."))
        self.pages_started += 1


@contextmanager
def open_pages(device: QPagedPaintDevice) -> Iterator[Pages]:
    """Begin a painter on the device for a whole job; it is always ended, even on errors."""
    painter = QPainter()
    if not painter.begin(device):
        raise PrintError(_("Could not start printing: the printer or file is not available."))
    try:
        yield Pages(device, painter)
    finally:
        painter.end()


def draw_document(
    pages: Pages,
    document: QTextDocument,
    title: str,
    *,
    page_numbers: bool = True,
    ink: Ink = Ink.COLOR,
    layout: QPageLayout | None = None,
) -> int:
    """Draw a document onto a job's pages, a footer on each; returns its page count.

    The layout uses the page size at a fixed resolution, then the painter scales to the
    device. Qt's paged layout keeps a line of text whole: a line that would cross the page
    bottom moves to the next page, so nothing is cut.
    """
    device = pages.device
    page = layout or device.pageLayout()
    body = _body_size(page, LAYOUT_DPI)
    strip = page.paintRectPixels(LAYOUT_DPI).height() - body.height()
    scale = device.logicalDpiY() / LAYOUT_DPI
    measure = _layout_device()
    doc = _laid_out(document, measure, body)
    painter = pages.painter
    try:
        count = max(1, doc.pageCount())
        for index in range(count):
            pages.start_page(page)
            painter.save()
            try:
                painter.scale(scale, scale)
                _draw_page(painter, doc, index, body, ink.palette)
                label = _footer_text(index, count) if page_numbers or count > 1 else ""
                _draw_footer(painter, body, strip, title, label, ink.palette)
            finally:
                painter.restore()
        return count
    finally:
        shiboken6.delete(doc)  # before `measure`, which its layout points at


def _draw_page(
    painter: QPainter, doc: QTextDocument, index: int, body: QSizeF, palette: InkPalette
) -> None:
    top = index * body.height()
    page = QRectF(0, top, body.width(), body.height())
    context = QAbstractTextDocumentLayout.PaintContext()
    # Qt draws every line that touches the clip; a line that starts exactly at the page edge
    # belongs to the next page, so the clip is drawn in a hair, or that line would be drawn
    # twice (hidden by the painter's clip, yet still in the PDF's text).
    context.clip = page.adjusted(0, CLIP_INSET, 0, -CLIP_INSET)
    context.palette.setColor(QPalette.ColorRole.Text, QColor(palette.text))
    painter.save()
    try:
        painter.translate(0, -top)
        painter.setClipRect(page)
        doc.documentLayout().draw(painter, context)
    finally:
        painter.restore()


def _footer_text(index: int, pages: int) -> str:
    return _("page {page} of {pages}").format(page=index + 1, pages=pages)


def _draw_footer(
    painter: QPainter, body: QSizeF, strip: float, title: str, page_label: str, palette: InkPalette
) -> None:
    """A hairline, the sheet's title on the left and 'page N of M' on the right."""
    width = body.width()
    top = body.height() + strip * 0.35
    painter.save()
    try:
        pen = QPen(QColor(palette.rule))
        pen.setWidthF(LAYOUT_DPI / 300)
        painter.setPen(pen)
        painter.drawLine(QPointF(0, top), QPointF(width, top))
        font = print_font(FOOTER_POINT_SIZE)
        # In layout pixels, so the painter's scale (not the device's resolution) sizes it.
        font.setPixelSize(round(FOOTER_POINT_SIZE * LAYOUT_DPI / 72))
        painter.setFont(font)
        painter.setPen(QColor(palette.muted))
        metrics = QFontMetricsF(font)
        text_rect = QRectF(0, top, width, body.height() + strip - top)
        label_width = metrics.horizontalAdvance(page_label) if page_label else 0.0
        gap = metrics.horizontalAdvance("    ")
        elided = metrics.elidedText(title, Qt.TextElideMode.ElideRight, width - label_width - gap)
        align = Qt.AlignmentFlag.AlignBottom
        painter.drawText(text_rect, int(align | Qt.AlignmentFlag.AlignLeft), elided)
        if page_label:
            painter.drawText(text_rect, int(align | Qt.AlignmentFlag.AlignRight), page_label)
    finally:
        painter.restore()


def write_pdf(
    out_path: str | os.PathLike[str], render: RenderFn, *, paper: Paper, title: str
) -> Path:
    """Write a PDF atomically: a failure leaves no half-written file and keeps an old one.

    The PDF goes to a hidden temporary file in the same folder, then replaces the target in
    one step (`os.replace`), so a reader never sees a partial file. Its text is made to read
    back as typed (`pdf_text`) before it is moved into place.
    """
    out = Path(out_path).expanduser().absolute()
    if out.is_dir():
        raise PrintError(
            _("Could not write {out}: that is a folder; give a file name.").format(out=out)
        )
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    except OSError as exc:
        raise PrintError(_write_failure(out, exc)) from exc
    os.close(handle)
    temp = Path(temp_name)
    try:
        writer = QPdfWriter(str(temp))
        writer.setResolution(PDF_DPI)
        writer.setPageLayout(page_layout(paper))
        writer.setTitle(title)
        writer.setCreator(f"Attune Desktop {__version__}")
        render(writer)
        del writer  # closes the file before it is moved into place
        if temp.stat().st_size == 0:
            raise PrintError(_("Could not write {out}: the PDF came out empty.").format(out=out))
        with suppress(PyPdfError):  # Qt's own text is still there if the map can't be read
            make_text_searchable(temp)
        temp.chmod(out.stat().st_mode & 0o777 if out.exists() else 0o644)
        os.replace(temp, out)
    except OSError as exc:
        raise PrintError(_write_failure(out, exc)) from exc
    finally:
        with suppress(OSError):
            temp.unlink(missing_ok=True)
    return out


def _write_failure(out: Path, exc: OSError) -> str:
    """A sentence a facilitator can act on, rather than an errno."""
    if isinstance(exc, PermissionError):
        return _("Could not write {out}: permission denied. Choose another folder.").format(out=out)
    if isinstance(exc, FileNotFoundError) and not out.parent.exists():
        return _("Could not write {out}: the folder {parent} does not exist.").format(
            out=out, parent=out.parent
        )
    if isinstance(exc, FileNotFoundError):  # e.g. a system folder that takes no new files
        return _("Could not write {out}: the folder {parent} cannot be written to.").format(
            out=out, parent=out.parent
        )
    if isinstance(exc, NotADirectoryError):
        return _("Could not write {out}: {parent} is not a folder.").format(
            out=out, parent=out.parent
        )
    if isinstance(exc, IsADirectoryError):
        return _("Could not write {out}: that is a folder; give a file name.").format(out=out)
    reason = exc.strerror or str(exc)
    return _("Could not write {out}: {reason_start}{reason_rest}.").format(
        out=out, reason_start=reason[:1].lower(), reason_rest=reason[1:]
    )


def print_preview(
    parent: QWidget | None, render: RenderFn, *, paper: Paper = Paper.A4, title: str = ""
) -> QPrintPreviewDialog:
    """Open a print preview that draws with `render`; non-blocking, so tests never hang.

    The preview re-renders when the user changes the paper, so `render` must read the page
    layout from the device it is given (as `jobs.PrintJob.render` does).
    """
    dialog = QPrintPreviewDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if title:
        dialog.setWindowTitle(_("Print preview: {title}").format(title=title))
    _prepare_printer(dialog.printer(), paper, title)
    dialog.paintRequested.connect(render)
    dialog.open()
    return dialog


def print_direct(
    parent: QWidget | None,
    render: RenderFn,
    *,
    paper: Paper = Paper.A4,
    title: str = "",
    ink: Ink = Ink.COLOR,
) -> QPrintDialog:
    """Ask for a printer (non-blocking), then draw with the same `render` the preview uses.

    The printer gets the app's paper and ink before the dialog is made: Qt's dialog reads its
    page settings when it is built and writes them back on OK, so a printer set up afterwards
    would print on the dialog's default paper instead of the one chosen in the app.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _prepare_printer(printer, paper, title)
    if ink is Ink.LOW:
        printer.setColorMode(QPrinter.ColorMode.GrayScale)
    dialog = QPrintDialog(printer, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def _on_accepted() -> None:  # the closure keeps the printer alive as long as the dialog
        keep_apps_paper(printer, paper)
        render(printer)

    dialog.accepted.connect(_on_accepted)
    QDialog.open(dialog)  # QPrintDialog's own open(receiver, member) hides the plain one
    return dialog


def keep_apps_paper(printer: QPrinter, paper: Paper) -> None:
    """Undo the dialog putting a CUPS printer's default paper over the app's.

    With a CUPS printer, Qt's dialog shows the printer's default paper (from its PPD) and
    writes it back on OK, whatever the printer was set to. A paper equal to that default,
    when the app chose another, is taken as that silent replacement; a paper the person
    picked in the dialog that is not the printer's default is kept.
    """
    chosen = printer.pageLayout().pageSize()
    default = QPrinterInfo(printer).defaultPageSize()
    if not chosen.isEquivalentTo(paper.page_size) and chosen.isEquivalentTo(default):
        layout = printer.pageLayout()
        layout.setPageSize(paper.page_size)
        printer.setPageLayout(layout)


def _prepare_printer(printer: QPrinter, paper: Paper, title: str) -> None:
    printer.setPageLayout(page_layout(paper))
    printer.setDocName(title or _("Attune Desktop"))
    printer.setCreator("Attune Desktop")
