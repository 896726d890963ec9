"""The operators of bench/province.py: locust, as a library and headless, runs N users for a
bounded time against a Loa server; each logs in as one commune's editor and reads its pages
and JSON. The users arrive over RAMP_S seconds and log in (argon2, slow by design); once all
are in, the statistics start afresh and the reads are measured for --seconds. The logins'
figures are kept apart. Writes the figures as JSON to --out.

Usage: .venv/bin/python bench/province_load.py --host URL --logins FILE --out FILE
       [--users 100] [--seconds 60] [--day YYYY-MM-DD]
"""

import argparse
import itertools
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import gevent
from gevent.event import Event
from locust import HttpUser, between, events, task
from locust.env import Environment

LOGINS: Any = iter(())  # the editors' logins, handed out in turn (cycled)
WEEK = ""  # from=…&to=… around the programmed day
LOGIN = "POST /auth/login"
RAMP_S = 20.0  # the users arrive over this time
LOGIN_WAIT_S = 300.0  # bound of the wait for every user to be logged in
login_ms: list[float] = []
login_failures: list[str] = []
ALL_IN = Event()  # every user has tried to log in: the measured reads begin
expected = 0  # users to log in


@events.request.add_listener
def _login_timing(name: str, response_time: float, exception: Any, **_kw: Any) -> None:
    """The logins, kept apart from the statistics reset once every user is in."""
    if name == LOGIN:
        login_ms.append(response_time)
        if exception is not None:
            login_failures.append(str(exception))


class Operator(HttpUser):
    """A commune's editor at work: a page or a JSON list every 1 to 3 seconds."""

    wait_time = between(1, 3)

    def on_start(self) -> None:
        login = next(LOGINS)
        self.station = login["station"]
        body = {"username": login["username"], "password": login["password"]}
        try:
            self.client.post("/auth/login", json=body, name=LOGIN)
        finally:
            if len(login_ms) >= expected:
                ALL_IN.set()
        ALL_IN.wait(LOGIN_WAIT_S)
        # The server closed the connection idle while the others logged in (uvicorn's 5 s
        # keep-alive): start afresh, as a browser would (the session cookie stays), after a
        # think time of its own (not 100 requests in the same instant).
        self.client.close()
        gevent.sleep(self.wait_time())

    def _get(self, path: str, name: str) -> None:
        sep = "&" if "?" in path else "?"
        self.client.get(f"{path}{sep}station={self.station}", name=name)

    @task(3)
    def home(self) -> None:
        self._get("/", "page /")

    @task(2)
    def schedule_page(self) -> None:
        self._get("/lich-phat", "page /lich-phat")

    @task(2)
    def schedule(self) -> None:
        self._get(f"/schedule?{WEEK}", "GET /schedule")

    @task(2)
    def segments(self) -> None:
        self.client.get(f"/segments?station_id={self.station}", name="GET /segments")

    @task
    def segments_page(self) -> None:
        self._get("/chuyen-muc", "page /chuyen-muc")

    @task(2)
    def sessions(self) -> None:
        self._get(f"/playlists?{WEEK}", "GET /playlists")

    @task
    def report(self) -> None:
        self._get(f"/reports/airtime?{WEEK}", "GET /reports/airtime")

    @task
    def report_page(self) -> None:
        self._get("/bao-cao", "page /bao-cao")


def _row(entry: Any) -> dict[str, Any]:
    return {
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "p95_ms": entry.get_response_time_percentile(0.95) or 0.0,
    }


def main() -> None:
    global LOGINS, WEEK, expected
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--logins", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--day", type=date.fromisoformat, default=date.today())
    args = parser.parse_args()
    LOGINS = itertools.cycle(json.loads(args.logins.read_text(encoding="utf-8")))
    WEEK = f"from={args.day - timedelta(days=3)}&to={args.day + timedelta(days=3)}"
    Operator.host = args.host
    expected = args.users
    env = Environment(user_classes=[Operator], events=events)
    runner = env.create_local_runner()
    runner.start(args.users, spawn_rate=max(args.users / RAMP_S, 1.0))
    ALL_IN.wait(LOGIN_WAIT_S)
    env.stats.reset_all()  # the reads of operators at work, every one logged in
    gevent.sleep(args.seconds)
    runner.quit()
    total = env.stats.total
    logins = sorted(login_ms)
    figures = _row(total) | {
        "errors": total.num_failures + len(login_failures),
        "rps": total.total_rps,
        "logins": len(logins),
        "login_failures": len(login_failures),
        "login_p95_ms": logins[int(0.95 * (len(logins) - 1))] if logins else 0.0,
        "by_name": {name: _row(entry) for (name, _method), entry in env.stats.entries.items()},
    }
    for error in list(env.stats.errors.values())[:10]:
        print(f"error: {error.method} {error.name}: {error.error} ×{error.occurrences}")
    args.out.write_text(json.dumps(figures), encoding="utf-8")


if __name__ == "__main__":
    main()
