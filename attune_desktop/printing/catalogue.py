"""Every printed sheet, registered once: its name, what it asks for, and who builds it.

The command line makes its `print` sub-commands from this table and the screens print
through it, so a sheet added here is printable everywhere (see docs/printing-a-new-sheet.md).
This module is Qt-free on purpose: the command line reads it to build its parser without
loading Qt; a sheet's builder (a `printing` module, with Qt) is imported only when used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import N_, _

FieldKind = Literal["int", "text", "flag", "choice"]
Progress = Callable[[int, int], bool]  # (parts done, parts in all) -> carry on?
PAPERS = ("a4", "letter")
INKS = ("color", "low")


@dataclass(frozen=True)
class Field:
    """One thing a sheet needs to know (a session, an audience...); on the command line it is
    `--name` (underscores become dashes), on a screen it comes from the selection."""

    name: str
    help: str
    kind: FieldKind = "int"
    choices: tuple[str, ...] = ()
    default: str | int | bool | None = None
    required: bool = False
    metavar: str | None = None
    one_of: str = ""  # fields sharing this group name: exactly one of them is given
    flag: str = ""  # the command line's word when not the name (`--name` still works, unshown)


@dataclass(frozen=True)
class SheetRequest:
    """What to print: paper and ink by name, the sheet's field values, an optional progress."""

    paper: str = "a4"
    ink: str = "color"
    values: Mapping[str, object] = field(default_factory=dict)
    progress: Progress | None = None

    def number(self, name: str) -> int | None:
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise AttuneError(
                _("{name} must be a whole number, not {value!r}.").format(name=name, value=value)
            )
        try:
            return int(value)
        except ValueError:
            raise AttuneError(
                _("{name} must be a whole number, not {value!r}.").format(name=name, value=value)
            ) from None

    def needed(self, name: str) -> int:
        """A number the sheet cannot do without; a clear message when it is missing."""
        value = self.number(name)
        if value is None:
            raise AttuneError(_("Choose a {name} to print.").format(name=name))
        return value

    def text(self, name: str, default: str = "") -> str:
        value = self.values.get(name)
        return default if value is None else str(value)

    def flag(self, name: str) -> bool:
        return bool(self.values.get(name, False))


@dataclass(frozen=True)
class SheetSpec:
    """A printed sheet: one builder, registered once in `SHEETS`."""

    name: str  # the command line's name: `attune-desktop print NAME`
    label: str  # what a person calls it: "Run sheet"
    help: str
    builder: str  # "module:function(core, request) -> PrintJob", imported only when made
    fields: tuple[Field, ...] = ()
    aliases: tuple[str, ...] = ()
    inks: tuple[str, ...] = INKS
    suggested_file: str = "sheet.pdf"


_SESSION = Field("session", N_("session id"), required=True, metavar="ID")
_SERIES = Field("series", N_("series id"), required=True, metavar="ID")
_LANG = Field("lang", N_("print the fixed words in this language"), kind="text", metavar="CODE")

SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec(
        "agenda",
        N_("Run sheet"),
        N_("a session's run sheet or participant agenda"),
        "attune_desktop.printing.agenda_print:build_agenda",
        fields=(
            _SESSION,
            Field(
                "audience",
                "facilitator: the run sheet with notes; participants: large type, no notes",
                kind="choice",
                choices=("facilitator", "participants"),
                default="facilitator",
            ),
        ),
        suggested_file="run-sheet.pdf",
    ),
    SheetSpec(
        "series-plan",
        N_("Series plan"),
        N_("a series plan for families (dates, times, themes; large type)"),
        "attune_desktop.printing.series_plan:build_series_plan",
        fields=(_SERIES,),
        aliases=("series",),
        suggested_file="series-plan.pdf",
    ),
    SheetSpec(
        "pack",
        N_("Print pack"),
        N_("one session's run sheet, agenda, take-home cards and sign-in sheet"),
        "attune_desktop.printing.print_pack:build_print_pack",
        fields=(
            _SESSION,
            Field(
                "with_routines",
                N_("add the routine sheets of every family in the session's circle"),
                kind="flag",
            ),
        ),
        suggested_file="print-pack.pdf",
    ),
    SheetSpec(
        "routines",
        N_("Routine sheets"),
        N_("families' picture-first routine sheets"),
        "attune_desktop.printing.routine_sheets:build_routine_sheets",
        fields=(
            Field(
                "family",
                N_("one family, by id or label"),
                kind="text",
                metavar="ID|LABEL",
                one_of="who",
            ),
            Field("series", N_("every family of a series"), metavar="ID", one_of="who"),
            Field(
                "layout",
                N_("how the sheet is laid out"),
                kind="choice",
                choices=("poster", "strip", "cards", "tracker"),
                default="poster",
            ),
            Field("icons_only", N_("pictures without words"), kind="flag"),
            Field("cards_per_page", N_("cards a page"), default=6, metavar="N"),
            Field("tracker", N_("add a week tracker page"), kind="flag"),
            _LANG,
            Field(
                "second_language",
                N_("a bilingual sheet: this language too, in smaller type"),
                kind="text",
                metavar="CODE",
            ),
        ),
        inks=(*INKS, "low-ink"),
        suggested_file="routine-sheets.pdf",
    ),
    SheetSpec(
        "run-summary",
        N_("Planned and actual"),
        N_("a run's planned-vs-actual summary"),
        "attune_desktop.printing.run_summary:build_run_summary",
        fields=(_SESSION,),
        suggested_file="planned-and-actual.pdf",
    ),
    SheetSpec(
        "take-home",
        N_("Take-home card"),
        N_("the families' card: today's practices, their breathing drawn, the week's invitation"),
        "attune_desktop.printing.take_home:build_take_home",
        fields=(_SESSION, _LANG),
        suggested_file="take-home-card.pdf",
    ),
    SheetSpec(
        "report",
        N_("Series report"),
        N_("a series report for a manager (as `report --out FILE.pdf`)"),
        "attune_desktop.printing.series_report:build_series_report",
        fields=(_SERIES,),
        suggested_file="series-report.pdf",
    ),
    SheetSpec(
        "org-report",
        N_("Organisation report"),
        N_("every circle in a date range, with charts (as `report --organisation`)"),
        "attune_desktop.printing.org_report:build_org_report_sheet",
        fields=(
            Field(
                "from_date",
                N_("first day, as 2026-01-31"),
                kind="text",
                required=True,
                metavar="DATE",
                flag="from",  # as `report --organisation --from`
            ),
            Field(
                "to_date",
                N_("last day, as 2026-12-31"),
                kind="text",
                required=True,
                metavar="DATE",
                flag="to",
            ),
            Field("site", N_("only this site"), kind="text", metavar="SITE"),
            Field("facilitator", N_("only this facilitator label"), kind="text", metavar="LABEL"),
            Field("curriculum", N_("only this curriculum"), kind="text", metavar="NAME"),
        ),
        suggested_file="organisation-report.pdf",
    ),
)


def find(name: str) -> SheetSpec:
    """The sheet called `name` (or one of its aliases)."""
    for spec in SHEETS:
        if name == spec.name or name in spec.aliases:
            return spec
    names = ", ".join(spec.name for spec in SHEETS)
    raise AttuneError(
        _("There is no sheet called {name!r}: choose {names}.").format(name=name, names=names)
    )
