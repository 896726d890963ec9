"""A province of N communes, its day programmed and exported by W `loa worker` processes, then
its API read by 100 operators at once (SQLite by default; PostgreSQL with --db postgresql or
LOA_TEST_DB=postgresql, on the tests' server, see tests/databases.py).

Each commune has its unit under the province, a station, two 15-minute sessions a day (06:30,
17:30), the province's 3-minute announcement (the same text in every commune) and three own
announcements of about 45 s (distinct texts), all approved; one editor per commune for the
first --users communes. The day's sessions are programmed and their exports queued (one job
per session) while W workers run them; the clock stops when every job has ended. Renders and
cache hits are the export jobs' own counts (items processed now / found in the render cache).
Then uvicorn serves the API on loopback and locust (bench/province_load.py, headless) runs
--users operators for --seconds: each logs in as a commune's editor and reads its pages and
JSON (home, schedule, segments, sessions, report).

After the export it prints where the machine's time went (from /proc): `cpu_s:
machine_busy` (all cores, a hypervisor's steal included), `idle`, `workers_python` and
`workers_ffmpeg` (the workers' own CPU and their ended ffmpeg children's), `other` (the
database, this script). With more than one worker each gets LOA_RENDER_THREADS = cores / W.

Ends with:
  province_day_s=<x> stations=<n> workers=<w> renders=<distinct renders> cache_hits=<n>
  api_p95_ms=<x> errors=<n>

Usage: .venv/bin/python bench/province.py [--stations 1000] [--workers 2] [--voice fake]
       [--seconds 60] [--users 100] [--db postgresql]
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

DAY = date.today() + timedelta(days=1)  # inside the schedule page's two weeks
PASSWORD = "mat-khau-bien-tap-tinh"
CHUNK = 100  # stations per transaction while building and programming
SHARED_TITLE = "Thông báo của Ủy ban nhân dân tỉnh"
PARTS = (
    "Ủy ban nhân dân tỉnh thông báo tới toàn thể nhân dân trong tỉnh",
    "về việc triển khai kế hoạch phòng chống thiên tai và tìm kiếm cứu nạn năm nay",
    "các xã phường rà soát khu dân cư ven sông suối và vùng có nguy cơ sạt lở đất",
    "chuẩn bị lương thực nước uống thuốc men và phương tiện theo phương châm bốn tại chỗ",
    "bà con theo dõi bản tin dự báo thời tiết và chấp hành hướng dẫn của chính quyền",
)
OWN = (
    "họp dân bàn kế hoạch làm đường giao thông nông thôn",
    "tổ chức tiêm chủng mở rộng cho trẻ em dưới năm tuổi tại trạm y tế",
    "thu thuế sử dụng đất phi nông nghiệp tại nhà văn hoá",
)


def shared_script() -> str:
    """The province's announcement (about 3 minutes): the same text in every commune."""
    sentences = [f"{part}, điều {n + 1}." for n in range(8) for part in PARTS]
    return " ".join(sentences[:22])


def own_script(commune: int, topic: int) -> str:
    """A commune's own announcement (about 45 s), distinct in every commune."""
    name = f"xã Thử Nghiệm số {commune}"
    return (
        f"Kính thưa bà con nhân dân {name}. Ủy ban nhân dân {name} thông báo {OWN[topic]}, "
        f"vào lúc {7 + topic} giờ sáng ngày {1 + commune % 28} tháng {1 + topic * 4}, "
        f"tại thôn {commune % 9 + 1}. Đề nghị đại diện các hộ gia đình thôn {commune % 9 + 1} "
        f"tham dự đầy đủ và đúng giờ. Mọi thắc mắc xin liên hệ cán bộ văn hoá {name} "
        f"qua số điện thoại không chín tám {commune:04d} {topic + 1}. Ủy ban nhân dân "
        f"{name} trân trọng thông báo. Xin cảm ơn bà con."
    )


def build(engine: Any, stations: int, voice: str, editors: int) -> list[dict[str, Any]]:
    """The province: units, stations, slots, approved announcements, editors (first ones)."""
    from broadcast.accounts import HASHER
    from broadcast.db import transaction
    from broadcast.models import SegmentCreate, SessionSlot, Station, Unit, UnitKind
    from broadcast.models.accounts import Role, User, UserRole
    from broadcast.segments import approve_segment, create_segment

    password_hash = HASHER.hash(PASSWORD)  # argon2 is slow by design: once for every editor
    shared = shared_script()
    logins: list[dict[str, Any]] = []
    with transaction(engine) as db:
        province = Unit(name="Tỉnh Thử Nghiệm", kind=UnitKind.PROVINCE)
        db.add(province)
        db.flush()
    for first in range(0, stations, CHUNK):
        numbers = range(first + 1, min(first + CHUNK, stations) + 1)
        with transaction(engine) as db:
            units = [
                Unit(name=f"Xã Thử Nghiệm {n}", kind=UnitKind.COMMUNE, parent_id=province.id)
                for n in numbers
            ]
            db.add_all(units)
            db.flush()
            rows = [Station(name=f"Đài xã Thử Nghiệm {u.name[15:]}", unit_id=u.id) for u in units]
            db.add_all(rows)
            db.flush()
            for start, name in ((clock(6, 30), "Buổi sáng"), (clock(17, 30), "Buổi chiều")):
                db.add_all(
                    SessionSlot(
                        station_id=s.id or 0,
                        name=name,
                        start=start,
                        weekdays=list(range(7)),
                        max_seconds=900,
                    )
                    for s in rows
                )
            for n, station in zip(numbers, rows, strict=True):
                texts = [(SHARED_TITLE, shared)]
                texts += [(f"Thông báo {t + 1} của xã", own_script(n, t)) for t in range(3)]
                for title, script in texts:
                    data = SegmentCreate(station_id=station.id or 0, title=title, script=script)
                    approve_segment(db, create_segment(db, data, voice=voice))
                if n <= editors:
                    user = User(
                        username=f"bientap{n}",
                        full_name=f"Biên tập xã {n}",
                        password_hash=password_hash,
                    )
                    db.add(user)
                    db.flush()
                    db.add(
                        UserRole(user_id=user.id or 0, role=Role.EDITOR, unit_id=station.unit_id)
                    )
                    logins.append(
                        {"username": user.username, "password": PASSWORD, "station": station.id}
                    )
    return logins


def programme_and_queue(engine: Any, settings: Any) -> list[int]:
    """Every station's sessions of DAY programmed and an export job queued for each."""
    from sqlmodel import col, select

    from broadcast.db import transaction
    from broadcast.jobs import enqueue
    from broadcast.models import JobKind, SessionSlot
    from broadcast.programming import generate_session

    with transaction(engine) as db:
        slots = db.exec(select(SessionSlot).order_by(col(SessionSlot.id))).all()
    ids: list[int] = []
    for first in range(0, len(slots), 2 * CHUNK):
        with transaction(engine) as db:
            for slot in slots[first : first + 2 * CHUNK]:
                session, _changes = generate_session(
                    db, slot.station_id, DAY, slot.id or 0, settings.gap_seconds
                )
                ids.append(enqueue(db, JobKind.EXPORT_SESSION, {"playlist_id": session.id}).id or 0)
    return ids


def wait_for_jobs(engine: Any, count: int) -> list[Any]:
    """Block until `count` export jobs have ended (counted once a second, so that the watch
    costs the workers nothing); the jobs."""
    from sqlalchemy import func
    from sqlmodel import Session, col, select

    from broadcast.models import Job, JobKind, JobStatus

    ended = select(Job).where(
        Job.kind == JobKind.EXPORT_SESSION,
        col(Job.status).in_((JobStatus.SUCCEEDED, JobStatus.FAILED)),
    )
    while True:
        with Session(engine) as db:
            done = db.exec(select(func.count()).select_from(ended.subquery())).one()
            if done >= count:
                return list(db.exec(ended).all())
        time.sleep(1.0)


def start(env: dict[str, str], *args: str, log: Path | None = None) -> subprocess.Popen[bytes]:
    """A child Python process in the repository, its output to `log` (or nowhere)."""
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 (the child owns it)
    return subprocess.Popen([sys.executable, *args], cwd=ROOT, env=env, stdout=out, stderr=out)


def stop(procs: list[subprocess.Popen[bytes]]) -> None:
    """Terminate the children and wait for them."""
    for proc in procs:
        proc.terminate()
    for proc in procs:
        proc.wait(60)


def machine_cpu() -> tuple[float, float]:
    """Busy and idle CPU seconds of the whole machine so far (/proc/stat)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / tick, idle / tick


def process_cpu(proc: subprocess.Popen[bytes]) -> tuple[float, float]:
    """CPU seconds of a running child: its own, and its ended children's (ffmpeg)."""
    fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    own = (int(fields[11]) + int(fields[12])) / tick
    return own, (int(fields[13]) + int(fields[14])) / tick


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(env: dict[str, str], root: Path) -> tuple[subprocess.Popen[bytes], str]:
    """uvicorn with the app factory on a free loopback port (2 processes); ready."""
    port = free_port()
    proc = start(
        env,
        *("-m", "uvicorn", "api.main:create_app", "--factory", "--host", "127.0.0.1"),
        *("--port", str(port), "--workers", "2", "--log-level", "warning"),
        log=root / "serve.log",
    )
    host = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"{host}/health", timeout=2):
                return proc, host
        except OSError:
            time.sleep(0.1)
    stop([proc])
    raise RuntimeError(f"the server did not start; see {root / 'serve.log'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stations", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--voice", choices=["espeak", "fake"], default="espeak")
    parser.add_argument("--users", type=int, default=100, help="concurrent operators")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the load test")
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default=None)
    parser.add_argument("--keep", action="store_true", help="keep the data directory")
    args = parser.parse_args()
    if args.db:
        os.environ["LOA_TEST_DB"] = args.db
    from api.main import prepare_database
    from broadcast.cli.worker import sharing_cores
    from broadcast.db import get_engine

    import databases
    from conftest import make_settings

    root = Path(tempfile.mkdtemp(prefix="loa-bench-province-"))
    settings = make_settings(root, tts_engine=args.voice)
    prepare_database(settings)
    engine = get_engine(settings.db_url)
    voice = "vi" if args.voice == "espeak" else "fake"
    env = os.environ | {
        "LOA_DATA_DIR": str(settings.data_dir),
        "LOA_DATABASE_URL": databases.env_url(settings.data_dir),
        "LOA_TTS_ENGINE": args.voice,
        "LOA_WORKER_POLL_SECONDS": "0.2",
        "LOA_RUN_WORKER": "false",
        "LOA_SCHEDULER_ENABLED": "false",
        "LOA_LOAD_DEMO": "false",
        "LOA_GAP_SECONDS": str(settings.gap_seconds),
        # several workers share the cores: each starts cores/W ffmpeg runs, unpinned (0: one
        # worker, one pinned run per core)
        "LOA_RENDER_THREADS": str(sharing_cores(settings, args.workers).render_threads),
    }
    try:
        began = time.monotonic()
        logins = build(engine, args.stations, voice, min(args.users, args.stations))
        print(f"built stations={args.stations} in {time.monotonic() - began:.1f} s", flush=True)
        started = time.monotonic()
        busy0, idle0 = machine_cpu()
        workers = [
            start(env, "-m", "broadcast", "worker", log=root / f"worker-{n}.log")
            for n in range(args.workers)
        ]
        try:
            ids = programme_and_queue(engine, settings)
            queued = time.monotonic() - started
            jobs = wait_for_jobs(engine, len(ids))
            day_s = time.monotonic() - started  # worker start-up (imports) included
            busy1, idle1 = machine_cpu()
            busy, idle = busy1 - busy0, idle1 - idle0
            spent = [process_cpu(worker) for worker in workers]
            own, children = sum(s[0] for s in spent), sum(s[1] for s in spent)
            print(
                f"cpu_s: machine_busy={busy:.0f} idle={idle:.0f} workers_python={own:.0f} "
                f"workers_ffmpeg={children:.0f} other={busy - own - children:.0f}",
                flush=True,
            )
        finally:
            stop(workers)
        results = [job.result or {} for job in jobs]
        failed = [job for job in jobs if job.result is None]
        for job in failed[:5]:
            print(f"job {job.id} failed: {job.error_code} {job.message}")
        renders = sum(int(r.get("items_rendered", 0)) for r in results)
        hits = sum(int(r.get("items_cached", 0)) for r in results)
        spoken = sum(int(r.get("synthesized", 0)) for r in results)
        print(
            f"sessions={len(ids)} programmed_and_queued_s={queued:.1f} failed={len(failed)} "
            f"speech_synthesized={spoken} distinct_texts={3 * args.stations + 1} "
            f"per_session_s={day_s / max(len(ids), 1):.2f}",
            flush=True,
        )
        load = load_test(env, root, logins, args.users, args.seconds)
    finally:
        from broadcast.db import dispose_engines

        dispose_engines()
        databases.drop_all()
        if not args.keep:  # the exports of a large province weigh gigabytes
            shutil.rmtree(root, ignore_errors=True)
        else:
            print(f"data directory kept: {root}")
    print(
        f"province_day_s={day_s:.1f} stations={args.stations} workers={args.workers} "
        f"renders={renders} cache_hits={hits}"
    )
    print(f"api_p95_ms={load['p95_ms']:.0f} errors={load['errors']}")


def load_test(
    env: dict[str, str], root: Path, logins: list[dict[str, Any]], users: int, seconds: float
) -> dict[str, Any]:
    """The API served on loopback, read by `users` operators for `seconds` (locust, in its
    own process: it patches the standard library with gevent)."""
    (root / "logins.json").write_text(json.dumps(logins), encoding="utf-8")
    server, host = serve(env, root)
    try:
        out = root / "load.json"
        load = start(
            env,
            str(ROOT / "bench" / "province_load.py"),
            *("--host", host, "--logins", str(root / "logins.json"), "--out", str(out)),
            *("--users", str(users), "--seconds", str(seconds), "--day", DAY.isoformat()),
            log=root / "load.log",
        )
        if load.wait(seconds + 300) != 0 or not out.is_file():
            raise RuntimeError("the load test failed")
    finally:
        stop([server])
    figures: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    for name, row in sorted(figures["by_name"].items()):
        print(
            f"  {name:<28} requests={row['requests']:<6} p95_ms={row['p95_ms']:<6.0f} "
            f"failures={row['failures']}"
        )
    print(
        f"api_requests={figures['requests']} api_rps={figures['rps']:.1f} users={users} "
        f"logins={figures['logins']} login_p95_ms={figures['login_p95_ms']:.0f} "
        f"login_failures={figures['login_failures']}"
    )
    return figures


if __name__ == "__main__":
    main()
