"""The practice form's saving: pending typing, one field at a time or a preset's several,
through the controller (so it is undoable), and a refusal shown beside the form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.core.pacer_words import parse_words, words_json
from attune_desktop.core.pacing import Counting, Preset

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget

    from attune_desktop.core.models import Practice
    from attune_desktop.ui.practices.commands import PracticeController

    _Widget = QWidget
else:
    _Widget = object


class PracticeSaving(_Widget):
    """The saving of `PracticeEditor`, mixed into it (which sets these attributes)."""

    _controller: PracticeController
    _practice: Practice | None
    _loading: bool
    _read_only: bool
    _typing: QTimer
    name: QLineEdit
    summary: QLineEdit
    script: QPlainTextEdit
    cues: QPlainTextEdit
    care: QPlainTextEdit
    counting: QComboBox
    words_language: QComboBox
    words: dict[str, QLineEdit]
    restore: QPushButton
    message: QLabel
    breath_message: QLabel

    def commit_text(self) -> None:
        """Save pending typing now (also when the selection moves away or a field is left)."""
        self._typing.stop()
        practice = self._practice
        if practice is None or self._loading or self._read_only:
            return
        for field, value in (
            ("name", self.name.text()),
            ("summary", self.summary.text()),
            ("script", self.script.toPlainText()),
            ("cues", self.cues.toPlainText()),
            ("care_notes", self.care.toPlainText()),
        ):
            if value.strip() != str(getattr(practice, field)):
                self._save(field, value)
                if self.message.text():
                    return
        words = self._typed_words()
        if words != practice.phase_words:
            self._save("phase_words", words)

    def _typed_words(self) -> str:
        assert self._practice is not None
        own = parse_words(self._practice.phase_words)
        lang = str(self.words_language.currentData() or "en")
        own[lang] = {p: e.text().strip() for p, e in self.words.items() if e.text().strip()}
        return words_json(own)

    def _on_typing(self) -> None:
        if not self._loading:
            self._typing.start()

    def _save(self, field: str, value: Any) -> None:
        if self._loading or self._read_only or self._practice is None or self._practice.id is None:
            return
        error = self._controller.edit(self._practice.id, field, value)
        self._say(error or "")
        self._reload()

    def _reload(self) -> None:
        """Hold the practice as now stored, so the next field is compared with the truth
        even before the library's refresh comes round."""
        if self._practice is not None and self._practice.id is not None:
            service = self._controller.service
            try:
                self._practice = service.get_practice(self._practice.id)
                if self._practice.builtin and self._practice.id is not None:
                    self.restore.setEnabled(service.is_changed_from_original(self._practice.id))
            except AttuneError:
                self._practice = None

    def _say(self, text: str) -> None:
        """A refusal is shown on both pages, so it is seen wherever the edit was made."""
        self.message.setText(text)
        self.breath_message.setText(text)

    def _on_counting(self, _index: int) -> None:
        counting = str(self.counting.currentData() or Counting.NATURAL.value)
        self._save("counting", counting)

    def _on_preset(self, chosen: Preset) -> None:
        if self._read_only or self._practice is None or self._practice.id is None:
            return
        changes: dict[str, Any] = {"pacing": chosen.pacing}
        if chosen.words:
            own = parse_words(self._practice.phase_words)
            for lang, words in chosen.words.items():
                own[lang] = {**own.get(lang, {}), **words}
            changes["phase_words"] = words_json(own)
        text = _("Pacing preset “%s”") % chosen.label
        self._say(self._controller.set_fields(self._practice.id, text, changes) or "")
        self._reload()

    def _on_restore(self) -> None:
        if not self._read_only and self._practice is not None and self._practice.id is not None:
            self._say(self._controller.restore_original(self._practice.id) or "")
            self._reload()
