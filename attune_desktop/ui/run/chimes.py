"""Soft chimes for a running session, from the CC0 sounds in resources/sounds.

With no audio device (`QMediaDevices.audioOutputs()` empty) the player stays silent: no error
dialog, no crash, and the run goes on; the presenter still shows every warning on screen.

Each chime has its own QMediaPlayer and QAudioOutput, loaded once. QSoundEffect would be the
obvious choice, but with Qt 6.12 on PulseAudio the second QSoundEffect to play hangs the
event loop in a flood of "QSocketNotifier: Invalid socket" warnings (reproduced with a null
sink; tests/ui/run/test_chimes_sound.py plays every chime in turn to keep this honest).
"""

from __future__ import annotations

import logging
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer

from attune_desktop.core.config import resources_dir

log = logging.getLogger(__name__)


class Chime(StrEnum):
    START = "start"
    WARNING = "warning"
    END = "end"
    INTERVAL = "interval"
    BREATH_IN = "breath_in"  # soft breath cues for eyes-closed practice (off unless a
    BREATH_OUT = "breath_out"  # practice turns them on); made by resources/sounds/make_sounds.py


class ChimePlayer(QObject):
    """Plays the chimes and breath cues at one volume; mute silences them all."""

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
        self._players: dict[Chime, QMediaPlayer] = {}
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
            player = QMediaPlayer(self)
            output = QAudioOutput(player)
            output.setVolume(self._volume)
            player.setAudioOutput(output)
            player.setSource(QUrl.fromLocalFile(str(path)))
            self._players[chime] = player

    @property
    def volume(self) -> float:
        return self._volume

    @property
    def muted(self) -> bool:
        return self._muted

    def set_volume(self, volume: float) -> None:
        self._volume = _clamp(volume)
        for player in self._players.values():
            output = player.audioOutput()
            if output is not None:
                output.setVolume(self._volume)

    def set_muted(self, muted: bool) -> None:
        self._muted = muted

    def play(self, chime: Chime) -> None:
        self.played.append(chime)
        if self._muted or self._volume <= 0:
            return
        player = self._players.get(chime)
        if player is None or player.error() is not QMediaPlayer.Error.NoError:
            return  # no device, or the file could not load: silence, never an error
        if player.playbackState() is QMediaPlayer.PlaybackState.PlayingState:
            player.setPosition(0)  # the same chime again: start it over
        else:
            player.play()

    def play_breath(self, breathing_in: bool) -> None:
        """The breath cue as an in- or out-breath begins, at the chimes' volume and mute."""
        self.play(Chime.BREATH_IN if breathing_in else Chime.BREATH_OUT)

    def is_playing(self, chime: Chime) -> bool:
        player = self._players.get(chime)
        return player is not None and (
            player.playbackState() is QMediaPlayer.PlaybackState.PlayingState
        )

    def loaded(self, chime: Chime) -> bool:
        """The chime's sound is read and ready to play."""
        player = self._players.get(chime)
        status = QMediaPlayer.MediaStatus
        not_ready = (status.NoMedia, status.LoadingMedia, status.InvalidMedia)
        return player is not None and player.mediaStatus() not in not_ready


def _clamp(volume: float) -> float:
    try:
        value = float(volume)
    except (TypeError, ValueError):
        return 0.6
    return min(1.0, max(0.0, value))
