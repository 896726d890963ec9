"""Process one playlist item into the cache: chain, loudness, encoded file for one profile.

Per item: an optional pre-mix (music bed under speech, fades) into ``work_dir/mix``; the chain
measurement (the preset's chain for speech: trim, high-pass, compression; none for music),
read from ``work_dir/measure`` or measured once and stored there; then one
``audio.chain.process_chain`` run encoding the output profile. Cached in
``work_dir/items/<key>.{<ext>,json}`` (and ``.wav``, the 16-bit PCM that was encoded, when a
streamed render asks for it); the key hashes the source bytes (and the bed's), the preset, the
item's fades and bed level, the profile and PROCESSING_VERSION. For MP3 the JSON also holds
the frame scan used to join items without re-encoding. ``<key>.lock`` (an flock) makes renders
of one key, in any thread or process sharing the folder, process it once: the others wait and
read the result.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
import time
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from audio import _ffmpeg
from audio._lock import Cancelled, key_lock
from audio._measure import (
    ChainMeasurement,
    chain_filters,
    load_measurement,
    measure_chain,
    measurement_key,
    save_measurement,
)
from audio.beds import mix_bed
from audio.chain import Encoding, needs_true_peak, process_chain
from audio.importing import sha256_file
from audio.loudness import Loudness
from audio.mp3frames import Mp3Scan, NotJoinable, scan_from_dict, scan_mp3, scan_to_dict
from audio.playlist import AudioItem
from audio.presets import ProcessingPreset
from audio.profiles import OutputProfile

PROCESSING_VERSION: Final = 9  # bump when processing changes: cached items are then redone
_STALE_PART_S: Final = 6 * 3600

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Processed:
    """A processed item in the cache: its encoded file (and WAV, if made) and its loudness."""

    wav: Path | None
    encoded: Path
    frames: int
    loudness: Loudness
    scan: Mp3Scan | None
    cached: bool


def temp_beside(final: Path, suffix: str = ".part") -> Path:
    """An empty temp file (mode 0644) in the folder of ``final``."""
    fd, name = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=suffix)
    os.fchmod(fd, 0o644)  # mkstemp's 0600 would survive os.replace
    os.close(fd)
    return Path(name)


def sweep_stale_parts(folder: Path) -> None:
    """Delete temp files left by renders killed long ago (never those of a running render)."""
    limit = time.time() - _STALE_PART_S
    for part in folder.glob(".*.part"):
        try:
            if part.stat().st_mtime < limit:
                part.unlink()
        except OSError:
            pass


def item_key(
    item: AudioItem, source_sha: str, preset: ProcessingPreset, profile: OutputProfile
) -> str:
    """Cache key of an item's processed audio for one profile."""
    bed = sha256_file(item.bed) if item.bed is not None else "-"
    spec = (
        f"v{PROCESSING_VERSION}|{source_sha}|{item.kind}|{preset.key()}|{profile.name}"
        f"|{item.fade_in_s:g}|{item.fade_out_s:g}|{bed}|{item.bed_level_db:g}"
    )
    return hashlib.sha256(spec.encode()).hexdigest()[:40]


def _load_cached(base: Path, profile: OutputProfile, need_wav: bool) -> Processed | None:
    """The cached processed item at ``base``, or None if incomplete (or without a needed WAV)."""
    wav, encoded = base.with_suffix(".wav"), base.with_suffix(profile.suffix)
    try:
        meta = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
        if not encoded.is_file() or (need_wav and not wav.is_file()):
            return None
        scan = scan_from_dict(meta["scan"]) if meta.get("scan") else None
        loud = Loudness(meta["lufs"], meta["tp"], meta.get("lra", 0.0))
        kept = wav if wav.is_file() else None
        return Processed(kept, encoded, int(meta["frames"]), loud, scan, cached=True)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _premix(item: AudioItem, mix_dir: Path, key: str, profile: OutputProfile) -> Path:
    """The item's source with its bed and fades applied (a FLAC in the cache), or the source."""
    if item.bed is None and not (item.fade_in_s or item.fade_out_s):
        return item.source
    mix_dir.mkdir(parents=True, exist_ok=True)
    out = mix_dir / f"{key}.flac"
    if out.is_file():
        return out
    tmp = temp_beside(out)
    try:
        if item.bed is not None:
            rate, channels = profile.sample_rate, profile.channels
            mix_bed(item.source, item.bed, tmp, sample_rate=rate, channels=channels)
        else:
            duration = _ffmpeg.probe(item.source).duration_s
            fades = [f"afade=t=in:d={item.fade_in_s:g}"] if item.fade_in_s else []
            if item.fade_out_s:
                start = max(duration - item.fade_out_s, 0.0)
                fades.append(f"afade=t=out:st={start:.4f}:d={item.fade_out_s:g}")
            output = ["-c:a", "flac", "-f", "flac", "-fflags", "+bitexact", "-y"]
            _ffmpeg.decode(item.source, filters=fades, output=[*output, _ffmpeg.file_arg(tmp)])
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out


def item_measurement(
    item: AudioItem,
    source: Path,
    work_dir: Path,
    preset: ProcessingPreset,
    profile: OutputProfile,
    source_sha: str | None = None,
) -> ChainMeasurement:
    """The chain measurement of ``source`` (the item's audio), stored in ``work_dir/measure``.

    Metered with the sample peak first; the costly true peak only when that cannot decide
    the item's plan (``audio.chain.needs_true_peak``), e.g. audio that may bypass the limiter.
    """
    speech = item.is_speech and item.bed is None
    pre = preset.speech_filters() if speech else []
    trim = preset.trim_threshold_db if speech and preset.trim_silence else None
    conform = _ffmpeg.conform_filter(profile.sample_rate, profile.channels)
    sha = source_sha or sha256_file(source)
    key = measurement_key(sha, chain_filters(profile.channels, conform, pre), trim)
    folder = work_dir / "measure"

    def measure(true_peak: bool) -> ChainMeasurement:
        rate, channels = profile.sample_rate, profile.channels
        done = measure_chain(
            source,
            sample_rate=rate,
            channels=channels,
            pre_filters=pre,
            trim_threshold_db=trim,
            true_peak=true_peak,
        )
        save_measurement(folder, key, done)
        return done

    measured = load_measurement(folder, key) or measure(true_peak=False)
    if needs_true_peak(measured, preset.target, Encoding.of(profile)):
        measured = measure(true_peak=True)
    return measured


def measure_for_render(
    item: AudioItem, work_dir: Path, preset: ProcessingPreset, profile: OutputProfile
) -> ChainMeasurement:
    """The item's chain measurement as ``process_item`` will look it up (pre-mix included)."""
    source_sha = sha256_file(item.source)
    key = item_key(item, source_sha, preset, profile)
    source = _premix(item, work_dir / "mix", key, profile)
    known = source_sha if source == item.source else None  # a pre-mix is hashed anew
    return item_measurement(item, source, work_dir, preset, profile, known)


def process_item(
    item: AudioItem,
    work_dir: Path,
    preset: ProcessingPreset,
    profile: OutputProfile,
    cancel: threading.Event,
    need_wav: bool = False,
) -> Processed:
    """Process one item into the cache (or find it there); ``need_wav`` also keeps its PCM."""
    need_wav = need_wav or not profile.joinable  # streamed profiles always read the PCM
    items_dir = work_dir / "items"
    items_dir.mkdir(parents=True, exist_ok=True)
    source_sha = sha256_file(item.source)
    key = item_key(item, source_sha, preset, profile)
    base = items_dir / key
    cached = _load_cached(base, profile, need_wav)
    if cached is not None:
        return cached
    with key_lock(base.with_suffix(".lock"), cancel):
        # Another render (thread, process, machine on the shared folder) may have made it.
        cached = _load_cached(base, profile, need_wav)
        if cached is not None:
            return cached
        return _process(item, base, key, source_sha, work_dir, preset, profile, cancel, need_wav)


def _process(
    item: AudioItem,
    base: Path,
    key: str,
    source_sha: str,
    work_dir: Path,
    preset: ProcessingPreset,
    profile: OutputProfile,
    cancel: threading.Event,
    need_wav: bool,
) -> Processed:
    """Process one item into the cache at ``base`` (its key's lock held)."""

    def checkpoint() -> None:
        if cancel.is_set():
            raise Cancelled

    source = _premix(item, work_dir / "mix", key, profile)
    known = source_sha if source == item.source else None  # a pre-mix is hashed anew
    measured = item_measurement(item, source, work_dir, preset, profile, known)
    checkpoint()
    speech = item.is_speech and item.bed is None
    wav, encoded = base.with_suffix(".wav"), base.with_suffix(profile.suffix)
    wav_tmp, enc_tmp = temp_beside(wav), temp_beside(encoded)
    encoding = Encoding.of(profile)
    try:
        done = process_chain(
            source,
            enc_tmp,
            measured,
            target=preset.target,
            encoding=encoding,
            pre_filters=preset.speech_filters() if speech else (),
            wav_out=wav_tmp if need_wav else None,
            checkpoint=checkpoint,
        )
        scan = _scan_or_none(enc_tmp) if profile.joinable else None
        frames = _frames(wav_tmp if need_wav else enc_tmp, scan, profile.sample_rate)
        if need_wav:
            os.replace(wav_tmp, wav)
        os.replace(enc_tmp, encoded)
    finally:
        wav_tmp.unlink(missing_ok=True)
        enc_tmp.unlink(missing_ok=True)
    loud = done.loudness
    log.debug("%s: %s", item.ref, done)
    meta: dict[str, object] = {"frames": frames, "lufs": loud.integrated_lufs}
    meta["tp"] = loud.true_peak_dbtp
    meta |= {"lra": loud.loudness_range_lu, "gain_db": round(done.gain_db, 2)}
    meta |= {"limit_db": round(done.limit_db, 2), "limited": done.limited}
    meta |= {"verified": done.verified, "passes": done.passes, "source": item.source.name}
    meta["scan"] = scan_to_dict(scan) if scan else None
    json_tmp = temp_beside(base.with_suffix(".json"))
    json_tmp.write_text(json.dumps(meta), encoding="utf-8")
    os.replace(json_tmp, base.with_suffix(".json"))
    kept = wav if need_wav else (wav if wav.is_file() else None)
    return Processed(kept, encoded, frames, loud, scan, cached=False)


def _frames(path: Path, scan: Mp3Scan | None, rate: int) -> int:
    """Samples per channel of the processed item: MP3 scan, WAV header, else decoded length."""
    if scan is not None:
        return scan.samples
    try:
        with wave.open(str(path), "rb") as reader:
            return reader.getnframes()
    except (wave.Error, EOFError):
        return round(_ffmpeg.probe(path).duration_s * rate)


def _scan_or_none(path: Path) -> Mp3Scan | None:
    try:
        return scan_mp3(path)
    except NotJoinable as exc:
        log.info("%s cannot be joined: %s", path.name, exc)
        return None
