"""Command-line sub-commands for series: calendar and bundle export, import, print, report.

Kept beside `cli.py` so the parser there only gains one call and two table entries. Every
handler opens the home without loading starter content, does one thing, says what it wrote,
and lets `AttuneError`s become one clear line with exit code 2 (see `cli.main`).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from attune_desktop.core.config import resolve_home
from attune_desktop.core.errors import AttuneError

Handler = Callable[[argparse.Namespace], int]
Subparsers = Any  # argparse's _SubParsersAction is private


def add_series_commands(commands: Subparsers, sheets: Subparsers) -> None:
    """Add `export`, `import`, `report` and the `print series-plan` / `print pack` sheets.

    The parsers made here take `--home` from their class (`cli.CommandParser`).
    """
    for name, helptext in (
        ("series-plan", "a series plan for families (dates, times, themes; large type)"),
        ("series", "the same as series-plan"),
    ):
        plan = sheets.add_parser(name, help=helptext)
        plan.add_argument("--series", type=int, required=True, metavar="ID", help="series id")
        _paper_and_out(plan)
    pack = sheets.add_parser("pack", help="one session's run sheet, agenda and sign-in sheet")
    pack.add_argument("--session", type=int, required=True, metavar="ID", help="session id")
    pack.add_argument(
        "--with-routines",
        action="store_true",
        help="add the routine sheets of every family in the session's circle",
    )
    _paper_and_out(pack)

    export = commands.add_parser("export", help="export a series")
    kinds = export.add_subparsers(dest="export_kind", metavar="KIND", required=True)
    ics = kinds.add_parser("ics", help="the series as a calendar (.ics)")
    ics.add_argument("--series", type=int, required=True, metavar="ID")
    ics.add_argument("--out", required=True, metavar="FILE.ics")
    shared = kinds.add_parser("bundle", help="the series as a shareable template bundle (.json)")
    shared.add_argument("--series", type=int, required=True, metavar="ID")
    shared.add_argument("--out", required=True, metavar="FILE.json")
    shared.add_argument(
        "--with-scripts",
        action="store_true",
        help="include the segments' facilitator notes and scripts (left out by default)",
    )

    importing = commands.add_parser(
        "import", help="import a template bundle: import [bundle] FILE.json"
    )
    importing.add_argument("parts", nargs="+", metavar="FILE.json")

    report = commands.add_parser(
        "report", help="a series report as PDF or CSV (by the file's ending)"
    )
    report.add_argument("--series", type=int, required=True, metavar="ID")
    report.add_argument("--out", required=True, metavar="FILE.pdf|FILE.csv")
    report.add_argument("--paper", choices=["a4", "letter"], default="a4")
    report.add_argument("--ink", choices=["color", "low"], default="color", help="PDF only")


def _paper_and_out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="PDF file to write")
    parser.add_argument("--paper", choices=["a4", "letter"], default="a4")
    parser.add_argument("--ink", choices=["color", "low"], default="color")


def _core(args: argparse.Namespace) -> Any:
    from attune_desktop.app import open_core

    return open_core(resolve_home(args.home), load_starter_on_first_run=False)


def _print_series_plan(args: argparse.Namespace) -> int:
    from attune_desktop.printing.series_plan import export_series_plan_pdf

    core = _core(args)
    try:
        out = export_series_plan_pdf(core.series, args.series, args.out, args.paper, ink=args.ink)
    finally:
        core.close()
    print(f"Saved {out}")
    return 0


def _print_pack(args: argparse.Namespace) -> int:
    from attune_desktop.printing.print_pack import export_print_pack_pdf
    from attune_desktop.printing.routine_sheets import SheetOptions, pack_routine_parts

    core = _core(args)
    try:
        extra = (
            pack_routine_parts(
                core.sessions,
                core.families,
                core.paths.photos,
                args.session,
                SheetOptions.parse(ink=args.ink),
            )
            if args.with_routines
            else []
        )
        out = export_print_pack_pdf(
            core.sessions, args.session, args.out, args.paper, ink=args.ink, extra_parts=extra
        )
    finally:
        core.close()
    print(f"Saved {out}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    core = _core(args)
    try:
        if args.export_kind == "ics":
            out = core.series.export_ics(args.series, args.out)
        else:
            out = core.series.export_bundle(args.series, args.out, include_notes=args.with_scripts)
    finally:
        core.close()
    print(f"Saved {out}")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    parts = list(args.parts)
    if len(parts) == 2 and parts[0] == "bundle":
        parts = parts[1:]
    if len(parts) != 1:
        raise AttuneError("Give one bundle file: attune-desktop import FILE.json")
    core = _core(args)
    try:
        result = core.series.import_bundle(parts[0])
    finally:
        core.close()
    print(result.message)
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from attune_desktop.core.bundle import atomic_write
    from attune_desktop.core.report import build_report, report_csv

    suffix = Path(args.out).suffix.lower()
    if suffix not in (".pdf", ".csv"):
        raise AttuneError(f"Choose a file ending in .pdf or .csv for the report, not “{args.out}”.")
    core = _core(args)
    try:
        report = build_report(core.series, core.sessions, core.checkins, args.series)
    finally:
        core.close()
    if suffix == ".csv":
        out = atomic_write(args.out, report_csv(report).encode("utf-8"))
    else:
        from attune_desktop.printing.pages import ensure_application
        from attune_desktop.printing.series_report import export_report_pdf

        app = ensure_application()
        try:
            out = export_report_pdf(report, args.out, args.paper, ink=args.ink)
        finally:
            del app
    print(f"Saved {out}")
    return 0


PRINT_HANDLERS: dict[str, Handler] = {
    "series-plan": _print_series_plan,
    "series": _print_series_plan,
    "pack": _print_pack,
}
HANDLERS: dict[str | None, Handler] = {
    "export": _cmd_export,
    "import": _cmd_import,
    "report": _cmd_report,
}
