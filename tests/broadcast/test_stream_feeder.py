"""A station feeder against a real icecast2: airings at their times, HLS segments, a pre-emption
that cuts in and resumes, and an encoder that reconnects after Icecast restarts."""

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from stream_listener import Listener, mounts, runs, wait_for

from audio._ffmpeg_gen import generate_tone
from audio.pcm_stream import Encoder, hls_args, icecast_args
from broadcast.stream import Airing, LocalIcecast, StationFeeder

pytest_plugins = ["stream_support"]
BED, ALERT, AFTER = 440, 1500, 660
TONES = (BED, ALERT, AFTER)
PREEMPT_BOUND_S = 3.0  # generous on a loaded 2-core machine; the bench measures ~0.4 s


def _tone(folder: Path, freq: int, seconds: float) -> Path:
    path = folder / f"tone-{freq}.mp3"
    generate_tone(path, seconds=seconds, freq=freq, sample_rate=24000, volume_db=-12)
    return path


def test_feeder_plays_its_airing_is_preempted_resumes_and_survives_an_icecast_restart(
    icecast: LocalIcecast, tmp_path: Path
) -> None:
    bed, alert, after = (_tone(tmp_path, f, s) for f, s in ((BED, 8.0), (ALERT, 1.0), (AFTER, 3.0)))
    hls = tmp_path / "hls"
    hls.mkdir()
    source = f"http://source:{icecast.password}@127.0.0.1:{icecast.port}/station-7.mp3"
    feeder = StationFeeder(
        7, [Encoder("icecast", icecast_args(source)), Encoder("hls", hls_args(hls))]
    )
    start = datetime.now(UTC) + timedelta(seconds=3)
    feeder.set_airings([Airing("bed", start, bed, 8.0, "Buổi sáng", session_id=3)])
    feeder.start()
    try:
        assert wait_for(lambda: "/station-7.mp3" in mounts(icecast), 10)
        listener = Listener(f"{icecast.url}/station-7.mp3")
        time.sleep(max(0.0, (start - datetime.now(UTC)).total_seconds()) + 2.5)
        playing = feeder.status()
        asked = time.time()
        feeder.preempt(alert, resume=True, title="Báo bão khẩn cấp")
        preempted = feeder.status()
        time.sleep(3.0)
        listener.stop()
        blocks = listener.blocks(TONES)
        segments = sorted(hls.glob("seg-*.ts"))
        playlist = (hls / "index.m3u8").read_text() if (hls / "index.m3u8").exists() else ""

        icecast.stop()  # Icecast goes away and comes back on the same port
        icecast.start()
        assert wait_for(lambda: "/station-7.mp3" in mounts(icecast), 15)
        second = Listener(f"{icecast.url}/station-7.mp3")
        time.sleep(1.0)
        feeder.preempt(after, resume=False)
        time.sleep(2.5)
        second.stop()
        final = feeder.status()
    finally:
        feeder.stop()

    assert playing.on_air and playing.kind == "session" and playing.session_id == 3
    assert (preempted.kind, preempted.title, preempted.on_air) == (
        "alert",
        "Báo bão khẩn cấp",
        True,
    )
    assert runs(blocks)[:3] == [BED, ALERT, BED]  # interrupted, then resumed
    first_alert = next(at for at, tone in blocks if tone == ALERT and at >= asked)
    assert first_alert - asked < PREEMPT_BOUND_S
    tones = [tone for _at, tone in blocks]
    first_bed = next(i for i in range(len(tones)) if tones[i : i + 5] == [BED] * 5)
    assert tones[:first_bed].count(0) > 10 and runs(blocks[:first_bed]) == []  # silence first
    assert blocks[first_bed][0] > start.timestamp() - 0.2  # and the airing not before it is due
    assert "#EXTM3U" in playlist and len(segments) >= 2
    assert segments[-1].name in playlist or segments[-2].name in playlist
    assert AFTER in runs(second.blocks(TONES))  # the encoder reconnected after the restart
    assert final.outputs["icecast"] is True


def test_a_live_source_preempts_the_stream_until_it_is_ended(
    icecast: LocalIcecast, tmp_path: Path
) -> None:
    live_tone = _tone(tmp_path, AFTER, 8.0)
    url = f"http://source:{icecast.password}@127.0.0.1:{icecast.port}"
    studio = StationFeeder(8, [Encoder("icecast", icecast_args(f"{url}/studio.mp3"))])
    studio.set_airings([Airing("live", datetime.now(UTC), live_tone, 8.0, "Trực tiếp")])
    station = StationFeeder(7, [Encoder("icecast", icecast_args(f"{url}/station-7.mp3"))])
    studio.start()
    station.start()
    try:
        assert wait_for(lambda: {"/studio.mp3", "/station-7.mp3"} <= set(mounts(icecast)), 10)
        listener = Listener(f"{icecast.url}/station-7.mp3")
        time.sleep(1.0)
        station.preempt_stream(f"{icecast.url}/studio.mp3")
        time.sleep(3.0)
        live = station.status()
        station.end_preempt()
        time.sleep(1.5)
        ended = station.status()
        listener.stop()
    finally:
        station.stop()
        studio.stop()
    tones = [tone for _at, tone in listener.blocks(TONES)]
    assert runs(listener.blocks(TONES)) == [AFTER]  # the studio's tone, relayed
    assert tones[-10:] == [0] * 10  # silence again once the live source is ended
    assert live.kind == "live" and live.on_air and not ended.on_air
