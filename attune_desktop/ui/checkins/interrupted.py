"""Telling the facilitator, on the next start, that a round open at a crash lost its answers.

An open round's answers live in memory only (so no file can give their order); if the app
stopped mid-round they are gone. The round is still open, empty: this says so plainly, once.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from attune_desktop.core.i18n import _
from attune_desktop.core.services.checkins import CheckInService, round_title


def tell_about_interrupted_rounds(parent: QWidget, service: CheckInService) -> QMessageBox | None:
    """A non-blocking message listing the rounds whose answers were lost, or None."""
    lost = service.interrupted_rounds()
    if not lost:
        return None
    names = "\n".join(
        f"• {round_title(item.round)} ({item.session_title}"
        + (f", {item.session_date})" if item.session_date else ")")
        for item in lost
    )
    box = QMessageBox(
        QMessageBox.Icon.Information,
        _("Check-in answers were lost"),
        _(
            "Attune Desktop stopped while a check-in round was open:\n{0}\n\n"
            "Answers are kept only in memory until a round is closed, so that nothing saved can "
            "tell their order; the answers given before it stopped are lost. The round is "
            "open again with no answers: ask the room again, or delete the round."
        ).format(names),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("interruptedRoundsMessage")
    service.acknowledge_interrupted()
    box.open()
    return box
