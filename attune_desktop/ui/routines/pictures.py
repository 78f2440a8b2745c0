"""Small images of pictograms and photos for lists, drawn once and kept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QImageReader, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from attune_desktop.core.i18n import _
from attune_desktop.core.photos import photo_path
from attune_desktop.core.pictograms import (
    PictogramIndex,
    is_photo,
    is_pictogram,
    name_language,
    svg_path,
)


def picture_name(pictograms: PictogramIndex, picture: str, language: str = "en") -> str:
    """What a step's picture shows, in words a screen reader says ('toothbrush'); '' if none."""
    if is_photo(picture):
        return _("the family's photo")
    found = pictograms.get(picture) if is_pictogram(picture) else None
    return found.name_in(name_language(language)) if found is not None else ""


class PictureIcons:
    """Icons for step pictures at one size; a missing picture gives an empty icon."""

    def __init__(self, pictures_dir: Path, photos_dir: Path, size: int = 48) -> None:
        self._pictures_dir = pictures_dir
        self._photos_dir = photos_dir
        self._size = size
        self._cache: dict[str, QIcon] = {}

    def icon(self, picture: str) -> QIcon:
        if picture not in self._cache:
            pixmap = self.pixmap(picture)
            self._cache[picture] = QIcon(pixmap) if pixmap is not None else QIcon()
        return self._cache[picture]

    def pixmap(self, picture: str) -> QPixmap | None:
        side = self._size
        if is_pictogram(picture):
            path = svg_path(self._pictures_dir, picture)
            renderer = QSvgRenderer(str(path)) if path.exists() else None
            if renderer is None or not renderer.isValid():
                return None
            pixmap = QPixmap(side, side)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            try:
                renderer.render(painter, QRectF(0, 0, side, side))
            finally:
                painter.end()
            return pixmap
        if is_photo(picture):
            found = photo_path(self._photos_dir, picture)
            if found is None or not found.is_file():
                return None
            reader = QImageReader(str(found))
            reader.setAutoTransform(True)
            size = reader.size()
            if size.isValid():
                reader.setScaledSize(
                    size.scaled(QSize(side, side), Qt.AspectRatioMode.KeepAspectRatio)
                )
            image = reader.read()
            return None if image.isNull() else QPixmap.fromImage(image)
        return None
