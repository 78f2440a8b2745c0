"""The command line: launches the GUI, or runs a headless command (demo, list, print, export).

One parser, one table of commands. Each command is a function taking the parsed arguments and
returning an exit code; later commands slot in by adding a sub-parser and a handler.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from attune_desktop import __version__, cli_series
from attune_desktop.core.config import resolve_home
from attune_desktop.core.errors import AttuneError

Handler = Callable[[argparse.Namespace], int]
EXIT_USER_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    home = argparse.ArgumentParser(add_help=False)
    home.add_argument(
        "--home",
        metavar="DIR",
        help="data folder to use (default: $ATTUNE_HOME or the user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="attune-desktop",
        description="Plan, run and print caregiver attunement circles, offline.",
        parents=[home],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    # Sub-parsers would reset an earlier --home to None; SUPPRESS keeps whichever was given.
    print_home = argparse.ArgumentParser(add_help=False)
    print_home.add_argument(
        "--home", metavar="DIR", default=argparse.SUPPRESS, help="data folder to use"
    )
    gui = commands.add_parser("gui", parents=[print_home], help="open the app window (the default)")
    gui.add_argument(
        "bundle",
        nargs="?",
        metavar="FILE.json",
        help="a template bundle to import once the window is open (if the app is already "
        "open on this home, that window comes forward and imports it)",
    )
    for where in (parser, gui):  # for smoke tests and benchmarks: quit after SECONDS
        where.add_argument(
            "--quit-after", type=float, default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )
    commands.add_parser(
        "demo", parents=[print_home], help="load the starter content (safe to run twice)"
    )
    listing = commands.add_parser("list", parents=[print_home], help="list what the home holds")
    listing.add_argument("what", choices=["series", "sessions", "practices", "families"])
    printing = commands.add_parser(
        "print", parents=[print_home], help="save a printed sheet as a PDF"
    )
    sheets = printing.add_subparsers(dest="sheet", metavar="SHEET", required=True)
    agenda = sheets.add_parser(
        "agenda", parents=[print_home], help="a session's run sheet or participant agenda"
    )
    agenda.add_argument("--session", type=int, required=True, metavar="ID", help="session id")
    agenda.add_argument("--out", required=True, metavar="FILE.pdf", help="PDF file to write")
    agenda.add_argument("--paper", choices=["a4", "letter"], default="a4")
    agenda.add_argument(
        "--audience",
        choices=["facilitator", "participants"],
        default="facilitator",
        help="facilitator: the run sheet with notes; participants: large type, no notes",
    )
    agenda.add_argument("--ink", choices=["color", "low"], default="color")
    cli_series.add_series_commands(commands, sheets, home, print_home)
    _add_routines_parser(sheets, print_home)
    _add_backup_parser(commands, print_home)
    entry = commands.add_parser(
        "desktop-entry",
        help="add the app to the Linux application menu, with its icon and the bundle file type",
    )
    entry.add_argument(
        "--prefix",
        metavar="DIR",
        default=str(Path.home() / ".local"),
        help="where to install (default: ~/.local, for this user only)",
    )
    entry.add_argument("--remove", action="store_true", help="take the entry away again")
    return parser


def _add_routines_parser(sheets: argparse._SubParsersAction, home: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    routines = sheets.add_parser(
        "routines", parents=[home], help="families' picture-first routine sheets"
    )
    which = routines.add_mutually_exclusive_group(required=True)
    which.add_argument("--family", metavar="ID|LABEL", help="one family, by id or label")
    which.add_argument("--series", type=int, metavar="ID", help="every family of a series")
    routines.add_argument("--out", required=True, metavar="FILE.pdf", help="PDF file to write")
    routines.add_argument(
        "--layout", choices=["poster", "strip", "cards", "tracker"], default="poster"
    )
    routines.add_argument("--paper", choices=["a4", "letter"], default="a4")
    routines.add_argument("--ink", choices=["color", "low", "low-ink"], default="color")
    routines.add_argument("--icons-only", action="store_true", help="pictures without words")
    routines.add_argument("--cards-per-page", type=int, default=6, metavar="N")
    routines.add_argument("--tracker", action="store_true", help="add a week tracker page")
    routines.add_argument("--lang", metavar="CODE", help="print the fixed words in this language")


def _add_backup_parser(commands: Any, home: argparse.ArgumentParser) -> None:
    backup = commands.add_parser(
        "backup", parents=[home], help="list, take, restore or export backups"
    )
    actions = backup.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", parents=[home], help="the backups and what each holds")
    actions.add_parser("now", parents=[home], help="take a backup into the backups folder")
    restore = actions.add_parser(
        "restore",
        parents=[home],
        help="replace the data with a backup (.sqlite3) or an export (.zip); "
        "a safety copy of the current data is kept first",
    )
    restore.add_argument("file", metavar="FILE")
    export = actions.add_parser(
        "export", parents=[home], help="export everything (database and photos) to one .zip"
    )
    export.add_argument("file", metavar="FILE.zip")


def _cmd_gui(args: argparse.Namespace) -> int:
    from attune_desktop.app import claim_home, has_display

    if not has_display():
        print(
            "attune-desktop: no screen found (DISPLAY is not set). Run it on a desktop, or "
            "under a virtual screen: xvfb-run attune-desktop",
            file=sys.stderr,
        )
        return EXIT_USER_ERROR
    home = resolve_home(args.home)
    files = [str(Path(args.bundle).expanduser().resolve())] if getattr(args, "bundle", None) else []
    instance = claim_home(home, files)
    if instance is None:
        print("attune-desktop: already open on this home; that window was brought forward.")
        return 0
    try:
        return _open_window(home, args, instance, files)
    finally:
        instance.release()


def _open_window(home: Path, args: argparse.Namespace, instance: Any, files: list[str]) -> int:
    from attune_desktop.app import open_core, run_gui

    try:
        core = open_core(home, daily_backup_now=False)  # taken once the window is shown
    except AttuneError as exc:  # shown in a window too: a desktop launch has no terminal
        from attune_desktop.core.config import AppPaths
        from attune_desktop.ui.startup_error import show_startup_error

        if not show_startup_error(str(exc), AppPaths(home)):
            raise
        core = open_core(home, daily_backup_now=False)  # a backup replaced the refused file
    try:
        quit_after = getattr(args, "quit_after", None)
        # argv[0] names the window for the window manager (X11's WM_CLASS), however started
        argv = ["attune-desktop"]
        return run_gui(core, argv, instance=instance, files=files, quit_after=quit_after)
    finally:
        core.close()


def _cmd_desktop_entry(args: argparse.Namespace) -> int:
    from attune_desktop import desktop_entry

    prefix = Path(args.prefix).expanduser()
    try:
        if args.remove:
            done = desktop_entry.uninstall(prefix)
            print(f"Removed {len(done)} files from {prefix}.")
        else:
            done = desktop_entry.install(prefix)
            print(f"Added Attune Desktop to the application menu ({len(done)} files in {prefix}).")
    except OSError as exc:
        raise AttuneError(f"Could not write under {prefix}: {exc.strerror or exc}.") from exc
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from attune_desktop.app import open_core
    from attune_desktop.core.starter import load_starter_content

    core = open_core(resolve_home(args.home), load_starter_on_first_run=False)
    try:
        report = load_starter_content(core.db)
        print(report.summary())
        print(f"Home: {core.paths.home}")
    finally:
        core.close()
    return 0


def _cmd_list(args: argparse.Namespace) -> int:
    from attune_desktop.app import open_core

    core = open_core(resolve_home(args.home), load_starter_on_first_run=False)
    try:
        rows: list[tuple[object, ...]]
        if args.what == "series":
            rows = [
                (s.id, s.first_date.isoformat(), f"{s.weeks} weeks", s.title)
                for s in core.series.list_series()
            ]
            rows += [
                (t.id, "template", f"{t.weeks} weeks", t.title) for t in core.series.templates()
            ]
        elif args.what == "sessions":
            rows = [
                (s.id, s.date.isoformat() if s.date else "-", s.status, s.title)
                for s in core.sessions.list_sessions(templates=None)
            ]
        elif args.what == "practices":
            rows = [
                (p.id, p.kind, f"{p.default_minutes} min", p.name)
                for p in core.practices.list_practices()
            ]
        elif args.what == "families":
            rows = [
                (f.id, f.language, f.series_id or "-", f.label)
                for f in core.families.list_families()
            ]
        else:
            rows = []
        for row in rows:
            print("\t".join(str(cell) for cell in row))
        if not rows:
            print(f"No {args.what} yet.", file=sys.stderr)
    finally:
        core.close()
    return 0


def _cmd_print(args: argparse.Namespace) -> int:
    """Print commands share a headless Qt application; each sheet has its own handler."""
    from attune_desktop.printing.pages import ensure_application

    app = ensure_application()  # fonts and PDF writing need one; kept alive until done
    try:
        return PRINT_HANDLERS[args.sheet](args)
    finally:
        del app


def _print_agenda(args: argparse.Namespace) -> int:
    from attune_desktop.app import open_core
    from attune_desktop.printing.agenda_print import export_agenda_pdf

    core = open_core(resolve_home(args.home), load_starter_on_first_run=False)
    try:
        out = export_agenda_pdf(
            core.sessions, args.session, args.out, args.paper, args.audience, ink=args.ink
        )
    finally:
        core.close()
    print(f"Saved {out}")
    return 0


def _print_routines(args: argparse.Namespace) -> int:
    from attune_desktop.app import open_core
    from attune_desktop.printing.routine_sheets import print_routines_from_cli

    core = open_core(resolve_home(args.home), load_starter_on_first_run=False)
    try:
        out = print_routines_from_cli(core.families, core.paths.photos, args)
    finally:
        core.close()
    print(f"Saved {out}")
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    from attune_desktop.app import open_core
    from attune_desktop.core.config import AppPaths
    from attune_desktop.core.errors import StorageError
    from attune_desktop.core.storage import restore

    paths = AppPaths(resolve_home(args.home))
    try:
        core = open_core(paths.home, load_starter_on_first_run=False)
    except StorageError:
        if args.action == "list":  # the backups can be listed without the database
            for info in restore.list_backups(paths.backups):
                print(f"{info.path}\t{info.label}\t{info.kind_label}\t{info.summary}")
            return 0
        if args.action != "restore" or not restore.unusable(paths.database):
            raise
        # The database is refused (damaged, not ours, newer): put the backup in its place.
        result = restore.restore_unopenable(
            paths.database, Path(args.file), paths.backups, paths.photos
        )
        print(result.message)
        return 0
    try:
        backups = core.backups
        if args.action == "list":
            found = backups.list_backups()
            for info in found:
                print(f"{info.path}\t{info.label}\t{info.kind_label}\t{info.summary}")
            if not found:
                print(f"No backups yet in {backups.folder}.", file=sys.stderr)
        elif args.action == "now":
            info = backups.back_up_now()
            print(f"Backed up {info.summary} to {info.path}")
        elif args.action == "restore":
            result = backups.restore(Path(args.file))
            print(result.message)
        else:
            out = backups.export_everything(Path(args.file))
            print(f"Exported everything to {out}")
    finally:
        core.close()
    return 0


PRINT_HANDLERS: dict[str, Handler] = {
    "agenda": _print_agenda,
    **cli_series.PRINT_HANDLERS,
    "routines": _print_routines,
}


HANDLERS: dict[str | None, Handler] = {
    None: _cmd_gui,
    "gui": _cmd_gui,
    "demo": _cmd_demo,
    "list": _cmd_list,
    "print": _cmd_print,
    **cli_series.HANDLERS,
    "backup": _cmd_backup,
    "desktop-entry": _cmd_desktop_entry,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return HANDLERS[args.command](args)
    except AttuneError as exc:
        print(f"attune-desktop: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception:  # never show a traceback to a user; keep it for a bug report
        report = _write_crash_report(args)
        print(
            "attune-desktop: something went wrong that should not have. Nothing you saved "
            f"was lost. Details are in {report}.",
            file=sys.stderr,
        )
        return 1


def _write_crash_report(args: argparse.Namespace) -> Path:
    folder = resolve_home(getattr(args, "home", None)) / "logs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{datetime.now(UTC):%Y%m%d-%H%M%S}.txt"
        path.write_text(traceback.format_exc(), encoding="utf-8")
    except OSError:
        path = Path("(could not write a crash report)")
    return path
