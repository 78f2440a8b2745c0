"""The user's settings: the one way to read or write one, typed, and only the declared ones.

Every setting is declared once, in `core.config.DEFAULT_SETTINGS` (key, default, meaning).
`Settings` keeps them in the home's INI file through QSettings and hands each back as the type
of its default (INI files give back strings: 'true', '2', ''), falling back to the default
when the stored text is not one. A key that is not declared is refused at once, so a new
setting cannot be used without being declared, nor a declared one forgotten
(tests/ui/common/test_settings.py checks every declared key is read somewhere).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from attune_desktop.core.config import DEFAULT_SETTINGS, Setting

DECLARED: dict[str, Setting] = {setting.key: setting for setting in DEFAULT_SETTINGS}


def as_bool(value: object, default: bool = False) -> bool:
    """INI files give back 'true'/'false' strings; accept those and real booleans."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    if isinstance(value, int | float):
        return bool(value)
    return default


def as_float(value: object, default: float) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


class Settings:
    """The declared settings of one home, read and written with their types."""

    def __init__(self, file: Path) -> None:
        self._store = QSettings(str(file), QSettings.Format.IniFormat)
        for setting in DEFAULT_SETTINGS:  # written out, so the file shows what can be set
            if not self._store.contains(setting.key):
                self._store.setValue(setting.key, setting.default)

    def _declared(self, key: str) -> Setting:
        try:
            return DECLARED[key]
        except KeyError:
            message = f"{key!r} is not declared in core.config.DEFAULT_SETTINGS"  # not-ui-text
            raise KeyError(message) from None

    def text(self, key: str) -> str:
        default = self._declared(key).default
        value = self._store.value(key, default)
        return str(default if value is None else value)

    def flag(self, key: str) -> bool:
        return as_bool(self._store.value(key), bool(self._declared(key).default))

    def number(self, key: str) -> float:
        default = self._declared(key).default
        return as_float(self._store.value(key), as_float(default, 0.0))

    def whole(self, key: str) -> int:
        return round(self.number(key))

    def blob(self, key: str) -> QByteArray:
        """Bytes Qt made (a window's geometry); empty when none were kept."""
        self._declared(key)
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) else QByteArray()

    def set(self, key: str, value: str | bool | float | QByteArray) -> None:
        self._declared(key)
        self._store.setValue(key, value)

    def sync(self) -> None:
        self._store.sync()
