"""`attune-desktop print SHEET ...`: one sub-command per registered sheet, made from the table.

Each sheet in `printing.catalogue.SHEETS` becomes `print NAME` (and its aliases) with its
fields as options, plus `--out`, `--paper` and `--ink`. One handler prints any of them, so a
new sheet needs nothing here. Qt is loaded only when a sheet is actually printed.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from attune_desktop.core.config import resolve_home
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.printing.catalogue import PAPERS, SHEETS, Field, SheetRequest, SheetSpec, find

Subparsers = Any  # argparse's _SubParsersAction is private


def add_print_commands(commands: Subparsers, parents: Sequence[argparse.ArgumentParser]) -> None:
    """Add `print` and, under it, one parser per registered sheet and alias."""
    printing = commands.add_parser(
        "print", parents=list(parents), help=_("save a printed sheet as a PDF")
    )
    sheets = printing.add_subparsers(dest="sheet", metavar="SHEET", required=True)
    for spec in SHEETS:
        for name in (spec.name, *spec.aliases):
            helptext = (
                spec.help if name == spec.name else _("the same as {name}").format(name=spec.name)
            )
            _add_sheet(sheets.add_parser(name, parents=list(parents), help=helptext), spec)


def _add_sheet(parser: argparse.ArgumentParser, spec: SheetSpec) -> None:
    groups: dict[str, argparse._MutuallyExclusiveGroup] = {}
    for item in spec.fields:
        if item.one_of:
            group = groups.get(item.one_of)
            if group is None:
                group = groups[item.one_of] = parser.add_mutually_exclusive_group(required=True)
            _add_field(group, item)
        else:
            _add_field(parser, item)
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help=_("PDF file to write"))
    parser.add_argument("--paper", choices=list(PAPERS), default=PAPERS[0])
    parser.add_argument("--ink", choices=list(spec.inks), default=spec.inks[0])


def _add_field(parser: argparse.ArgumentParser | argparse._ActionsContainer, item: Field) -> None:
    named = "--" + item.name.replace("_", "-")
    flag = f"--{item.flag}" if item.flag else named
    if item.kind == "flag":
        parser.add_argument(flag, dest=item.name, action="store_true", help=item.help)
        return
    options: dict[str, Any] = {"dest": item.name, "help": item.help, "default": item.default}
    if item.metavar:
        options["metavar"] = item.metavar
    if item.required:
        options["required"] = True
    if item.kind == "int":
        options["type"] = int
    elif item.kind == "choice":
        options["choices"] = list(item.choices)
    if flag == named:
        parser.add_argument(flag, **options)
        return
    # The older spelling still works, so scripts keep running, but help shows only `flag`: both
    # fill one value, so neither is argparse-required (`_missing` says what is left out).
    parser.add_argument(flag, **{**options, "required": False})
    parser.add_argument(named, **{**options, "required": False, "help": argparse.SUPPRESS})


def _missing(spec: SheetSpec, args: argparse.Namespace) -> None:
    """Refuse, naming the flag, a required field given under neither of its spellings."""
    for item in spec.fields:
        if item.required and getattr(args, item.name, None) in (None, ""):
            flag = "--" + (item.flag or item.name.replace("_", "-"))
            raise AttuneError(
                _("print {name} needs {flag} {metavar}: {help}.").format(
                    name=spec.name, flag=flag, metavar=item.metavar or "VALUE", help=item.help
                )
            )


def run_print(args: argparse.Namespace) -> int:
    """Print the chosen sheet to `--out`; says where it went."""
    from attune_desktop.runtime import require_qt

    _missing(find(args.sheet), args)  # before Qt: a forgotten date is said at once
    require_qt(_("Printing"))  # before anything that imports Qt: a clear refusal, never a crash
    from attune_desktop.core.container import open_core
    from attune_desktop.printing.jobs import build, export_pdf
    from attune_desktop.runtime import ensure_application

    spec = find(args.sheet)
    request = SheetRequest(
        paper=args.paper,
        ink=args.ink,
        values={item.name: getattr(args, item.name, None) for item in spec.fields},
    )
    app = ensure_application()  # fonts and PDF writing need one; kept alive until done
    try:
        home = resolve_home(getattr(args, "home", None))
        url = getattr(args, "database_url", None)
        core = open_core(home, load_starter_on_first_run=False, database_url=url)
        try:
            out = export_pdf(build(core, spec.name, request), args.out)
        finally:
            core.close()
    finally:
        del app
    print(_("Saved {out}").format(out=out))
    return 0
