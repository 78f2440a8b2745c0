"""Helpers shared by the printing tests and the screens' tests that print: make, then read."""

from __future__ import annotations

import subprocess
from pathlib import Path

from attune_desktop.core.container import Core
from attune_desktop.printing.jobs import make_pdf
from attune_desktop.printing.pages import Ink, Paper


def export_agenda_pdf(
    core: Core,
    session_id: int,
    out: Path,
    paper: str | Paper = "a4",
    audience: str = "facilitator",
    *,
    ink: str | Ink = "color",
) -> Path:
    """The registered "agenda" sheet as a PDF, as the command line and the screens make it."""
    return make_pdf(
        core, "agenda", out, paper=paper, ink=ink, session=session_id, audience=audience
    )


def pdf_text(path: Path) -> str:
    """Text in reading order, whitespace folded, so wrapped lines compare as one string."""
    raw = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(raw.split())
