"""Calm light and dark palettes that follow the system colour scheme."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Tones:
    window: str
    base: str
    alt_base: str
    text: str
    muted: str
    accent: str
    accent_text: str
    sidebar: str
    border: str
    warm: str  # overtime and "over target": a soft amber, never alarm red


LIGHT = Tones(
    window="#f6f4ef",
    base="#ffffff",
    alt_base="#f1eee7",
    text="#2b2d31",
    muted="#6b6f76",
    accent="#3f7d74",
    accent_text="#ffffff",
    sidebar="#ebe7de",
    border="#d9d4c9",
    warm="#b8741a",
)
DARK = Tones(
    window="#1f2125",
    base="#26292e",
    alt_base="#2d3036",
    text="#e6e4df",
    muted="#a3a6ad",
    accent="#6fb3a8",
    accent_text="#11201d",
    sidebar="#191b1e",
    border="#3a3d44",
    warm="#e0a552",
)


def is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def current_tones() -> Tones:
    return DARK if is_dark() else LIGHT


def apply_theme(app: QApplication) -> Tones:
    """Set Fusion with our palette for the current scheme; returns the tones used."""
    tones = current_tones()
    app.setStyle("Fusion")
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: tones.window,
        QPalette.ColorRole.Base: tones.base,
        QPalette.ColorRole.AlternateBase: tones.alt_base,
        QPalette.ColorRole.Text: tones.text,
        QPalette.ColorRole.WindowText: tones.text,
        QPalette.ColorRole.ButtonText: tones.text,
        QPalette.ColorRole.Button: tones.alt_base,
        QPalette.ColorRole.Highlight: tones.accent,
        QPalette.ColorRole.HighlightedText: tones.accent_text,
        QPalette.ColorRole.ToolTipBase: tones.base,
        QPalette.ColorRole.ToolTipText: tones.text,
        QPalette.ColorRole.PlaceholderText: tones.muted,
        QPalette.ColorRole.Link: tones.accent,
        QPalette.ColorRole.Mid: tones.border,
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(tones.muted))
    palette.setColor(
        QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor(tones.muted)
    )
    app.setPalette(palette)
    app.setStyleSheet(_stylesheet(tones))
    return tones


def _stylesheet(t: Tones) -> str:
    return f"""
    QListWidget#sidebar {{
        background: {t.sidebar}; border: none; padding: 8px 6px; font-size: 11pt;
    }}
    QListWidget#sidebar::item {{ padding: 9px 12px; border-radius: 8px; margin: 2px 0; }}
    QListWidget#sidebar::item:selected {{ background: {t.accent}; color: {t.accent_text}; }}
    QLabel[role="title"] {{ font-size: 17pt; font-weight: 600; }}
    QLabel[role="subtitle"] {{ color: {t.muted}; }}
    QLabel[role="empty"] {{ color: {t.muted}; font-size: 12pt; padding: 24px; }}
    QLabel[role="warm"] {{ color: {t.warm}; font-weight: 600; }}
    QLabel[role="error"] {{ color: {t.warm}; }}
    QTableView, QListView, QTreeView {{
        border: 1px solid {t.border}; border-radius: 6px; gridline-color: {t.border};
    }}
    QPushButton {{ padding: 5px 14px; border-radius: 6px; border: 1px solid {t.border}; }}
    QPushButton:default, QPushButton[role="primary"] {{
        background: {t.accent}; color: {t.accent_text}; border: none;
    }}
    QPushButton:default:disabled, QPushButton[role="primary"]:disabled {{
        background: {t.border}; color: {t.muted};
    }}
    QPushButton:focus, QListWidget#sidebar:focus {{ outline: 2px solid {t.accent}; }}
    """
