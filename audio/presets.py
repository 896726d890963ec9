"""Processing presets: the chain every speech item goes through before loudness normalisation.

Chain (ffmpeg filters, in order): optional silence trim at both ends (found by silencedetect
in the measuring pass, applied with atrim: no buffering), high-pass, gentle compression; then
``audio.loudness`` measures, applies one gain and a 4x-oversampled true-peak limiter.

"horn" (default) suits street horn loudspeakers (~350 Hz-5 kHz): -16 LUFS, -1.5 dBTP, 120 Hz
high-pass, 3:1 compression over -24 dBFS. "indoor_fm": -18 LUFS, 80 Hz, 1.5:1 over -20 dBFS.
Music (jingles, beds, songs) skips high-pass, compression and trim: only loudness applies.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final

from audio.loudness import LoudnessTarget


@dataclass(frozen=True)
class Compressor:
    """ffmpeg acompressor settings (threshold in dBFS)."""

    threshold_db: float
    ratio: float
    attack_ms: float = 15.0
    release_ms: float = 250.0

    def filter(self) -> str:
        """The acompressor filter string."""
        threshold = 10 ** (self.threshold_db / 20)
        return (
            f"acompressor=threshold={threshold:.6f}:ratio={self.ratio:g}"
            f":attack={self.attack_ms:g}:release={self.release_ms:g}:makeup=1"
        )


@dataclass(frozen=True)
class ProcessingPreset:
    """Loudness target and the speech chain of one kind of station."""

    name: str
    target: LoudnessTarget
    highpass_hz: int | None
    compressor: Compressor | None
    trim_silence: bool = False
    trim_threshold_db: float = -50.0

    def speech_filters(self) -> list[str]:
        """High-pass and compression filters for speech (trim is applied separately)."""
        chain = []
        if self.highpass_hz:
            chain.append(f"highpass=f={self.highpass_hz}:poles=2")
        if self.compressor is not None:
            chain.append(self.compressor.filter())
        return chain

    def key(self) -> str:
        """Everything that changes the processed audio, for cache keys."""
        comp = self.compressor
        comp_key = "-"
        if comp is not None:
            comp_key = (
                f"{comp.threshold_db:g}/{comp.ratio:g}/{comp.attack_ms:g}/{comp.release_ms:g}"
            )
        return (
            f"{self.target.integrated_lufs!r}|{self.target.true_peak_dbtp!r}|{self.highpass_hz}"
            f"|{comp_key}|{self.trim_silence}|{self.trim_threshold_db:g}"
        )

    def with_target(self, target: LoudnessTarget) -> ProcessingPreset:
        """The same chain aiming at another loudness target."""
        return replace(self, target=target)


HORN: Final = ProcessingPreset(
    name="horn",
    target=LoudnessTarget(-16.0, -1.5),
    highpass_hz=120,
    compressor=Compressor(threshold_db=-24.0, ratio=3.0),
)
INDOOR_FM: Final = ProcessingPreset(
    name="indoor_fm",
    target=LoudnessTarget(-18.0, -1.5),
    highpass_hz=80,
    compressor=Compressor(threshold_db=-20.0, ratio=1.5),
)
PRESETS: Final = {preset.name: preset for preset in (HORN, INDOOR_FM)}
MUSIC_FILTERS: Final[tuple[str, ...]] = ()


def get_preset(name: str) -> ProcessingPreset:
    """The preset called ``name``; ValueError lists the known ones."""
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"unknown preset {name!r}; known: {', '.join(PRESETS)}") from None
