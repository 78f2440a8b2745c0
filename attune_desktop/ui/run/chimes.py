"""Soft chimes for a running session, from the CC0 sounds in resources/sounds.

With no audio device (`QMediaDevices.audioOutputs()` empty) the player stays silent: no error
dialog, no crash, and the run goes on; the presenter still shows every warning on screen.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

from attune_desktop.core.config import resources_dir

log = logging.getLogger(__name__)


class Chime(StrEnum):
    START = "start"
    WARNING = "warning"
    END = "end"
    INTERVAL = "interval"


class ChimePlayer(QObject):
    """Plays the four chimes at one volume; mute silences them all."""

    def __init__(
        self,
        *,
        volume: float = 0.6,
        muted: bool = False,
        folder: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._volume = _clamp(volume)
        self._muted = muted
        self._effects: dict[Chime, QSoundEffect] = {}
        self.played: list[Chime] = []  # what was asked to play, for tests and the log
        self.available = bool(QMediaDevices.audioOutputs())
        if not self.available:
            log.info("no audio output: chimes are silent, the run carries on")
            return
        folder = folder or resources_dir() / "sounds"
        for chime in Chime:
            path = folder / f"{chime.value}.wav"
            if not path.exists():
                log.warning("chime %s is missing", path)
                continue
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            effect.setVolume(self._volume)
            self._effects[chime] = effect

    @property
    def volume(self) -> float:
        return self._volume

    @property
    def muted(self) -> bool:
        return self._muted

    def set_volume(self, volume: float) -> None:
        self._volume = _clamp(volume)
        for effect in self._effects.values():
            effect.setVolume(self._volume)

    def set_muted(self, muted: bool) -> None:
        self._muted = muted

    def play(self, chime: Chime) -> None:
        self.played.append(chime)
        if self._muted or self._volume <= 0:
            return
        effect = self._effects.get(chime)
        if effect is None or effect.status() is QSoundEffect.Status.Error:
            return  # no device, or the file could not load: silence, never an error
        effect.play()


def _clamp(volume: float) -> float:
    try:
        value = float(volume)
    except (TypeError, ValueError):
        return 0.6
    return min(1.0, max(0.0, value))
