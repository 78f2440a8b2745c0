"""`attune-desktop org …`: set up an organisation's database, add laptops, join, sync.

    org init --url postgresql://admin@server/org        (by whoever runs the server: sets up
                                                         the schema, and again after each
                                                         update to upgrade it)
    org add-laptop NAME [--organiser] [--url ADMIN_URL] (prints a one-time password)
    org reset-laptop NAME [--url ADMIN_URL]             (a new one, for a new computer)
    org join URL --laptop NAME                          (asks for that password)
    org sync                                            (publish and receive, with progress)
    org status

A password is read from the terminal without echo, or from standard input when piped; an
administrator's from the URL or $PGPASSWORD, as every PostgreSQL tool does. Nothing here
writes a password to a file: a laptop keeps its own in the OS keyring.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import Any

from attune_desktop.core.config import resolve_home
from attune_desktop.core.i18n import _

Handler = Callable[[argparse.Namespace], int]


def add_org_commands(commands: Any) -> None:
    org = commands.add_parser("org", help=_("join an organisation's database and sync with it"))
    actions = org.add_subparsers(dest="org_action", metavar="ACTION", required=True)
    init = actions.add_parser(
        "init", help=_("set up or upgrade the organisation's schema and roles (admin)")
    )
    init.add_argument("--url", required=True, help=_("the database, as its administrator"))
    add = actions.add_parser("add-laptop", help=_("create a laptop's role; prints its password"))
    add.add_argument("name", metavar="NAME")
    add.add_argument("--organiser", action="store_true", help=_("an organiser, not a laptop"))
    add.add_argument("--url", help=_("as the administrator (default: this joined organiser)"))
    reset = actions.add_parser(
        "reset-laptop", help=_("a new one-time password for a laptop (a new computer)")
    )
    reset.add_argument("name", metavar="NAME")
    reset.add_argument("--url", help=_("as the administrator (default: this joined organiser)"))
    join = actions.add_parser("join", help=_("join with the organiser's address and password"))
    join.add_argument("url", metavar="URL")
    join.add_argument("--laptop", required=True, metavar="NAME")
    actions.add_parser("sync", help=_("publish this laptop's series, receive the shared library"))
    actions.add_parser("status", help=_("which organisation this laptop joined"))


def _password(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\n")


def _admin_engine(args: argparse.Namespace) -> Any:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from attune_desktop.core.org.connect import CONNECT_TIMEOUT_S, parse_url

    given = make_url(args.url)
    url = parse_url(args.url).set(username=given.username, password=given.password)
    return url, create_engine(url, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})


def _cmd_org(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import DBAPIError

    from attune_desktop.core.org import connect, schema

    home = resolve_home(args.home)
    action = args.org_action
    if action == "join":
        password = _password(_("One-time password for {laptop}: ").format(laptop=args.laptop))
        print(connect.join(home, args.url, args.laptop, password))
        return 0
    if action == "status":
        membership = connect.load_membership(home)
        print(
            _("{laptop} at {url}").format(laptop=membership.laptop, url=membership.url)
            if membership
            else _("Not joined.")
        )
        return 0
    if action == "sync":
        return _sync(home, getattr(args, "database_url", None))
    if action == "init" or args.url:
        url, engine = _admin_engine(args)
    else:
        membership, engine = connect.connect_member(home)
        url = connect.parse_url(membership.url)
    try:
        with engine.begin() as conn:
            if action == "init":
                print(schema.install(conn))
                return 0
            password = connect.new_password()
            if action == "reset-laptop":
                schema.reset_password(conn, args.name, password)
            else:
                schema.create_member(conn, args.name, password, organiser=args.organiser)
    except DBAPIError as exc:
        raise connect.OrgError(connect.describe(exc, url)) from exc
    finally:
        engine.dispose()
    if action == "reset-laptop":
        print(
            _("New one-time password for {name} (it joins again with it):").format(name=args.name)
        )
    else:
        made = (
            _("Created the organiser {name}. One-time password (give it to them once):")
            if args.organiser
            else _("Created the laptop {name}. One-time password (give it to them once):")
        )
        print(made.format(name=args.name))
    print(password)
    return 0


def _sync(home: Any, database_url: str | None) -> int:
    from attune_desktop.core.container import open_core
    from attune_desktop.core.org import connect
    from attune_desktop.core.services.org_sync import OrgSync, SyncProgress

    _membership, engine = connect.connect_member(home)
    core = open_core(home, load_starter_on_first_run=False, database_url=database_url)

    def show(p: SyncProgress) -> None:
        print(f"[{p.done}/{p.total}] {p.what}", flush=True)

    try:
        report = OrgSync(core.db, engine).run(progress=show)
    finally:
        engine.dispose()
        core.close()
    print(report.summary())
    return 1 if report.conflicts else 0


HANDLERS: dict[str | None, Handler] = {"org": _cmd_org}
