"""The paper tally: the facilitator types how many held up each card (or dropped each token).

The one tally dialog, for both cases: during a round (counts added to its answers in memory,
`CheckInService.set_tally`) and after a session (its opening and closing rounds typed in from
paper, `CheckInService.record_paper_rounds`, undone together). The fields start empty, never
with the answers so far. Every field is checked before anything is saved; a bad one gets its
own message beside it and nothing changes.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core.checkin_rules import MAX_COUNT, RuleError
from attune_desktop.core.checkin_scales import DEFAULT_SCALE_KEY
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.core.models import RoundMoment
from attune_desktop.core.services.checkins import MOMENT_LABELS, CheckInService
from attune_desktop.ui.checkins.commands import RecordTallies
from attune_desktop.ui.checkins.pictures import Pictures
from attune_desktop.ui.common.widgets import named

WHOLE = re.compile(r"\d{1,6}")
AFTER_MOMENTS = (RoundMoment.OPENING, RoundMoment.CLOSING)
FieldKey = str | tuple[str, str]  # an option (during a round), or (moment, option) after


class TallyDialog(QDialog):
    """Counts per option for one open round (`round_id`), or for a session's opening and
    closing rounds typed in afterwards (`session_id`). `saved` after the service took them;
    `recorded` carries the undo command of an after-the-session tally."""

    saved = Signal()
    recorded = Signal(object)  # RecordTallies, for the undo stack

    def __init__(
        self,
        service: CheckInService,
        round_id: int | None = None,
        pictures: Pictures | None = None,
        parent: QWidget | None = None,
        *,
        session_id: int | None = None,
        title: str = "",
        scale_key: str = DEFAULT_SCALE_KEY,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tallyDialog")
        self._service, self._round_id, self._session_id = service, round_id, session_id
        pictures = pictures or Pictures()
        if round_id is not None:
            scale_key = service.get_round(round_id).scale_key
        scale = service.scale(scale_key)
        self._scale = scale
        self._fault: FieldKey | None = None  # the field a refusal is about
        self._moments: tuple[str, ...] = (
            () if round_id is not None else tuple(m.value for m in AFTER_MOMENTS)
        )
        self.setWindowTitle(_("Paper tally") if round_id else _("Check-in tallies"))
        form = QFormLayout()
        self.fields: dict[FieldKey, QLineEdit] = {}
        if self._moments:
            heads = QWidget()
            heads_layout = QHBoxLayout(heads)
            heads_layout.setContentsMargins(0, 0, 0, 0)
            for moment in self._moments:
                heads_layout.addWidget(QLabel(f"<b>{_(MOMENT_LABELS[moment])}</b>"))
            form.addRow(QLabel(""), heads)
        for option in scale.options:
            row = QWidget()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            picture = QLabel()
            picture.setPixmap(pictures.pixmap(option.picture, 28))
            row_layout.addWidget(picture)
            row_layout.addWidget(QLabel(option.label()), 1)
            boxes = QWidget()
            boxes_layout = QHBoxLayout(boxes)
            boxes_layout.setContentsMargins(0, 0, 0, 0)
            keys: list[FieldKey] = (
                [(m, option.key) for m in self._moments] if self._moments else [option.key]
            )
            for key in keys:
                name = f"tally_{key[0]}_{key[1]}" if isinstance(key, tuple) else f"tally_{key}"
                field = named(QLineEdit(), name)
                field.setPlaceholderText("0")
                field.setMaxLength(6)
                when = f" ({_(MOMENT_LABELS[key[0]]).lower()})" if isinstance(key, tuple) else ""
                field.setAccessibleName(
                    _("How many chose {label}{when}").format(label=option.label(), when=when)
                )
                boxes_layout.addWidget(field)
                self.fields[key] = field
            form.addRow(row, boxes)
        self.replace = named(QRadioButton(_("These are all the answers")), "tallyReplace")
        self.add = named(
            QRadioButton(_("Add these to answers already given on the kiosk or phones")), "tallyAdd"
        )
        self.add.setChecked(True)
        self.message = named(QLabel(), "tallyMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "error")  # the theme's warm words
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("tallyButtons")
        buttons.button(QDialogButtonBox.StandardButton.Save).setObjectName("tallyOk")
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _("{question}\nType how many chose each answer. Leave a field empty for 0.").format(
                question=scale.question()
            )
        )
        if self._moments:
            intro.setText(
                _(
                    "“{title}”: how many chose each answer on paper ({name}). Only the "
                    "numbers are kept; a round with too few answers stays hidden in every "
                    "result. This replaces an earlier tally for the session."
                ).format(title=title, name=scale.name())
            )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.add)
        layout.addWidget(self.replace)
        self.add.setVisible(not self._moments)
        self.replace.setVisible(not self._moments)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def counts(self, moment: str | None = None) -> dict[str, int]:
        """The typed counts (of one moment, after a session); raises RuleError naming the
        first field that is not a count."""
        counts: dict[str, int] = {}
        for option in self._scale.options:
            key: FieldKey = (moment, option.key) if moment else option.key
            typed = self.fields[key].text().strip()
            if not typed:
                counts[option.key] = 0
            elif not WHOLE.fullmatch(typed):
                self._fault = key
                raise RuleError(
                    _(
                        "The count for “{label}” must be a whole number, from 0 to {MAX_COUNT}."
                    ).format(label=option.label(), MAX_COUNT=MAX_COUNT),
                    option_key=option.key,
                )
            else:
                counts[option.key] = int(typed)
        return counts

    def _on_save(self) -> None:
        self._fault = None
        try:
            if self._round_id is not None:
                self._service.set_tally(self._round_id, self.counts(), add=self.add.isChecked())
            else:
                self._record_after_session()
        except RuleError as refused:
            self._show_refusal(str(refused), self._fault or refused.option_key)
            return
        except AttuneError as refused:
            self._show_refusal(str(refused), None)
            return
        self.saved.emit()
        self.accept()

    def _record_after_session(self) -> None:
        assert self._session_id is not None
        tallies = {moment: self.counts(moment) for moment in self._moments}
        record = self._service.record_paper_rounds(
            self._session_id, tallies, scale_key=self._scale.key
        )
        self.recorded.emit(RecordTallies(self._service, record, tallies, self._scale.key))

    def _show_refusal(self, message: str, option_key: FieldKey | None) -> None:
        self.message.setText(message)
        for key, field in self.fields.items():
            field.setStyleSheet("border: 2px solid #b8741a;" if key == option_key else "")
        if option_key is not None and option_key in self.fields:
            self.fields[option_key].setFocus()
            self.fields[option_key].selectAll()
