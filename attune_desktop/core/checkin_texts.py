"""The few words the room sees around a check-in (phone, kiosk, projector), in its language.

The scales carry their own words; these are the sentences around them, asked for by a short
key. The translations are the room's gettext catalogues (core.i18n, `room.po`); a language we
do not write in falls back to English.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from attune_desktop.core.i18n import RoomWords, room_text

# What the phone, the kiosk and the projector say, by key (the English is the catalogue's key).
SENTENCES: Final[Mapping[str, RoomWords]] = MappingProxyType(
    {
        "phone": RoomWords("Answer on your phone"),
        "or_go": RoomWords("or go to"),
        "and_code": RoomWords("and type the code"),
        "thank_you": RoomWords("Thank you"),
        "too_few": RoomWords(
            "Fewer than {n} answered, so results stay hidden to keep everyone anonymous."
        ),
        "answered": RoomWords("{n} answered"),
        "pinned": RoomWords(
            "Just enough answered that small numbers could be worked out, so results stay "
            "hidden to keep everyone anonymous."
        ),
        "small": RoomWords("fewer than 2"),
        "open": RoomWords("Results appear when the round is closed."),
        "kiosk_closed": RoomWords("This check-in has closed. Thank you."),
        "title": RoomWords("Check-in"),
        "tap": RoomWords("Tap one picture. Nobody will know which one you chose."),
        "thanks": RoomWords("Thank you. Your answer was counted."),
        "already": RoomWords("You have already answered this check-in. Thank you."),
        "full": RoomWords("This check-in is full: it has every answer it can take. Thank you."),
        "closed": RoomWords("This check-in has closed. Thank you."),
        "code": RoomWords("Type the code shown on the screen"),
        "join": RoomWords("Join"),
        "wrong_code": RoomWords("That code does not match an open check-in."),
        "refused": RoomWords(
            "That did not work; nothing was counted. Please reload and try again."
        ),
        "busy": RoomWords("Many answers at once. Please wait a moment and try again."),
    }
)


def text(lang: str, key: str, **values: object) -> str:
    """A room text in `lang` (English when we have none), with `{name}` values filled in."""
    sentence = SENTENCES[key]
    words = room_text(lang, sentence.message, sentence.context)
    return words.format(**values) if values else words
