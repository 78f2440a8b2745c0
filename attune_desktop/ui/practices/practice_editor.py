"""The form for one practice. Every change is saved as it is made, through the controller,
and undoable; a refused change is explained beside the form and changes nothing."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core import validation
from attune_desktop.core.i18n import _
from attune_desktop.core.models import Practice
from attune_desktop.core.pacer_words import (
    DEFAULT_WORDS,
    MAX_WORD_CHARS,
    parse_words,
)
from attune_desktop.ui.common.widgets import buddy_label, named, repolish
from attune_desktop.ui.practices.commands import PracticeController
from attune_desktop.ui.practices.labels import COUNTING_LABELS, KIND_LABELS, LANGUAGE_NAMES
from attune_desktop.ui.practices.pacing_editor import PacingEditor
from attune_desktop.ui.practices.practice_saving import PracticeSaving
from attune_desktop.ui.run.pacer import PacerLook

TYPING_PAUSE_MS = 600
WORD_PHASES = ("in", "in2", "hold", "out", "settle")


class PracticeEditor(PracticeSaving, QWidget):
    """Edits the selected practice: its words, its script and its breath."""

    def __init__(self, controller: PracticeController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practiceEditor")
        self._controller = controller
        self._practice: Practice | None = None
        self._loading = False
        self._read_only = False  # a copy received from the organisation: shown, never saved

        self.name = named(QLineEdit(), "practiceName")
        self.name.setMaxLength(validation.TITLE_MAX)
        self.kind = named(QComboBox(), "practiceKind")
        for key, label in KIND_LABELS.items():
            self.kind.addItem(_(label), key)
        self.minutes = named(QSpinBox(), "practiceMinutes")
        self.minutes.setRange(validation.MIN_MINUTES, validation.MAX_MINUTES)
        self.minutes.setSuffix(_(" min"))
        self.summary = named(QLineEdit(), "practiceSummary")
        self.summary.setMaxLength(400)
        self.script = named(QPlainTextEdit(), "practiceScript")
        self.script.setPlaceholderText(_("What you say, as invitations: “if you like…”"))
        self.cues = named(QPlainTextEdit(), "practiceCues")
        self.cues.setPlaceholderText(_("One short cue per line"))
        self.cues.setMaximumHeight(90)
        self.care = named(QPlainTextEdit(), "practiceCare")
        self.care.setPlaceholderText(
            _("Care notes, private to you: eyes-open option, opting out, who to watch for")
        )
        self.care.setMaximumHeight(110)
        self.pacing = PacingEditor()
        self.counting = named(QComboBox(), "practiceCounting")
        for key, label in COUNTING_LABELS.items():
            self.counting.addItem(_(label), key)
        self.tones = named(
            QCheckBox(_("Soft tones as each in- and out-breath begins (for eyes closed)")),
            "practiceTones",
        )
        self.words_language = named(QComboBox(), "wordsLanguage")
        for code, label in LANGUAGE_NAMES.items():
            self.words_language.addItem(label, code)
        self.words: dict[str, QLineEdit] = {}
        for phase in WORD_PHASES:
            edit = named(QLineEdit(), f"word_{phase}")
            edit.setMaxLength(MAX_WORD_CHARS)
            self.words[phase] = edit
        self.restore = named(QPushButton(_("Restore the original")), "practiceRestore")
        self.restore.setToolTip(_("Bring this starter practice back as it was shipped"))
        self.message = named(QLabel(), "practiceMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self._build()

        self._typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.commit_text)
        for edit in (self.name, self.summary, *self.words.values()):
            edit.textEdited.connect(self._on_typing)
            edit.editingFinished.connect(self.commit_text)
        for text in (self.script, self.cues, self.care):
            text.textChanged.connect(self._on_typing)
        self.kind.activated.connect(lambda _i: self._save("kind", self.kind.currentData()))
        self.minutes.valueChanged.connect(lambda value: self._save("default_minutes", value))
        self.counting.activated.connect(self._on_counting)
        self.tones.toggled.connect(lambda on: self._save("breath_tones", on))
        self.pacing.pattern_changed.connect(lambda text: self._save("pacing", text))
        self.pacing.preset_chosen.connect(self._on_preset)
        self.words_language.currentIndexChanged.connect(lambda _i: self._show_words())
        self.restore.clicked.connect(self._on_restore)
        self.set_practice(None)

    def _build(self) -> None:
        """Two pages: the words of the practice (this widget) and its breath (`breath_page`),
        which the library shows as its own tab so the preview has room to breathe."""
        form = QFormLayout()
        form.addRow(_("&Name"), self.name)
        form.addRow(_("&Kind"), self.kind)
        form.addRow(_("&Length"), self.minutes)
        form.addRow(_("Su&mmary"), self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        for label_text, edit in (
            (_("&Script"), self.script),
            (_("C&ues"), self.cues),
            (_("&Care notes"), self.care),
        ):
            layout.addWidget(buddy_label(label_text, edit))
            layout.addWidget(edit, 1 if edit is self.script else 0)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.restore)
        layout.addLayout(bottom)

        self.breath_page = named(QWidget(), "practiceBreathPage")
        breath = QVBoxLayout(self.breath_page)
        breath.addWidget(self.pacing, 1)
        counting_row = QFormLayout()
        counting_row.addRow(_("&Numbers"), self.counting)
        counting_row.addRow("", self.tones)
        breath.addLayout(counting_row)
        words = QGroupBox(_("Words the room reads on the pacer"))
        words_form = QFormLayout(words)
        words_form.addRow(_("Lan&guage"), self.words_language)
        for phase, label in (
            ("in", _("Breathing in")),
            ("in2", _("Top-up inhale")),
            ("hold", _("Holding")),
            ("out", _("Breathing out")),
            ("settle", _("Before the first breath")),
        ):
            words_form.addRow(label, self.words[phase])
        breath.addWidget(words)
        self.breath_message = named(QLabel(), "practiceBreathMessage")
        self.breath_message.setProperty("role", "error")
        self.breath_message.setWordWrap(True)
        breath.addWidget(self.breath_message)

    # --- what it shows -------------------------------------------------------------------

    def practice_id(self) -> int | None:
        return self._practice.id if self._practice is not None else None

    def set_look(self, look: PacerLook) -> None:
        self.pacing.set_look(look)

    def set_practice(
        self,
        practice: Practice | None,
        *,
        changed_from_original: bool = False,
        read_only: bool = False,
    ) -> None:
        """Show a practice (or nothing); keeps what is being typed if it is the same one.
        A `read_only` one (received from the organisation) is shown, never changed."""
        same = (
            practice is not None and self._practice is not None and practice.id == self._practice.id
        )
        if not same:
            self.commit_text()
            self._say("")
        self._practice = practice
        self._set_read_only(read_only)
        self._loading = True
        try:
            self.setEnabled(practice is not None)
            self.breath_page.setEnabled(practice is not None)
            self.restore.setVisible(bool(practice and practice.builtin and practice.slug))
            self.restore.setEnabled(changed_from_original and not read_only)
            if practice is None:
                for edit in (self.name, self.summary, self.script, self.cues, self.care):
                    edit.clear()
                self.pacing.set_pattern("")
                return
            self.kind.setCurrentIndex(max(self.kind.findData(practice.kind), 0))
            self.minutes.setValue(practice.default_minutes)
            self.counting.setCurrentIndex(max(self.counting.findData(practice.counting), 0))
            self.tones.setChecked(practice.breath_tones)
            for edit, text in ((self.name, practice.name), (self.summary, practice.summary)):
                if not (same and edit.hasFocus()) and edit.text() != text:
                    edit.setText(text)
                    edit.home(False)
            for plain, text in (
                (self.script, practice.script),
                (self.cues, practice.cues),
                (self.care, practice.care_notes),
            ):
                if not (same and plain.hasFocus()) and plain.toPlainText().strip() != text:
                    plain.setPlainText(text)
            focus = self.breath_page.focusWidget()
            typing = focus is not None and focus.hasFocus() and self.pacing.isAncestorOf(focus)
            if not (same and typing):
                self.pacing.set_pattern(practice.pacing, practice.phase_words, practice.counting)
            else:
                self.pacing.set_words(practice.phase_words, practice.counting)
            self._show_words()
        finally:
            self._loading = False

    def _set_read_only(self, read_only: bool) -> None:
        """Words stay readable and selectable; choices that would change it are greyed."""
        self._read_only = read_only
        fields: list[QLineEdit | QPlainTextEdit] = [self.name, self.summary, *self.words.values()]
        for edit in (*fields, self.script, self.cues, self.care):
            edit.setReadOnly(read_only)
            repolish(edit)  # the stylesheet greys a read-only field's ground
        for choice in (self.kind, self.minutes, self.counting, self.tones):
            choice.setEnabled(not read_only)
        self.pacing.set_read_only(read_only)

    def is_read_only(self) -> bool:
        return self._read_only

    def _show_words(self) -> None:
        """The chosen language's words; a blank one shows that language's default, greyed."""
        own = parse_words(self._practice.phase_words) if self._practice is not None else {}
        lang = str(self.words_language.currentData() or "en")
        for phase, edit in self.words.items():
            edit.setPlaceholderText(DEFAULT_WORDS[lang].get(phase, ""))
            if not edit.hasFocus() or self._loading:
                edit.setText(own.get(lang, {}).get(phase, ""))
