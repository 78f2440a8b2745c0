"""Render the application icon (attune-desktop.svg) to the PNG sizes desktops ask for, and to
.ico (Windows) and .icns (macOS) for the standalone builds.

    QT_QPA_PLATFORM=offscreen .venv/bin/python resources/icons/make_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
    finally:
        painter.end()
    return image


def main() -> None:
    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(HERE / "attune-desktop.svg"))
    assert renderer.isValid()
    for size in SIZES:
        render(renderer, size).save(str(HERE / f"attune-desktop-{size}.png"))
    for fmt in ("ico", "icns"):
        writer = QImageWriter(str(HERE / f"attune-desktop.{fmt}"), fmt.encode())
        if not writer.write(render(renderer, 256)):
            print(f"{fmt}: {writer.errorString()}", file=sys.stderr)
    del app


if __name__ == "__main__":
    main()
