"""Opening a run: from the agenda builder's Run button, the Run session menu (F5), a rehearsal
(Shift+F5), or the offer to resume a run that a crash or power cut interrupted.

The presenter is a window of its own, not one kept above the main window, so the main window
(the Practices screen, the agenda) stays reachable during a run.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.core.kinds import SessionStatus
from attune_desktop.core.timer import away_label, format_clock
from attune_desktop.ui.common.widgets import message_box
from attune_desktop.ui.shell import UiContext

# The run windows (and Qt Multimedia, for the chimes) are imported on the first run, not at
# start-up: ~60 ms a facilitator who is only planning never needs.
if TYPE_CHECKING:
    from attune_desktop.ui.run.presenter import PresenterWindow
    from attune_desktop.ui.run.projector import ProjectorWindow

log = logging.getLogger(__name__)


class RunLauncher(QObject):
    """Owns the presenter window (one run at a time) and the resume offer."""

    practice_requested = Signal(int)  # the presenter asks for a practice on the Practices screen

    def __init__(self, context: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._context = context
        self._parent = parent
        self.presenter: PresenterWindow | None = None
        self.box: QMessageBox | None = None
        self.checklist_dialog: QWidget | None = None

    def rehearse_session(self, session_id: int | None) -> PresenterWindow | None:
        """A run that records nothing: the session stays planned and its plan unchanged."""
        return self.run_session(session_id, rehearsal=True)

    def run_session(
        self, session_id: int | None, *, again: bool = False, rehearsal: bool = False
    ) -> PresenterWindow | None:
        """Open the presenter on a session (resuming it if a run was interrupted).

        A session already delivered is run again only after the facilitator says so, since
        its recorded times are then replaced. A rehearsal replaces nothing, so it never asks.
        """
        if session_id is None:
            self._tell(_("Choose a session first"), _("Pick the session to run in Sessions."))
            return None
        if self.presenter is not None and self.presenter.isVisible():
            if self.presenter.run.session_id == session_id:
                self.presenter.raise_()
                self.presenter.activateWindow()
                return self.presenter
            self._tell(
                _("A session is already running"),
                _("“{session_title}” is running: end it or close its window first.").format(
                    session_title=self.presenter.run.session_title
                ),
            )
            return None
        if not again and not rehearsal and self._delivered(session_id):
            self._confirm_again(session_id)
            return None
        try:
            minutes = self._warning_minutes()
            run = self._context.core.runs.prepare(
                session_id, warning_minutes=minutes, rehearsal=rehearsal
            )
        except AttuneError as exc:
            self._tell(_("This session cannot run yet"), str(exc))
            return None
        from attune_desktop.ui.run.presenter import PresenterWindow

        # No parent: a window kept above the main window would lock the facilitator out of it.
        self.close_presenter()
        presenter = PresenterWindow(self._context, run)
        presenter.projector.configure_pacer(self._context.settings, presenter.chimes)
        presenter.summary_requested.connect(self.show_summary)
        presenter.practice_requested.connect(self.practice_requested)
        self.presenter = presenter
        presenter.resize(1280, 720)
        presenter.show()
        # A resumed run had its projector open: the room gets it back without asking.
        if run.projector_open or len(QGuiApplication.screens()) > 1:
            presenter.show_projector()
        presenter.tick()
        return presenter

    def close_presenter(self) -> None:
        """Close the presenter (the main window is closing): a run going on stays saved."""
        presenter, self.presenter = self.presenter, None
        if presenter is not None:
            presenter.close()
            presenter.deleteLater()

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
        text = _(
            "“{title}” has already been run. Running it again replaces the times "
            "recorded for it (planned vs actual)."
        ).format(title=title)
        question = QMessageBox.Icon.Question
        box = message_box(question, _("Run this session again?"), text, "runAgainBox", self._parent)
        again = box.addButton(_("Run again"), QMessageBox.ButtonRole.AcceptRole)
        again.setObjectName("runAgainButton")
        box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
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
        where = _("in “{segment_title}” with {left} left").format(
            segment_title=found.segment_title, left=left
        )
        if found.remaining_seconds < 0:
            where = _("in “{segment_title}”, {left} over time").format(
                segment_title=found.segment_title, left=left
            )

        away = away_label(found.away_seconds)
        if found.paused:
            clock = _("It was paused, so the clock waited the {away} the app was closed.").format(
                away=away
            )
        else:
            clock = _(
                "The app was closed for {away}, and the clock kept running meanwhile, "
                "as the room did: that time is counted."
            ).format(away=away)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Resume the session?"),
            _("“{session_title}” was left running. It is now {where}").format(
                session_title=found.session_title, where=where
            )
            + (_(" (paused).") if found.paused else ".")
            + _("\n\n{clock}\n\nResume it where it stopped, or end it as it is?").format(
                clock=clock
            ),
            QMessageBox.StandardButton.NoButton,
            self._parent,
        )
        box.setObjectName("resumeRunBox")
        resume = box.addButton(_("Resume"), QMessageBox.ButtonRole.AcceptRole)
        resume.setObjectName("resumeRunButton")
        end = box.addButton(_("End it"), QMessageBox.ButtonRole.DestructiveRole)
        end.setObjectName("endRunButton")
        box.addButton(_("Later"), QMessageBox.ButtonRole.RejectRole).setObjectName("laterRunButton")
        box.setDefaultButton(resume)

        def _on_clicked(button: object) -> None:
            if button is resume:
                self.run_session(found.session_id)
            elif button is end:
                try:
                    self._context.core.runs.abandon(found.session_id)
                except AttuneError as exc:
                    self._tell(_("Could not end the run"), str(exc))

        box.buttonClicked.connect(_on_clicked)
        self.box = box
        box.open()
        return box

    def show_summary(self, session_id: int | None) -> QWidget | None:
        """The planned-vs-actual summary in a print preview (print or save from there)."""
        from attune_desktop.ui.common.print_action import SheetPrinter

        if session_id is None:
            self._tell(_("Choose a session first"), _("Pick the session in Sessions."))
            return None
        owner = self.presenter or self._parent
        printer = SheetPrinter(owner, self._context.core, self._context.settings)
        printer.said.connect(lambda text: self._tell(_("Could not show the summary"), text))
        return printer.show("preview", "run-summary", {"session": session_id})

    def show_checklist(self, session_id: int | None) -> QWidget | None:
        """The selected session's fidelity checklist, to tick or change after the run."""
        from attune_desktop.ui.run.fidelity_checklist import ChecklistDialog

        if session_id is None:
            self._tell(_("Choose a session first"), _("Pick the session in Sessions."))
            return None
        try:
            title = self._context.core.sessions.get_session(session_id).title
        except AttuneError as exc:
            self._tell(_("Could not show the checklist"), str(exc))
            return None
        dialog = ChecklistDialog(self._context.core.fidelity, session_id, title, self._parent)
        self.checklist_dialog = dialog
        dialog.open()
        return dialog

    def _warning_minutes(self) -> float:
        return max(0.0, self._context.settings.number("run/warning_minutes"))

    def _tell(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self._parent)
        box.setObjectName("runMessageBox")
        self.box = box
        box.open()
