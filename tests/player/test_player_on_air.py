"""On air, end to end: a real `loa serve` feeding a real Icecast, two real `loa player` processes
and a stream listener. The session plays on both players and the stream; approving an emergency
bulletin cuts into all three; the session resumes; the players' reports fill the as-run log and
the airtime report with no manual confirmation."""

from datetime import timedelta
from pathlib import Path
from typing import Any

from stream_listener import Listener

from broadcast.stream import LocalIcecast
from player.clock import parse_utc

from player_real import add_device, call, move_session, real_server
from player_run import finish, played, start_player, wait_for

pytest_plugins = ["stream_support"]
NOTICE = (
    "Kính thưa bà con nhân dân. Ủy ban nhân dân phường thông báo: sáng Thứ Bảy tuần này, toàn "
    "phường tổ chức tổng vệ sinh môi trường, khơi thông cống rãnh, thu gom rác thải tại các tổ "
    "dân phố. Đề nghị mỗi hộ gia đình cử ít nhất một người tham gia, mang theo dụng cụ lao động. "
    "Xin trân trọng cảm ơn bà con."
)


def _labels(out: Path) -> list[str]:
    return [label for _at, label, _seconds in played(out)]


def _get(base: str, path: str, token: str) -> Any:
    status, body = call(f"{base}{path}", token)
    assert status == 200, body
    return body


def test_two_players_and_the_stream_air_a_session_an_emergency_cuts_in_devices_report(
    tmp_path: Path, icecast: LocalIcecast
) -> None:
    env = {
        "LOA_STREAM_ICECAST_URL": icecast.url,
        "LOA_STREAM_SOURCE_PASSWORD": icecast.password,
    }
    with real_server(tmp_path / "server", env, NOTICE, emergency=True) as (base, world):
        station, admin = world["station"], world["admin"]
        tokens = [world["device"]["token"], add_device(base, world, "Cụm loa trường")["token"]]
        session = move_session(base, world, 20)  # the stream reads the schedule every 15 s
        start, length = parse_utc(session["start_utc"]), session["file"]["duration_s"]
        assert length > 15, "the session must outlast the emergency's way to the players"
        stream = _get(base, f"/stations/{station}/stream", admin)
        listener = Listener(stream["icecast_url"])
        outs = [tmp_path / f"out-{i}" for i in range(2)]
        until = start + timedelta(seconds=length + 40)
        players = [
            start_player(base, token, tmp_path / f"cache-{i}", out, until)
            for i, (token, out) in enumerate(zip(tokens, outs, strict=True))
        ]
        try:
            label = f"session-{world['session']}"
            wait_for(lambda: all(label in _labels(out) for out in outs), 60)
            # the stream follows the schedule within one refresh (15 s), however loaded the host
            wait_for(
                lambda: (
                    (_get(base, f"/stations/{station}/stream", admin)["now_playing"] or {}).get(
                        "session_id"
                    )
                    == world["session"]
                ),
                20,
            )
            approved = call(
                f"{base}/segments/{world['emergency']}/approve", world["approver"], "POST", {}
            )
            assert approved[0] == 200, approved
            wait_for(lambda: all(any(x.startswith("alert-") for x in _labels(o)) for o in outs), 30)
            wait_for(
                lambda: (
                    (_get(base, f"/stations/{station}/stream", admin)["now_playing"] or {}).get(
                        "kind"
                    )
                    == "alert"
                ),
                15,
            )
            for player in players:
                assert finish(player, 180) == 0
        finally:
            for player in players:
                player.kill()
            listener.stop()
        for out in outs:  # session, the alert, then the rest of the session from where it stopped
            labels = _labels(out)
            assert labels[0] == label and labels[1].startswith("alert-") and labels[2] == label
        assert len(listener.data) > 24000 * 2 * 10  # the listener heard the mount for > 10 s
        span = f"from={(start - timedelta(days=1)).date()}&to={(start + timedelta(days=1)).date()}"
        [confirmed] = _get(base, f"/asrun?station={station}&{span}", admin)
        assert confirmed["source"] == "device" and confirmed["status"] in ("aired", "partly")
        assert confirmed["aired_s"] > 0
        report = _get(base, f"/reports/airtime?station={station}&{span}", admin)
        assert report["total"]["seconds"] == confirmed["aired_s"]  # nobody confirmed by hand
