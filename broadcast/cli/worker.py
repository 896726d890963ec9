"""`loa worker`: run queued jobs (speech, measuring, renders, exports, bundles) in a process of
its own; any number of them, on any machine sharing the database and the data directory. With
LOA_QUEUE_BROKER_URL set it is a Celery worker on that broker, else it polls the database."""

import logging
import os
import signal
import threading
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from broadcast.config import Settings


def worker(
    poll_seconds: Annotated[
        float | None,
        typer.Option("--poll-seconds", help="Chu kỳ tìm việc mới (LOA_WORKER_POLL_SECONDS)"),
    ] = None,
    concurrency: Annotated[
        int,
        typer.Option(
            "--concurrency", min=1, max=64, help="Số công việc chạy cùng lúc (khi dùng Celery)"
        ),
    ] = 1,
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
    if settings.queue_broker_url:
        raise typer.Exit(_celery_worker(settings, concurrency))
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


def sharing_cores(settings: "Settings", concurrency: int) -> "Settings":
    """Settings for `concurrency` jobs at once on this machine: each renders on its share of
    the cores (LOA_RENDER_THREADS, unless set)."""
    if concurrency <= 1 or settings.render_threads:
        return settings
    cores = len(os.sched_getaffinity(0))
    return settings.model_copy(update={"render_threads": max(1, cores // concurrency)})


def _celery_worker(settings: "Settings", concurrency: int) -> int:
    """A Celery worker on the settings' broker; refuses to start when the broker is unreachable."""
    try:
        from broadcast.jobs.celery_app import broker_answers, broker_label, run_worker
    except ImportError:
        typer.secho("Lỗi: LOA_QUEUE_BROKER_URL cần gói celery: pip install 'loa[queue]'", err=True)
        return 1
    from broadcast.jobs.queue import worker_id

    where = broker_label(settings)
    if not broker_answers(settings):
        typer.secho(
            f"Lỗi: không kết nối được hàng đợi {where}. Khởi động RabbitMQ "
            "(systemctl start rabbitmq-server) hoặc Redis (systemctl start redis-server), "
            "hoặc bỏ LOA_QUEUE_BROKER_URL để xử lý qua cơ sở dữ liệu.",
            err=True,
        )
        return 1

    def ready() -> None:
        typer.echo(
            f"Tiến trình xử lý {worker_id()} sẵn sàng (Celery, hàng đợi "
            f"{settings.queue_name} tại {where}, {concurrency} việc cùng lúc)",
            color=False,
        )

    code = run_worker(sharing_cores(settings, concurrency), concurrency, ready)
    typer.echo("Đã dừng.")
    return code


def register(app: typer.Typer) -> None:
    """Add the worker command to the `loa` app."""
    app.command(name="worker")(worker)
