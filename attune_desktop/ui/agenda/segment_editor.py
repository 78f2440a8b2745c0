"""The form for one segment. Every change is saved as it is made, through the controller.

Ctrl+Z in any of its fields is the Edit menu's Undo: typing still pending is saved first, as a
step of its own (see ui/common/undo_keys.py). Tab moves between the fields, never into the text.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
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

from attune_desktop.core import notes_markup, validation
from attune_desktop.core.i18n import _
from attune_desktop.core.models import Segment
from attune_desktop.ui.agenda.agenda_model import KIND_LABELS
from attune_desktop.ui.agenda.controller import AgendaController
from attune_desktop.ui.common.form_binding import FormBinding
from attune_desktop.ui.common.undo_keys import route_undo_to_app
from attune_desktop.ui.common.widgets import buddy_label, named


class SegmentEditor(QWidget):
    """Edits the selected segment; shows a refused edit's message beside the form."""

    def __init__(self, controller: AgendaController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("segmentEditor")
        self._controller = controller
        self._segment: Segment | None = None
        self._form = FormBinding(self, self.commit_text)
        self._pending = False  # typed and not saved yet
        self._title_typed = False  # typed since last saved (a refresh must not wipe it)

        self.kind = named(QComboBox(), "segmentKind")
        for key, label in KIND_LABELS.items():
            self.kind.addItem(_(label), key)
        self.title = named(QLineEdit(), "segmentTitle")
        self.title.setMaxLength(validation.TITLE_MAX)
        self.title.setPlaceholderText(_("What the room sees, e.g. “Breathing together”"))
        self.minutes = named(QSpinBox(), "segmentMinutes")
        self.minutes.setRange(validation.MIN_MINUTES, validation.MAX_MINUTES)
        self.minutes.setSuffix(_(" min"))
        # short, so the Sessions screen fits a 1280 px window; the tooltip says the rest
        self.fixed = named(QCheckBox(_("Fixed: never shortened")), "segmentFixed")
        self.fixed.setToolTip(_("A fixed segment keeps its minutes when the run is late"))
        self.share_script = named(
            QCheckBox(_("Share this script with the organisation")), "segmentShareScript"
        )
        self.share_script.setToolTip(
            _(
                "When this laptop syncs with its organisation, the script goes too; otherwise "
                "notes and scripts never leave this computer"
            )
        )
        self.practice = QLabel()
        self.practice.setProperty("role", "subtitle")
        self.notes = named(QPlainTextEdit(), "segmentNotes")
        self.notes.setPlaceholderText(
            _(
                "Facilitator notes and script (never shown to the room). "
                "**bold**, *italic* and “- ” lists print formatted."
            )
        )
        self.materials = named(QPlainTextEdit(), "segmentMaterials")
        self.materials.setPlaceholderText(_("Materials, one per line"))
        self.materials.setMaximumHeight(80)
        self.message = named(QLabel(), "segmentMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)

        for edit in (self.notes, self.materials):
            edit.setTabChangesFocus(True)  # Tab moves on; the notes never fill with tabs
        format_bar = QHBoxLayout()
        for label, name, tip, marker, key in (
            ("B", "boldButton", _("Bold (Ctrl+B)"), notes_markup.BOLD, "Ctrl+B"),
            ("I", "italicButton", _("Italic (Ctrl+I)"), notes_markup.ITALIC, "Ctrl+I"),
        ):
            button = named(QToolButton(), name)
            button.setText(label)
            look = button.font()
            look.setBold(marker == notes_markup.BOLD)
            look.setItalic(marker == notes_markup.ITALIC)
            button.setFont(look)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            # The mouse's way in; the keyboard has Ctrl+B and Ctrl+I in the notes, so Tab
            # never stops here (a space typed on a focused B would press it).
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, m=marker: self._toggle_marker(m))
            shortcut = QShortcut(QKeySequence(key), self.notes)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda m=marker: self._toggle_marker(m))
            format_bar.addWidget(button)
        bullet = named(QToolButton(), "bulletButton")
        bullet.setText("•")
        bullet.setToolTip(_("Bulleted line"))
        bullet.setAccessibleName(_("Bulleted line"))
        bullet.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        bullet.clicked.connect(self._bullet_line)
        format_bar.addWidget(bullet)
        format_bar.addStretch(1)

        form = QFormLayout()
        form.addRow(_("&Kind"), self.kind)
        form.addRow(_("&Title"), self.title)
        form.addRow(_("&Minutes"), self.minutes)
        form.addRow("", self.fixed)
        form.addRow("", self.practice)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(buddy_label(_("&Notes and script"), self.notes))
        layout.addLayout(format_bar)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.share_script)
        layout.addWidget(buddy_label(_("M&aterials"), self.materials))
        layout.addWidget(self.materials)
        layout.addWidget(self.message)

        self.kind.activated.connect(lambda _i: self._save("kind", self.kind.currentData()))
        self.title.textEdited.connect(lambda _t: setattr(self, "_title_typed", True))
        self.title.editingFinished.connect(self._commit_title)
        self.minutes.valueChanged.connect(lambda v: self._save("planned_minutes", v))
        self.fixed.toggled.connect(lambda on: self._save("fixed", on))
        self.share_script.toggled.connect(lambda on: self._save("share_script", on))
        self.notes.textChanged.connect(self._on_typing)
        self.materials.textChanged.connect(self._on_typing)
        for before, after in (
            (self.kind, self.title),
            (self.title, self.minutes),
            (self.minutes, self.fixed),
            (self.fixed, self.notes),
            (self.notes, self.share_script),
            (self.share_script, self.materials),
        ):
            QWidget.setTabOrder(before, after)
        route_undo_to_app(
            controller.undo, self.commit_text, self.title, self.minutes, self.notes, self.materials
        )
        self.set_segment(None)

    def set_segment(self, segment: Segment | None, practice_name: str = "") -> None:
        """Show a segment (or nothing); keeps the cursor if it is the same segment again."""
        same = segment is not None and self._segment is not None and segment.id == self._segment.id
        if same and self._pending:
            self._segment = segment
            return
        self.commit_text()
        self._segment = segment
        with self._form.filling():
            self.setEnabled(segment is not None)
            self.message.clear()
            if segment is None:
                for edit in (self.title, self.notes, self.materials):
                    edit.clear()
                self.practice.clear()
                return
            self.kind.setCurrentIndex(max(self.kind.findData(segment.kind), 0))
            if not (same and self._title_typed) and self.title.text() != segment.title:
                self.title.setText(segment.title)
                self.title.home(False)  # show a long title's beginning, not its end
            self.minutes.setValue(segment.planned_minutes)
            self.fixed.setChecked(segment.fixed)
            self.share_script.setChecked(segment.share_script)
            self.practice.setText(
                _("From the practice library: {practice_name}").format(practice_name=practice_name)
                if practice_name
                else ""
            )
            # typing still pending returned early above, so this shows an undo's result too
            for edit, text in ((self.notes, segment.notes), (self.materials, segment.materials)):
                _set_plain(edit, text)

    def commit_text(self) -> None:
        """Save pending typing now (also called when the selection moves away)."""
        pending, self._pending = self._pending, False
        self._form.stop()
        if self._segment is None:
            return
        if self._title_typed:
            self._commit_title()
        if not pending:  # nothing typed since the last save: the fields show the saved text
            return
        if self.notes.toPlainText().strip() != self._segment.notes:
            self._save("notes", self.notes.toPlainText())
        if self.materials.toPlainText().strip() != self._segment.materials:
            self._save("materials", self.materials.toPlainText())

    def _on_typing(self) -> None:
        if not self._form.loading:
            self._pending = True
            self._form.typed()

    def _save(self, field: str, value: Any) -> None:
        if self._form.loading or self._segment is None or self._segment.id is None:
            return
        error = self._controller.edit_segment(self._segment.id, field, value)
        self.message.setText(error or "")
        if not error:  # what is saved now, until the screen refreshes
            self._segment = self._controller.service.get_segment(self._segment.id)
        if error and field == "title":
            self.title.setText(self._segment.title)

    def _commit_title(self) -> None:
        self._title_typed = False
        if self._segment is not None and self.title.text() != self._segment.title:
            self._save("title", self.title.text())

    def _toggle_marker(self, marker: str) -> None:
        """B and I: the selection, else the word at the cursor; never a list line's dash."""
        cursor = self.notes.textCursor()
        text = self.notes.toPlainText()
        start = _from_qt(text, cursor.selectionStart())
        end = _from_qt(text, cursor.selectionEnd())
        done = notes_markup.toggle_marker(text, start, end, marker)
        _replace_changed(self.notes, text, done.text)
        cursor = self.notes.textCursor()
        cursor.setPosition(_to_qt(done.text, done.start))
        cursor.setPosition(_to_qt(done.text, done.end), QTextCursor.MoveMode.KeepAnchor)
        self.notes.setTextCursor(cursor)
        self.notes.setFocus()

    def _bullet_line(self) -> None:
        cursor = self.notes.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        if not cursor.block().text().startswith("- "):
            cursor.insertText("- ")
        self.notes.setFocus()


def _replace_changed(edit: QPlainTextEdit, old: str, new: str) -> None:
    """Replace only the part of the text that changed, so the view does not jump."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    cursor = edit.textCursor()
    cursor.setPosition(_to_qt(old, prefix))
    cursor.setPosition(_to_qt(old, len(old) - suffix), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(new[prefix : len(new) - suffix])


def _to_qt(text: str, index: int) -> int:
    """A Python index as a Qt text position (Qt counts UTF-16 units: an emoji is two)."""
    return len(text[:index].encode("utf-16-le")) // 2


def _from_qt(text: str, position: int) -> int:
    prefix = text.encode("utf-16-le")[: position * 2]
    return len(prefix.decode("utf-16-le", errors="ignore"))


def _set_plain(edit: QPlainTextEdit, text: str) -> None:
    if edit.toPlainText().strip() != text:
        edit.setPlainText(text)
        edit.moveCursor(edit.textCursor().MoveOperation.Start)
