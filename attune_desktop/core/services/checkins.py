"""Check-in rounds: anonymous counts per option, never a row per person."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from attune_desktop.core.models import CheckInRound, Session
from attune_desktop.core.services.base import Service


@dataclass(frozen=True)
class RoundListing:
    round: CheckInRound
    session_title: str
    session_date: str


class CheckInService(Service):
    def list_rounds(self) -> list[RoundListing]:
        """Every round with the session it belongs to, newest session first."""
        with self._db.session() as db:
            query = (
                select(CheckInRound, Session)
                .join(Session, col(CheckInRound.session_id) == col(Session.id))
                .order_by(col(Session.date).desc(), col(CheckInRound.position))
            )
            return [
                RoundListing(
                    round=round_,
                    session_title=session.title,
                    session_date=session.date.isoformat() if session.date else "",
                )
                for round_, session in db.exec(query)
            ]
