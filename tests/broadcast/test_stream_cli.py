"""`loa stream` on a separate machine: it feeds every station's mount until SIGTERM, then stops
cleanly; without an Icecast URL it says how to set one."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from stream_listener import mounts, wait_for

from broadcast.stream import LocalIcecast

pytest_plugins = ["stream_support"]


def _loa(tmp_path: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    variables = os.environ | {"LOA_DATA_DIR": str(tmp_path / "var"), "LOA_TTS_ENGINE": "fake"}
    command = [sys.executable, "-m", "broadcast", *args]
    return subprocess.Popen(
        command, env=variables | env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def test_loa_stream_feeds_each_station_until_stopped(icecast: LocalIcecast, tmp_path: Path) -> None:
    assert _loa(tmp_path, "demo").wait(timeout=60) == 0
    feeding = _loa(
        tmp_path,
        "stream",
        "--icecast-url",
        icecast.url,
        LOA_STREAM_SOURCE_PASSWORD=icecast.password,
    )
    try:
        on_air = wait_for(lambda: "/station-1.mp3" in mounts(icecast), 20)
    finally:
        feeding.send_signal(signal.SIGTERM)
        output, _ = feeding.communicate(timeout=20)
    assert on_air, output
    assert feeding.returncode == 0, output
    assert "Đang phát 1 đài" in output and "Đã dừng phát trực tiếp." in output
    assert (tmp_path / "var" / "hls" / "station-1" / "index.m3u8").exists()


def test_loa_stream_without_an_icecast_url_says_how_to_set_one(tmp_path: Path) -> None:
    output, _ = _loa(tmp_path, "stream").communicate(timeout=60)
    assert "LOA_STREAM_ICECAST_URL" in output
