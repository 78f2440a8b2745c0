"""Every dialog the app has, built as the app builds them (not run), for the tests that walk
them all (names, Tab, cells, fit). A new QDialog subclass belongs in `build_dialogs`:
tests/ui/test_tab_walk.py fails naming any subclass missing here."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog

from attune_desktop.ui.about import AboutDialog
from attune_desktop.ui.agenda.controller import AgendaController
from attune_desktop.ui.agenda.practice_picker import PracticePickerDialog
from attune_desktop.ui.backups.restore_dialog import RestoreDialog
from attune_desktop.ui.checkins.open_round_dialog import OpenRoundDialog
from attune_desktop.ui.checkins.scale_editor import ScaleEditorDialog
from attune_desktop.ui.checkins.tally_dialog import TallyDialog
from attune_desktop.ui.main_window import MainWindow
from attune_desktop.ui.organisation.join_dialog import JoinDialog
from attune_desktop.ui.organisation.sync_dialog import SyncDialog
from attune_desktop.ui.practices.add_to_session import AddToSessionDialog
from attune_desktop.ui.routines.copy_dialog import CopyToFamiliesDialog
from attune_desktop.ui.routines.pictogram_picker import PictogramPickerDialog
from attune_desktop.ui.routines.step_panel import StepPanel
from attune_desktop.ui.run.fidelity_checklist import ChecklistDialog
from attune_desktop.ui.run.presenter import PresenterWindow
from attune_desktop.ui.series.org_report_dialog import OrgReportDialog
from attune_desktop.ui.series.series_dialog import DateDialog, SeriesDialog
from attune_desktop.ui.shell import UiContext


def run_a_session(context: UiContext, window: MainWindow) -> PresenterWindow:
    """A session of today (welcome, practice, closing) opened in the presenter."""
    core = context.core
    session = core.sessions.create_session("Running", date=dt.date.today())
    for kind in ("welcome", "practice", "closing"):
        core.sessions.add_segment(session.id or 0, kind=kind)
    presenter = window.run_launcher.run_session(session.id)
    assert presenter is not None
    return presenter


def build_dialogs(context: UiContext, main_window: MainWindow) -> list[QDialog]:
    """One of each dialog over the starter content (a session of today with an open round)."""
    core = context.core
    session = core.sessions.create_session("Dialogs", date=dt.date.today())
    round_id = core.checkins.open_round(session.id or 0, "opening", "weather").id or 0
    practice = core.practices.list_practices()[0]
    dialogs: list[QDialog] = [
        AboutDialog(main_window),
        PracticePickerDialog(core.practices.list_practices(), main_window),
        SeriesDialog(main_window),
        DateDialog(main_window, "Move", "Move to", dt.date.today(), ask_theme=True),
        RestoreDialog(context, main_window),
        TallyDialog(core.checkins, round_id, parent=main_window),
        TallyDialog(core.checkins, session_id=session.id or 0, title="Tallies", parent=main_window),
        OpenRoundDialog(core.checkins, session.id or 0, parent=main_window),
        ScaleEditorDialog(core.checkins, parent=main_window),
        CopyToFamiliesDialog(core.families.list_families(), main_window),
        AddToSessionDialog(
            core.sessions,
            AgendaController(core.sessions, context.undo),
            practice.id or 0,
            practice.name,
            main_window,
        ),
        ChecklistDialog(core.fidelity, session.id or 0, "Dialogs", main_window),
        OrgReportDialog(context, main_window, dt.date.today()),
        JoinDialog(core.paths.home, main_window),
        SyncDialog(core, main_window),
    ]
    step_panel = main_window.page("routines").findChild(StepPanel)
    assert step_panel is not None
    dialogs.append(PictogramPickerDialog(step_panel._pictograms, step_panel.icons, main_window))
    return dialogs
