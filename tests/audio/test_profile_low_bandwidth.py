"""The low-bandwidth profile for 3G/4G receivers: a session rendered in it really is MP3,
mono, 24 kHz, 48 kbit/s constant bitrate (every audio frame, behind the "Info" tag frame),
about 6 kB per second."""

from pathlib import Path

import pytest

from audio import _ffmpeg
from audio._ffmpeg_gen import generate_tone
from audio.profiles import LOW_BANDWIDTH_PROFILE, STANDARD_PROFILES, OutputProfile
from audio.render import AudioItem, render_session

MPEG2_L3_KBPS = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
MPEG2_RATES = (22050, 24000, 16000)


def frame_headers(data: bytes) -> list[tuple[int, int, int]]:
    """(kbit/s, sample rate, channel mode) of each MPEG-2 Layer III frame, walking frame by
    frame from the first header; fails on anything else."""
    start = data.find(b"\xff\xf3")  # sync, MPEG-2, Layer III, no CRC
    assert start >= 0, "no MPEG-2 Layer III frame"
    frames = []
    at = start
    while at + 4 <= len(data):
        b1, b2, b3 = data[at + 1], data[at + 2], data[at + 3]
        assert data[at] == 0xFF and b1 & 0xFE == 0xF2, f"lost frame sync at byte {at}"
        kbps, rate = MPEG2_L3_KBPS[b2 >> 4], MPEG2_RATES[(b2 >> 2) & 3]
        frames.append((kbps, rate, b3 >> 6))
        at += 72 * kbps * 1000 // rate + ((b2 >> 1) & 1)
    return frames


def test_the_profile_is_named_and_standard() -> None:
    assert LOW_BANDWIDTH_PROFILE.name == "mp3-48k-mono-24000"
    assert OutputProfile.parse("mp3-48k-mono-24000") == LOW_BANDWIDTH_PROFILE
    assert LOW_BANDWIDTH_PROFILE in STANDARD_PROFILES


def test_a_session_in_the_profile_is_24khz_mono_48k_cbr(tmp_path: Path) -> None:
    a, b = tmp_path / "a.wav", tmp_path / "b.flac"
    generate_tone(a, seconds=3.0, freq=500, volume_db=-20)
    generate_tone(b, seconds=2.0, freq=900, sample_rate=48000, volume_db=-12)
    items = [AudioItem(a, "A", "a"), AudioItem(b, "B", "b")]
    out = tmp_path / "session.mp3"
    session = render_session(
        items, out, work_dir=tmp_path / "w", profile=LOW_BANDWIDTH_PROFILE, gap_s=1.0
    )
    info = _ffmpeg.probe(session.path)
    assert (info.codec, info.sample_rate, info.channels) == ("mp3", 24000, 1)
    assert info.duration_s == pytest.approx(6.0, abs=0.1)
    data = session.path.read_bytes()
    assert b"Xing" not in data[:2000]  # the muxer marks VBR files "Xing", constant ones "Info"
    tag, *frames = frame_headers(data)
    assert data.find(b"Info") < 200  # the first frame holds the CBR tag (sized to fit it)
    assert len(frames) > 200 and tag[1:] == (24000, 3)
    assert {kbps for kbps, _rate, _mode in frames} == {48}  # every audio frame: constant bitrate
    assert {rate for _kbps, rate, _mode in frames} == {24000}
    assert {mode for _kbps, _rate, mode in frames} == {3}  # single channel
    assert len(data) / info.duration_s == pytest.approx(6000, rel=0.05)  # 48 kbit/s
