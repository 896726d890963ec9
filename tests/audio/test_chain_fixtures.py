"""The processing chain on a table of generated clips: duration, LUFS ±0.5 LU, true peak."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from audio import _ffmpeg
from audio._ffmpeg_gen import generate_noise, generate_tone
from audio._items import process_item
from audio.beds import mix_bed
from audio.loudness import measure_loudness
from audio.playlist import AudioItem, with_jingles
from audio.presets import HORN, INDOOR_FM, ProcessingPreset, get_preset
from audio.profiles import OutputProfile
from audio.tts import get_engine, get_voice


@dataclass(frozen=True)
class Clip:
    """A generated source, how to make it, and the duration expected after processing."""

    name: str
    kind: str  # tone | noise | speech
    rate: int
    channels: int
    level_db: float
    seconds: float


CLIPS = [
    Clip("tone-8k-mono.wav", "tone", 8000, 1, -30.0, 3.0),
    Clip("noise-48k-stereo.flac", "noise", 48000, 2, -6.0, 3.0),
    Clip("tone-44k-stereo.m4a", "tone", 44100, 2, -12.0, 2.5),
    Clip("noise-16k-mono.ogg", "noise", 16000, 1, -20.0, 2.0),
    Clip("speech-22k.wav", "speech", 22050, 1, 0.0, 0.0),
]


def _make(folder: Path, clip: Clip) -> tuple[Path, float]:
    path = folder / clip.name
    if clip.kind == "speech":
        speech = get_engine("espeak").synthesize("Thông báo của ủy ban phường.", get_voice("vi"))
        path.write_bytes(speech.wav)
    else:
        make = generate_tone if clip.kind == "tone" else generate_noise
        wav = folder / f"{clip.name}.wav"
        make(
            wav,
            seconds=clip.seconds,
            sample_rate=clip.rate,
            channels=clip.channels,
            volume_db=clip.level_db,
        )
        codec = {".m4a": ["-c:a", "aac"], ".ogg": ["-c:a", "libopus"]}.get(path.suffix, [])
        _ffmpeg.run_ffmpeg(["-i", _ffmpeg.file_arg(wav), *codec, "-y", _ffmpeg.file_arg(path)])
    return path, _ffmpeg.probe(path).duration_s


@pytest.mark.parametrize("preset", [HORN, INDOOR_FM], ids=lambda p: p.name)
def test_fixture_table_lands_on_target(tmp_path: Path, preset: ProcessingPreset) -> None:
    profile = OutputProfile()
    for clip in CLIPS:
        source, seconds = _make(tmp_path, clip)
        item = AudioItem(source, clip.name, clip.name, kind="speech")
        done = process_item(item, tmp_path / "work", preset, profile, threading.Event())
        shipped = measure_loudness(done.encoded)  # ffmpeg ebur128 on the file that ships
        assert shipped.integrated_lufs == pytest.approx(preset.target.integrated_lufs, abs=0.5)
        assert shipped.true_peak_dbtp <= preset.target.true_peak_dbtp + 0.05, clip.name
        assert done.frames / profile.sample_rate == pytest.approx(seconds, abs=0.03), clip.name
        # stored values: the PCM's exact loudness plus the encoder's offset prior (+-0.25 LU)
        assert done.loudness.integrated_lufs == pytest.approx(shipped.integrated_lufs, abs=0.3)


def test_silence_trim_removes_silence_at_both_ends(tmp_path: Path) -> None:
    tone = tmp_path / "tone.wav"
    generate_tone(tone, seconds=2.0, freq=500, volume_db=-10)
    padded = tmp_path / "padded.wav"
    graph = "adelay=1000:all=1,apad=pad_dur=1.5"
    _ffmpeg.decode(tone, filters=[graph], output=["-y", _ffmpeg.file_arg(padded)])
    preset = ProcessingPreset("trim", HORN.target, 120, None, trim_silence=True)
    item = AudioItem(padded, "x", "x")
    done = process_item(item, tmp_path / "work", preset, OutputProfile(), threading.Event())
    assert done.frames / 44100 == pytest.approx(2.2, abs=0.1)  # 2 s + 0.1 s kept each side


def test_bed_is_ducked_by_at_least_12_db_under_speech(tmp_path: Path) -> None:
    speech, bed = tmp_path / "speech.wav", tmp_path / "bed.wav"
    generate_tone(speech, seconds=4.0, freq=1000, volume_db=-12.0)
    generate_noise(bed, seconds=3.0, color="pink", volume_db=-10.0)  # looped under 8 s
    stem = tmp_path / "stem.flac"
    total = mix_bed(
        speech, bed, stem, sample_rate=44100, channels=1, lead_s=2, tail_s=2, stem_only=True
    )
    assert total == pytest.approx(8.0)
    assert _ffmpeg.probe(stem).duration_s == pytest.approx(8.0, abs=0.01)

    def level(start: float, end: float) -> float:
        report = _ffmpeg.decode(stem, filters=[f"atrim={start}:{end}"], measure=True)
        assert report.loudness is not None
        return report.loudness.integrated_lufs

    alone, under, after = level(0.6, 1.4), level(3.0, 5.0), level(6.6, 7.4)
    assert alone - under >= 12.0
    assert after - under >= 12.0
    # 0.5 s fades: the first 100 ms are far quieter than the bed once faded in
    assert level(0.0, 0.1 + 0.4) < alone - 3.0


def test_presets_and_jingles() -> None:
    assert get_preset("horn").target.integrated_lufs == -16.0
    assert get_preset("indoor_fm").target.integrated_lufs == -18.0
    assert HORN.speech_filters()[0].startswith("highpass=f=120")
    with pytest.raises(ValueError):
        get_preset("loud")
    a, b, c = (
        AudioItem(Path(f"{n}.wav"), n, n, topic=t) for n, t in (("a", "x"), ("b", "x"), ("c", "y"))
    )
    jingle = Path("j.wav")
    assert [i.ref for i in with_jingles([a, b, c], jingle, "every")] == [
        "a",
        "jingle-1",
        "b",
        "jingle-2",
        "c",
    ]
    assert [i.ref for i in with_jingles([a, b, c], jingle, "topics")] == ["a", "b", "jingle-2", "c"]
    assert with_jingles([a, b, c], jingle, "none") == [a, b, c]
