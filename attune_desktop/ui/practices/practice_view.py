"""The practice library: somatic co-regulation exercises, with script, pacing and care notes."""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QSplitter, QTableView, QTextBrowser, QWidget

from attune_desktop.core.models import Practice
from attune_desktop.ui.common.rows_model import Column, RowsTableModel
from attune_desktop.ui.common.subscriptions import Subscriptions
from attune_desktop.ui.common.widgets import (
    configure_table,
    empty_label,
    named,
    page_layout,
)
from attune_desktop.ui.shell import UiContext

KIND_LABELS = {
    "breathing": "Breathing",
    "grounding": "Grounding",
    "humming": "Humming",
    "self_holding": "Self-holding",
    "movement": "Movement",
    "orienting": "Orienting",
    "other": "Other",
}


def practice_html(practice: Practice) -> str:
    """The practice as the facilitator reads it: summary, pacing, script, cues, care."""

    def paragraphs(text: str) -> str:
        return "".join(
            f"<p>{html.escape(block).replace(chr(10), '<br>')}</p>"
            for block in text.split("\n\n")
            if block.strip()
        )

    parts = [f"<h2>{html.escape(practice.name)}</h2>"]
    meta = f"{KIND_LABELS.get(practice.kind, practice.kind)} · {practice.default_minutes} min"
    if practice.pacing:
        meta += f" · pacing: {html.escape(practice.pacing)}"
    parts.append(f"<p><i>{meta}</i></p>")
    if practice.summary:
        parts.append(paragraphs(practice.summary))
    if practice.script:
        parts.append("<h3>Script</h3>" + paragraphs(practice.script))
    if practice.cues:
        items = "".join(
            f"<li>{html.escape(c)}</li>" for c in practice.cues.splitlines() if c.strip()
        )
        parts.append(f"<h3>Cues</h3><ul>{items}</ul>")
    if practice.care_notes:
        parts.append("<h3>Care notes</h3>" + paragraphs(practice.care_notes))
    return "".join(parts)


class PracticeLibraryView(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practicesView")
        self._core = context.core
        self.model: RowsTableModel[Practice] = RowsTableModel(
            [
                Column("Practice", lambda p: p.name, tooltip=lambda p: p.summary),
                Column("Kind", lambda p: KIND_LABELS.get(p.kind, p.kind)),
                Column("Minutes", lambda p: str(p.default_minutes), align_right=True),
                Column("Pacing", lambda p: p.pacing or "—"),
            ],
            self,
        )
        self.table = named(QTableView(), "practicesTable")
        self.table.setModel(self.model)
        configure_table(self.table, stretch_column=0)
        self.table.setAccessibleName("Practice library")
        self.details = named(QTextBrowser(), "practiceDetails")
        self.details.setOpenExternalLinks(False)
        self.details.setAccessibleName("Practice script and notes")
        self.empty = named(
            empty_label(
                "The practice library is empty. Load the 18 starter practices with "
                "“attune-desktop demo” from a terminal, or import a template bundle "
                "(File → Import template bundle…), which brings the practices its agendas use."
            ),
            "practicesEmpty",
        )

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setSizes([480, 520])
        layout = page_layout(
            self,
            "Practices",
            "Somatic co-regulation practices to lead together. Always an invitation: "
            "eyes open is fine, and anyone may sit one out.",
        )
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)

        self.table.selectionModel().selectionChanged.connect(self._on_selected)
        Subscriptions(self).refresh_on(self._core.practices.changed, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        rows = self._core.practices.list_practices()
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        if rows:
            self.table.selectRow(0)
        else:
            self.details.clear()

    def select_practice(self, practice_id: int) -> None:
        row = self.model.find(lambda p: p.id == practice_id)
        if row >= 0:
            self.table.selectRow(row)

    def _on_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        practice = self.model.selected_in(self.table)
        self.details.setHtml(practice_html(practice) if practice else "")
