"""An open round's answers, held in memory only and written to disk once, when it closes.

While a round is open nothing about its answers reaches the database, its write-ahead log,
a backup or a log: an answer is one `+= 1` on a count in this object. Closing writes the
final counts in one commit. The price: if the app stops mid-round, the answers so far are
lost (the facilitator is told on the next start and asks again). See
docs/decisions/0008-one-answer-per-phone.md.

Which clients answered is a set of opaque keys (the phone server gives a keyed digest of an
address, never the address), kept for the life of the round and forgotten when it closes, so
one phone gets one answer even when it drops its cookies.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Final

from attune_desktop.core.checkin_rules import MAX_COUNT, RuleError
from attune_desktop.core.i18n import _

DEFAULT_CAP: Final = 20  # when neither the session's attendance nor the circle's size is known
MAX_CAP: Final = 999


class AlreadyAnsweredError(RuleError):
    """This client has already answered this round; nothing was counted."""


class CapReachedError(RuleError):
    """The round already holds as many answers as its cap allows; nothing was counted."""


@dataclass
class LiveRound:
    """Counts per option and who has answered (as opaque keys), for one open round."""

    counts: dict[str, int]
    cap: int
    clients: set[Hashable] = field(default_factory=set)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def has_answered(self, client: Hashable | None) -> bool:
        return client is not None and client in self.clients

    def add(self, option_key: str, client: Hashable | None = None) -> None:
        """One answer; `client` None is a shared device (the kiosk), counted up to the cap."""
        if option_key not in self.counts:
            raise RuleError(_("That answer is not an option of this round."))
        if self.has_answered(client):
            raise AlreadyAnsweredError(_("This phone has already answered this round."))
        if self.total >= self.cap:
            raise CapReachedError(
                _("This round already has {cap} answers, as many as it allows.").format(
                    cap=self.cap
                )
            )
        if self.counts[option_key] >= MAX_COUNT:
            raise RuleError(
                _("No more than {max_count} answers can be counted for one option.").format(
                    max_count=MAX_COUNT
                )
            )
        self.counts[option_key] += 1
        if client is not None:
            self.clients.add(client)

    def set_tally(self, tally: Mapping[str, int], *, add: bool) -> None:
        """Counts typed from paper: added to the answers so far, or replacing them."""
        after = {k: (self.counts[k] if add else 0) + tally.get(k, 0) for k in self.counts}
        for key, count in after.items():
            if count > MAX_COUNT:
                raise RuleError(
                    _("With these added, one option would pass {max_count}.").format(
                        max_count=MAX_COUNT
                    ),
                    option_key=key,
                )
        if sum(after.values()) > self.cap:
            raise CapReachedError(
                _(
                    "That makes more than {cap} answers, the most this round allows. Raise "
                    "the cap when opening a round for a bigger group."
                ).format(cap=self.cap)
            )
        self.counts = after

    def forget_clients(self) -> None:
        self.clients.clear()
