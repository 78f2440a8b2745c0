"""The practice library: the facilitator's own somatic practices, to find, shape and use.

Left, the library (search by name, kind or script words; filter by kind and length); right,
the selected practice to read or edit, with its pacer previewed as the room will see it.
New, duplicate, edit, delete and restore are undoable with Edit → Undo; practices travel to
other laptops in a practices file, and "Add to session…" puts one on an agenda.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.core.models import Practice
from attune_desktop.core.services.practices import PracticeFilter
from attune_desktop.ui.common.rows_model import Column, RowsTableModel
from attune_desktop.ui.common.subscriptions import Subscriptions
from attune_desktop.ui.common.widgets import (
    configure_table,
    empty_label,
    named,
    page_layout,
    side_by_side,
    spoken_label,
)
from attune_desktop.ui.practices.commands import PracticeController
from attune_desktop.ui.practices.labels import KIND_LABELS, LENGTHS
from attune_desktop.ui.practices.practice_actions import PracticeActions
from attune_desktop.ui.practices.practice_editor import PracticeEditor
from attune_desktop.ui.practices.practice_sharing import PracticeSharing
from attune_desktop.ui.practices.room_pacer import RoomPacerSettings
from attune_desktop.ui.shell import UiContext

__all__ = ["KIND_LABELS", "PracticeLibraryView", "practice_html"]


def practice_html(practice: Practice) -> str:
    """The practice as the facilitator reads it: summary, pacing, script, cues, care."""

    def paragraphs(text: str) -> str:
        return "".join(
            f"<p>{html.escape(block).replace(chr(10), '<br>')}</p>"
            for block in text.split("\n\n")
            if block.strip()
        )

    parts = [f"<h2>{html.escape(practice.name)}</h2>"]
    meta = _("{kind} · {default_minutes} min").format(
        kind=_(KIND_LABELS.get(practice.kind, practice.kind)),
        default_minutes=practice.default_minutes,
    )
    if practice.pacing:
        meta += _(" · pacing: {pacing}").format(pacing=html.escape(practice.pacing))
    parts.append(f"<p><i>{meta}</i></p>")
    if practice.summary:
        parts.append(paragraphs(practice.summary))
    if practice.script:
        parts.append(_("<h3>Script</h3>") + paragraphs(practice.script))
    if practice.cues:
        items = "".join(
            f"<li>{html.escape(c)}</li>" for c in practice.cues.splitlines() if c.strip()
        )
        parts.append(_("<h3>Cues</h3><ul>{items}</ul>").format(items=items))
    if practice.care_notes:
        parts.append(_("<h3>Care notes</h3>") + paragraphs(practice.care_notes))
    return "".join(parts)


def _button(text: str, name: str, tip: str = "") -> QPushButton:
    button = named(QPushButton(text), name)
    button.setToolTip(tip)
    return button


class PracticeLibraryView(PracticeActions, QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practicesView")
        self._context = context
        self._core = context.core
        self.controller = PracticeController(context.core.practices, context.undo)
        self._selected_id: int | None = None
        self._open: list[QWidget] = []  # dialogs kept alive while open
        self.model: RowsTableModel[Practice] = RowsTableModel(
            [
                Column(_("Practice"), lambda p: p.name, tooltip=lambda p: p.summary),
                Column(_("Kind"), lambda p: _(KIND_LABELS.get(p.kind, p.kind))),
                Column(_("Minutes"), lambda p: str(p.default_minutes), align_right=True),
                Column(_("Pacing"), lambda p: p.pacing or "—"),
            ],
            self,
        )
        self.table = named(QTableView(), "practicesTable")
        self.table.setModel(self.model)
        configure_table(self.table, stretch_column=0)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAccessibleName(_("Practice library"))
        self.search = named(QLineEdit(), "practiceSearch")
        self.search.setPlaceholderText(_("Find by name, kind or words in the script"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Find practices"))
        self.kind_filter = named(QComboBox(), "practiceKindFilter")
        self.kind_filter.addItem(_("Every kind"), "")
        for key, label in KIND_LABELS.items():
            self.kind_filter.addItem(_(label), key)
        self.length_filter = named(QComboBox(), "practiceLengthFilter")
        for label, low, high in LENGTHS:
            self.length_filter.addItem(_(label), (low, high))
        self.new_button = _button(_("&New"), "newPractice", _("A new practice"))
        self.duplicate_button = _button(_("&Duplicate"), "duplicatePractice", _("A copy to adapt"))
        self.delete_button = _button(_("Delete"), "deletePractice", _("Delete (Del)"))
        self.add_button = _button(_("&Add to session…"), "addPracticeToSession")
        self.export_button = _button(_("E&xport…"), "exportPractices")
        self.export_button.setToolTip(_("Save the selected practices to a file"))
        self.import_button = _button(_("&Import…"), "importPractices")
        self.details = named(QTextBrowser(), "practiceDetails")
        self.details.setOpenExternalLinks(False)
        self.details.setAccessibleName(_("Practice script and notes"))
        self.editor = PracticeEditor(self.controller)
        self.tabs = named(QTabWidget(), "practiceTabs")
        self.tabs.addTab(self.details, _("Read"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)
        self.tabs.addTab(scroll, _("Edit"))
        breath = QScrollArea()  # the pacer's preview and editor scroll on a short screen
        breath.setWidgetResizable(True)
        breath.setWidget(self.editor.breath_page)
        self.tabs.addTab(breath, _("Breath"))
        self.room = RoomPacerSettings(context.settings)
        self.sharing = PracticeSharing(self, context.core.practices)
        self.said = named(QLabel(), "practicesSaid")
        self.said.setWordWrap(True)
        self.empty = named(
            empty_label(
                _(
                    "The practice library is empty. Make your own with New, load the 18 starter "
                    "practices with “attune-desktop demo” from a terminal, or import a "
                    "practices file or a template bundle (File → Import template bundle…)."
                )
            ),
            "practicesEmpty",
        )
        self._build()
        self._connect()
        self.editor.set_look(self.room.look())
        Subscriptions(self).refresh_on(self._core.practices.changed, self.refresh)
        self.refresh()

    def _build(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.new_button, self.duplicate_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.add_button, self.export_button, self.import_button):
            buttons.addWidget(button)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.kind_filter, 1)
        filters.addWidget(self.length_filter, 1)
        filters.addWidget(spoken_label(self.kind_filter, _("Kind of practice")))
        filters.addWidget(spoken_label(self.length_filter, _("Length")))
        for clear in self.search.findChildren(QToolButton):  # the field's own clear button
            clear.setAccessibleName(_("Clear the search"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.empty)
        left_layout.addWidget(self.table, 1)
        splitter = side_by_side([left, self.tabs], [440, 620], reflow=False)
        layout = page_layout(
            self,
            _("Practices"),
            _(
                "Somatic co-regulation practices to lead together. Always an invitation: "
                "eyes open is fine, and anyone may sit one out."
            ),
        )
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.room)
        layout.addWidget(self.said)

    def _connect(self) -> None:
        self.table.selectionModel().selectionChanged.connect(self._on_selected)
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.kind_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.length_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.new_button.clicked.connect(self.new_practice)
        self.duplicate_button.clicked.connect(self.duplicate_practice)
        self.delete_button.clicked.connect(self.delete_practice)
        self.add_button.clicked.connect(self.ask_add_to_session)
        self.export_button.clicked.connect(self.ask_export)
        self.import_button.clicked.connect(self.ask_import)
        self.room.changed.connect(self.editor.set_look)
        self.sharing.said.connect(self.said.setText)
        self.sharing.imported.connect(self._on_imported)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        # Ctrl+F finds from anywhere in the window while this screen shows (a hidden screen's
        # shortcut is not live), not only with the cursor already inside it.
        find = Qt.ShortcutContext.WindowShortcut
        QShortcut(QKeySequence.StandardKey.Find, self, self._find, find)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_practice, context)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.delete_practice, context)

    def _find(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # --- the list ------------------------------------------------------------------------

    def current_filter(self) -> PracticeFilter:
        low, high = self.length_filter.currentData() or (0, 0)
        return PracticeFilter(
            text=self.search.text(),
            kind=str(self.kind_filter.currentData() or ""),
            min_minutes=low,
            max_minutes=high,
        )

    def refresh(self) -> None:
        service = self._core.practices
        rows = service.search(self.current_filter())
        keep = self._selected_id
        self.model.set_rows(rows)
        self.empty.setVisible(not service.list_practices())
        if not self.model.select_in(self.table, lambda p: p.id == keep):
            self._show(None)

    def selected(self) -> Practice | None:
        """The selected practice as stored now (the list may not have refreshed yet)."""
        row = self.model.selected_in(self.table)
        if row is None or row.id is None:
            return None
        try:
            return self._core.practices.get_practice(row.id)
        except AttuneError:
            return None

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        found = [self.model.row_at(row) for row in rows]
        return [p.id for p in found if p is not None and p.id is not None]

    def select_practice(self, practice_id: int) -> None:
        self._selected_id = practice_id
        if not self.model.select_in(self.table, lambda p: p.id == practice_id, or_first=False):
            self.search.clear()  # a filter hid it: show everything
            self.kind_filter.setCurrentIndex(0)
            self.length_filter.setCurrentIndex(0)
            self.model.select_in(self.table, lambda p: p.id == practice_id)

    def _on_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show(self.selected())

    def _show(self, practice: Practice | None) -> None:
        self._selected_id = practice.id if practice is not None else self._selected_id
        self.details.setHtml(practice_html(practice) if practice else "")
        changed = bool(
            practice
            and practice.builtin
            and practice.id is not None
            and self._core.practices.is_changed_from_original(practice.id)
        )
        self.editor.set_practice(practice, changed_from_original=changed)
        for button in (self.duplicate_button, self.delete_button, self.add_button):
            button.setEnabled(practice is not None)
        self.export_button.setEnabled(practice is not None)
