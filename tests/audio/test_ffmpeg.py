"""audio._ffmpeg: probing by decoding, refusals, ebur128 parsing, the stdin pipe, generators."""

from __future__ import annotations

import math
import os
from pathlib import Path

import pytest

from audio import _ffmpeg
from audio._ffmpeg import (
    AudioInfo,
    FFmpegPipe,
    decode,
    generate_noise,
    generate_tone,
    parse_ebur128_summary,
    probe,
    run_ffmpeg,
)
from audio.errors import AudioRejected, FFmpegFailed

# (file name, generator keyword arguments, expected codec)
GENERATED = [
    ("tone48k-stereo.wav", {"sample_rate": 48000, "channels": 2}, "pcm_s16le"),
    ("tone22k.mp3", {"sample_rate": 22050}, "mp3"),
    ("tone44k.flac", {"sample_rate": 44100}, "flac"),
    ("tone16k.ogg", {"sample_rate": 16000}, "vorbis"),
    ("tone44k.m4a", {"sample_rate": 44100, "channels": 2}, "aac"),
]

SUMMARY = """
[Parsed_ebur128_0 @ 0x1] Summary:

  Integrated loudness:
    I:         {i} LUFS
    Threshold: -33.1 LUFS

  Loudness range:
    LRA:         6.4 LU
    Threshold: -43.0 LUFS
    LRA low:   -27.4 LUFS
    LRA high:  -21.0 LUFS

  True peak:
    Peak:       {peak} dBFS
"""


@pytest.mark.parametrize(("name", "kwargs", "codec"), GENERATED)
def test_probe_generated_files(
    tmp_path: Path, name: str, kwargs: dict[str, int], codec: str
) -> None:
    path = tmp_path / name
    generate_tone(path, seconds=2.5, **kwargs)
    info = probe(path)
    assert info.duration_s == pytest.approx(2.5, abs=0.05)
    assert info.sample_rate == kwargs["sample_rate"]
    assert info.channels == kwargs.get("channels", 1)
    assert info.codec == codec


def test_probe_noise_is_stereo_and_exact(tmp_path: Path) -> None:
    path = tmp_path / "noise.wav"
    generate_noise(path, seconds=1.25, sample_rate=48000, channels=2)
    assert probe(path) == AudioInfo(1.25, 48000, 2, "pcm_s16le")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (os.urandom(20_000), "not_audio"),
        ("Thông báo lịch tiêm chủng\n".encode() * 50, "not_audio"),
        (b"", "empty"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", "not_audio"),
    ],
    ids=["random-bytes", "text", "empty", "truncated-wav-header"],
)
def test_probe_refuses_non_audio(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "upload.wav"
    path.write_bytes(content)
    with pytest.raises(AudioRejected) as caught:
        probe(path)
    assert caught.value.reason_code == reason
    assert caught.value.message


def test_probe_refuses_a_playlist_pointing_at_audio(tmp_path: Path) -> None:
    generate_tone(tmp_path / "real.wav", seconds=1)
    playlist = tmp_path / "trick.m3u8"
    playlist.write_text("#EXTM3U\n#EXTINF:1,\nreal.wav\n", encoding="utf-8")
    with pytest.raises(AudioRejected) as caught:
        probe(playlist)
    assert caught.value.reason_code == "not_audio"


def test_decode_caps_the_decoded_duration(tmp_path: Path) -> None:
    path = tmp_path / "long.wav"
    generate_tone(path, seconds=5)
    assert decode(path, max_seconds=2.0).info.duration_s == pytest.approx(2.0, abs=0.01)


def test_run_ffmpeg_failure_carries_stderr_tail(tmp_path: Path) -> None:
    with pytest.raises(FFmpegFailed) as caught:
        run_ffmpeg(["-i", str(tmp_path / "missing.wav"), "-f", "null", "-"])
    assert caught.value.returncode not in (0, None)
    assert "missing.wav" in caught.value.stderr_tail


def test_run_ffmpeg_timeout_becomes_ffmpeg_failed() -> None:
    endless = ["-f", "lavfi", "-i", "anullsrc", "-f", "null", "-"]
    with pytest.raises(FFmpegFailed, match="timed out"):
        run_ffmpeg(endless, timeout=0.5)


def test_run_ffmpeg_feeds_stdin() -> None:
    pcm = bytes(44100 * 2)  # one second of mono s16le silence
    args = ["-f", "s16le", "-ar", "44100", "-ac", "1", "-i", "pipe:0", "-f", "null", "-"]
    done = run_ffmpeg([*args, "-progress", "pipe:1"], input=pcm)
    assert b"out_time_us=1000000" in done.stdout


def test_pipe_encodes_streamed_pcm(tmp_path: Path) -> None:
    out = tmp_path / "streamed.mp3"
    args = ["-f", "s16le", "-ar", "22050", "-ac", "1", "-i", "pipe:0", "-b:a", "64k", str(out)]
    with FFmpegPipe(args) as pipe:
        for _ in range(3):
            pipe.write(bytes(22050 * 2))
        pipe.finish()
    assert probe(out).duration_s == pytest.approx(3.0, abs=0.01)


def test_pipe_meter_measures_the_teed_stream(tmp_path: Path) -> None:
    folder = tmp_path / "phường 1 | 'tổ' [A]: 06:30"
    folder.mkdir()
    out = folder / "session.mp3"
    source = tmp_path / "tone.wav"
    generate_tone(source, seconds=3, freq=1000, volume_db=-15.0)
    pcm = run_ffmpeg(["-i", str(source), "-f", "s16le", "-"]).stdout
    tee = _ffmpeg.tee_output("mp3", out, options="id3v2_version=0", pipe_options="write_xing=0")
    pcm_in = ["-f", "s16le", "-ar", "44100", "-ac", "1", "-i", "pipe:0"]
    args = [*pcm_in, "-c:a", "libmp3lame", "-map", "0:a", *tee]
    with FFmpegPipe(args, measure_stdout="mp3") as pipe:
        pipe.write(pcm)
        metered = pipe.finish()
    assert metered is not None
    assert probe(out).duration_s == pytest.approx(3.0, abs=0.01)
    measured = decode(out, measure=True).loudness
    assert measured is not None
    assert metered.integrated_lufs == pytest.approx(measured.integrated_lufs, abs=0.05)
    assert metered.true_peak_dbtp == pytest.approx(measured.true_peak_dbtp, abs=0.05)


def test_pipe_reports_a_dead_encoder(tmp_path: Path) -> None:
    bad = [
        "-f",
        "s16le",
        "-ar",
        "44100",
        "-i",
        "pipe:0",
        "-c:a",
        "no_such_codec",
        str(tmp_path / "x"),
    ]
    with pytest.raises(FFmpegFailed), FFmpegPipe(bad) as pipe:
        for _ in range(200):  # the pipe breaks once ffmpeg has exited
            pipe.write(bytes(65536))
        pipe.finish()


def test_parse_ebur128_summary_values() -> None:
    summary = parse_ebur128_summary(SUMMARY.format(i="-23.1", peak="-2.5"))
    assert (summary.integrated_lufs, summary.true_peak_dbtp) == (-23.1, -2.5)
    assert summary.loudness_range_lu == 6.4


def test_parse_ebur128_summary_silence_is_minus_infinity() -> None:
    summary = parse_ebur128_summary(SUMMARY.format(i="-70.0", peak="-inf"))
    assert summary.integrated_lufs == -math.inf
    assert summary.true_peak_dbtp == -math.inf


def test_parse_ebur128_without_summary_fails() -> None:
    with pytest.raises(FFmpegFailed):
        parse_ebur128_summary("no summary here")


def test_generated_tone_has_the_requested_peak(tmp_path: Path) -> None:
    path = tmp_path / "tone.wav"
    generate_tone(path, seconds=1, freq=1000, volume_db=-12.0)
    loudness = decode(path, measure=True).loudness
    assert loudness is not None
    assert loudness.true_peak_dbtp == pytest.approx(-12.0, abs=0.1)


def test_conform_filter_rejects_surround() -> None:
    with pytest.raises(ValueError):
        _ffmpeg.conform_filter(44100, 6)
