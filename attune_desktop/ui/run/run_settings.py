"""The run settings, read from and written to the app's settings (declared in core.config)."""

from __future__ import annotations

from dataclasses import dataclass

from attune_desktop.ui.common.settings import Settings


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
    def load(cls, settings: Settings) -> RunSettings:
        return cls(
            warning_minutes=max(0.0, settings.number("run/warning_minutes")),
            warning_chime=settings.flag("run/warning_chime"),
            interval_minutes=max(0.0, settings.number("run/interval_minutes")),
            volume=min(1.0, max(0.0, settings.number("run/chime_volume"))),
            muted=settings.flag("run/muted"),
            projector_digits=settings.flag("run/projector_digits"),
            projector_screen=settings.text("run/projector_screen"),
        )

    def save(self, settings: Settings) -> None:
        settings.set("run/chime_volume", self.volume)
        settings.set("run/muted", self.muted)
        settings.set("run/projector_digits", self.projector_digits)
        settings.set("run/projector_screen", self.projector_screen)
