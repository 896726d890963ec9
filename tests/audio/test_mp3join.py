"""audio.mp3join: cached MP3 items joined frame by frame decode cleanly, gaps as configured."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from audio import _ffmpeg
from audio._ffmpeg_gen import generate_tone
from audio.errors import AudioError
from audio.mp3frames import NotJoinable, scan_mp3
from audio.mp3join import JoinPart, join_mp3, silence_frame, verify_joined
from audio.profiles import OutputProfile

PROFILES = [OutputProfile(), OutputProfile(22050, 1, 64), OutputProfile(48000, 2, 192)]
CLIPS = [(2.3, 440.0, 0.0), (1.7, 1000.0, 1.0), (3.05, 300.0, 0.5)]  # seconds, Hz, gap before


def _parts(folder: Path, profile: OutputProfile) -> list[JoinPart]:
    folder.mkdir(parents=True, exist_ok=True)
    parts = []
    for i, (seconds, freq, gap) in enumerate(CLIPS):
        wav, mp3 = folder / f"t{i}.wav", folder / f"t{i}.mp3"
        generate_tone(wav, seconds=seconds, freq=freq, sample_rate=profile.sample_rate)
        args = ["-i", _ffmpeg.file_arg(wav), *profile.codec_args(), "-y", _ffmpeg.file_arg(mp3)]
        _ffmpeg.run_ffmpeg(args)
        parts.append(JoinPart(mp3, scan_mp3(mp3), gap))
    return parts


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.name)
def test_joined_file_decodes_cleanly_with_configured_gaps(
    tmp_path: Path, profile: OutputProfile
) -> None:
    parts = _parts(tmp_path, profile)
    joined = join_mp3(parts, tmp_path / "joined.mp3", silence_frame(profile, tmp_path / "s"))
    expected = sum(p.scan.samples for p in parts) / profile.sample_rate + 1.5
    verify_joined(joined, expected, full=True)  # decodes without errors, duration ±50 ms
    assert _ffmpeg.probe(joined.path).duration_s == pytest.approx(expected, abs=0.05)
    half_frame = 0.5 * parts[0].scan.header.samples / profile.sample_rate
    starts = [0.0, parts[0].scan.samples / profile.sample_rate + 1.0]
    starts.append(starts[1] + parts[1].scan.samples / profile.sample_rate + 0.5)
    assert joined.offsets_s == pytest.approx(starts, abs=half_frame + 1e-3)
    # silences in the decoded audio: only the configured gaps, none longer by > 60 ms
    report = _ffmpeg.decode(joined.path, filters=["silencedetect=n=-50dB:d=0.03"])
    silences = [float(v) for v in re.findall(r"silence_duration: ([\d.]+)", report.log)]
    assert len(silences) == 2
    assert all(s <= gap + 0.06 for s, gap in zip(silences, (1.0, 0.5), strict=True))


def test_join_refuses_mixed_formats_and_short_gaps(tmp_path: Path) -> None:
    a = _parts(tmp_path / "a", OutputProfile())[:1]
    b = _parts(tmp_path / "b", OutputProfile(22050, 1, 64))[:1]
    silence = silence_frame(OutputProfile(), tmp_path / "s")
    with pytest.raises(NotJoinable):
        join_mp3([*a, *b], tmp_path / "mixed.mp3", silence)
    tight = [a[0], JoinPart(a[0].path, a[0].scan, 0.0)]
    with pytest.raises(NotJoinable):  # encoder delay + padding cannot fit in no gap
        join_mp3(tight, tmp_path / "tight.mp3", silence)
    assert not (tmp_path / "tight.mp3").exists()


def test_verify_catches_a_wrong_duration_and_a_damaged_seam(tmp_path: Path) -> None:
    profile = OutputProfile()
    parts = _parts(tmp_path, profile)
    joined = join_mp3(parts, tmp_path / "joined.mp3", silence_frame(profile, tmp_path / "s"))
    with pytest.raises(AudioError):
        verify_joined(joined, joined.duration_s + 0.2)
    data = bytearray(joined.path.read_bytes())
    offset = joined.seams[1][0]
    data[offset : offset + 4] = b"\0\0\0\0"
    joined.path.write_bytes(bytes(data))
    with pytest.raises(AudioError):
        verify_joined(joined, joined.duration_s)


def test_not_an_mp3_is_not_joinable(tmp_path: Path) -> None:
    wav = tmp_path / "x.wav"
    generate_tone(wav, seconds=0.5)
    with pytest.raises(NotJoinable):
        scan_mp3(wav)
