"""`loa worker`: run queued jobs (speech, measuring, renders, exports, bundles) in a process of
its own; any number of them, on any machine sharing the database and the data directory."""

import logging
import os
import signal
import threading
from types import FrameType
from typing import Annotated

import typer


def worker(
    poll_seconds: Annotated[
        float | None,
        typer.Option("--poll-seconds", help="Chu kỳ tìm việc mới (LOA_WORKER_POLL_SECONDS)"),
    ] = None,
) -> None:
    """Xử lý các công việc nặng (giọng đọc, đo, dựng, xuất, đóng gói) đến khi dừng (SIGTERM)."""
    from broadcast.cli.main import _settings
    from broadcast.db import get_engine
    from broadcast.jobs.leases import recover_jobs, sweep_temporary
    from broadcast.jobs.queue import worker_id
    from broadcast.jobs.worker import JobWorker

    settings = _settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    engine = get_engine(settings.db_url)
    recover_jobs(engine, settings)  # what a restarted web server does too
    sweep_temporary(settings, settings.temp_max_age_seconds)
    stopping = threading.Event()

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    jobs = JobWorker(engine, settings, poll_s=poll_seconds)
    jobs.start()
    typer.echo(f"Tiến trình xử lý {worker_id()} sẵn sàng", color=False)
    stopping.wait()
    typer.echo("Đang dừng: chờ công việc hiện tại xong…")
    if jobs.stop(settings.worker_stop_grace_seconds):
        typer.echo(f"Đã dừng sau {jobs.ran} công việc.")
        return
    released = jobs.release()  # the job outlived the grace period: another worker redoes it
    typer.echo(f"Đã trả công việc {released} lại hàng đợi và dừng.")
    logging.shutdown()
    os._exit(0)  # the job's thread is abandoned mid-work: its temp files are swept later


def register(app: typer.Typer) -> None:
    """Add the worker command to the `loa` app."""
    app.command(name="worker")(worker)
