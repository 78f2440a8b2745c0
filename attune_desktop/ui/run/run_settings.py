"""The run settings, read from and written to QSettings (declared in core.config)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings


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


@dataclass
class RunSettings:
    warning_minutes: float = 2.0
    warning_chime: bool = True
    interval_minutes: float = 1.0
    volume: float = 0.6
    muted: bool = False
    projector_digits: bool = False
    projector_screen: str = ""

    @classmethod
    def load(cls, settings: QSettings) -> RunSettings:
        return cls(
            warning_minutes=max(0.0, as_float(settings.value("run/warning_minutes"), 2.0)),
            warning_chime=as_bool(settings.value("run/warning_chime"), True),
            interval_minutes=max(0.0, as_float(settings.value("run/interval_minutes"), 1.0)),
            volume=min(1.0, max(0.0, as_float(settings.value("run/chime_volume"), 0.6))),
            muted=as_bool(settings.value("run/muted"), False),
            projector_digits=as_bool(settings.value("run/projector_digits"), False),
            projector_screen=str(settings.value("run/projector_screen") or ""),
        )

    def save(self, settings: QSettings) -> None:
        settings.setValue("run/chime_volume", self.volume)
        settings.setValue("run/muted", self.muted)
        settings.setValue("run/projector_digits", self.projector_digits)
        settings.setValue("run/projector_screen", self.projector_screen)
