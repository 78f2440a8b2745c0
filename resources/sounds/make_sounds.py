"""Synthesise Attune Desktop's chimes: soft, bowl-like, never alarming.

Deterministic and standard-library only, so anyone can re-make or change the sounds:
    python resources/sounds/make_sounds.py
Writes 16-bit mono 44.1 kHz WAV files beside this script.
"""

from __future__ import annotations

import math
import struct
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

RATE = 44_100
PEAK = 10 ** (-8 / 20)  # −8 dBFS: audible in a quiet room, well short of clipping


@dataclass(frozen=True)
class Partial:
    ratio: float  # of the fundamental; a singing bowl's partials are inharmonic
    level: float
    decay: float  # seconds for the partial to fall to 1/e
    beat_hz: float = 0.0  # a twin partial this far away, for a bowl's slow shimmer


BOWL = (
    Partial(1.0, 1.0, 1.6, beat_hz=0.7),
    Partial(2.71, 0.45, 0.9, beat_hz=1.1),
    Partial(5.15, 0.18, 0.45),
    Partial(8.43, 0.06, 0.25),
)


def strike(
    fundamental: float, seconds: float, level: float, partials: Sequence[Partial] = BOWL
) -> list[float]:
    """One soft strike: a 15 ms attack (no click), exponential decays, a 0.3 s fade to zero."""
    count = int(seconds * RATE)
    attack = int(0.015 * RATE)
    fade = int(0.3 * RATE)
    samples: list[float] = []
    for n in range(count):
        t = n / RATE
        value = 0.0
        for p in partials:
            frequency = fundamental * p.ratio
            tone = math.sin(2 * math.pi * frequency * t)
            if p.beat_hz:
                tone = 0.5 * (tone + math.sin(2 * math.pi * (frequency + p.beat_hz) * t))
            value += p.level * math.exp(-t / p.decay) * tone
        envelope = min(1.0, n / attack) if attack else 1.0
        if n > count - fade:
            envelope *= (count - n) / fade
        samples.append(level * envelope * value)
    return samples


def mix(length_seconds: float, *parts: tuple[float, list[float]]) -> list[float]:
    """Place strikes at offsets (seconds) on one track."""
    track = [0.0] * int(length_seconds * RATE)
    for offset, samples in parts:
        start = int(offset * RATE)
        for i, value in enumerate(samples):
            if start + i < len(track):
                track[start + i] += value
    return track


def normalise(samples: list[float], peak: float) -> list[float]:
    """Scale to the wanted peak and remove any DC offset."""
    mean = sum(samples) / len(samples)
    centred = [s - mean for s in samples]
    top = max(abs(s) for s in centred) or 1.0
    return [s * peak / top for s in centred]


def glide(start_hz: float, end_hz: float, seconds: float) -> list[float]:
    """A breath cue: one soft sine sliding in pitch, with a slow swell and fade (no bell, no
    click), so it reads as breath rather than as an alert. A quiet octave above adds warmth."""
    count = int(seconds * RATE)
    swell, fade = int(0.25 * RATE), int(0.45 * RATE)
    samples: list[float] = []
    phase = 0.0
    for n in range(count):
        share = n / count
        frequency = start_hz + (end_hz - start_hz) * share
        phase += 2 * math.pi * frequency / RATE
        envelope = min(1.0, n / swell, (count - n) / fade)
        envelope = envelope * envelope * (3 - 2 * envelope)  # smoothstep: gentle at both ends
        samples.append(envelope * (math.sin(phase) + 0.12 * math.sin(2 * phase)))
    return samples


def write_wav(path: Path, samples: list[float]) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", round(s * 32767)) for s in samples))


def main() -> None:
    here = Path(__file__).resolve().parent
    sounds = {
        # a warm bowl at segment start
        "start.wav": normalise(strike(432.0, 4.0, 1.0), PEAK),
        # higher, quieter and shorter: "a couple of minutes left"
        "warning.wav": normalise(strike(648.0, 2.0, 1.0), PEAK * 0.55),
        # two soft strikes, the second a fourth lower: "time to close"
        "end.wav": normalise(
            mix(5.0, (0.0, strike(432.0, 3.2, 1.0)), (1.4, strike(324.0, 3.6, 0.9))), PEAK
        ),
        # a tiny bell inside a practice
        "interval.wav": normalise(
            strike(864.0, 1.2, 1.0, (Partial(1.0, 1.0, 0.35), Partial(2.71, 0.3, 0.2))),
            PEAK * 0.35,
        ),
        # breath cues, off unless a practice turns them on: a soft tone rising for the
        # in-breath, a lower one falling for the out-breath, so eyes-closed they are told apart
        "breath_in.wav": normalise(glide(392.0, 466.0, 1.1), PEAK * 0.3),
        "breath_out.wav": normalise(glide(294.0, 220.0, 1.5), PEAK * 0.3),
    }
    for name, samples in sounds.items():
        write_wav(here / name, samples)
        print(f"{name}: {len(samples) / RATE:.1f} s")


if __name__ == "__main__":
    main()
