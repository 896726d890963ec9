"""The dashboard's "Nghe trực tiếp" card: how to enable streams when they are off, else a player
with the station's HLS playlist (served by Loa) and its Icecast mount, for a viewer too."""

from pathlib import Path

from web_helpers import browser_as, web_app

from broadcast.models.accounts import Role
from broadcast.stream import free_port

from conftest import make_settings


def test_the_dashboard_says_how_to_enable_streams_when_they_are_off(tmp_path: Path) -> None:
    with web_app(make_settings(tmp_path, load_demo=True)) as admin:
        page = admin.get("/").text
    assert 'id="live-stream"' in page and "Nghe trực tiếp" in page
    assert "LOA_STREAM_ICECAST_URL" in page and "<audio" not in page


def test_a_viewer_gets_a_player_of_the_station_stream(tmp_path: Path) -> None:
    icecast = f"http://127.0.0.1:{free_port()}"  # nothing listens: the feeders retry quietly
    settings = make_settings(tmp_path, load_demo=True, stream_icecast_url=icecast)
    with web_app(settings) as admin:
        viewer = browser_as(admin, settings, "nghe", Role.VIEWER, 1)
        page = viewer.get("/").text
    assert '<audio controls preload="none" id="live-player"' in page
    assert '<source src="/stations/1/stream/hls/index.m3u8"' in page
    assert f'<source src="{icecast}/station-1.mp3" type="audio/mpeg">' in page
    assert 'data-on-air="false"' in page  # the demo's sessions are not exported
