"""Calm light and dark palettes that follow the system colour scheme, and high contrast."""

from __future__ import annotations

import os

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

from attune_desktop.ui.common.tones import DARK, HIGH_CONTRAST, LIGHT, THEME_CHOICES, THEMES, Tones

__all__ = ["DARK", "HIGH_CONTRAST", "LIGHT", "THEME_CHOICES", "Tones", "apply_theme"]


THEME_ENV = "ATTUNE_THEME"  # "dark", "light" or "high-contrast" overrides the choice made
THEME_PROPERTY = "attuneTheme"  # the choice, kept on the application for a scheme change


def forced_choice() -> str | None:
    """The theme $ATTUNE_THEME asks for ('dark', 'light', 'high-contrast'), else None.

    Some desktops (and a bare X server) report no scheme at all, so this is one way to
    choose dark there; the View menu's Theme is the other.
    """
    wanted = os.environ.get(THEME_ENV, "").strip().lower()
    return wanted if wanted in THEMES else None


def forced_scheme() -> bool | None:
    """True or False when $ATTUNE_THEME asks for dark or light, else None."""
    return {"dark": True, "light": False}.get(forced_choice() or "")


def is_dark() -> bool:
    forced = forced_scheme()
    if forced is not None:
        return forced
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def current_tones() -> Tones:
    """The tones of the palette in use (as `apply_theme` last set it)."""
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    found = (t for t in (DARK, HIGH_CONTRAST) if window == QColor(t.window))
    return next(found, LIGHT)


def tones_for(choice: str) -> Tones:
    """The tones of a theme choice ('system', 'light', 'dark', 'high-contrast'); $ATTUNE_THEME
    wins over it, and 'system' (or anything unknown) follows the desktop's scheme."""
    forced = forced_choice()
    if forced is not None:
        return THEMES[forced]
    if choice in THEMES:
        return THEMES[choice]
    return DARK if is_dark() else LIGHT


def apply_theme(app: QApplication, dark: bool | None = None, *, choice: str | None = None) -> Tones:
    """Set Fusion with our palette: light or dark when `dark` says, else the theme `choice`
    (by default the last one applied to `app`, else the system's scheme); returns the tones."""
    if choice is not None:
        app.setProperty(THEME_PROPERTY, choice)
    if dark is not None:
        tones = DARK if dark else LIGHT
    else:
        tones = tones_for(str(app.property(THEME_PROPERTY) or "system"))
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
    QFrame[role="banner"] {{
        background: {t.alt_base}; border: 1px solid {t.control_frame}; border-radius: 6px;
    }}
    QTableView, QListView, QTreeView {{
        border: 1px solid {t.control_frame}; border-radius: 6px; gridline-color: {t.border};
    }}
    QPushButton, QToolButton {{
        border-radius: 6px; border: 1px solid {t.control_frame}; background: {t.base};
    }}
    QPushButton {{ padding: 5px 14px; }}
    QToolButton {{ padding: 3px 8px; }}
    QPushButton:hover, QToolButton:hover {{ border-color: {t.accent}; }}
    QPushButton:pressed, QPushButton:checked,
    QToolButton:pressed, QToolButton:checked {{
        background: {t.border};
    }}
    QPushButton:disabled, QToolButton:disabled {{
        color: {t.disabled_text}; background: {t.window};
    }}
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
    QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"],
    QAbstractSpinBox[readOnly="true"] {{ background: {t.window}; }}
    QLineEdit:disabled, QComboBox:disabled {{
        background: {t.window}; color: {t.disabled_text};
    }}
    QListWidget#sidebar:focus {{ border: 2px solid {t.accent}; border-radius: 8px; }}
    """
