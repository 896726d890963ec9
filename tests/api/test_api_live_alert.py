"""Going live over real HTTP: the operator's recording (WebM/Opus chunks, as a browser's
MediaRecorder sends them) is relayed as MP3 mono 24 kHz to every device listening; the relay
ends for all when the alert ends; chunks out of order are refused, a resent one ignored."""

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest
from alert_server import WAIT_S, Server, running_app

from audio._ffmpeg import probe, run_ffmpeg
from broadcast.alerts import listen_live, live_relay

from conftest import make_settings

CHUNK = 2048  # bytes of a recording per POST, like MediaRecorder's 250 ms pieces


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with running_app(make_settings(tmp_path)) as running:
        yield running


def _recording(path: Path, seconds: float = 3.0) -> bytes:
    """A WebM file with Opus inside, as Chromium records the microphone."""
    tone = f"sine=frequency=440:sample_rate=48000:duration={seconds}"
    run_ffmpeg(
        [
            "-f",
            "lavfi",
            "-i",
            tone,
            "-c:a",
            "libopus",
            "-b:a",
            "32k",
            "-f",
            "webm",
            "-y",
            f"file:{path}",
        ]
    )
    return path.read_bytes()


def _listen(server: Server, alert_id: int, device: dict[str, str], out: Path) -> None:
    with httpx.Client(timeout=httpx.Timeout(WAIT_S, read=WAIT_S)) as client:
        url = f"{server.url}/player/v1/alerts/{alert_id}/live"
        with client.stream("GET", url, headers=device) as answer:
            assert answer.status_code == 200 and answer.headers["content-type"] == "audio/mpeg"
            with out.open("wb") as sink:
                for chunk in answer.iter_bytes():
                    sink.write(chunk)


def test_a_live_alert_reaches_two_devices_as_mp3(server: Server, tmp_path: Path) -> None:
    station = server.post("/stations", {"name": "Đài phường Một"})["id"]
    devices = [server.device(station, f"Cụm loa {n}", "Tổ 1") for n in (1, 2)]
    alert = server.post("/alerts", {"station_id": station, "kind": "live", "resume": False})
    alert_id = alert["id"]
    assert alert["title"] == "Phát trực tiếp" and alert["audio_sha256"] is None
    outs = [tmp_path / f"device-{n}.mp3" for n in (1, 2)]
    listeners = [
        threading.Thread(target=_listen, args=(server, alert_id, d, o), daemon=True)
        for d, o in zip(devices, outs, strict=True)
    ]
    for listener in listeners:
        listener.start()
    feeder = listen_live(alert_id)  # the stream feeder's hook, in this process
    deadline = time.monotonic() + WAIT_S
    while live_relay(alert_id).listening < 3:  # both devices connected: they hear it all
        assert time.monotonic() < deadline, "the devices did not connect"
        time.sleep(0.05)
    fed: list[bytes] = []
    reader = threading.Thread(target=lambda: fed.extend(feeder), daemon=True)
    reader.start()
    recording = _recording(tmp_path / "mic.webm")
    pieces = [recording[i : i + CHUNK] for i in range(0, len(recording), CHUNK)]
    for seq, piece in enumerate(pieces):
        if seq == 1:
            gap = server.admin.post(f"/alerts/{alert_id}/live", params={"seq": 3}, content=piece)
            assert gap.status_code == 409 and gap.json()["code"] == "live.gap", gap.text
        sent = server.admin.post(f"/alerts/{alert_id}/live", params={"seq": seq}, content=piece)
        assert sent.status_code == 204, sent.text
    again = server.admin.post(f"/alerts/{alert_id}/live", params={"seq": 0}, content=pieces[0])
    assert again.status_code == 204, again.text  # a retry of a chunk already fed
    server.post(f"/alerts/{alert_id}/end", status=200)
    for thread in (*listeners, reader):
        thread.join(WAIT_S)
        assert not thread.is_alive()
    for out in outs:
        heard = probe(out)
        print(f"\n{out.name}: {out.stat().st_size} bytes, {heard.duration_s:.2f} s")
        assert (heard.sample_rate, heard.channels, heard.codec) == (24000, 1, "mp3")
        assert 2.0 < heard.duration_s < 4.0
    assert sum(len(c) for c in fed) >= outs[0].stat().st_size
    ended = server.admin.post(f"/alerts/{alert_id}/live", params={"seq": len(pieces)}, content=b"x")
    assert ended.status_code == 409, ended.text
