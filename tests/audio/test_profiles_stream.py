"""Output profiles; full (streamed) renders for Opus/WAV and crossfades; flat memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from audio import _ffmpeg
from audio._ffmpeg_gen import generate_tone
from audio.profiles import STANDARD_PROFILES, OutputProfile
from audio.render import AudioItem, render_session

ROOT = Path(__file__).resolve().parents[2]


def test_profile_names_round_trip() -> None:
    for profile in STANDARD_PROFILES:
        assert OutputProfile.parse(profile.name) == profile
    assert OutputProfile.parse("mp3-64k-stereo-22050") == OutputProfile(22050, 2, 64)
    for bad in ("mp3-128k-mono-11025", "wav-64k-mono-16000", "opus-32k-mono-44100", "aac"):
        with pytest.raises(ValueError):
            OutputProfile.parse(bad)


@pytest.mark.parametrize("name", ["opus-32k-mono-48000", "wav-mono-16000"])
def test_streamed_profiles(tmp_path: Path, name: str) -> None:
    profile = OutputProfile.parse(name)
    a, b = tmp_path / "a.wav", tmp_path / "b.flac"
    generate_tone(a, seconds=2.0, freq=500, volume_db=-20)
    generate_tone(b, seconds=1.5, freq=900, sample_rate=22050, volume_db=-8)
    items = [AudioItem(a, "A", "a"), AudioItem(b, "B", "b")]
    out = tmp_path / f"s{profile.suffix}"
    session = render_session(items, out, work_dir=tmp_path / "w", profile=profile, gap_s=0.5)
    assert not session.joined
    info = _ffmpeg.probe(out)
    assert (info.sample_rate, info.channels) == (profile.sample_rate, 1)
    assert info.duration_s == pytest.approx(4.0, abs=0.05)
    assert all(item.path.suffix == profile.suffix for item in session.items)


def test_crossfade_overlaps_items(tmp_path: Path) -> None:
    a, b = tmp_path / "a.wav", tmp_path / "b.wav"
    generate_tone(a, seconds=3.0, freq=500, volume_db=-20)
    generate_tone(b, seconds=3.0, freq=900, volume_db=-20)
    items = [
        AudioItem(a, "A", "a", kind="music", fade_in_s=0.5),
        AudioItem(b, "B", "b", kind="music", crossfade_s=1.0),
    ]
    session = render_session(items, tmp_path / "x.mp3", work_dir=tmp_path / "w", gap_s=1.0)
    assert not session.joined  # a crossfade needs the full render
    assert session.duration_s == pytest.approx(5.0, abs=0.01)
    assert session.offsets_s == pytest.approx((0.0, 2.0), abs=0.01)
    assert _ffmpeg.probe(session.path).duration_s == pytest.approx(5.0, abs=0.06)


def test_a_join_that_fails_streams_from_the_items_pcm(tmp_path: Path) -> None:
    a, b = tmp_path / "a.wav", tmp_path / "b.wav"
    generate_tone(a, seconds=2.0, freq=500, volume_db=-20)
    generate_tone(b, seconds=2.0, freq=900, volume_db=-20)
    items = [AudioItem(a, "A", "a"), AudioItem(b, "B", "b")]
    work = tmp_path / "w"
    joined = render_session(items, tmp_path / "j.mp3", work_dir=work, gap_s=1.0)
    assert joined.joined and not list((work / "items").glob("*.wav"))  # joined: no PCM kept
    # no gap leaves no room for the encoder delay: the join fails, the PCM is made and streamed
    streamed = render_session(items, tmp_path / "s.mp3", work_dir=work, gap_s=0.0)
    assert not streamed.joined
    assert len(list((work / "items").glob("*.wav"))) == 2
    assert _ffmpeg.probe(streamed.path).duration_s == pytest.approx(4.0, abs=0.06)


CHILD = """
import json, resource, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from audio.render import AudioItem, render_session
from audio.profiles import OutputProfile
src, minutes, profile = Path({src!r}), {minutes}, OutputProfile.parse({profile!r})
items = [AudioItem(src, f"m{{i}}", f"m{{i}}") for i in range(minutes)]
s = render_session(items, Path({out!r}), work_dir=Path({work!r}), profile=profile, gap_s=0.0)
print(json.dumps({{"rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "child": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  "duration": s.duration_s}}))
"""


def test_memory_is_flat_between_10_and_60_minutes(tmp_path: Path) -> None:
    src = tmp_path / "minute.wav"
    generate_tone(src, seconds=60.0, freq=440, sample_rate=16000, volume_db=-12)
    peaks = {}
    for minutes in (10, 60):
        code = CHILD.format(
            root=str(ROOT),
            src=str(src),
            minutes=minutes,
            out=str(tmp_path / f"{minutes}.wav"),
            work=str(tmp_path / "w"),
            profile="wav-mono-16000",
        )
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
        report = json.loads(proc.stdout.decode().strip().splitlines()[-1])
        assert report["duration"] == pytest.approx(minutes * 60.0, abs=0.1)
        peaks[minutes] = (report["rss"], report["child"])
    # six times the playlist, same memory (within 15 MB) in Python and in ffmpeg
    assert peaks[60][0] - peaks[10][0] < 15_000
    assert peaks[60][1] - peaks[10][1] < 15_000


def test_render_workers_start_ffmpeg_pinned_to_one_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[set[int]] = []
    spawn = _ffmpeg._spawn

    def recording(args: list[str], *rest: object) -> object:
        if threading.current_thread().name.startswith("render-item"):
            seen.append(os.sched_getaffinity(0))  # what the ffmpeg started here inherits
        return spawn(args, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(_ffmpeg, "_spawn", recording)
    clips = []
    for index in range(3):
        clip = tmp_path / f"c{index}.wav"
        generate_tone(clip, seconds=1.0, freq=400 + 100 * index, volume_db=-20)
        clips.append(AudioItem(clip, f"C{index}", f"c{index}"))
    session = render_session(clips, tmp_path / "p.mp3", work_dir=tmp_path / "w", gap_s=0.5)
    assert session.joined and seen
    usable = os.sched_getaffinity(0)
    assert all(len(cpus) == 1 and cpus <= usable for cpus in seen)
    assert usable == os.sched_getaffinity(0)  # the caller's own threads stay free
