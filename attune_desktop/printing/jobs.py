"""One way to put any sheet on paper: a `PrintJob` of parts, and its three outlets.

A sheet's builder (registered in `catalogue.SHEETS`) reads its data and returns a job: a title,
the paper, and parts that each draw onto the one open job (`pages.Pages`). The same job then
goes to a PDF (`export_pdf`), a print preview (`preview`) or a printer (`print_with_dialog`),
so what the preview shows is what lands on paper; several sheets printed as one document (a
print pack, a whole circle's routine sheets) are just their parts in one job.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from attune_desktop.printing.catalogue import SheetRequest, find
from attune_desktop.printing.pages import (
    Ink,
    Pages,
    Paper,
    draw_document,
    open_pages,
    print_direct,
    print_preview,
    write_pdf,
)

if TYPE_CHECKING:
    from attune_desktop.core.container import Core

Builder = Callable[["Core", SheetRequest], "PrintJob"]  # not-ui-text
Draw = Callable[[Pages, QPageLayout], None]  # draws its pages; the job's own page layout given


@dataclass(frozen=True)
class Part:
    """Some pages of a job. `opening` turns the job's first page (a landscape strip) before
    painting starts, when this part comes first."""

    draw: Draw
    opening: Callable[[QPageSize], QPageLayout] | None = None


def document_part(
    document: QTextDocument, title: str, ink: Ink, *, page_numbers: bool = True
) -> Part:
    """A text sheet (run sheet, agenda, plan...) as a part: the document, a footer on each page."""

    def draw(pages: Pages, layout: QPageLayout) -> None:
        draw_document(pages, document, title, page_numbers=page_numbers, ink=ink, layout=layout)

    return Part(draw)


@dataclass(frozen=True)
class PrintJob:
    """A sheet read and ready to draw, on any device, as often as a preview asks."""

    title: str
    paper: Paper
    ink: Ink
    parts: tuple[Part, ...]

    def render(self, device: QPagedPaintDevice) -> None:
        """Draw every part in one job; text parts use the page the device was given."""
        layout = device.pageLayout()
        if self.parts and self.parts[0].opening is not None:
            device.setPageLayout(self.parts[0].opening(layout.pageSize()))
        try:
            with open_pages(device) as pages:
                for part in self.parts:
                    part.draw(pages, layout)
        finally:
            device.setPageLayout(layout)  # a preview redraws from the page it started on

    def then(self, *others: PrintJob, title: str | None = None) -> PrintJob:
        """This job followed by others, as one document (one preview, one PDF, one print)."""
        parts = self.parts + tuple(part for job in others for part in job.parts)
        return PrintJob(title or self.title, self.paper, self.ink, parts)


def combine(jobs: Sequence[PrintJob], title: str) -> PrintJob:
    first, *rest = jobs
    return first.then(*rest, title=title)


def paper_of(request: SheetRequest) -> Paper:
    return Paper.from_name(request.paper)


def ink_of(request: SheetRequest) -> Ink:
    return Ink.from_name(request.ink)


def build(core: Core, sheet: str, request: SheetRequest) -> PrintJob:
    """The registered sheet's job for this request: its builder is imported now, and reads
    the data now (a missing session fails here, before any dialog or file)."""
    module, _, function = find(sheet).builder.partition(":")
    make: Builder = getattr(importlib.import_module(module), function)
    return make(core, request)


def export_pdf(job: PrintJob, out_path: str | os.PathLike[str]) -> Path:
    """Save the job as a PDF at true size, atomically; returns the path written."""
    return write_pdf(out_path, job.render, paper=job.paper, title=job.title)


def preview(parent: QWidget | None, job: PrintJob) -> QPrintPreviewDialog:
    """Open a print preview of the job (non-blocking); it prints from there too."""
    return print_preview(parent, job.render, paper=job.paper, title=job.title)


def print_with_dialog(parent: QWidget | None, job: PrintJob) -> QPrintDialog:
    """Choose a printer (the dialog starts on the job's paper and ink), then print."""
    return print_direct(parent, job.render, paper=job.paper, title=job.title, ink=job.ink)


def make_pdf(
    core: Core,
    sheet: str,
    out_path: str | os.PathLike[str],
    *,
    paper: str | Paper = "a4",
    ink: str | Ink = "color",
    **values: object,
) -> Path:
    """Build a registered sheet and save it as a PDF: the command line's and tests' one call."""
    request = SheetRequest(paper=_name(paper), ink=_name(ink), values=values)
    return export_pdf(build(core, sheet, request), out_path)


def _name(choice: str | Paper | Ink) -> str:
    return choice.value if isinstance(choice, Paper | Ink) else str(choice)
