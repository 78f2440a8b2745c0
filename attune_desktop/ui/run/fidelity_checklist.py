"""The short fidelity checklist a facilitator may answer at the end of a run, or later.

Three items (agenda shared, home practice reviewed, every parent had a turn), each a choice of
yes, no or not answered, saved the moment it is chosen as a fact about the session
(`FidelityService`; not answered is None, which the organisation's report leaves out). An item
never touched stays not answered, and an answer can always be taken back to not answered. It
sits under the run's end summary (`RunEndPanel`) and in the Sessions screen's "Fidelity
checklist…" dialog. Keyboard: Tab reaches each item's chosen answer, the arrow keys choose.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import N_, _
from attune_desktop.core.services.fidelity import CHECKLIST, FidelityService
from attune_desktop.ui.common.widgets import named

# Each item's answers, in the order shown: the stored value, its key and its words.
ANSWERS: tuple[tuple[bool | None, str, str], ...] = (
    (True, "yes", N_("Yes")),
    (False, "no", N_("No")),
    (None, "unanswered", N_("Not answered")),
)

_TABS = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)


class FidelityChecklist(QWidget):
    """The three items for one session; answers are saved as they are chosen."""

    def __init__(self, service: FidelityService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fidelityChecklist")
        self._service = service
        self._session_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(_("If you like, say what happened (facts about the session):")))
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        self.answers: dict[str, dict[bool | None, QRadioButton]] = {}
        for row, (name, label) in enumerate(CHECKLIST):
            words = _(label)
            grid.addWidget(QLabel(words), row, 0)
            group = QButtonGroup(self)  # one answer an item; arrow keys move within it
            self.answers[name] = {}
            for column, (value, key, answer) in enumerate(ANSWERS, start=1):
                button = named(QRadioButton(_(answer)), f"checklist_{name}_{key}")
                button.setAccessibleName(_("{item}: {answer}").format(item=words, answer=_(answer)))
                group.addButton(button)
                button.installEventFilter(self)
                button.toggled.connect(partial(self._on_toggled, name, value))
                self.answers[name][value] = button
                grid.addWidget(button, row, column)
        grid.setColumnStretch(len(ANSWERS) + 1, 1)
        layout.addLayout(grid)
        self.problem = named(QLabel(), "checklistProblem")
        self.problem.hide()
        layout.addWidget(self.problem)

    def show_for(self, session_id: int) -> None:
        """Load the session's answers (without saving them back) and show the items."""
        self._session_id = None  # no saving while the answers are set
        facts = self._service.get(session_id)
        for name, buttons in self.answers.items():
            value = getattr(facts, name)
            buttons[value if value is None else bool(value)].setChecked(True)
        self._session_id = session_id
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Tab into an item lands on its chosen answer, as in any radio group."""
        if (
            event.type() == QEvent.Type.FocusIn
            and isinstance(event, QFocusEvent)
            and event.reason() in _TABS
            and isinstance(watched, QRadioButton)
            and not watched.isChecked()
        ):
            group = watched.group()
            chosen = group.checkedButton() if group is not None else None
            if chosen is not None:
                chosen.setFocus(event.reason())
        return super().eventFilter(watched, event)

    def answer(self, name: str) -> bool | None:
        """The answer chosen for item `name` (None: not answered)."""
        return next(value for value, button in self.answers[name].items() if button.isChecked())

    def _on_toggled(self, name: str, value: bool | None, on: bool) -> None:
        if on:  # the answer chosen (the one left says nothing)
            self._save(name, value)

    def _save(self, name: str, value: bool | None) -> None:
        if self._session_id is None:
            return
        try:
            self._service.set_checklist(self._session_id, **{name: value})
        except AttuneError as exc:
            self.problem.setText(_("Could not save the answer: {problem}").format(problem=exc))
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
