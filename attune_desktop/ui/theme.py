"""Calm light and dark palettes that follow the system colour scheme."""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)


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
    disabled_text: str  # fainter than muted, so a disabled button does not look pressable
    # outlines a person must see to find a control (fields, check boxes, a ring's track):
    # 3:1 against window, base and alternate rows; `border` stays for soft separators
    edge: str = "#858076"


LIGHT = Tones(
    window="#f6f4ef",
    base="#ffffff",
    alt_base="#f1eee7",
    text="#2b2d31",
    muted="#5f636a",
    accent="#3a7168",
    accent_text="#ffffff",
    sidebar="#ebe7de",
    border="#d9d4c9",
    warm="#95600f",
    disabled_text="#a4a29c",
    edge="#858076",
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
    disabled_text="#6c6f76",
    edge="#7b7f88",
)


THEME_ENV = "ATTUNE_THEME"  # "dark" or "light" overrides the system scheme


def forced_scheme() -> bool | None:
    """True or False when $ATTUNE_THEME asks for dark or light, else None (follow the system).

    Some desktops (and a bare X server) report no scheme at all, so this is the one way to
    choose dark there.
    """
    wanted = os.environ.get(THEME_ENV, "").strip().lower()
    return {"dark": True, "light": False}.get(wanted)


def is_dark() -> bool:
    forced = forced_scheme()
    if forced is not None:
        return forced
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def current_tones() -> Tones:
    """The tones of the palette in use (as `apply_theme` last set it)."""
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return DARK if window == QColor(DARK.window) else LIGHT


def apply_theme(app: QApplication, dark: bool | None = None) -> Tones:
    """Set Fusion with our palette for the scheme (the system's unless `dark` says); returns
    the tones used."""
    tones = DARK if (is_dark() if dark is None else dark) else LIGHT
    app.setStyle(SeenStyle(tones))
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
    # Disabled controls read as disabled: muted text, and buttons lose their raised fill.
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(disabled, role, QColor(tones.disabled_text))
    palette.setColor(disabled, QPalette.ColorRole.Button, QColor(tones.window))
    app.setPalette(palette)
    app.setStyleSheet(_stylesheet(tones))
    return tones


class SeenStyle(QProxyStyle):
    """Fusion, with outlines a person can see: Fusion draws a check box's edge and the focus
    frame from the window colour (1.7:1 in dark) in 1 px; here the edge is `edge` (3:1) and
    the focus frame a 2 px ring in the accent."""

    def __init__(self, tones: Tones) -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self._edge = QColor(tones.edge)
        self._focus = QColor(tones.accent)

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        pe = QStyle.PrimitiveElement
        if element == pe.PE_FrameFocusRect:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(self._focus, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(option.rect.adjusted(1, 1, -1, -1), 3, 3)
            painter.restore()
            return
        super().drawPrimitive(element, option, painter, widget)
        if element in (pe.PE_IndicatorCheckBox, pe.PE_IndicatorItemViewItemCheck):
            painter.save()
            painter.setPen(QPen(self._edge, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
            painter.restore()
        elif element == pe.PE_IndicatorRadioButton:  # (a spin box's frame: drawComplexControl)
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(self._edge, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(option.rect.adjusted(1, 1, -1, -1))
            painter.restore()

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control != QStyle.ComplexControl.CC_SpinBox:
            return
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if focused:
            painter.setPen(QPen(self._focus, 2))
            painter.drawRoundedRect(QRectF(option.rect).adjusted(1, 1, -1, -1), 3, 3)
        else:
            painter.setPen(QPen(self._edge, 1))
            painter.drawRoundedRect(QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
        painter.restore()


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
    QPushButton {{
        padding: 5px 14px; border-radius: 6px; border: 1px solid {t.border};
        background: {t.base};
    }}
    QPushButton:hover {{ border-color: {t.accent}; }}
    QPushButton:pressed, QPushButton:checked {{ background: {t.border}; }}
    QPushButton:disabled {{ color: {t.disabled_text}; background: {t.window}; }}
    QToolButton {{
        padding: 3px 8px; border-radius: 6px; border: 1px solid {t.border};
        background: {t.base};
    }}
    QToolButton:hover {{ border-color: {t.accent}; }}
    QToolButton:pressed, QToolButton:checked {{ background: {t.border}; }}
    QToolButton:disabled {{ color: {t.disabled_text}; background: {t.window}; }}
    QToolButton[popupMode="1"], QToolButton[popupMode="2"] {{ padding-right: 22px; }}
    QToolButton::menu-indicator, QToolButton::menu-button {{
        subcontrol-origin: padding; subcontrol-position: right center; right: 7px;
    }}
    QPushButton:default, QPushButton[role="primary"] {{
        background: {t.accent}; color: {t.accent_text}; border: 2px solid {t.window};
        padding: 4px 13px;
    }}
    QPushButton:default:disabled, QPushButton[role="primary"]:disabled {{
        background: {t.border}; color: {t.muted};
    }}
    QPushButton:focus {{ border: 2px solid {t.accent}; padding: 4px 13px; }}
    QToolButton:focus {{ border: 2px solid {t.accent}; padding: 2px 7px; }}
    QToolButton[popupMode="1"]:focus, QToolButton[popupMode="2"]:focus {{
        padding-right: 21px;
    }}
    QPushButton:default:focus, QPushButton[role="primary"]:focus {{
        border: 2px solid {t.text};
    }}
    QTableView:focus, QListView:focus, QTreeView:focus {{ border: 2px solid {t.accent}; }}
    QLineEdit, QComboBox, QTextEdit, QPlainTextEdit {{
        border: 1px solid {t.edge}; border-radius: 4px; background: {t.base};
    }}
    QLineEdit, QComboBox {{ padding: 3px 5px; }}
    QLineEdit:focus, QComboBox:focus,
    QTextEdit:focus, QPlainTextEdit:focus {{
        border: 2px solid {t.accent};
    }}
    QLineEdit:focus, QComboBox:focus {{ padding: 2px 4px; }}
    QLineEdit:disabled, QComboBox:disabled {{
        background: {t.window}; color: {t.disabled_text};
    }}
    QListWidget#sidebar:focus {{ border: 2px solid {t.accent}; border-radius: 8px; }}
    """
