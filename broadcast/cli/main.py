"""The `loa` command line: serve, demo, generate, export, normalize, speak."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from sqlmodel import Session, col, select

from broadcast.config import Settings, get_settings
from broadcast.db import get_engine, init_db, transaction
from broadcast.errors import LoaError
from broadcast.models import BroadcastSession, JobKind, JobStatus, SessionSlot, Station

app = typer.Typer(
    help="Loa — quản lý phát thanh cho hệ thống truyền thanh cơ sở.", no_args_is_help=True
)


def _settings() -> Settings:
    settings = get_settings()
    settings.ensure_dirs()
    init_db(get_engine(settings.db_url))
    return settings


def _fail(message: str) -> None:
    typer.secho(f"Lỗi: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code=1)


def _station(db: Session, station_id: int | None) -> Station:
    query = select(Station).order_by(col(Station.id))
    if station_id is not None:
        query = query.where(Station.id == station_id)
    station = db.exec(query).first()
    if station is None:
        _fail(
            "chưa có đài nào; chạy `loa demo` trước"
            if station_id is None
            else f"không có đài {station_id}"
        )
    assert station is not None
    return station


def find_slot(db: Session, station_id: int, spec: str) -> SessionSlot:
    """A station's slot by id or by start time such as 06:30."""
    slots = db.exec(select(SessionSlot).where(SessionSlot.station_id == station_id)).all()
    for slot in slots:
        if spec == str(slot.id) or spec in (
            slot.start.strftime("%H:%M"),
            slot.start.strftime("%H%M"),
        ):
            return slot
    known = ", ".join(f"{s.start:%H:%M} (id {s.id})" for s in slots) or "không có"
    raise typer.BadParameter(
        f"không có khung giờ '{spec}'; các khung giờ: {known}", param_hint="--slot"
    )


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Địa chỉ nghe (LOA_HOST)")] = None,
    port: Annotated[int | None, typer.Option(help="Cổng (LOA_PORT)")] = None,
) -> None:
    """Chạy dịch vụ web (API và tài liệu ở /docs)."""
    import uvicorn

    settings = get_settings()
    # The web layer sits above this package: uvicorn loads it by name.
    uvicorn.run(
        "api.main:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        proxy_headers=True,  # the scheme and client address a trusted reverse proxy reports
        forwarded_allow_ips=settings.forwarded_allow_ips,
        # Devices hold event streams open: on shutdown they are cut after this, not awaited.
        timeout_graceful_shutdown=5,
    )


@app.command()
def demo() -> None:
    """Nạp chiến dịch mẫu (Kế hoạch 192/KH-UBND phường Quang Trung) vào cơ sở dữ liệu mới."""
    from broadcast.campaigns import database_is_empty, load_demo

    settings = _settings()
    with transaction(get_engine(settings.db_url)) as db:
        if not database_is_empty(db):
            typer.echo("Cơ sở dữ liệu đã có dữ liệu; không nạp lại chiến dịch mẫu.")
            return
        station = load_demo(db, settings.voice)
        typer.echo(f"Đã nạp chiến dịch mẫu cho đài {station.name} (id {station.id}).")


def _print_session(db: Session, session: BroadcastSession) -> None:
    from broadcast.programming import session_public

    view = session_public(db, session)
    typer.echo(
        f"{view.day} {view.slot_start}: {len(view.items)} mục, "
        f"{view.total_s / 60:.1f}/{view.max_seconds / 60:.0f} phút"
    )
    for item in view.items:
        typer.echo(
            f"  {item.position:>2} +{item.start_offset_s:7.1f}s {item.duration_s:6.1f}s "
            f"{item.title} — {item.reason}"
        )


@app.command()
def generate(
    day: Annotated[str, typer.Option("--date", help="Ngày phát, YYYY-MM-DD")],
    slot: Annotated[str | None, typer.Option(help="Khung giờ: giờ bắt đầu (06:30) hoặc id")] = None,
    station: Annotated[int | None, typer.Option(help="Id của đài (mặc định: đài đầu tiên)")] = None,
) -> None:
    """Lập danh sách phát cho một ngày (mọi khung giờ, hoặc một khung giờ)."""
    from broadcast.programming import generate_session

    settings = _settings()
    when = _parse_day(day)
    try:
        with transaction(get_engine(settings.db_url)) as db:
            st = _station(db, station)
            slots = (
                [find_slot(db, st.id or 0, slot)]
                if slot
                else [
                    s
                    for s in db.exec(select(SessionSlot).where(SessionSlot.station_id == st.id))
                    if when.weekday() in s.weekdays
                ]
            )
            if not slots:
                _fail(f"không có khung giờ nào phát vào ngày {when}")
            for s in slots:
                _print_session(
                    db,
                    generate_session(db, st.id or 0, when, s.id or 0, settings.gap_seconds)[0],
                )
    except LoaError as exc:
        _fail(exc.message)


def _parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(
            f"'{value}' không phải ngày dạng YYYY-MM-DD", param_hint="--date"
        ) from exc


@app.command()
def export(
    day: Annotated[str, typer.Option("--date", help="Ngày phát, YYYY-MM-DD")],
    slot: Annotated[str, typer.Option(help="Khung giờ: giờ bắt đầu (06:30) hoặc id")],
    out: Annotated[Path, typer.Option(help="Thư mục nhận tệp ZIP và MP3")],
    station: Annotated[int | None, typer.Option(help="Id của đài (mặc định: đài đầu tiên)")] = None,
) -> None:
    """Xuất âm thanh một buổi phát: một MP3 và gói ZIP cho loa."""
    from broadcast.jobs import claim, enqueue
    from broadcast.jobs.leases import lease_end
    from broadcast.jobs.runner import run_job
    from broadcast.programming import generate_session

    settings = _settings()
    engine = get_engine(settings.db_url)
    when = _parse_day(day)
    try:
        with transaction(engine) as db:
            st = _station(db, station)
            chosen = find_slot(db, st.id or 0, slot)
            session, _changes = generate_session(
                db, st.id or 0, when, chosen.id or 0, settings.gap_seconds
            )
            job = enqueue(
                db,
                JobKind.EXPORT_SESSION,
                {"playlist_id": session.id, "out_dir": str(out.resolve())},
            )
    except LoaError as exc:
        _fail(exc.message)
    if not claim(engine, job.id or 0, lease_end(settings)):
        _fail(f"công việc {job.id} đã được tiến trình khác nhận")
    with typer.progressbar(length=100, label="Đang xuất") as bar:
        done = [0]

        def echo(fraction: float, _message: str) -> None:
            step = int(fraction * 100) - done[0]
            if step > 0:
                bar.update(step)
                done[0] += step

        finished = run_job(engine, settings, job.id or 0, echo=echo)
        bar.update(100 - done[0])
    if finished.status != JobStatus.SUCCEEDED:
        _fail(finished.message)
    result = finished.result or {}
    with Session(engine) as db:
        from broadcast.exports import export_file
        from broadcast.models import Export

        exported = db.get(Export, result["export_id"])
        assert exported is not None
        typer.echo(
            f"Đã xuất {export_file(settings, exported)} "
            f"({exported.duration_s / 60:.1f} phút, {exported.integrated_lufs:.1f} LUFS, "
            f"đỉnh {exported.true_peak_dbtp:.1f} dBTP, tổng hợp mới {exported.synthesized})"
        )


from broadcast.cli import speech  # noqa: E402  (commands in their own module)

speech.register(app)

from broadcast.cli import plans  # noqa: E402  (commands in their own module)

plans.register(app)

from broadcast.cli import schedule  # noqa: E402  (commands in their own module)

schedule.register(app)

from broadcast.cli import accounts  # noqa: E402  (commands in their own module)

accounts.register(app)

from broadcast.cli import backup  # noqa: E402  (commands in their own module)

backup.register(app)

from broadcast.cli import stream  # noqa: E402  (commands in their own module)

stream.register(app)

from broadcast.cli import worker  # noqa: E402  (commands in their own module)

worker.register(app)
