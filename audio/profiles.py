"""Output profiles: the encoded formats a station's players accept.

Named profiles (``OutputProfile.parse``/``.name``) look like ``mp3-128k-mono-44100``,
``opus-32k-mono-48000`` or ``wav-mono-16000``. MP3 is constant bitrate (LAME through ffmpeg),
Opus goes in an Ogg container, WAV is 16-bit PCM.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

Codec = Literal["mp3", "opus", "wav"]
MP3_RATES: Final = frozenset({16000, 22050, 24000, 32000, 44100, 48000})
MP3_STANDARD_BITRATES: Final = (64, 96, 128, 192)
_LAYOUTS: Final = {1: "mono", 2: "stereo"}
# LAME's algorithm choice (0 best and slowest, 9 fastest; its own default is 3). 7 keeps the
# psychoacoustic model (block types) and drops the noise-shaping search: its "ok quality, fast"
# setting. At these constant bitrates for speech on horn loudspeakers it measured the same
# signal-to-distortion as 3 (25.9 vs 25.7 dB on an espeak announcement through the horn chain)
# for a quarter less encoding time, the largest share of an item's render.
MP3_ALGORITHM_QUALITY: Final = 7
_NAME_RE = re.compile(
    r"^(?P<codec>mp3|opus|wav)(?:-(?P<kbps>\d+)k)?-(?P<layout>mono|stereo)-(?P<rate>\d+)$"
)


@dataclass(frozen=True)
class OutputProfile:
    """Format of every encoded file: codec, sample rate, channels and bitrate (kbit/s)."""

    sample_rate: int = 44100
    channels: int = 1
    bitrate_kbps: int = 128
    codec: Codec = "mp3"

    def __post_init__(self) -> None:
        if self.channels not in (1, 2):
            raise ValueError(f"channels must be 1 or 2, got {self.channels}")
        if self.codec == "mp3":
            if self.sample_rate not in MP3_RATES:
                raise ValueError(f"unsupported MP3 sample rate {self.sample_rate}")
            if not 32 <= self.bitrate_kbps <= 320:
                raise ValueError(f"bitrate must be 32..320 kbps, got {self.bitrate_kbps}")
        elif self.codec == "opus":
            if self.sample_rate != 48000:
                raise ValueError("Opus profiles run at 48000 Hz")
            if not 6 <= self.bitrate_kbps <= 256:
                raise ValueError(f"Opus bitrate must be 6..256 kbps, got {self.bitrate_kbps}")
        elif self.codec == "wav":
            if not 8000 <= self.sample_rate <= 48000:
                raise ValueError(f"unsupported WAV sample rate {self.sample_rate}")
        else:
            raise ValueError(f"unknown codec {self.codec!r}")

    @property
    def name(self) -> str:
        """Stable name, e.g. ``mp3-128k-mono-44100`` (WAV has no bitrate part)."""
        kbps = "" if self.codec == "wav" else f"-{self.bitrate_kbps}k"
        return f"{self.codec}{kbps}-{_LAYOUTS[self.channels]}-{self.sample_rate}"

    @property
    def suffix(self) -> str:
        """File name suffix of this profile's files."""
        return {"mp3": ".mp3", "opus": ".opus", "wav": ".wav"}[self.codec]

    @property
    def joinable(self) -> bool:
        """True when cached items can be joined frame by frame (MP3 only)."""
        return self.codec == "mp3"

    @property
    def true_peak_allowance_db(self) -> float | None:
        """How far this encoder may raise true peaks over its PCM input; None: not calibrated.

        MP3 CBR with >= 128 kbit/s per channel, measured here: +0.75 dB at most on speech, tones,
        pink noise and clipped squares, +1.4 to +2.2 dB on white noise (allowance 2.5); 16-bit
        WAV: rounding only. See ``audio.chain`` for how items near the ceiling are verified.
        """
        if self.codec == "wav":
            return 0.0
        if self.codec == "mp3" and self.bitrate_kbps >= 128 * self.channels:
            return 2.5
        return None

    @property
    def loudness_offset_lu(self) -> float:
        """Prior for the encoded loudness minus the PCM's (LAME CBR at MP3_ALGORITHM_QUALITY,
        measured here: -0.4 LU on speech and tones, -0.5 on pink noise, -0.5 to -0.8 on white
        noise, whose energy above the encoder's low-pass weighs most in K-weighting)."""
        return -0.4 if self.codec == "mp3" and self.bitrate_kbps <= 192 else 0.0

    @classmethod
    def parse(cls, name: str) -> OutputProfile:
        """The profile named ``name``; ValueError says what is wrong."""
        match = _NAME_RE.match(name.strip().lower())
        if match is None:
            raise ValueError(f"unknown profile name {name!r}")
        codec: Codec = match["codec"]  # type: ignore[assignment]
        kbps = int(match["kbps"]) if match["kbps"] else 0
        if (codec == "wav") != (kbps == 0):
            raise ValueError(f"profile {name!r}: WAV has no bitrate, other codecs need one")
        channels = 1 if match["layout"] == "mono" else 2
        return cls(int(match["rate"]), channels, kbps, codec)

    @property
    def container(self) -> str:
        """ffmpeg muxer name of this profile's files."""
        return {"mp3": "mp3", "opus": "ogg", "wav": "wav"}[self.codec]

    def encoder_args(self) -> list[str]:
        """ffmpeg codec, rate and channel arguments (no muxer) for this profile."""
        common = ["-ar", str(self.sample_rate), "-ac", str(self.channels)]
        common += ["-fflags", "+bitexact", "-map_metadata", "-1"]
        if self.codec == "mp3":
            quality = ["-compression_level", str(MP3_ALGORITHM_QUALITY)]
            return ["-c:a", "libmp3lame", "-b:a", f"{self.bitrate_kbps}k", *quality, *common]
        if self.codec == "opus":
            codec = ["-c:a", "libopus", "-b:a", f"{self.bitrate_kbps}k", "-application", "voip"]
            return [*codec, *common]
        return ["-c:a", "pcm_s16le", *common]

    def codec_args(self) -> list[str]:
        """ffmpeg output arguments (codec, rate, channels, container) for this profile."""
        muxer = ["-id3v2_version", "0"] if self.codec == "mp3" else []
        return [*self.encoder_args(), *muxer, "-f", self.container]


DEFAULT_PROFILE: Final = OutputProfile()
# For receivers on 3G/4G links: speech only, a third of the default's bytes.
LOW_BANDWIDTH_PROFILE: Final = OutputProfile(24000, 1, 48)
STANDARD_PROFILES: Final = (
    *(OutputProfile(44100, 1, kbps) for kbps in MP3_STANDARD_BITRATES),
    OutputProfile(44100, 2, 128),
    OutputProfile(22050, 1, 64),
    LOW_BANDWIDTH_PROFILE,
    OutputProfile(48000, 2, 192),
    OutputProfile(48000, 1, 32, "opus"),
    OutputProfile(16000, 1, 0, "wav"),
)
