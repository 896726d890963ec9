"""audio.render: loudness-normalised items, one session MP3, caching, atomic output."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from audio._ffmpeg import generate_noise, generate_tone, probe, run_ffmpeg
from audio.errors import AudioRejected
from audio.loudness import LoudnessTarget, measure_loudness
from audio.render import (
    AudioItem,
    OutputProfile,
    RenderedSession,
    render_session,
)

TARGET = LoudnessTarget()  # -16 LUFS, -1.5 dBTP
GAP_S = 1.0


@dataclass
class Rendered:
    """A session rendered once for several tests, with its sources and progress calls."""

    session: RenderedSession
    items: list[AudioItem]
    source_seconds: list[float]
    work_dir: Path
    calls: list[tuple[float, str]]


def _three_items(folder: Path) -> tuple[list[AudioItem], list[float]]:
    """A quiet 22.05 kHz tone, loud 48 kHz stereo noise and a 44.1 kHz tone (FLAC)."""
    folder.mkdir(parents=True, exist_ok=True)
    generate_tone(folder / "quiet.wav", seconds=4.0, sample_rate=22050, volume_db=-30.0, freq=1000)
    generate_noise(folder / "loud.wav", seconds=5.0, sample_rate=48000, channels=2, volume_db=-10.0)
    generate_tone(folder / "mid.flac", seconds=3.0, sample_rate=44100, volume_db=-12.0, freq=300)
    items = [
        AudioItem(folder / "quiet.wav", "Thông báo lịch tiêm chủng", "segment-1"),
        AudioItem(folder / "loud.wav", "Nhạc hiệu", "segment-2"),
        AudioItem(folder / "mid.flac", "Kết thúc", "segment-3"),
    ]
    return items, [4.0, 5.0, 3.0]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    root = tmp_path_factory.mktemp("render")
    items, seconds = _three_items(root / "src")
    calls: list[tuple[float, str]] = []
    session = render_session(
        items,
        root / "out" / "session.mp3",
        work_dir=root / "work",
        gap_s=GAP_S,
        progress=lambda fraction, message: calls.append((fraction, message)),
    )
    return Rendered(session, items, seconds, root / "work", calls)


def test_session_mp3_format_and_duration(rendered: Rendered) -> None:
    info = probe(rendered.session.path)
    assert (info.codec, info.sample_rate, info.channels) == ("mp3", 44100, 1)
    expected = sum(rendered.source_seconds) + GAP_S * (len(rendered.items) - 1)
    assert info.duration_s == pytest.approx(expected, abs=0.05)
    assert rendered.session.duration_s == pytest.approx(info.duration_s, abs=0.01)
    kbps = rendered.session.path.stat().st_size * 8 / info.duration_s / 1000
    assert kbps == pytest.approx(128, rel=0.03)  # constant bitrate


def test_session_loudness_on_target(rendered: Rendered) -> None:
    measured = measure_loudness(rendered.session.path)
    assert measured.integrated_lufs == pytest.approx(TARGET.integrated_lufs, abs=1.0)
    assert measured.true_peak_dbtp <= -1.0
    # a joined session's loudness is combined from its items' measurements, not re-metered
    assert rendered.session.joined
    assert rendered.session.integrated_lufs == pytest.approx(measured.integrated_lufs, abs=0.4)
    # items' true peaks are their PCM's: the encoder may add up to its allowance (1 dB)
    assert rendered.session.true_peak_dbtp - 0.5 <= measured.true_peak_dbtp
    assert measured.true_peak_dbtp <= rendered.session.true_peak_dbtp + 1.0


def test_each_item_mp3_on_target(rendered: Rendered) -> None:
    for item, source, seconds in zip(
        rendered.session.items, rendered.items, rendered.source_seconds, strict=True
    ):
        assert (item.ref, item.title) == (source.ref, source.title)
        info = probe(item.path)
        assert (info.codec, info.sample_rate, info.channels) == ("mp3", 44100, 1)
        assert info.duration_s == pytest.approx(seconds, abs=0.05)
        assert item.duration_s == pytest.approx(seconds, abs=0.01)
        measured = measure_loudness(item.path)
        assert measured.integrated_lufs == pytest.approx(TARGET.integrated_lufs, abs=1.0)
        assert measured.true_peak_dbtp <= -1.0
        assert item.integrated_lufs == pytest.approx(measured.integrated_lufs, abs=0.3)


def test_offsets_are_cumulative(rendered: Rendered) -> None:
    seconds = rendered.source_seconds
    expected = (0.0, seconds[0] + GAP_S, seconds[0] + seconds[1] + 2 * GAP_S)
    half_frame = 0.5 * 1152 / 44100  # a joined session places items to half an MP3 frame
    assert rendered.session.offsets_s == pytest.approx(expected, abs=half_frame + 0.001)


def test_progress_is_monotonic_and_ends_at_one(rendered: Rendered) -> None:
    fractions = [fraction for fraction, _ in rendered.calls]
    assert fractions == sorted(fractions)
    assert fractions[0] >= 0.0 and fractions[-1] == 1.0
    assert all(message for _, message in rendered.calls)


def test_second_render_reuses_processed_items(rendered: Rendered, tmp_path: Path) -> None:
    items_dir = rendered.work_dir / "items"
    before = {p.name: p.stat().st_mtime_ns for p in items_dir.iterdir()}
    again = render_session(rendered.items, tmp_path / "again.mp3", work_dir=rendered.work_dir)
    assert all(item.cached for item in again.items)
    assert not any(item.cached for item in rendered.session.items)
    assert {p.name: p.stat().st_mtime_ns for p in items_dir.iterdir()} == before
    assert again.offsets_s == rendered.session.offsets_s
    assert again.path.read_bytes() == rendered.session.path.read_bytes()


def test_other_target_is_another_cache_entry(rendered: Rendered, tmp_path: Path) -> None:
    quieter = LoudnessTarget(integrated_lufs=-20.0)
    items = rendered.items[:1]
    session = render_session(items, tmp_path / "q.mp3", work_dir=rendered.work_dir, target=quieter)
    assert not session.items[0].cached
    assert session.integrated_lufs == pytest.approx(-20.0, abs=1.0)


class Boom(Exception):
    """Raised by a progress callback to interrupt a render."""


@pytest.mark.parametrize("fail_after", [0.0, 0.3, 0.9, 0.98])
def test_interrupted_render_leaves_no_file(tmp_path: Path, fail_after: float) -> None:
    items, _ = _three_items(tmp_path / "src")
    out = tmp_path / "out" / "session.mp3"

    def progress(fraction: float, message: str) -> None:
        if fraction >= fail_after:
            raise Boom(message)

    with pytest.raises(Boom):
        render_session(items, out, work_dir=tmp_path / "work", progress=progress)
    assert list(out.parent.iterdir()) == []
    assert not list((tmp_path / "work" / "items").glob(".*.part"))


def test_interrupted_render_keeps_the_previous_export(tmp_path: Path) -> None:
    items, _ = _three_items(tmp_path / "src")
    out = tmp_path / "session.mp3"
    out.write_bytes(b"previous export")

    def progress(fraction: float, message: str) -> None:
        if fraction > 0.5:
            raise Boom(message)

    with pytest.raises(Boom):
        render_session(items, out, work_dir=tmp_path / "work", progress=progress)
    assert out.read_bytes() == b"previous export"


def test_bad_item_names_its_ref(tmp_path: Path) -> None:
    items, _ = _three_items(tmp_path / "src")
    bogus = tmp_path / "src" / "bogus.mp3"
    bogus.write_text("không phải âm thanh", encoding="utf-8")
    items.insert(1, AudioItem(bogus, "Hỏng", "segment-bad"))
    out = tmp_path / "session.mp3"
    with pytest.raises(AudioRejected) as caught:
        render_session(items, out, work_dir=tmp_path / "work")
    assert caught.value.reason_code == "not_audio"
    assert caught.value.ref == "segment-bad"
    assert not out.exists()


def test_empty_playlist_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AudioRejected) as caught:
        render_session([], tmp_path / "s.mp3", work_dir=tmp_path / "work")
    assert caught.value.reason_code == "empty"


def test_stereo_48k_profile_without_gaps(tmp_path: Path) -> None:
    items, seconds = _three_items(tmp_path / "src")
    profile = OutputProfile(sample_rate=48000, channels=2, bitrate_kbps=192)
    out = tmp_path / "Phường 1 | 'sáng' [06:30]" / "phiên 06:30.mp3"
    session = render_session(items, out, work_dir=tmp_path / "work", profile=profile, gap_s=0.0)
    assert session.path == out
    info = probe(session.path)
    assert (info.sample_rate, info.channels) == (48000, 2)
    assert info.duration_s == pytest.approx(sum(seconds), abs=0.05)
    assert session.integrated_lufs == pytest.approx(-16.0, abs=1.0)


def test_peaky_item_is_limited_under_the_ceiling(tmp_path: Path) -> None:
    # A quiet tone with loud 20 ms bursts: reaching -16 LUFS needs the limiter on every burst.
    expr = "0.05*sin(2*PI*200*t)+0.5*lt(mod(t\\,0.25)\\,0.02)*sin(2*PI*1000*t)"
    source = tmp_path / "peaky.wav"
    run_ffmpeg(["-f", "lavfi", "-i", f"aevalsrc='{expr}':s=24000:d=6", str(source)])
    assert measure_loudness(source).true_peak_dbtp > -7.0
    items = [AudioItem(source, "Còi", "siren")]
    session = render_session(items, tmp_path / "s.mp3", work_dir=tmp_path / "work")
    measured = measure_loudness(session.path)
    assert measured.true_peak_dbtp <= TARGET.true_peak_dbtp + 0.1
    assert measured.integrated_lufs == pytest.approx(-16.0, abs=1.0)


def test_silent_item_passes_through(tmp_path: Path) -> None:
    items, _ = _three_items(tmp_path / "src")
    silence = tmp_path / "src" / "pause.wav"
    run_ffmpeg(["-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "2", str(silence)])
    items.append(AudioItem(silence, "Khoảng lặng", "pause"))
    session = render_session(items, tmp_path / "s.mp3", work_dir=tmp_path / "work")
    assert session.items[-1].duration_s == pytest.approx(2.0, abs=0.01)
    assert session.integrated_lufs == pytest.approx(-16.0, abs=1.0)


def test_short_chime_is_normalised_too(tmp_path: Path) -> None:
    # 0.25 s is shorter than one 400 ms gating block: measured padded to 400 ms, i.e.
    # -30 dBFS at 1 kHz reads -33.0 - 2.0 = -35 LUFS, so it needs about +19 dB.
    chime = tmp_path / "chime.wav"
    generate_tone(chime, seconds=0.25, freq=1000, volume_db=-30.0)
    items = [AudioItem(chime, "Chuông", "chime")]
    session = render_session(items, tmp_path / "s.mp3", work_dir=tmp_path / "work")
    measured = measure_loudness(session.items[0].path)
    assert measured.true_peak_dbtp == pytest.approx(-30.0 + 19.0, abs=1.5)
    assert session.items[0].duration_s == pytest.approx(0.25, abs=0.001)
