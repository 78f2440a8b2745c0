"""Choose a step's picture: search the pictograms in English or Spanish, or use a photo.

Names show in the language the search matched, or the family's own when it has keywords.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core.i18n import N_, _
from attune_desktop.core.pictograms import Found, Pictogram, PictogramIndex, name_language
from attune_desktop.ui.common.row_moves import AnyIndex
from attune_desktop.ui.common.widgets import named
from attune_desktop.ui.routines.pictures import PictureIcons

PHOTO_FILTER = N_("Photos (*.jpg *.jpeg *.png *.gif *.bmp *.webp)")


class PictogramListModel(QAbstractListModel):
    def __init__(self, icons: PictureIcons, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icons = icons
        self._items: list[Found] = []

    def set_items(self, items: list[Found]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def found_at(self, row: int) -> Found | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def item_at(self, row: int) -> Pictogram | None:
        found = self.found_at(row)
        return found.pictogram if found else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        found = self.found_at(index.row())
        if found is None:
            return None
        item = found.pictogram
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons.icon(item.picture)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            other = item.name_in("en" if found.language != "en" else "es")
            return found.name if other == found.name else f"{found.name} · {other}"
        if role == Qt.ItemDataRole.DisplayRole:
            return found.name
        return None


class PictogramPickerDialog(QDialog):
    """Non-blocking: open() it and listen to `picture_chosen` or `photo_chosen`."""

    picture_chosen = Signal(str)  # "pictogram:<key>"
    photo_chosen = Signal(str)  # a file path to copy in

    def __init__(
        self,
        index: PictogramIndex,
        icons: PictureIcons,
        parent: QWidget | None = None,
        *,
        hint: str = "",
        language: str = "en",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pictogramPicker")
        self.setWindowTitle(_("Choose a picture"))
        self.resize(620, 520)
        self._index = index
        self._language = name_language(language)
        self.search = named(QLineEdit(), "pictogramSearch")
        self.search.setPlaceholderText(
            _("Search in Spanish or English: dientes, teeth, cama, bed…")
            if self._language == "es"
            else _("Search in English or Spanish: teeth, dientes, bed, cama…")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search pictures"))
        self.model = PictogramListModel(icons, self)
        self.list = named(QListView(), "pictogramList")
        self.list.setModel(self.model)
        self.list.setAccessibleName(_("Pictures"))
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(48, 48))
        self.list.setGridSize(QSize(100, 92))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(True)
        self.count = named(QLabel(), "pictogramCount")
        self.count.setProperty("role", "subtitle")
        photo = named(QPushButton(_("Use my own photo…")), "usePhoto")
        photo.setToolTip(
            _("A photo of the family's own things: copied into Attune's photos folder")
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.addButton(photo, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self._on_search)
        self.search.returnPressed.connect(self._on_accept)
        self.list.activated.connect(lambda _index: self._on_accept())
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        photo.clicked.connect(self._on_photo)
        self._files: QFileDialog | None = None
        self._on_search("")
        # The step's own words, when they find a picture, are a head start ("Brush teeth").
        if hint and index.find(hint, limit=1, language=self._language):
            self.search.setText(hint)
            self.search.selectAll()

    def _on_search(self, text: str) -> None:
        found = self._index.find(text, language=self._language)
        self.model.set_items(found)
        self.count.setText(
            (_("{count} pictures").format(count=len(found)) if len(found) != 1 else _("1 picture"))
            if found
            else _("No picture matches; try another word.")
        )
        if found:
            self.list.setCurrentIndex(self.model.index(0, 0))

    def chosen(self) -> Pictogram | None:
        return self.model.item_at(self.list.currentIndex().row())

    def _on_accept(self) -> None:
        item = self.chosen()
        if item is not None:
            self.picture_chosen.emit(item.picture)
            self.accept()

    def _on_photo(self) -> None:
        self._files = QFileDialog(self, _("Choose a photo"), "", _(PHOTO_FILTER))
        self._files.setFileMode(QFileDialog.FileMode.ExistingFile)
        self._files.fileSelected.connect(self._on_photo_file)
        self._files.open()

    def _on_photo_file(self, path: str) -> None:
        if path:
            self.photo_chosen.emit(path)
            self.accept()
