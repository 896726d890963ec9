"""Load on loopback: concurrent clients mixing reads and writes against a real Loa server.

The script makes a data directory with the demo station, two accounts (an editor and an
operator of station 1) and a programmed October 2020, serves it with uvicorn (SQLite, the
in-process job worker) in a fresh process on a free loopback port, then runs

  single  one client for --baseline-seconds (the baseline latency)
  load    --clients clients at once for --seconds

Each client loops over a fixed mix: 70 % reads (the month's schedule, the segment list, one
session, the airtime report, the lexicon, the audit log) and 30 % writes (rename a segment,
re-plan a session, add then delete a lexicon entry, confirm a session as aired). Every answer
is counted; 5xx answers and connection failures are errors. Times are wall-clock per request.
Ends with: requests=<n> errors_5xx=<n> p95_ms=<x>   (of the load phase)

Usage: .venv/bin/python bench/load.py [--clients 20] [--seconds 60] [--baseline-seconds 10]
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing as mp
import os
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MONTH = "from=2020-10-01&to=2020-10-31"
READS = {
    "schedule": ("GET", "/schedule?station=1&" + MONTH),
    "segments": ("GET", "/segments?station_id=1"),
    "session": ("GET", "/playlists/{session}"),
    "report": ("GET", "/reports/airtime?station=1&" + MONTH),
    "lexicon": ("GET", "/lexicon?station_id=1"),
    "audit": ("GET", "/audit?limit=50"),
}
WRITES = ("rename", "replan", "lexicon_add_delete", "asrun")
FAILURES: dict[str, int] = defaultdict(int)  # connection failures by exception type


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _environment(data_dir: Path, port: int) -> dict[str, str]:
    return {
        "LOA_DATA_DIR": str(data_dir),
        "LOA_LOAD_DEMO": "true",
        "LOA_RUN_WORKER": "true",
        "LOA_SCHEDULER_ENABLED": "false",
        "LOA_HOST": "127.0.0.1",
        "LOA_PORT": str(port),
        "LOA_WORKERS": os.environ.get("LOA_WORKERS", "2"),
    }


def _serve(environment: dict[str, str]) -> None:
    """The server process: uvicorn with the app factory, as `loa serve` runs it."""
    os.environ.update(environment)
    import uvicorn

    port, workers = int(environment["LOA_PORT"]), int(environment.get("LOA_WORKERS", "1"))
    uvicorn.run(
        "api.main:create_app",
        factory=True,
        host="127.0.0.1",
        port=port,
        workers=workers,
        log_level="error",
    )


def _prepare(environment: dict[str, str]) -> dict[str, str]:
    """The database with the demo and two accounts of station 1; their API tokens."""
    os.environ.update(environment)
    from api.main import prepare_database
    from broadcast.accounts import create_user, issue_token
    from broadcast.config import Settings
    from broadcast.db import get_engine, transaction
    from broadcast.models.accounts import Role, RoleGrant, UserCreate

    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    prepare_database(settings)
    tokens = {}
    with transaction(get_engine(settings.db_url)) as db:
        for name, role in (("bientap", Role.EDITOR), ("phatthanh", Role.OPERATOR)):
            grants = [RoleGrant(role=role, station_id=1)]
            user = create_user(
                db, UserCreate(username=name, password="mat-khau-du-dai", roles=grants)
            )
            tokens[name] = issue_token(db, user, "load")[0]
    return tokens


class Client:
    """One keep-alive HTTP connection with a token."""

    def __init__(self, port: int, token: str) -> None:
        self.port, self.token = port, token
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def _reconnect(self) -> None:
        self.conn.close()
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        headers = {"Authorization": f"Bearer {self.token}"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=data, headers=headers)
            except (BrokenPipeError, ConnectionResetError):
                # the server closed an idle keep-alive connection: reconnect and send again
                self._reconnect()
                continue
            try:
                response = self.conn.getresponse()
                raw = response.read()
                break
            except (OSError, http.client.HTTPException) as exc:
                closed = (http.client.RemoteDisconnected, ConnectionResetError)
                if attempt == 1 and isinstance(exc, closed):
                    # the server closed the idle keep-alive connection as this request went
                    # out: it was never read, so it is sent again on a new connection
                    self._reconnect()
                    continue
                FAILURES[type(exc).__name__] += 1
                self._reconnect()
                return 599, None
        else:
            FAILURES["reconnect"] += 1
            return 599, None
        try:
            return response.status, json.loads(raw) if raw else None
        except ValueError:
            return response.status, None


def _wait_for(port: int, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not answer /health in time")


def _world(port: int, tokens: dict[str, str]) -> dict[str, Any]:
    """Programme October 2020 once; the ids the clients work on."""
    editor = Client(port, tokens["bientap"])
    status, _ = editor.call("POST", "/playlists/generate", {"station_id": 1, **_month()})
    assert status == 201, status
    _, sessions = editor.call("GET", "/playlists?station=1&" + MONTH)
    _, segments = editor.call("GET", "/segments?station_id=1")
    return {"sessions": [s["id"] for s in sessions], "segments": [s["id"] for s in segments]}


def _month() -> dict[str, str]:
    return {"from": "2020-10-01", "to": "2020-10-31"}


def _one(client: Client, operator: Client, world: dict[str, Any], rng: random.Random, tag: str):
    """One operation of the mix: (kind, status)."""
    session = rng.choice(world["sessions"])
    if rng.random() < 0.7:
        kind = rng.choice(list(READS))
        method, path = READS[kind]
        return kind, client.call(method, path.format(session=session))[0]
    kind = rng.choice(WRITES)
    if kind == "rename":
        segment = rng.choice(world["segments"])
        body = {"title": f"Thông báo {tag}"}
        return kind, client.call("PATCH", f"/segments/{segment}", body)[0]
    if kind == "replan":
        return kind, client.call("POST", f"/playlists/{session}/regenerate")[0]
    if kind == "lexicon_add_delete":
        status, entry = client.call(
            "POST", "/lexicon", {"written": f"LX{tag}", "spoken": "lờ ích", "station_id": 1}
        )
        if status == 201 and entry:
            status = client.call("DELETE", f"/lexicon/{entry['id']}")[0]
        return kind, status
    body = {"station_id": 1, "status": "aired", "playlist_id": session}
    return kind, operator.call("POST", "/asrun", body)[0]


def _run(port: int, tokens: dict[str, str], world: dict[str, Any], clients: int, seconds: float):
    """`clients` threads for `seconds`: every (kind, status, milliseconds)."""
    results: list[tuple[str, int, float]] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(number: int) -> None:
        rng = random.Random(number)
        client, operator = Client(port, tokens["bientap"]), Client(port, tokens["phatthanh"])
        count = 0
        while time.monotonic() < stop:
            count += 1
            started = time.perf_counter()
            kind, status = _one(client, operator, world, rng, f"{number}x{count}")
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                results.append((kind, status, elapsed))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


def _report(name: str, results: list[tuple[str, int, float]], seconds: float) -> float:
    times = [ms for _kind, _status, ms in results]
    errors = sum(1 for _kind, status, _ms in results if status >= 500)
    print(
        f"{name}: {len(results)} requests in {seconds:.0f} s ({len(results) / seconds:.1f}/s), "
        f"5xx {errors}, median {statistics.median(times):.0f} ms, p95 {_p95(times):.0f} ms"
    )
    by_kind: dict[str, list[float]] = defaultdict(list)
    statuses: dict[str, set[int]] = defaultdict(set)
    for kind, status, ms in results:
        by_kind[kind].append(ms)
        statuses[kind].add(status)
    for kind in sorted(by_kind):
        print(
            f"  {kind:20} n={len(by_kind[kind]):5}  p95 {_p95(by_kind[kind]):6.0f} ms  "
            f"statuses {sorted(statuses[kind])}"
        )
    return _p95(times)


def main() -> None:
    """Prepare, serve, run the baseline and the load, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--baseline-seconds", type=float, default=10.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        port = _free_port()
        environment = _environment(Path(tmp) / "var", port)
        tokens = _prepare(environment)
        server = mp.get_context("spawn").Process(target=_serve, args=(environment,))
        server.start()
        try:
            _wait_for(port)
            world = _world(port, tokens)
            single = _run(port, tokens, world, 1, args.baseline_seconds)
            base = _report("single", single, args.baseline_seconds)
            loaded = _run(port, tokens, world, args.clients, args.seconds)
            p95 = _report(f"load ({args.clients} clients)", loaded, args.seconds)
        finally:
            server.terminate()
            server.join(10)
    errors = sum(1 for _kind, status, _ms in loaded if status >= 500)
    if FAILURES:
        print("connection failures:", dict(FAILURES))
    print(f"p95_ratio_to_single={p95 / base:.1f}")
    print(f"requests={len(loaded)} errors_5xx={errors} p95_ms={p95:.0f}")


if __name__ == "__main__":
    main()
