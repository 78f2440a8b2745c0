"""The anonymity rules of a check-in round: what the room may see, and when.

A round holds only counts per option. These functions decide what of those counts may be shown:
nothing while the round is open, nothing at all when too few answered, and never an exact small
number. Every view, print-out and report goes through `reveal`, so there is one place to get
the privacy promise right.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from attune_desktop.core.checkin_scales import Scale, ScaleOption
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import N_, _

DEFAULT_MIN_RESPONSES: Final = 5
FLOOR_MIN_RESPONSES: Final = 3  # below this, people could be recognised from the results
SMALL_CELL: Final = 2  # counts below this are never shown exactly
MAX_COUNT: Final = 999  # per option, on a paper tally

SMALL_CELL_LABEL: Final = N_("fewer than {small}")  # shown through small_cell_label()
# Every small cell gets the same short bar, so its count cannot be read off the bar's length.
SMALL_CELL_SHARE: Final = 0.05
# A change in the mean `order` smaller than this is reported as no change, not as a trend.
STEADY_TOLERANCE: Final = 0.05

OPEN_MESSAGE: Final = N_("Results appear when the round is closed.")
BANDED_MESSAGE: Final = N_("Small numbers are shown as a band, so no one can be picked out.")


# Why a session shows no shift, per round: whole sentences, as the words around "opening"
# and "closing" change with the language (no round missing, hidden, all small numbers).
NO_SHIFT: Final[Mapping[str, tuple[str, str, str]]] = {
    "opening": (
        N_("No shift: there was no opening round."),
        N_("No shift: the opening round is hidden. {message}"),
        N_("No shift: every answer in the opening round is a small number."),
    ),
    "closing": (
        N_("No shift: there was no closing round."),
        N_("No shift: the closing round is hidden. {message}"),
        N_("No shift: every answer in the closing round is a small number."),
    ),
}


class RuleError(AttuneError, ValueError):
    """A minimum or a tally was refused; the message can be shown as it is.

    `option_key` names the tally field at fault, so a form can show the message beside it.
    """

    def __init__(self, message: str, *, option_key: str | None = None) -> None:
        super().__init__(message)
        self.option_key = option_key


PINNED_MESSAGE: Final = N_(
    "Just enough answered to reach the minimum, so small numbers could be worked out: "
    "results stay hidden to keep everyone anonymous."
)


def small_cell_label() -> str:
    """'fewer than 2', in the UI language: the band a small count is shown as."""
    return _(SMALL_CELL_LABEL).format(small=SMALL_CELL)


def too_few_message(min_responses: int) -> str:
    """Says why a closed round stays hidden, without saying how many did answer."""
    return _(
        "Fewer than {min_responses} answered, so results stay hidden to keep everyone anonymous."
    ).format(min_responses=min_responses)


def validate_min_responses(n: int) -> list[str]:
    """Refuse a minimum below the floor; return warnings for a minimum below the default."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise RuleError(_("The minimum number of answers must be a whole number."))
    if n < FLOOR_MIN_RESPONSES:
        raise RuleError(
            _(
                "The minimum can't be lower than {floor_min_responses}: with fewer "
                "answers, people could be recognised from the results."
            ).format(floor_min_responses=FLOOR_MIN_RESPONSES)
        )
    if n < DEFAULT_MIN_RESPONSES:
        return [
            _(
                "With a minimum of {n}, it is easier to guess who chose what in a "
                "small group. {default_min_responses} keeps everyone safer."
            ).format(n=n, default_min_responses=DEFAULT_MIN_RESPONSES)
        ]
    return []


def validate_counts(scale: Scale, counts: Mapping[str, int]) -> dict[str, int]:
    """Check a tally (typed in from paper, or read back) and fill in the options left at 0.

    Messages never repeat the refused number: a tally is still private while it is being typed.
    """
    keys = scale.keys
    for key in counts:
        if not isinstance(key, str) or key not in keys:
            raise RuleError(
                _("{key!r} is not an option of “{name}”.").format(key=key, name=scale.name()),
                option_key=key if isinstance(key, str) else None,
            )
    tally: dict[str, int] = {}
    for option in scale.options:
        count = counts.get(option.key, 0)
        if type(count) is int and 0 <= count <= MAX_COUNT:  # the usual case, checked quickly
            tally[option.key] = count
            continue
        label = option.label()
        if isinstance(count, bool) or not isinstance(count, int):
            raise RuleError(
                _("The count for “{label}” must be a whole number.").format(label=label),
                option_key=option.key,
            )
        if count < 0:
            raise RuleError(
                _("The count for “{label}” can't be below 0.").format(label=label),
                option_key=option.key,
            )
        if count > MAX_COUNT:
            raise RuleError(
                _("The count for “{label}” can't be more than {max_count}.").format(
                    label=label, max_count=MAX_COUNT
                ),
                option_key=option.key,
            )
        tally[option.key] = count
    return tally


class RevealStatus(StrEnum):
    HIDDEN_OPEN = "hidden_open"
    HIDDEN_TOO_FEW = "hidden_too_few"
    REVEALED = "revealed"


@dataclass(frozen=True)
class DisplayCell:
    """One option as the room may see it.

    `band_label` is always the text to show: the exact count, or the small-cell band.
    `share` is the length of its bar (0..1), worked out from what is shown only: of the total
    when the total is shown, else of the largest shown count.
    """

    option: ScaleOption
    shown_count: int | None  # None for a small cell
    band_label: str
    share: float

    @property
    def banded(self) -> bool:
        return self.shown_count is None


@dataclass(frozen=True)
class RevealResult:
    """What a round may show. A hidden result carries no count and no total at all."""

    status: RevealStatus
    message: str
    cells: tuple[DisplayCell, ...] = ()
    total: int | None = None

    @property
    def revealed(self) -> bool:
        return self.status is RevealStatus.REVEALED

    def display_share(self, cell: DisplayCell) -> float:
        """A bar's length for the room (the cell's `share`, already safe to show)."""
        return cell.share


def _check_floor(min_responses: int) -> None:
    validate_min_responses(min_responses)  # raises below the floor; warnings are the form's job


def reveal(
    scale: Scale,
    counts: Mapping[str, int],
    closed: bool,
    min_responses: int = DEFAULT_MIN_RESPONSES,
) -> RevealResult:
    """Decide what the room may see of a round.

    Small cells include options nobody chose: if "0" were shown exactly, the band beside it
    would always mean exactly one person. A round is a set of counts, so nothing here can
    depend on the order anyone answered in.
    """
    _check_floor(min_responses)
    tally = validate_counts(scale, counts)
    if not closed:
        return RevealResult(RevealStatus.HIDDEN_OPEN, _(OPEN_MESSAGE))
    total = sum(tally.values())
    if total < min_responses:
        return RevealResult(RevealStatus.HIDDEN_TOO_FEW, too_few_message(min_responses))
    small = [key for key, count in tally.items() if count < SMALL_CELL]
    if not small:
        cells = tuple(
            DisplayCell(o, tally[o.key], str(tally[o.key]), tally[o.key] / total)
            for o in scale.options
        )
        return RevealResult(
            RevealStatus.REVEALED, _("{total} answered.").format(total=total), cells, total
        )
    # With the exact total beside the exact cells, a banded cell is just a subtraction away
    # (one banded cell: total minus the rest), so the total is not shown, and no figure may be
    # measured against it: bars are measured against the largest shown count.
    shown_sum = total - sum(tally[key] for key in small)
    if shown_sum + len(small) * (SMALL_CELL - 1) <= min_responses:
        # Reaching the minimum needs every band at its top: the minimum would pin them.
        return RevealResult(RevealStatus.HIDDEN_TOO_FEW, _(PINNED_MESSAGE))
    largest = max((c for c in tally.values() if c >= SMALL_CELL), default=0)
    cells = tuple(_cell(option, tally[option.key], largest) for option in scale.options)
    return RevealResult(RevealStatus.REVEALED, _(BANDED_MESSAGE), cells, None)


def _cell(option: ScaleOption, count: int, largest: int) -> DisplayCell:
    if count < SMALL_CELL:
        return DisplayCell(option, None, small_cell_label(), SMALL_CELL_SHARE)
    return DisplayCell(option, count, str(count), count / largest)


# --- shift between the opening and closing rounds ---------------------------------------------


class ShiftDirection(StrEnum):
    TOWARD_SETTLED = "toward_settled"
    AWAY_FROM_SETTLED = "away_from_settled"
    NO_CHANGE = "no_change"


@dataclass(frozen=True)
class OptionShift:
    """One option before and after, as the room saw it."""

    option: ScaleOption
    before: DisplayCell
    after: DisplayCell

    exact_shares: bool = False  # both rounds showed their totals, so shares are of the room

    @property
    def change(self) -> float | None:
        """After minus before, in share of the room; None when either side is a small cell
        or either round's total is hidden (its bars are then not shares of the room)."""
        if self.before.banded or self.after.banded or not self.exact_shares:
            return None
        return self.after.share - self.before.share


@dataclass(frozen=True)
class SessionShift:
    """How the group moved in one session. A lower mean `order` is more settled.

    Worked out from what each round shows, never from its hidden counts: the means are over
    the answers shown exactly (a banded option is left out, as it is on the screen), and a
    total is None when the round hides it. So a shift cannot give back a band.
    """

    mean_before: float
    mean_after: float
    total_before: int | None
    total_after: int | None
    options: tuple[OptionShift, ...]

    @property
    def difference(self) -> float:
        """mean_after - mean_before: negative means the group ended more settled."""
        return self.mean_after - self.mean_before

    @property
    def direction(self) -> ShiftDirection:
        if abs(self.difference) < STEADY_TOLERANCE:
            return ShiftDirection.NO_CHANGE
        if self.difference < 0:
            return ShiftDirection.TOWARD_SETTLED
        return ShiftDirection.AWAY_FROM_SETTLED


@dataclass(frozen=True)
class ShiftResult:
    """A shift, or None with the reason it cannot be shown (a round is hidden)."""

    shift: SessionShift | None
    reason: str = ""


def _shown_mean(scale: Scale, result: RevealResult) -> float | None:
    """The mean `order` over the answers a revealed round shows exactly; None if it shows none."""
    orders = {option.key: option.order for option in scale.options}
    exact = [(orders[c.option.key], c.shown_count) for c in result.cells if c.shown_count]
    answers = sum(count for _order, count in exact)
    if not answers:
        return None
    return sum(order * count for order, count in exact) / answers


def shift(
    scale: Scale,
    opening_counts: Mapping[str, int] | None,
    closing_counts: Mapping[str, int] | None,
    *,
    opening_min_responses: int = DEFAULT_MIN_RESPONSES,
    closing_min_responses: int = DEFAULT_MIN_RESPONSES,
    opening_closed: bool = True,
    closing_closed: bool = True,
    memo: dict[Hashable, tuple[RevealResult, float | None]] | None = None,
) -> ShiftResult:
    """The group's shift between a session's opening and closing rounds.

    If either round is hidden under `reveal`, no part of either is returned, so a hidden round
    cannot be worked out from the other and the difference. None stands for a round not taken.
    """
    rounds = (
        ("opening", opening_counts, opening_closed, opening_min_responses),
        ("closing", closing_counts, closing_closed, closing_min_responses),
    )
    shown: list[tuple[RevealResult, float]] = []
    for moment, counts, closed, min_responses in rounds:
        missing, hidden, small = NO_SHIFT[moment]
        if counts is None:
            return ShiftResult(None, _(missing))
        result, mean = _revealed(scale, counts, closed, min_responses, memo)
        if not result.revealed:
            return ShiftResult(None, _(hidden).format(message=result.message))
        if mean is None:
            return ShiftResult(None, _(small))
        shown.append((result, mean))
    (before, mean_before), (after, mean_after) = shown
    exact = before.total is not None and after.total is not None
    options = tuple(
        OptionShift(cell_before.option, cell_before, cell_after, exact)
        for cell_before, cell_after in zip(before.cells, after.cells, strict=True)
    )
    return ShiftResult(SessionShift(mean_before, mean_after, before.total, after.total, options))


def _revealed(
    scale: Scale,
    counts: Mapping[str, int],
    closed: bool,
    min_responses: int,
    memo: dict[Hashable, tuple[RevealResult, float | None]] | None,
) -> tuple[RevealResult, float | None]:
    """`reveal` and the shown mean, remembered in `memo` (if given) for a tally seen before:
    a year of an organisation's rounds repeats the same small tallies many times. A memo
    serves one read of one home: a scale key means one scale there."""
    key = (scale.key, tuple(sorted(counts.items())), closed, min_responses)
    found = memo.get(key) if memo is not None else None
    if found is None:
        result = reveal(scale, counts, closed, min_responses)
        found = (result, _shown_mean(scale, result) if result.revealed else None)
        if memo is not None:
            memo[key] = found
    return found


@dataclass(frozen=True)
class WeekShift:
    """One week on the series chart: its shift, or hidden with the reason."""

    label: str
    shift: SessionShift | None
    reason: str = ""

    @property
    def hidden(self) -> bool:
        return self.shift is None


WeekRounds = tuple[str, Mapping[str, int] | None, Mapping[str, int] | None]


def series_shift(
    scale: Scale,
    weeks: Sequence[WeekRounds],
    *,
    min_responses: int = DEFAULT_MIN_RESPONSES,
) -> tuple[WeekShift, ...]:
    """Each week's shift across a series, in the order given; a hidden week is wholly hidden."""
    _check_floor(min_responses)
    charted: list[WeekShift] = []
    for label, opening, closing in weeks:
        result = shift(
            scale,
            opening,
            closing,
            opening_min_responses=min_responses,
            closing_min_responses=min_responses,
        )
        charted.append(WeekShift(label, result.shift, result.reason))
    return tuple(charted)
