"""The player's link side against a contract-faithful fake server: schedule with ETag kept on
disk, downloads resumed after a cut, checksum failures refused, a bounded cache, the outbox."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from player.clock import Clock
from player.link import Link, LinkDown
from player.store import Store
from player.sync import Syncer

from player_fake import TOKEN, FakeServer, tone_mp3


@pytest.fixture
def fake() -> Iterator[FakeServer]:
    server = FakeServer().start()
    yield server
    server.stop()


@pytest.fixture
def audio(tmp_path: Path) -> Path:
    return tone_mp3(tmp_path / "tone.mp3", 4.0)


def _syncer(fake: FakeServer, cache: Path, **options: float) -> Syncer:
    return Syncer(Link(fake.url, TOKEN, timeout_s=5), Store(cache), Clock(), **options)  # type: ignore[arg-type]


def _soon(seconds: float = 600) -> datetime:
    return datetime.now(UTC) + timedelta(seconds=seconds)


def test_the_schedule_costs_a_304_when_unchanged_and_survives_a_restart_offline(
    fake: FakeServer, audio: Path, tmp_path: Path
) -> None:
    fake.add_session(1, _soon(), audio, [("Tin 1", 2.0), ("Tin 2", 2.0)])
    syncer = _syncer(fake, tmp_path / "cache")
    assert syncer.sync_schedule() is True
    assert syncer.sync_schedule() is False
    gets = [r for r in fake.state.requests if r[1].startswith("/player/v1/schedule")]
    assert [r[1] for r in gets] == ["/player/v1/schedule?days=2"] * 2
    assert (
        "If-None-Match" not in gets[0][2] and gets[1][2]["If-None-Match"] == f'"{fake.version()}"'
    )
    fake.add_session(2, _soon(900), audio, [("Tin 3", 4.0)])
    assert syncer.sync_schedule() is True and len(syncer.sessions()) == 2
    fake.stop()
    restarted = _syncer(fake, tmp_path / "cache")
    with pytest.raises(LinkDown):
        restarted.sync_schedule()
    assert [s["session_id"] for s in restarted.sessions()] == [1, 2]


def test_a_cut_download_resumes_with_a_range_and_is_checked(
    fake: FakeServer, audio: Path, tmp_path: Path
) -> None:
    session = fake.add_session(1, _soon(), audio, [("Tin 1", 4.0)])
    syncer = _syncer(fake, tmp_path / "cache")
    syncer.sync_schedule()
    fake.state.cut_next_download_at = 5000
    with pytest.raises(LinkDown):
        syncer.fetch_files()
    sha = session["file"]["sha256"]
    part = tmp_path / "cache" / "files" / f"{sha}.mp3.part"
    assert part.stat().st_size == 5000 and not syncer.cached(sha).exists()
    syncer.fetch_files()
    assert syncer.cached(sha).read_bytes() == audio.read_bytes() and not part.exists()
    ranges = [r[2].get("Range") for r in fake.state.requests if r[1].startswith("/player/v1/files")]
    assert ranges == [None, "bytes=5000-"]


def test_a_file_whose_checksum_fails_is_never_kept(
    fake: FakeServer, audio: Path, tmp_path: Path
) -> None:
    session = fake.add_session(1, _soon(), audio, [("Tin 1", 4.0)])
    fake.state.corrupt.add(session["file"]["export_id"])
    syncer = _syncer(fake, tmp_path / "cache")
    syncer.sync_schedule()
    syncer.fetch_files()
    assert list((tmp_path / "cache" / "files").iterdir()) == []
    assert session["file"]["sha256"] in syncer.bad


def test_the_cache_is_bounded_and_forgets_files_no_schedule_names(
    fake: FakeServer, tmp_path: Path
) -> None:
    first = fake.add_session(1, _soon(600), tone_mp3(tmp_path / "a.mp3", 30.0), [("A", 30.0)])
    second = fake.add_session(2, _soon(900), tone_mp3(tmp_path / "b.mp3", 30.0, 660), [("B", 30.0)])
    size_mb = (first["file"]["size"] + second["file"]["size"] / 2) / 2**20
    syncer = _syncer(fake, tmp_path / "cache", cache_max_mb=size_mb)
    syncer.sync_schedule()
    syncer.fetch_files()
    assert syncer.cached(first["file"]["sha256"]).exists()
    assert not syncer.cached(second["file"]["sha256"]).exists()  # over the cap: not fetched
    fake.state.sessions = [s for s in fake.state.sessions if s["session_id"] == 2]
    syncer.sync_schedule()
    syncer.prune(set())
    syncer.fetch_files()
    assert not syncer.cached(first["file"]["sha256"]).exists()
    assert syncer.cached(second["file"]["sha256"]).exists()


def test_queued_reports_go_out_in_batches_once_the_link_is_back(
    fake: FakeServer, tmp_path: Path
) -> None:
    syncer = _syncer(fake, tmp_path / "cache")
    reports = [
        {"id": f"s-{n}-20261207T233000Z", "kind": "session", "session_id": n, "position": None,
         "alert_id": None, "started_at": "2026-12-07T23:30:00Z",
         "ended_at": "2026-12-07T23:31:00Z", "outcome": "completed", "reason": None,
         "played_s": 60.0}
        for n in range(1, 702)
    ]  # fmt: skip
    syncer.store.outbox.add(reports)
    fake.stop()
    with pytest.raises(LinkDown):
        syncer.flush_outbox()
    assert len(syncer.store.outbox) == 701
    fake.start()  # the same port
    assert syncer.flush_outbox() == 701
    assert len(fake.reports("session")) == 701 and len(syncer.store.outbox) == 0
    posts = [r for r in fake.state.requests if r[1] == "/player/v1/asrun"]
    assert len(posts) == 2  # 500 then 201
    syncer.heartbeat()
    beat = fake.state.heartbeats[-1]
    assert beat["agent_version"] == "loa-player 1.0" and beat["playing"] is None
    syncer.sync_schedule()
    syncer.heartbeat()
    assert fake.state.heartbeats[-1]["volume"] == 6  # the device's setting, read from /me


def test_reports_wait_for_a_missing_route_and_one_refused_report_does_not_block_others(
    fake: FakeServer, tmp_path: Path
) -> None:
    syncer = _syncer(fake, tmp_path / "cache")
    good = {"id": "s-1-20261207T233000Z", "kind": "session", "session_id": 1, "position": None,
            "alert_id": None, "started_at": "2026-12-07T23:30:00Z",
            "ended_at": "2026-12-07T23:31:00Z", "outcome": "completed", "reason": None,
            "played_s": 60.0}  # fmt: skip
    bad = good | {"id": "s-2-20261207T233000Z", "played_s": -1.0}
    syncer.store.outbox.add([bad, good])
    fake.state.asrun_enabled = False
    assert syncer.flush_outbox() == 0 and len(syncer.store.outbox) == 2
    fake.state.asrun_enabled = True
    assert syncer.flush_outbox() == 1
    assert len(syncer.store.outbox) == 0 and [r["id"] for r in fake.reports("session")] == [
        good["id"]
    ]
