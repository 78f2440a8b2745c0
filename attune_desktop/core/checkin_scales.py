"""Check-in scales: the built-in ones written for Attune, and the facilitator's own.

A scale is only words, colours and pictures. A round stores counts against option *keys*, so a
key never changes once a scale exists; labels can be translated or reworded freely. Every option
carries an `order` (0 = most settled) so a group's shift between two rounds can be measured on
any scale, including one the facilitator made.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final

from attune_desktop.core.config import resources_dir
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import ROOM_LANGUAGE_CODES, RTL_CODES, SOURCE_LANGUAGE, RoomWords, _

# The room's languages: the one list in core.i18n.
LANGUAGES: Final = ROOM_LANGUAGE_CODES
FALLBACK_LANGUAGE: Final = SOURCE_LANGUAGE
RTL_LANGUAGES: Final = RTL_CODES

MIN_OPTIONS: Final = 2
MAX_OPTIONS: Final = 8  # more than this and a room can no longer answer at a glance
MAX_LABEL_CHARS: Final = 40
MAX_NAME_CHARS: Final = 80
MAX_QUESTION_CHARS: Final = 120
MAX_KEY_CHARS: Final = 80  # the width of CheckInRound.scale_key and CheckInCount.option_key
MAX_PICTURE_CODEPOINTS: Final = 10
BUILTIN_SCALES_FILE: Final = "checkin/scales.toml"  # under resources/

# Option colours sit behind dark text on screen, on the projector and on paper.
DARK_TEXT: Final = "#1F2328"
MIN_TEXT_CONTRAST: Final = 4.5  # WCAG AA for body text

# Colours given to a custom scale's options in turn when the facilitator picks none.
SOFT_PALETTE: Final = (
    "#A8D5BA",  # sage green
    "#A9C7E8",  # sky blue
    "#F6D68B",  # soft amber
    "#C9B8E8",  # lavender
    "#F4B9A0",  # peach
    "#B8E0DA",  # mint
    "#E8C5D8",  # rose
    "#D5DBE3",  # mist grey
)

_HEX_COLOUR = re.compile(r"#?(?P<hex>[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})")
_HEX_PICTURE = re.compile(r"(?:U\+)?[0-9A-F]{4,6}(?:[-_ ](?:U\+)?[0-9A-F]{4,6})*", re.IGNORECASE)
_SCALE_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*")
_VARIATION_SELECTOR = 0xFE0F


class ScaleError(AttuneError, ValueError):
    """A scale was refused or could not be read; the message can be shown as it is."""


class ScaleLayout(StrEnum):
    LIST = "list"
    GRID = "grid"  # every option has a row and a column


class GridAxis(StrEnum):
    """The four edges of a grid scale, named by meaning so a right-to-left UI can mirror them."""

    HIGH = "high"
    LOW = "low"
    UNPLEASANT = "unpleasant"
    PLEASANT = "pleasant"


def language_of(code: str) -> str:
    """Reduce a locale such as 'es-MX', 'fr_CA' or 'zh-Hans-CN' to the language we translate."""
    return code.strip().replace("_", "-").split("-", 1)[0].lower() or FALLBACK_LANGUAGE


def is_rtl(lang: str) -> bool:
    """Whether text in this language runs right to left (a sheet or a grid mirrors for it)."""
    return language_of(lang) in RTL_LANGUAGES


def _pick(texts: Mapping[str, str], lang: str) -> str:
    return texts.get(language_of(lang)) or texts.get(FALLBACK_LANGUAGE, "")


def _frozen(texts: Mapping[str, str]) -> Mapping[str, str]:
    """A scale's own words, copied; a built-in's catalogue words stay unread until asked for."""
    return texts if isinstance(texts, RoomWords) else MappingProxyType(dict(texts))


@dataclass(frozen=True)
class ScaleOption:
    """One answer on a scale. `labels` and `descriptions` map a language to its words."""

    key: str
    labels: Mapping[str, str] = field(hash=False)
    colour: str
    picture: str  # OpenMoji/Unicode hex code points, e.g. "1F7E2" or "1F3F3-FE0F-200D-1F308"
    order: int  # 0 = most settled; used only to measure a group's shift
    descriptions: Mapping[str, str] = field(default_factory=dict, hash=False)
    row: int | None = None  # position on a grid scale; None on a list scale
    col: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "labels", _frozen(self.labels))
        object.__setattr__(self, "descriptions", _frozen(self.descriptions))
        if not self.labels.get(FALLBACK_LANGUAGE):
            raise ScaleError(_("Option {key!r} needs a label.").format(key=self.key))

    def label(self, lang: str = FALLBACK_LANGUAGE) -> str:
        """The label in `lang`, or in English when there is no translation yet."""
        return _pick(self.labels, lang)

    def description(self, lang: str = FALLBACK_LANGUAGE) -> str:
        return _pick(self.descriptions, lang)

    @property
    def picture_text(self) -> str:
        """The picture as characters, for where an OpenMoji image cannot be drawn."""
        return picture_text(self.picture)


@dataclass(frozen=True)
class Scale:
    """A question and its options. `names` is the facilitator's title, `questions` the room's."""

    key: str
    names: Mapping[str, str] = field(hash=False)
    questions: Mapping[str, str] = field(hash=False)
    options: tuple[ScaleOption, ...]
    builtin: bool = False
    axis_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", _frozen(self.names))
        object.__setattr__(self, "questions", _frozen(self.questions))
        object.__setattr__(
            self,
            "axis_labels",
            MappingProxyType({axis: _frozen(t) for axis, t in self.axis_labels.items()}),
        )
        object.__setattr__(self, "options", tuple(self.options))
        if not self.names.get(FALLBACK_LANGUAGE) or not self.questions.get(FALLBACK_LANGUAGE):
            raise ScaleError(_("A scale needs a name and a question."))
        if not MIN_OPTIONS <= len(self.options) <= MAX_OPTIONS:
            raise ScaleError(
                _("A scale needs between {min_options} and {max_options} options.").format(
                    min_options=MIN_OPTIONS, max_options=MAX_OPTIONS
                )
            )
        keys = [option.key for option in self.options]
        if len(set(keys)) != len(keys):
            raise ScaleError(_("Each option on a scale needs its own key."))
        positions = [(option.row, option.col) for option in self.options]
        placed = [p for p in positions if p[0] is not None and p[1] is not None]
        if placed and (len(placed) != len(positions) or len(set(placed)) != len(placed)):
            raise ScaleError(_("On a grid scale every option needs its own row and column."))

    def name(self, lang: str = FALLBACK_LANGUAGE) -> str:
        return _pick(self.names, lang)

    def question(self, lang: str = FALLBACK_LANGUAGE) -> str:
        """What the room is asked, in `lang`, or in English when there is no translation."""
        return _pick(self.questions, lang)

    def axis_label(self, axis: GridAxis, lang: str = FALLBACK_LANGUAGE) -> str:
        """The words along one edge of a grid scale; empty on a list scale."""
        return _pick(self.axis_labels.get(axis.value, {}), lang)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(option.key for option in self.options)

    def option(self, key: str) -> ScaleOption:
        for option in self.options:
            if option.key == key:
                return option
        raise ScaleError(_("“{name}” has no option {key!r}.").format(name=self.name(), key=key))

    @property
    def layout(self) -> ScaleLayout:
        return ScaleLayout.GRID if self.options[0].row is not None else ScaleLayout.LIST

    @property
    def grid_shape(self) -> tuple[int, int] | None:
        """(rows, columns) of a grid scale, so a view can lay it out; None on a list scale."""
        if self.layout is not ScaleLayout.GRID:
            return None
        rows = max(option.row or 0 for option in self.options) + 1
        cols = max(option.col or 0 for option in self.options) + 1
        return rows, cols

    @property
    def max_order(self) -> int:
        """The least settled `order`, so a chart of the group's mean can fix its axis."""
        return max(option.order for option in self.options)


# --- colours and pictures -----------------------------------------------------------------------


def normalize_colour(text: str) -> str:
    """'#abc', 'A8D5BA' or '#a8d5ba' become '#A8D5BA'; anything else is refused."""
    match = _HEX_COLOUR.fullmatch(text.strip())
    if match is None:
        raise ScaleError(
            _("{text!r} is not a colour; colours look like #A8D5BA.").format(text=text)
        )
    digits = match["hex"].upper()
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return f"#{digits}"


def _luminance(colour: str) -> float:
    digits = normalize_colour(colour)[1:]
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def normalize_picture(text: str) -> str:
    """Accept hex code points ('1f7e2', 'U+2600') or a pasted emoji; return OpenMoji's form.

    An empty picture is allowed: the option is then shown by its colour and label alone.
    """
    text = text.strip()
    if not text:
        return ""
    if _HEX_PICTURE.fullmatch(text):
        points = [int(part.upper().removeprefix("U+"), 16) for part in re.split(r"[-_ ]", text)]
    elif any(ord(ch) < 0x80 for ch in text):
        raise ScaleError(
            _("{text!r} is not a picture; pick one from the list or paste one emoji.").format(
                text=text
            )
        )
    else:
        points = [ord(ch) for ch in text]
        if len(points) == 2 and points[1] == _VARIATION_SELECTOR:
            points = points[:1]  # OpenMoji names a single emoji without its selector
    if len(points) > MAX_PICTURE_CODEPOINTS or any(
        p > 0x10FFFF or 0xD800 <= p <= 0xDFFF for p in points
    ):
        raise ScaleError(
            _("{text!r} is not a picture; pick one from the list or paste one emoji.").format(
                text=text
            )
        )
    return "-".join(f"{p:04X}" for p in points)


def picture_text(code: str) -> str:
    """The characters a picture code stands for ('2600' → '☀')."""
    return "".join(chr(int(part, 16)) for part in code.split("-")) if code else ""


# --- the built-in scales ------------------------------------------------------------------------


# Their keys, colours and pictures are data (resources/checkin/scales.toml), their words the
# room's catalogues (core.i18n, `room.po`) under the English the data gives.


def _builtin_option(row: Mapping[str, Any]) -> ScaleOption:
    return ScaleOption(
        key=row["key"],
        labels=RoomWords(row["label"], row.get("label_context")),
        descriptions=RoomWords(row["description"]),
        colour=row["colour"],
        picture=row["picture"],
        order=row["order"],
        row=row.get("row"),
        col=row.get("col"),
    )


def _builtin_scale(row: Mapping[str, Any]) -> Scale:
    return Scale(
        key=row["key"],
        builtin=True,
        names=RoomWords(row["name"]),
        questions=RoomWords(row["question"]),
        axis_labels={axis: RoomWords(words) for axis, words in row.get("axes", {}).items()},
        options=tuple(_builtin_option(option) for option in row["option"]),
    )


def _builtin_scales() -> Mapping[str, Scale]:
    """The scales written for Attune, read from their data file (a few milliseconds)."""
    text = (resources_dir() / BUILTIN_SCALES_FILE).read_text(encoding="utf-8")
    scales = (_builtin_scale(row) for row in tomllib.loads(text)["scale"])
    return MappingProxyType({scale.key: scale for scale in scales})


BUILTIN_SCALES: Final[Mapping[str, Scale]] = _builtin_scales()
DEFAULT_SCALE_KEY: Final = "regulation4"


def get_scale(key: str, custom: Mapping[str, Scale] | None = None) -> Scale:
    """The scale a round was taken on. A custom scale can never shadow a built-in one."""
    if key in BUILTIN_SCALES:
        return BUILTIN_SCALES[key]
    if custom is not None and key in custom:
        return custom[key]
    raise ScaleError(
        _("The check-in scale {key!r} is not available; it may have been deleted.").format(key=key)
    )


# --- custom scales ------------------------------------------------------------------------------

CustomOption = tuple[str, str] | tuple[str, str, str | None]


@dataclass(frozen=True)
class _Entry:
    label: str
    picture: str
    colour: str | None = None
    key: str | None = None  # kept from storage; derived from the label for a new scale
    description: str = ""


def make_custom_scale(
    key: str,
    name: str,
    options: Sequence[CustomOption],
    *,
    question: str | None = None,
) -> Scale:
    """Build the facilitator's own scale from (label, picture[, colour]) in settled-first order.

    The first option counts as the most settled, so the group's shift can be measured.
    Option keys are made from the labels once, here, and then stored with the scale.
    """
    entries: list[_Entry] = []
    for position, item in enumerate(options, start=1):
        if len(item) == 2:
            entries.append(_Entry(label=item[0], picture=item[1]))
        elif len(item) == 3:
            entries.append(_Entry(label=item[0], picture=item[1], colour=item[2]))
        else:
            raise ScaleError(
                _("Option {position} should be a label, a picture and a colour.").format(
                    position=position
                )
            )
    return _build_custom(key, name, question, entries)


def _build_custom(key: str, name: str, question: str | None, entries: Sequence[_Entry]) -> Scale:
    key = key.strip()
    if not _SCALE_KEY.fullmatch(key) or len(key) > MAX_KEY_CHARS:
        raise ScaleError(
            _(
                "A scale's key must be 1–{max_key_chars} letters, numbers or - _ . : "
                "and start with a letter or number."
            ).format(max_key_chars=MAX_KEY_CHARS)
        )
    if key in BUILTIN_SCALES:
        raise ScaleError(
            _("“{key}” belongs to a built-in scale; choose another key.").format(key=key)
        )
    name = _clean_text(name)
    if not name:
        raise ScaleError(_("Give the scale a name."))
    if len(name) > MAX_NAME_CHARS:
        raise ScaleError(
            _("Keep the scale's name to {max_name_chars} characters or fewer.").format(
                max_name_chars=MAX_NAME_CHARS
            )
        )
    asked = _clean_text(question) if question is not None else ""
    asked = asked or name
    if len(asked) > MAX_QUESTION_CHARS:
        raise ScaleError(
            _("Keep the question to {max_question_chars} characters or fewer.").format(
                max_question_chars=MAX_QUESTION_CHARS
            )
        )
    if len(entries) < MIN_OPTIONS:
        raise ScaleError(
            _("A scale needs at least {min_options} options to choose between.").format(
                min_options=MIN_OPTIONS
            )
        )
    if len(entries) > MAX_OPTIONS:
        raise ScaleError(
            _(
                "A scale can have at most {max_options} options, so it stays quick to answer."
            ).format(max_options=MAX_OPTIONS)
        )

    seen_labels: set[str] = set()
    taken_keys: set[str] = set()
    built: list[ScaleOption] = []
    for position, entry in enumerate(entries):
        label = _option_label(entry.label, position, seen_labels)
        option_key = _option_key(entry.key, label, position, taken_keys)
        built.append(
            ScaleOption(
                key=option_key,
                labels={FALLBACK_LANGUAGE: label},
                descriptions={FALLBACK_LANGUAGE: entry.description} if entry.description else {},
                colour=_option_colour(entry.colour, label, position),
                picture=_option_picture(entry.picture, label),
                order=position,
            )
        )
    return Scale(
        key=key,
        names={FALLBACK_LANGUAGE: name},
        questions={FALLBACK_LANGUAGE: asked},
        options=tuple(built),
    )


def _clean_text(text: object) -> str:
    return " ".join(text.split()) if isinstance(text, str) else ""


def _option_label(raw: object, position: int, seen: set[str]) -> str:
    label = _clean_text(raw)
    if not label:
        raise ScaleError(_("Option {position} needs a label.").format(position=position + 1))
    if len(label) > MAX_LABEL_CHARS:
        raise ScaleError(
            _(
                "“{label}…” is too long: keep each label to {max_label_chars} characters or fewer."
            ).format(label=label[:MAX_LABEL_CHARS], max_label_chars=MAX_LABEL_CHARS)
        )
    folded = label.casefold()
    if folded in seen:
        raise ScaleError(
            _("Two options are both called “{label}”; give each its own label.").format(label=label)
        )
    seen.add(folded)
    return label


def _option_key(stored: str | None, label: str, position: int, taken: set[str]) -> str:
    if stored is not None:
        if not _SCALE_KEY.fullmatch(stored) or len(stored) > MAX_KEY_CHARS or stored in taken:
            raise ScaleError(
                _("The saved key for “{label}” is missing or used twice.").format(label=label)
            )
        taken.add(stored)
        return stored
    base = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:MAX_LABEL_CHARS]
    base = base if base.isascii() and base else f"option_{position + 1}"
    candidate, suffix = base, 2
    while candidate in taken:
        candidate, suffix = f"{base}_{suffix}", suffix + 1
    taken.add(candidate)
    return candidate


def _option_colour(raw: object, label: str, position: int) -> str:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return SOFT_PALETTE[position % len(SOFT_PALETTE)]
    if not isinstance(raw, str) or _HEX_COLOUR.fullmatch(raw.strip()) is None:
        raise ScaleError(
            _("The colour for “{label}” should look like #A8D5BA.").format(label=label)
        )
    colour = normalize_colour(raw)
    if contrast_ratio(colour, DARK_TEXT) < MIN_TEXT_CONTRAST:
        raise ScaleError(
            _(
                "The colour for “{label}” is too dark for its words to be read; pick a lighter one."
            ).format(label=label)
        )
    return colour


def _option_picture(raw: object, label: str) -> str:
    try:
        return normalize_picture(raw if isinstance(raw, str) else "\0")
    except ScaleError:
        raise ScaleError(
            _(
                "The picture for “{label}” can't be shown; pick one from the list or "
                "paste one emoji."
            ).format(label=label)
        ) from None


def scale_to_json(scale: Scale) -> str:
    """A custom scale's options as stored in `CheckInScale.options` (keys kept for its counts)."""
    rows: list[dict[str, Any]] = []
    for option in scale.options:
        row: dict[str, Any] = {
            "key": option.key,
            "label": option.label(),
            "picture": option.picture,
            "colour": option.colour,
        }
        if option.description():
            row["description"] = option.description()
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False)


def scale_from_json(key: str, name: str, text: str, *, question: str | None = None) -> Scale:
    """Rebuild a stored custom scale, checking it as carefully as when it was made."""
    unreadable = _("The saved options for “{name}” could not be read").format(name=name)
    try:
        data = json.loads(text)
    except (TypeError, ValueError):
        raise ScaleError(
            _("{unreadable}: they are not valid JSON.").format(unreadable=unreadable)
        ) from None
    if not isinstance(data, list):
        raise ScaleError(
            _("{unreadable}: they should be a list of options.").format(unreadable=unreadable)
        )
    entries: list[_Entry] = []
    for position, row in enumerate(data, start=1):
        if not isinstance(row, dict) or not isinstance(row.get("label"), str):
            raise ScaleError(
                _("{unreadable}: option {position} has no label.").format(
                    unreadable=unreadable, position=position
                )
            )
        stored_key = row.get("key")
        description = row.get("description", "")
        if stored_key is not None and not isinstance(stored_key, str):
            raise ScaleError(
                _("{unreadable}: option {position} has a broken key.").format(
                    unreadable=unreadable, position=position
                )
            )
        entries.append(
            _Entry(
                label=row["label"],
                picture=row.get("picture", ""),
                colour=row.get("colour"),
                key=stored_key,
                description=description if isinstance(description, str) else "",
            )
        )
    return _build_custom(key, name, question, entries)
