"""One way to print: every registered sheet makes a PDF, and the command line offers each one."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from pypdf import PdfReader

from attune_desktop import cli
from attune_desktop.core.container import Core
from attune_desktop.printing.catalogue import SHEETS, SheetSpec, find
from attune_desktop.printing.jobs import make_pdf

A4 = (595, 842)


@pytest.mark.parametrize("spec", SHEETS, ids=[spec.name for spec in SHEETS])
def test_every_registered_sheet_exports_a_pdf(core: Core, tmp_path: Path, spec: SheetSpec) -> None:
    # GIVEN the demo home WHEN the sheet is made through the registry
    needed = {f.name for f in spec.fields if f.required}
    series = core.series.list_series()[0]
    session = core.series.sessions_of(series.id or 0)[0]
    values: dict[str, object] = {}
    if "session" in needed:
        values["session"] = session.id
    if "series" in needed or any(f.one_of for f in spec.fields):
        values["series"] = series.id
    if "from_date" in needed:
        values["from_date"], values["to_date"] = "2000-01-01", "2099-12-31"
    out = make_pdf(core, spec.name, tmp_path / f"{spec.name}.pdf", **values)
    # THEN it is a PDF of true-size A4 pages (a strip may turn them, never resize them)
    pages = PdfReader(out).pages
    assert len(pages) >= 1
    for page in pages:
        size = sorted((round(float(page.mediabox.width)), round(float(page.mediabox.height))))
        assert tuple(size) == A4


def test_each_sheet_is_a_print_sub_command_with_its_fields() -> None:
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    printing = commands.choices["print"]
    sheets = next(a for a in printing._actions if isinstance(a, argparse._SubParsersAction))
    for spec in SHEETS:
        for name in (spec.name, *spec.aliases):
            assert name in sheets.choices, name
            options = {o for a in sheets.choices[name]._actions for o in a.option_strings}
            assert {"--out", "--paper", "--ink"} <= options
            for item in spec.fields:  # its own word, and the field's name (older scripts)
                assert "--" + item.name.replace("_", "-") in options
                assert "--" + (item.flag or item.name.replace("_", "-")) in options


def test_the_old_command_line_names_still_work() -> None:
    parser = cli.build_parser()
    for argv in (
        ["print", "agenda", "--session", "1", "--out", "a.pdf", "--audience", "participants"],
        ["print", "series-plan", "--series", "1", "--out", "p.pdf", "--paper", "letter"],
        ["print", "series", "--series", "1", "--out", "p.pdf", "--ink", "low"],
        ["print", "pack", "--session", "1", "--with-routines", "--out", "k.pdf"],
        ["print", "routines", "--family", "Team Sunflower", "--out", "r.pdf", "--ink", "low-ink"],
        [
            "print",
            "routines",
            "--series",
            "2",
            "--layout",
            "cards",
            "--cards-per-page",
            "4",
            "--icons-only",
            "--tracker",
            "--lang",
            "ar",
            "--out",
            "r.pdf",
        ],
    ):
        args = parser.parse_args(argv)
        assert args.command == "print" and find(args.sheet).name in {s.name for s in SHEETS}


def test_an_unknown_sheet_is_a_sentence() -> None:
    from attune_desktop.core.errors import AttuneError

    with pytest.raises(AttuneError, match="no sheet called"):
        find("poster-of-everything")
