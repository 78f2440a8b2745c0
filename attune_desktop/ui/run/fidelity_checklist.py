"""The short fidelity checklist a facilitator may tick at the end of a run, or later.

Three boxes (agenda shared, home practice reviewed, every parent had a turn), each saved the
moment it is ticked or unticked, as a fact about the session (`FidelityService`); a box never
touched stays unanswered. It sits under the run's end summary (`RunEndPanel`) and in the
Sessions screen's "Fidelity checklist…" dialog.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.core.services.fidelity import CHECKLIST, FidelityService
from attune_desktop.ui.common.widgets import named


class FidelityChecklist(QWidget):
    """The three boxes for one session; ticks are saved as they are made."""

    def __init__(self, service: FidelityService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fidelityChecklist")
        self._service = service
        self._session_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(_("If you like, tick what happened (facts about the session):")))
        self.boxes: dict[str, QCheckBox] = {}
        row = QHBoxLayout()
        for name, label in CHECKLIST:
            box = named(QCheckBox(_(label)), f"checklist_{name}")
            box.toggled.connect(lambda ticked, key=name: self._save(key, ticked))
            self.boxes[name] = box
            row.addWidget(box)
        row.addStretch(1)
        layout.addLayout(row)
        self.problem = named(QLabel(), "checklistProblem")
        self.problem.hide()
        layout.addWidget(self.problem)

    def show_for(self, session_id: int) -> None:
        """Load the session's ticks (without saving them back) and show the boxes."""
        self._session_id = None  # no saving while the boxes are set
        facts = self._service.get(session_id)
        for name, box in self.boxes.items():
            box.setChecked(bool(getattr(facts, name)))
        self._session_id = session_id
        self.show()

    def _save(self, name: str, ticked: bool) -> None:
        if self._session_id is None:
            return
        try:
            self._service.set_checklist(self._session_id, **{name: ticked})
        except AttuneError as exc:
            self.problem.setText(_("Could not save the tick: {problem}").format(problem=exc))
            self.problem.show()


class RunEndPanel(QWidget):
    """What the presenter shows once a run ends: the summary, its button and the checklist."""

    def __init__(self, service: FidelityService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = named(QLabel(), "runSummary")
        self.summary.setWordWrap(True)
        self.summary_button = named(QPushButton(_("Planned vs actual…")), "runSummaryButton")
        self.summary_button.setProperty("role", "primary")
        self.summary_button.hide()
        self.checklist = FidelityChecklist(service)
        self.checklist.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.summary, 1)
        row.addWidget(self.summary_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.checklist)


class ChecklistDialog(QDialog):
    """The checklist of a session already run, from the Sessions screen."""

    def __init__(
        self, service: FidelityService, session_id: int, title: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checklistDialog")
        self.setWindowTitle(_("Fidelity checklist · {title}").format(title=title))
        self.checklist = FidelityChecklist(service)
        self.checklist.show_for(session_id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.checklist)
        layout.addWidget(buttons)
