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


def add_series_commands(commands: Subparsers) -> None:
    """Add `export`, `import` and `report` (the series' sheets print through `print`).

    The parsers made here take `--home` from their class (`cli.CommandParser`).
    """
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


def _core(args: argparse.Namespace) -> Any:
    from attune_desktop.app import open_core

    return open_core(
        resolve_home(args.home),
        load_starter_on_first_run=False,
        database_url=getattr(args, "database_url", None),
    )


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
    if suffix == ".pdf":  # the registered "report" sheet, as `print report` makes it
        from attune_desktop.cli_print import run_print

        args.sheet, args.home = "report", getattr(args, "home", None)
        return run_print(args)
    core = _core(args)
    try:
        report = build_report(core.series, core.sessions, core.checkins, args.series)
    finally:
        core.close()
    out = atomic_write(args.out, report_csv(report).encode("utf-8"))
    print(f"Saved {out}")
    return 0


HANDLERS: dict[str | None, Handler] = {
    "export": _cmd_export,
    "import": _cmd_import,
    "report": _cmd_report,
}
