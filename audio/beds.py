"""A music bed under an announcement, ducked by the speech (ffmpeg sidechaincompress).

The bed starts ``lead_s`` before the speech and ends ``tail_s`` after it, fading in and out
over ``fade_s``; it is set ``bed_level_db`` relative to the speech's loudness, then compressed
by the speech as sidechain (threshold -40 dBFS, ratio 20, attack 50 ms, release 500 ms), which
lowers it by well over 12 dB while someone speaks. Bed and speech are summed without
normalisation (``amix=normalize=0``); the mix is then normalised like any item.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Final

from audio import _ffmpeg
from audio.loudness import measure_loudness

DUCK_FILTER: Final = (
    "sidechaincompress=threshold=0.01:ratio=20:attack=50:release=500:makeup=1:knee=2"
)


def _gain_for_bed(speech: Path, bed: Path, bed_level_db: float) -> float:
    """Gain (dB) putting the bed ``bed_level_db`` relative to the speech's loudness."""
    speech_lufs = measure_loudness(speech).integrated_lufs
    bed_lufs = measure_loudness(bed).integrated_lufs
    if not (math.isfinite(speech_lufs) and math.isfinite(bed_lufs)):
        return 0.0
    return max(min(speech_lufs + bed_level_db - bed_lufs, 30.0), -40.0)


def mix_bed(
    speech: Path,
    bed: Path,
    out: Path,
    *,
    sample_rate: int,
    channels: int,
    bed_level_db: float = -6.0,
    lead_s: float = 1.5,
    tail_s: float = 1.5,
    fade_s: float = 0.5,
    stem_only: bool = False,
) -> float:
    """Write speech over the ducked bed (or the ducked bed alone) to ``out``; returns seconds."""
    speech_s = _ffmpeg.probe(speech).duration_s
    total = lead_s + speech_s + tail_s
    conform = _ffmpeg.conform_filter(sample_rate, channels)
    gain = _gain_for_bed(speech, bed, bed_level_db)
    delay_ms = round(lead_s * 1000)
    graph = (
        f"[0:a]{conform},adelay={delay_ms}:all=1,apad=whole_dur={total:.4f},"
        f"atrim=0:{total:.4f},asplit=2[sp][sc];"
        f"[1:a]{conform},volume={gain:.2f}dB,atrim=0:{total:.4f},asetpts=N/SR/TB,"
        f"afade=t=in:d={fade_s:g},afade=t=out:st={max(total - fade_s, 0):.4f}:d={fade_s:g}[bd];"
        f"[bd][sc]{DUCK_FILTER}[duck];"
        f"[duck][sp]amix=inputs=2:normalize=0:duration=first[mix]"
    )
    if stem_only:  # the speech is still the sidechain, but silenced in the output
        graph = graph.replace("[duck][sp]amix", "[sp]volume=0[mute];[duck][mute]amix")
    args = [*_ffmpeg.SAFE_INPUT_ARGS, "-i", _ffmpeg.file_arg(speech)]
    args += [*_ffmpeg.SAFE_INPUT_ARGS, "-stream_loop", "-1", "-i", _ffmpeg.file_arg(bed)]
    args += ["-filter_complex", graph, "-map", "[mix]", "-c:a", "flac", "-f", "flac"]
    _ffmpeg.run_ffmpeg([*args, "-fflags", "+bitexact", "-y", _ffmpeg.file_arg(out)])
    return total
