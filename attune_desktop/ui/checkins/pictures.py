"""Scale pictures (bundled OpenMoji SVGs) drawn crisp at any size, read once per instance."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from attune_desktop.core.config import resources_dir


def pictograms_dir() -> Path:
    return resources_dir() / "pictograms" / "color"


class Pictures:
    """Renders a picture code ('1F7E2') from the bundled pictograms; unknown codes draw nothing."""

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder or pictograms_dir()
        self._renderers: dict[str, QSvgRenderer | None] = {}

    def codes(self) -> list[str]:
        """Every bundled picture, for a picker."""
        return sorted(path.stem for path in self._folder.glob("*.svg"))

    def renderer(self, code: str) -> QSvgRenderer | None:
        if code not in self._renderers:
            path = self._folder / f"{code}.svg"
            renderer: QSvgRenderer | None = None
            if code and path.is_file():
                renderer = QSvgRenderer(QByteArray(path.read_bytes()))
                if not renderer.isValid():
                    renderer = None
            self._renderers[code] = renderer
        return self._renderers[code]

    def draw(self, painter: QPainter, code: str, rect: QRectF) -> bool:
        renderer = self.renderer(code)
        if renderer is None:
            return False
        renderer.render(painter, rect)
        return True

    def pixmap(self, code: str, size: int) -> QPixmap:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.draw(painter, code, QRectF(0, 0, size, size))
        finally:
            painter.end()
        return pixmap

    def icon(self, code: str, size: int = 48) -> QIcon:
        return QIcon(self.pixmap(code, size))
