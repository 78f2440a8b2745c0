"""Opening a run: from the agenda builder's Run button, the Run session menu (F5), or the
offer to resume a run that a crash or power cut interrupted."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.models import SessionStatus
from attune_desktop.core.timer import format_clock
from attune_desktop.ui.shell import UiContext

# The run windows (and Qt Multimedia, for the chimes) are imported on the first run, not at
# start-up: ~60 ms a facilitator who is only planning never needs.
if TYPE_CHECKING:
    from attune_desktop.ui.run.presenter import PresenterWindow
    from attune_desktop.ui.run.projector import ProjectorWindow

log = logging.getLogger(__name__)


class RunLauncher(QObject):
    """Owns the presenter window (one run at a time) and the resume offer."""

    def __init__(self, context: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._context = context
        self._parent = parent
        self.presenter: PresenterWindow | None = None
        self.box: QMessageBox | None = None

    def run_session(self, session_id: int | None, *, again: bool = False) -> PresenterWindow | None:
        """Open the presenter on a session (resuming it if a run was interrupted).

        A session already delivered is run again only after the facilitator says so, since
        its recorded times are then replaced.
        """
        if session_id is None:
            self._tell("Choose a session first", "Pick the session to run in Sessions.")
            return None
        if self.presenter is not None and self.presenter.isVisible():
            if self.presenter.run.session_id == session_id:
                self.presenter.raise_()
                self.presenter.activateWindow()
                return self.presenter
            self._tell(
                "A session is already running",
                f"“{self.presenter.run.session_title}” is running: end it or close its window "
                "first.",
            )
            return None
        if not again and self._delivered(session_id):
            self._confirm_again(session_id)
            return None
        try:
            minutes = self._warning_minutes()
            run = self._context.core.runs.prepare(session_id, warning_minutes=minutes)
        except AttuneError as exc:
            self._tell("This session cannot run yet", str(exc))
            return None
        from attune_desktop.ui.run.presenter import PresenterWindow

        presenter = PresenterWindow(self._context, run, parent=self._parent)
        presenter.projector.configure_pacer(self._context.settings, presenter.chimes)
        presenter.summary_requested.connect(self.show_summary)
        self.presenter = presenter
        presenter.resize(1280, 720)
        presenter.show()
        if len(QGuiApplication.screens()) > 1:
            presenter.show_projector()
        presenter.tick()
        return presenter

    def live_projector(self) -> ProjectorWindow | None:
        """The projector of the run in progress, shown, or None when nothing is running."""
        presenter = self.presenter
        if presenter is None or not presenter.isVisible():
            return None
        presenter.show_projector()
        return presenter.projector

    def _delivered(self, session_id: int) -> bool:
        try:
            status = self._context.core.sessions.get_session(session_id).status
        except AttuneError:
            return False  # prepare() will say what is wrong
        return status == SessionStatus.DELIVERED

    def _confirm_again(self, session_id: int) -> None:
        title = self._context.core.sessions.get_session(session_id).title
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Run this session again?",
            f"“{title}” has already been run. Running it again replaces the times recorded "
            "for it (planned vs actual).",
            QMessageBox.StandardButton.NoButton,
            self._parent,
        )
        box.setObjectName("runAgainBox")
        again = box.addButton("Run again", QMessageBox.ButtonRole.AcceptRole)
        again.setObjectName("runAgainButton")
        box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(
            lambda button: self.run_session(session_id, again=True) if button is again else None
        )
        self.box = box
        box.open()

    def offer_resume(self) -> QMessageBox | None:
        """If a session was left running, ask whether to carry on where it stopped."""
        try:
            found = self._context.core.runs.interrupted()
        except AttuneError as exc:
            log.warning("could not look for an interrupted run: %s", exc)
            return None
        if found is None:
            return None
        left = format_clock(found.remaining_seconds)
        where = f"during “{found.segment_title}” with {left} left"
        if found.remaining_seconds < 0:
            where = f"during “{found.segment_title}”, {left} over time"
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Resume the session?",
            f"“{found.session_title}” was still running {where}"
            + (" (paused)." if found.paused else ".")
            + "\n\nResume it where it stopped, or end it as it is?",
            QMessageBox.StandardButton.NoButton,
            self._parent,
        )
        box.setObjectName("resumeRunBox")
        resume = box.addButton("Resume", QMessageBox.ButtonRole.AcceptRole)
        resume.setObjectName("resumeRunButton")
        end = box.addButton("End it", QMessageBox.ButtonRole.DestructiveRole)
        end.setObjectName("endRunButton")
        box.addButton("Later", QMessageBox.ButtonRole.RejectRole).setObjectName("laterRunButton")
        box.setDefaultButton(resume)

        def _on_clicked(button: object) -> None:
            if button is resume:
                self.run_session(found.session_id)
            elif button is end:
                try:
                    self._context.core.runs.abandon(found.session_id)
                except AttuneError as exc:
                    self._tell("Could not end the run", str(exc))

        box.buttonClicked.connect(_on_clicked)
        self.box = box
        box.open()
        return box

    def show_summary(self, session_id: int | None) -> None:
        """The planned-vs-actual summary in a print preview (print or save from there)."""
        from attune_desktop.printing.run_summary import preview_run_summary

        if session_id is None:
            self._tell("Choose a session first", "Pick the session in Sessions.")
            return
        try:
            preview_run_summary(self.presenter or self._parent, self._context.core.runs, session_id)
        except AttuneError as exc:
            self._tell("Could not show the summary", str(exc))

    def _warning_minutes(self) -> float:
        try:
            return max(0.0, float(self._context.settings.value("run/warning_minutes", 2)))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return 2.0

    def _tell(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self._parent)
        box.setObjectName("runMessageBox")
        self.box = box
        box.open()
