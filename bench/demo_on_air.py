"""The demo station on air, end to end: its 06:30 session of a demo day plays to two real
`loa player` processes and the live stream (a throw-away Debian icecast2 on loopback), in a
rehearsal (players and stream run as if the clock read 06:29:50 that day), and the as-run log
and the airtime report fill themselves from the devices' reports.

The session plays in real time (the demo's morning session lasts several minutes). Prints what
each player and the stream carried, the as-run row and the report, then
  demo_session=<id> length_s=<x> players_played=<n> stream_audio_s=<x> asrun=<status>:<source>

Usage: .venv/bin/python bench/demo_on_air.py [--day 2020-10-05]
"""

import argparse
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "player")]

from stream_listener import Listener  # noqa: E402

from broadcast.stream import LocalIcecast  # noqa: E402

from conftest import make_settings, open_client  # noqa: E402
from factories import post_json  # noqa: E402
from player_real import ZONE, call, serve_process, wait_for_job  # noqa: E402
from player_run import played, start_player  # noqa: E402

LEAD_S = 10  # the rehearsal starts this long before 06:30


def prepare(client: Any, day: date) -> dict[str, Any]:
    """The demo's 06:30 session of `day` programmed and exported, two devices: their tokens."""
    [station] = client.get("/stations").json()
    slots = client.get(f"/slots?station_id={station['id']}").json()
    [slot] = [s for s in slots if s["start"].startswith("06:30")]
    body = {"station_id": station["id"], "day": day.isoformat(), "slot_id": slot["id"]}
    session = post_json(client, "/playlists/generate", body)
    job = post_json(client, f"/playlists/{session['id']}/export", {}, status=202)
    wait_for_job(client, job["id"])
    devices = [
        post_json(
            client,
            "/devices",
            {"station_id": station["id"], "name": name, "kind": "ip_receiver", "zone": zone},
        )  # fmt: skip
        for name, zone in (("Cụm loa chợ", "Tổ dân phố 1"), ("Cụm loa trường", "Tổ dân phố 2"))
    ]
    admin = client.headers["Authorization"].removeprefix("Bearer ")
    return {"station": station["id"], "session": session, "devices": devices, "admin": admin}


def _audio_s(listener: Listener) -> float:
    """Seconds of non-silent audio the stream listener decoded."""
    return sum(1 for _at, tone in listener.blocks([1000]) if tone) * 0.02


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--day", type=date.fromisoformat, default=date(2020, 10, 5))
    args = options.parse_args()
    root = Path(tempfile.mkdtemp(prefix="loa-demo-on-air-"))
    settings = make_settings(root, run_worker=True, load_demo=True)
    with open_client(settings) as client:
        world = prepare(client, args.day)
    session, station, admin = world["session"], world["station"], world["admin"]
    start = datetime.combine(args.day, datetime.min.time().replace(hour=6, minute=30), ZONE)
    length = float(session["total_s"])
    print(
        f"session {session['id']}: {args.day} 06:30, {len(session['items'])} items, {length:.0f} s"
    )
    rehearse = (start - timedelta(seconds=LEAD_S)).astimezone(UTC)
    with LocalIcecast(root / "icecast") as icecast:
        env = {
            "LOA_STREAM_ICECAST_URL": icecast.url,
            "LOA_STREAM_SOURCE_PASSWORD": icecast.password,
            "LOA_STREAM_REHEARSAL_START": rehearse.isoformat(),
        }
        tokens = [device["token"] for device in world["devices"]]
        with serve_process(root, settings, tokens[0], env) as base:
            listener = Listener(f"{icecast.url}/station-{station}.mp3")
            outs = [root / f"out-{i}" for i in range(len(tokens))]
            players = [
                start_player(
                    base, token, root / f"cache-{i}", out, None, "--rehearse", rehearse.isoformat()
                )  # fmt: skip
                for i, (token, out) in enumerate(zip(tokens, outs, strict=True))
            ]
            span = f"from={args.day - timedelta(days=1)}&to={args.day + timedelta(days=1)}"
            deadline = time.monotonic() + LEAD_S + length + 120
            rows: list[dict[str, Any]] = []
            try:
                while time.monotonic() < deadline:
                    rows = call(f"{base}/asrun?station={station}&{span}", admin)[1]
                    done = [r for r in rows if r["playlist_id"] == session["id"]]
                    if done and "2/2" in (done[0].get("note") or ""):
                        break
                    time.sleep(2)
            finally:
                for player in players:
                    player.terminate()
                for player in players:
                    player.wait(timeout=30)
                listener.stop()
            report = call(f"{base}/reports/airtime?station={station}&{span}", admin)[1]
    count = 0
    for i, out in enumerate(outs):
        for at, label, seconds in played(out):
            print(f"player {i + 1}: {label} from {at:%H:%M:%S} UTC, {seconds:.1f} s of audio")
            count += label == f"session-{session['id']}" and seconds > length - 5
    heard = _audio_s(listener)
    print(f"stream: {heard:.0f} s of audio on /station-{station}.mp3")
    [row] = [r for r in rows if r["playlist_id"] == session["id"]] or [{}]
    print(f"as-run: {row}")
    print(f"airtime report total: {report.get('total')}")
    print(
        f"demo_session={session['id']} length_s={length:.0f} players_played={count} "
        f"stream_audio_s={heard:.0f} asrun={row.get('status')}:{row.get('source')}"
    )


if __name__ == "__main__":
    main()
