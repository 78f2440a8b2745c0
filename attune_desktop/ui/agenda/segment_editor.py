"""The form for one segment. Every change is saved as it is made, through the controller."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core import validation
from attune_desktop.core.models import Segment
from attune_desktop.ui.agenda.agenda_model import KIND_LABELS
from attune_desktop.ui.agenda.controller import AgendaController
from attune_desktop.ui.common.widgets import named

TYPING_PAUSE_MS = 600


class SegmentEditor(QWidget):
    """Edits the selected segment; shows a refused edit's message beside the form."""

    def __init__(self, controller: AgendaController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("segmentEditor")
        self._controller = controller
        self._segment: Segment | None = None
        self._loading = False

        self.kind = named(QComboBox(), "segmentKind")
        for key, label in KIND_LABELS.items():
            self.kind.addItem(label, key)
        self.title = named(QLineEdit(), "segmentTitle")
        self.title.setMaxLength(validation.TITLE_MAX)
        self.title.setPlaceholderText("What the room sees, e.g. “Breathing together”")
        self.minutes = named(QSpinBox(), "segmentMinutes")
        self.minutes.setRange(validation.MIN_MINUTES, validation.MAX_MINUTES)
        self.minutes.setSuffix(" min")
        self.fixed = named(QCheckBox("Fixed (never shortened when running late)"), "segmentFixed")
        self.practice = QLabel()
        self.practice.setProperty("role", "subtitle")
        self.notes = named(QPlainTextEdit(), "segmentNotes")
        self.notes.setPlaceholderText(
            "Facilitator notes and script (never shown to the room). "
            "**bold**, *italic* and “- ” lists print formatted."
        )
        self.materials = named(QPlainTextEdit(), "segmentMaterials")
        self.materials.setPlaceholderText("Materials, one per line")
        self.materials.setMaximumHeight(80)
        self.message = named(QLabel(), "segmentMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)

        format_bar = QHBoxLayout()
        for label, tip, marker, key in (
            ("B", "Bold (Ctrl+B)", "**", "Ctrl+B"),
            ("I", "Italic (Ctrl+I)", "*", "Ctrl+I"),
        ):
            button = QToolButton()
            button.setText(label)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, m=marker: self._wrap_selection(m))
            QShortcut(QKeySequence(key), self.notes, lambda m=marker: self._wrap_selection(m))
            format_bar.addWidget(button)
        bullet = QToolButton()
        bullet.setText("•")
        bullet.setToolTip("Bulleted line")
        bullet.clicked.connect(self._bullet_line)
        format_bar.addWidget(bullet)
        format_bar.addStretch(1)

        form = QFormLayout()
        form.addRow("&Kind", self.kind)
        form.addRow("&Title", self.title)
        form.addRow("&Minutes", self.minutes)
        form.addRow("", self.fixed)
        form.addRow("", self.practice)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        notes_label = QLabel("&Notes and script")
        notes_label.setBuddy(self.notes)
        layout.addWidget(notes_label)
        layout.addLayout(format_bar)
        layout.addWidget(self.notes, 1)
        materials_label = QLabel("M&aterials")
        materials_label.setBuddy(self.materials)
        layout.addWidget(materials_label)
        layout.addWidget(self.materials)
        layout.addWidget(self.message)

        self._typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.commit_text)
        self.kind.activated.connect(lambda _i: self._save("kind", self.kind.currentData()))
        self.title.editingFinished.connect(lambda: self._save("title", self.title.text()))
        self.minutes.valueChanged.connect(lambda v: self._save("planned_minutes", v))
        self.fixed.toggled.connect(lambda on: self._save("fixed", on))
        self.notes.textChanged.connect(self._on_typing)
        self.materials.textChanged.connect(self._on_typing)
        self.set_segment(None)

    def set_segment(self, segment: Segment | None, practice_name: str = "") -> None:
        """Show a segment (or nothing); keeps the cursor if it is the same segment again."""
        same = segment is not None and self._segment is not None and segment.id == self._segment.id
        if same and self._typing.isActive():
            self._segment = segment
            return
        self.commit_text()
        self._segment = segment
        self._loading = True
        try:
            self.setEnabled(segment is not None)
            self.message.clear()
            if segment is None:
                for edit in (self.title, self.notes, self.materials):
                    edit.clear()
                self.practice.clear()
                return
            self.kind.setCurrentIndex(max(self.kind.findData(segment.kind), 0))
            if not (same and self.title.hasFocus()):
                self.title.setText(segment.title)
                self.title.home(False)  # show a long title's beginning, not its end
            self.minutes.setValue(segment.planned_minutes)
            self.fixed.setChecked(segment.fixed)
            self.practice.setText(
                f"From the practice library: {practice_name}" if practice_name else ""
            )
            for edit, text in ((self.notes, segment.notes), (self.materials, segment.materials)):
                if not (same and edit.hasFocus()):
                    _set_plain(edit, text)
        finally:
            self._loading = False

    def commit_text(self) -> None:
        """Save pending typing now (also called when the selection moves away)."""
        self._typing.stop()
        if self._segment is None:
            return
        if self.notes.toPlainText().strip() != self._segment.notes:
            self._save("notes", self.notes.toPlainText())
        if self.materials.toPlainText().strip() != self._segment.materials:
            self._save("materials", self.materials.toPlainText())

    def _on_typing(self) -> None:
        if not self._loading:
            self._typing.start()

    def _save(self, field: str, value: Any) -> None:
        if self._loading or self._segment is None or self._segment.id is None:
            return
        error = self._controller.edit_segment(self._segment.id, field, value)
        self.message.setText(error or "")
        if error and field == "title":
            self.title.setText(self._segment.title)

    def _wrap_selection(self, marker: str) -> None:
        cursor = self.notes.textCursor()
        text = cursor.selectedText() or "text"
        cursor.insertText(f"{marker}{text}{marker}")
        self.notes.setTextCursor(cursor)

    def _bullet_line(self) -> None:
        cursor = self.notes.textCursor()
        cursor.movePosition(cursor.MoveOperation.StartOfBlock)
        cursor.insertText("- ")


def _set_plain(edit: QPlainTextEdit, text: str) -> None:
    if edit.toPlainText().strip() != text:
        edit.setPlainText(text)
        edit.moveCursor(edit.textCursor().MoveOperation.Start)
