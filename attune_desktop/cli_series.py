"""Command-line sub-commands for series: calendar and bundle export, import, print, report.

Kept beside `cli.py` so the parser there only gains one call and two table entries. Every
handler opens the home without loading starter content, does one thing, says what it wrote,
and lets `AttuneError`s become one clear line with exit code 2 (see `cli.main`).
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from attune_desktop.core.config import resolve_home
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _

Handler = Callable[[argparse.Namespace], int]
Subparsers = Any  # argparse's _SubParsersAction is private


def add_series_commands(commands: Subparsers) -> None:
    """Add `export`, `import` and `report` (the series' sheets print through `print`).

    The parsers made here take `--home` from their class (`cli.CommandParser`).
    """
    export = commands.add_parser("export", help=_("export a series"))
    kinds = export.add_subparsers(dest="export_kind", metavar="KIND", required=True)
    ics = kinds.add_parser("ics", help=_("the series as a calendar (.ics)"))
    ics.add_argument("--series", type=int, required=True, metavar="ID")
    ics.add_argument("--out", required=True, metavar="FILE.ics")
    shared = kinds.add_parser("bundle", help=_("the series as a shareable template bundle (.json)"))
    shared.add_argument("--series", type=int, required=True, metavar="ID")
    shared.add_argument("--out", required=True, metavar="FILE.json")
    shared.add_argument(
        "--with-scripts",
        action="store_true",
        help=_("include the segments' facilitator notes and scripts (left out by default)"),
    )

    importing = commands.add_parser(
        "import", help=_("import a template bundle: import [bundle] FILE.json")
    )
    importing.add_argument("parts", nargs="+", metavar="FILE.json")

    report = commands.add_parser(
        "report",
        help=_(
            "a series report, or with --organisation every circle in a date range, "
            "as PDF or CSV (by the file's ending)"
        ),
    )
    which = report.add_mutually_exclusive_group(required=True)
    which.add_argument("--series", type=int, metavar="ID")
    which.add_argument(
        "--organisation", "--organization", action="store_true", help=_("every circle in a range")
    )
    report.add_argument(
        "--from", dest="from_date", metavar="DATE", help=_("first day (organisation)")
    )
    report.add_argument("--to", dest="to_date", metavar="DATE", help=_("last day (organisation)"))
    for spelling in ("from", "to"):  # `print org-report`'s older words, still taken, unshown
        report.add_argument(f"--{spelling}-date", dest=f"{spelling}_date", help=argparse.SUPPRESS)
    for label in ("site", "facilitator", "curriculum"):
        report.add_argument(
            f"--{label}", action="append", metavar=label.upper(), help=_("only these (repeatable)")
        )
    out = report.add_mutually_exclusive_group(required=True)
    out.add_argument("--out", metavar="FILE.pdf|FILE.csv")
    out.add_argument("--pdf", metavar="FILE.pdf", help=_("the same as --out FILE.pdf"))
    out.add_argument("--csv", metavar="FILE.csv", help=_("the same as --out FILE.csv"))
    report.add_argument("--paper", choices=["a4", "letter"], default="a4")
    report.add_argument("--ink", choices=["color", "low"], default="color", help=_("PDF only"))


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
    print(_("Saved {out}").format(out=out))
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    parts = list(args.parts)
    if len(parts) == 2 and parts[0] == "bundle":
        parts = parts[1:]
    if len(parts) != 1:
        raise AttuneError(_("Give one bundle file: attune-desktop import FILE.json"))
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

    suffix = _report_out(args)
    if suffix == ".pdf":  # the registered sheet, as `print report` / `print org-report` make it
        from attune_desktop.cli_print import run_print

        args.sheet = "org-report" if args.organisation else "report"
        args.home = getattr(args, "home", None)
        return run_print(args)
    core = _core(args)
    try:
        if args.organisation:
            from attune_desktop.core.org_report import build_org_report, org_report_csv

            chosen = _org_filter(args)
            text = org_report_csv(build_org_report(core.db, core.checkins, chosen))
        else:
            text = report_csv(build_report(core.series, core.sessions, core.checkins, args.series))
    finally:
        core.close()
    out = atomic_write(args.out, text.encode("utf-8"))
    print(_("Saved {out}").format(out=out))
    return 0


def _report_out(args: argparse.Namespace) -> str:
    """Settle `--out` (or `--pdf`/`--csv`) and check the organisation's dates; the suffix."""
    args.out = args.out or args.pdf or args.csv
    suffix = Path(args.out).suffix.lower()
    if suffix not in (".pdf", ".csv") or (args.pdf and suffix != ".pdf"):
        raise AttuneError(
            _("Choose a file ending in .pdf or .csv for the report, not “{out}”.").format(
                out=args.out
            )
        )
    if args.csv and suffix != ".csv":
        raise AttuneError(
            _("Choose a file ending in .csv for --csv, not “{out}”.").format(out=args.out)
        )
    if args.organisation:
        _org_filter(args)  # a bad date is refused before any file or Qt
    return suffix


def _org_filter(args: argparse.Namespace) -> Any:
    from attune_desktop.core.org_report import OrgFilter

    days = []
    for flag, value in (("--from", args.from_date), ("--to", args.to_date)):
        if not value:
            raise AttuneError(
                _("The organisation report needs {flag} DATE (as 2026-01-31).").format(flag=flag)
            )
        try:
            days.append(dt.date.fromisoformat(value))
        except ValueError:
            raise AttuneError(
                _("{flag} must be a date like 2026-01-31, not “{value}”.").format(
                    flag=flag, value=value
                )
            ) from None
    return OrgFilter(
        days[0],
        days[1],
        sites=tuple(args.site or ()),
        facilitators=tuple(args.facilitator or ()),
        curricula=tuple(args.curriculum or ()),
    )


HANDLERS: dict[str | None, Handler] = {
    "export": _cmd_export,
    "import": _cmd_import,
    "report": _cmd_report,
}
