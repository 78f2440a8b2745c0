"""The command line: launches the GUI, or runs a headless command (demo, list, print, export).

One parser, one table of commands. Each command is a function taking the parsed arguments and
returning an exit code; later commands slot in by adding a sub-parser and a handler.

The global option `--home` belongs to `CommandParser`, the class of every parser and
sub-parser here, so it is accepted before or after any command and no command can lose it;
`main` resolves it once (`args.home` is then a `Path`). `main` is also the one place where
errors become a sentence and an exit code: 2 for anything the user can fix, 0 when whoever
reads the output has stopped reading (a closed pipe).
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attune_desktop import __version__, cli_org, cli_print, cli_series
from attune_desktop.core import i18n
from attune_desktop.core.config import AppPaths, resolve_database_url, resolve_home
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import N_, _

if TYPE_CHECKING:
    from attune_desktop.core.storage.first_look import FirstLook

Handler = Callable[[argparse.Namespace], int]
EXIT_USER_ERROR = 2
# SQLite stores whole numbers in 64 bits; a larger id cannot name anything.
LARGEST_NUMBER = 2**63 - 1
HOME_HELP = N_("data folder to use (default: $ATTUNE_HOME or the user data folder)")
DATABASE_URL_HELP = N_(
    "keep the data in this PostgreSQL database instead of the data folder's own file, as on an "
    "organiser's office machine: postgresql://user:password@host/dbname "
    "(default: $ATTUNE_DATABASE_URL)"
)
# What `list` says when the home holds none: whole sentences, as the word's gender differs.
NOTHING_YET = {
    "series": N_("No series yet."),
    "sessions": N_("No sessions yet."),
    "practices": N_("No practices yet."),
    "families": N_("No families yet."),
}
# The options every parser accepts, before or after any command: flag, metavar, help.
GLOBAL_OPTIONS = (("--home", "DIR", HOME_HELP), ("--database-url", "URL", DATABASE_URL_HELP))


class CommandParser(argparse.ArgumentParser):
    """Every parser of the command line: each one accepts the global `--home` (and
    `--database-url`, the same way).

    `add_subparsers` makes sub-parsers of the parser's own class, so every command (and every
    command added later) gets the option here. Its default is SUPPRESS everywhere, so a
    sub-parser never resets a `--home` given before the command; one inherited from a
    `parents=` parser is made to behave the same.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for flag, metavar, help_text in GLOBAL_OPTIONS:
            inherited = self._option_string_actions.get(flag)
            if inherited is None:
                self.add_argument(
                    flag, metavar=metavar, default=argparse.SUPPRESS, help=i18n._(help_text)
                )
            else:
                inherited.default = argparse.SUPPRESS


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="attune-desktop",
        description=_("Plan, run and print caregiver attunement circles, offline."),
    )
    version = f"%(prog)s {__version__}"  # not-ui-text
    parser.add_argument("--version", action="version", version=version)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = commands.add_parser("gui", help=_("open the app window (the default)"))
    gui.add_argument(
        "bundle",
        nargs="?",
        metavar="FILE.json",
        help=_(
            "a template bundle to import once the window is open (if the app is already "
            "open on this home, that window comes forward and imports it)"
        ),
    )
    for where in (parser, gui):  # for smoke tests and benchmarks: quit after SECONDS
        where.add_argument(
            "--quit-after", type=float, default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )
    commands.add_parser("demo", help=_("load the starter content (safe to run twice)"))
    listing = commands.add_parser("list", help=_("list what the home holds"))
    listing.add_argument("what", choices=["series", "sessions", "practices", "families"])
    cli_print.add_print_commands(commands, [])
    cli_series.add_series_commands(commands)
    cli_org.add_org_commands(commands)
    _add_backup_parser(commands)
    entry = commands.add_parser(
        "desktop-entry",
        help=_("add the app to the Linux application menu, with its icon and the bundle file type"),
    )
    entry.add_argument(
        "--prefix",
        metavar="DIR",
        default=str(Path.home() / ".local"),
        help=_("where to install (default: ~/.local, for this user only)"),
    )
    entry.add_argument("--remove", action="store_true", help=_("take the entry away again"))
    return parser


def _add_backup_parser(commands: Any) -> None:
    backup = commands.add_parser("backup", help=_("list, take, restore or export backups"))
    actions = backup.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help=_("the backups and what each holds"))
    actions.add_parser("now", help=_("take a backup into the backups folder"))
    restore = actions.add_parser(
        "restore",
        help=_(
            "replace the data with a backup (.sqlite3) or an export (.zip); "
            "a safety copy of the current data is kept first"
        ),
    )
    restore.add_argument("file", metavar="FILE")
    export = actions.add_parser(
        "export", help=_("export everything (database and photos) to one .zip")
    )
    export.add_argument("file", metavar="FILE.zip")


def _cmd_gui(args: argparse.Namespace) -> int:
    # Start-up makes a few hundred thousand objects (modules, classes, the ORM's tables) that
    # all live as long as the app; the cycle collector walking them over and over was ~15 % of
    # importing the app. It stays off until the window is shown (`run_gui` turns it on at the
    # first turn of the event loop), and is turned on here whatever happens.
    gc.disable()
    try:
        look = _first_look(args)
        # Qt-free modules before PySide6: once PySide6 is loaded, its import hook reads the
        # source of every module imported after it (looking for "PySide6"), ~0.06 s for the
        # ORM's ~300 modules. Without a first look that is the ORM (the core opens before the
        # window); with one, what the first screen needs (the ORM comes after the paint).
        if look is None:
            import attune_desktop.core.container  # noqa: F401
        else:
            _import_first_screen_needs()
        from attune_desktop.runtime import require_qt

        require_qt(_("The window"))  # a core-only install: say what is missing, no crash report
        return _start_gui(args, look)
    finally:
        gc.enable()


def _import_first_screen_needs() -> None:
    """The Qt-free modules the window imports before its first paint: the single-instance
    lock's and the dates' (babel) (see `_cmd_gui`; asyncio comes after the paint)."""
    import getpass  # noqa: F401
    import hashlib  # noqa: F401

    import attune_desktop.core.agenda  # and locale_format: babel's dates
    import attune_desktop.core.value_labels  # noqa: F401


def _first_look(args: argparse.Namespace) -> FirstLook | None:
    """The home's series, read with `sqlite3` alone, when the window may paint them before
    the ORM is imported: the laptop's own file, at this version's schema, and no bundle to
    import. Anything else (a first run, a migration, a server, a file refused) opens the core
    before the window, as it always has (docs/decisions/0018-paint-before-the-orm.md)."""
    if _database_url(args) or getattr(args, "bundle", None):
        return None
    from attune_desktop.core.storage.first_look import first_look

    return first_look(AppPaths(resolve_home(args.home)).database)


def _start_gui(args: argparse.Namespace, look: FirstLook | None) -> int:
    from attune_desktop.app import claim_home, has_display

    if not has_display():
        print(
            _(
                "attune-desktop: no screen found (DISPLAY is not set). Run it on a desktop, or "
                "under a virtual screen: xvfb-run attune-desktop"
            ),
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
        if look is not None:  # the window paints first, then `run_gui` opens the core
            from attune_desktop.app import Later, run_gui

            later = Later(home, look)
            argv = list(_WINDOW_ARGV)
            return run_gui(later, argv, instance=instance, quit_after=_quit_after(args))
        return _open_window(home, args, instance, files)
    finally:
        instance.release()


# argv[0] names the window for the window manager (X11's WM_CLASS), however started
_WINDOW_ARGV = ("attune-desktop",)


def _quit_after(args: argparse.Namespace) -> float | None:
    return getattr(args, "quit_after", None)


def _open_window(home: Path, args: argparse.Namespace, instance: Any, files: list[str]) -> int:
    from attune_desktop.app import open_core, run_gui

    url = _database_url(args)
    try:
        core = open_core(home, daily_backup_now=False, database_url=url)  # backup: once shown
    except AttuneError as exc:  # shown in a window too: a desktop launch has no terminal
        from attune_desktop.ui.startup_error import show_startup_error

        if not show_startup_error(str(exc), AppPaths(home, server_url=url)):
            raise
        # a backup replaced the refused file
        core = open_core(home, daily_backup_now=False, database_url=url)
    try:
        argv = list(_WINDOW_ARGV)
        return run_gui(core, argv, instance=instance, files=files, quit_after=_quit_after(args))
    finally:
        core.close()


def _cmd_desktop_entry(args: argparse.Namespace) -> int:
    from attune_desktop import desktop_entry

    prefix = Path(args.prefix).expanduser()
    try:
        if args.remove:
            done = desktop_entry.uninstall(prefix)
            print(_("Removed {count} files from {prefix}.").format(count=len(done), prefix=prefix))
        else:
            done = desktop_entry.install(prefix)
            print(
                _(
                    "Added Attune Desktop to the application menu ({count} files in {prefix})."
                ).format(count=len(done), prefix=prefix)
            )
    except OSError as exc:
        raise AttuneError(
            _("Could not write under {prefix}: {strerror}.").format(
                prefix=prefix, strerror=exc.strerror or exc
            )
        ) from exc
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from attune_desktop.app import open_core
    from attune_desktop.core.starter import load_starter_content

    core = open_core(
        resolve_home(args.home), load_starter_on_first_run=False, database_url=_database_url(args)
    )
    try:
        report = load_starter_content(core.db)
        print(report.summary())
        print(_("Home: {home}").format(home=core.paths.home))
    finally:
        core.close()
    return 0


def _cmd_list(args: argparse.Namespace) -> int:
    from attune_desktop.app import open_core

    core = open_core(
        resolve_home(args.home), load_starter_on_first_run=False, database_url=_database_url(args)
    )
    try:
        rows: list[tuple[object, ...]]
        if args.what == "series":
            rows = [
                (s.id, s.first_date.isoformat(), _("{weeks} weeks").format(weeks=s.weeks), s.title)
                for s in core.series.list_series()
            ]
            rows += [
                (t.id, "template", _("{weeks} weeks").format(weeks=t.weeks), t.title)
                for t in core.series.templates()
            ]
        elif args.what == "sessions":
            rows = [
                (s.id, s.date.isoformat() if s.date else "-", s.status, s.title)
                for s in core.sessions.list_sessions(templates=None)
            ]
        elif args.what == "practices":
            rows = [
                (
                    p.id,
                    p.kind,
                    _("{default_minutes} min").format(default_minutes=p.default_minutes),
                    p.name,
                )
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
            print(_(NOTHING_YET[args.what]), file=sys.stderr)
    finally:
        core.close()
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    from attune_desktop.app import open_core
    from attune_desktop.core.config import AppPaths
    from attune_desktop.core.errors import StorageError
    from attune_desktop.core.storage import restore

    paths = AppPaths(resolve_home(args.home), server_url=_database_url(args))
    try:
        core = open_core(
            paths.home, load_starter_on_first_run=False, database_url=_database_url(args)
        )
    except StorageError:
        if args.action == "list":  # the backups can be listed without the database
            for info in restore.list_backups(paths.backups):
                print(f"{info.path}\t{info.label}\t{info.kind_label}\t{info.summary}")
            return 0
        if args.action != "restore" or paths.server_url or not restore.unusable(paths.database):
            raise
        # The database is refused (damaged, not ours, newer): put the backup in its place.
        result = restore.restore_unopenable(
            paths.database, Path(args.file), paths.backups, paths.photos
        )
        print(result.message)
        return 0
    try:
        core.db.refuse_if_on_server()  # the organisation backs up its server, not this app
        backups = core.backups
        if args.action == "list":
            found = backups.list_backups()
            for info in found:
                print(f"{info.path}\t{info.label}\t{info.kind_label}\t{info.summary}")
            if not found:
                print(
                    _("No backups yet in {folder}.").format(folder=backups.folder), file=sys.stderr
                )
        elif args.action == "now":
            info = backups.back_up_now()
            print(_("Backed up {summary} to {path}").format(summary=info.summary, path=info.path))
        elif args.action == "restore":
            result = backups.restore(Path(args.file))
            print(result.message)
        else:
            out = backups.export_everything(Path(args.file))
            print(_("Exported everything to {out}").format(out=out))
    finally:
        core.close()
    return 0


HANDLERS: dict[str | None, Handler] = {
    None: _cmd_gui,
    "gui": _cmd_gui,
    "demo": _cmd_demo,
    "list": _cmd_list,
    "print": cli_print.run_print,
    **cli_series.HANDLERS,
    **cli_org.HANDLERS,
    "backup": _cmd_backup,
    "desktop-entry": _cmd_desktop_entry,
}


def _speak_the_saved_language(argv: Sequence[str] | None) -> None:
    """The language the window saved for this home, chosen before the parser is built, so the
    help and every line after it speak it; a home that cannot be used is refused later."""
    early = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    early.add_argument("--home")
    try:
        known, _rest = early.parse_known_args(argv)
        home = _home(known.home)
    except (argparse.ArgumentError, AttuneError, OSError):
        return  # the real parser says what is wrong, in English
    i18n.activate(i18n.saved_choice(AppPaths(home).settings_file))


def main(argv: Sequence[str] | None = None) -> int:
    _speak_the_saved_language(argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        _refuse_huge_numbers(parser, args)
    except SystemExit:  # --help, --version or a usage error: written, then done
        _flush_quietly()
        raise
    except BrokenPipeError:
        _silence_stdout()
        return 0
    logging.basicConfig(  # not-ui-text
        level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        args.home = _home(getattr(args, "home", None))
        args.database_url = resolve_database_url(getattr(args, "database_url", None))
        i18n.activate(i18n.saved_choice(AppPaths(args.home).settings_file))
        code = HANDLERS[args.command](args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except AttuneError as exc:
        print(f"attune-desktop: {exc}", file=sys.stderr)  # not-ui-text
        return EXIT_USER_ERROR
    except BrokenPipeError:  # `attune-desktop list sessions | head -3`: the reader has enough
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130
    except OverflowError:  # a number that reached the database without being an option's int
        print(
            f"attune-desktop: a number given is too large; ids go up to {LARGEST_NUMBER}.",
            file=sys.stderr,
        )
        return EXIT_USER_ERROR
    except OSError as exc:  # the system refused a file or folder: say which and why
        print(f"attune-desktop: {_os_problem(exc)}", file=sys.stderr)  # not-ui-text
        return EXIT_USER_ERROR
    except Exception:  # never show a traceback to a user; keep it for a bug report
        report = _write_crash_report(args)
        print(
            _(
                "attune-desktop: something went wrong that should not have. Nothing "
                "you saved was lost. Details are in {report}."
            ).format(report=report),
            file=sys.stderr,
        )
        return 1


def _database_url(args: argparse.Namespace) -> str | None:
    """The PostgreSQL database chosen with --database-url or $ATTUNE_DATABASE_URL, if any."""
    return getattr(args, "database_url", None)


def _refuse_huge_numbers(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """A whole number no database row can have is a usage error (exit 2), for every option."""
    for name, value in vars(args).items():
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > LARGEST_NUMBER:
            option = "--" + name.replace("_", "-")
            parser.error(
                _("argument {option}: {value} is too large; no id or count is that big.").format(
                    option=option, value=value
                )
            )


def _home(given: str | os.PathLike[str] | None) -> Path:
    """The data folder from `--home` or $ATTUNE_HOME, or a sentence saying why it cannot be."""
    where = given if given is not None else os.environ.get("ATTUNE_HOME", "")
    if given is not None and not str(given).strip():  # else "" would mean $ATTUNE_HOME
        raise AttuneError(_("--home needs a folder: --home DIR."))
    try:
        home = resolve_home(given)
    except RuntimeError:  # "~someone" for a user this machine does not have
        raise AttuneError(
            _(
                "The data folder “{where}” cannot be used: that user's home folder is "
                "unknown here. Give a full path with --home."
            ).format(where=where)
        ) from None
    except (OSError, ValueError) as exc:
        raise AttuneError(
            _(
                "The data folder “{where}” cannot be used: {reason}. Choose another "
                "folder with --home."
            ).format(where=where, reason=_reason(exc))
        ) from None
    too_long = next((part for part in home.parts if len(os.fsencode(part)) > 255), None)
    if too_long is not None:
        raise AttuneError(
            _(
                "The data folder cannot be used: the name “{too_long}…” is longer than "
                "a folder name can be (255 bytes). Choose another folder with --home."
            ).format(too_long=too_long[:40])
        )
    return home


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


def _os_problem(exc: OSError) -> str:
    name = exc.filename if exc.filename is not None else _("a file")
    return _("Could not use {name}: {reason}.").format(name=name, reason=_reason(exc))


def _flush_quietly() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (tests redirect stdout): nothing is flushed at exit


def _write_crash_report(args: argparse.Namespace) -> Path:
    home = getattr(args, "home", None)
    try:
        folder = (home if isinstance(home, Path) else resolve_home(None)) / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{datetime.now(UTC):%Y%m%d-%H%M%S}.txt"
        path.write_text(traceback.format_exc(), encoding="utf-8")
    except (OSError, RuntimeError):
        path = Path("(could not write a crash report)")
    return path
