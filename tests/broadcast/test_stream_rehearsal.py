"""A stream rehearsal: with a rehearsal start the feeder's clock reads that time and runs on, so
a past session airs at its own time; without one the clock is the real one."""

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from audio._ffmpeg_gen import generate_tone
from broadcast.stream import Airing, StationFeeder
from broadcast.stream.feeder import rehearsal_clock


class Collect:
    """A sink keeping what the feeder writes."""

    def __init__(self) -> None:
        self.data = bytearray()

    def write(self, chunk: bytes) -> None:
        self.data += chunk

    def close(self) -> None:
        pass


def test_the_rehearsal_clock_reads_its_start_then_runs_in_real_time() -> None:
    start = datetime(2020, 10, 5, 23, 29, 58, tzinfo=UTC)
    clock = rehearsal_clock(start)
    first = clock()
    time.sleep(0.2)
    assert start <= first < start + timedelta(seconds=1)
    assert clock() - first >= timedelta(seconds=0.2)
    assert abs(rehearsal_clock(None)() - datetime.now(UTC)) < timedelta(seconds=1)


def test_a_rehearsed_feeder_airs_a_past_session_at_its_own_time(tmp_path: Path) -> None:
    tone = tmp_path / "tone.mp3"
    generate_tone(tone, seconds=3.0, freq=440, sample_rate=24000, volume_db=-12)
    session_start = datetime(2020, 10, 5, 23, 30, tzinfo=UTC)
    sink = Collect()
    feeder = StationFeeder(1, [sink], rehearsal_clock(session_start - timedelta(seconds=1)))
    feeder.set_airings([Airing("s", session_start, tone, 3.0, "Buổi sáng", session_id=7)])
    feeder.start()
    try:
        assert not feeder.status().on_air  # a second before the session
        deadline = time.monotonic() + 20
        while not feeder.status().on_air:
            assert time.monotonic() < deadline, "the past session never aired"
            time.sleep(0.05)
        assert feeder.status().session_id == 7
    finally:
        feeder.stop()
    assert any(sink.data), "the stream carried only silence"
