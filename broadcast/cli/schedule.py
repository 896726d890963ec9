"""`loa schedule run|status|range`: the scheduler pass and range programming from the CLI."""

from datetime import date
from typing import Annotated

import typer


def _engine_settings():  # type: ignore[no-untyped-def]
    from broadcast.config import get_settings
    from broadcast.db import get_engine, init_db

    settings = get_settings()
    settings.ensure_dirs()
    engine = get_engine(settings.db_url)
    init_db(engine)
    return engine, settings


def run(
    export: Annotated[bool, typer.Option(help="Chạy luôn các việc xuất (mặc định: có)")] = True,
) -> None:
    """Lập lịch và xuất N ngày tới cho mọi đài, một lần (như bộ lập lịch tự động)."""
    from broadcast.jobs.runner import run_pending
    from broadcast.scheduler import run_once

    engine, settings = _engine_settings()
    runs = run_once(engine, settings, force=True, trigger="cli")
    if not runs:
        typer.secho("Bộ lập lịch đang chạy ở tiến trình khác; thử lại sau.", err=True)
        raise typer.Exit(code=1)
    for item in runs:
        result = item.result
        typer.echo(
            f"Đài {item.station_id} ngày {item.run_day}: {item.status}; "
            f"{result.get('sessions', 0)} buổi ({result.get('from')} → {result.get('to')}), "
            f"{result.get('changed', 0)} thay đổi, {result.get('exports_queued', 0)} việc xuất mới"
        )
    if export:
        done = run_pending(engine, settings)
        typer.echo(f"Đã chạy {done} việc xuất.")
    if any(item.status != "succeeded" for item in runs):
        raise typer.Exit(code=1)


def program(
    start: Annotated[str, typer.Option("--from", help="Ngày bắt đầu YYYY-MM-DD")],
    end: Annotated[str, typer.Option("--to", help="Ngày kết thúc YYYY-MM-DD")],
    station: Annotated[int, typer.Option(help="Mã đài")] = 1,
) -> None:
    """Lập danh sách phát cho mọi buổi trong khoảng ngày và in cảnh báo."""
    from broadcast.db import transaction
    from broadcast.errors import LoaError
    from broadcast.programming import programme_range
    from broadcast.schedule import calendar

    engine, settings = _engine_settings()
    try:
        first, last = date.fromisoformat(start), date.fromisoformat(end)
    except ValueError as exc:
        raise typer.BadParameter("ngày phải có dạng YYYY-MM-DD") from exc
    try:
        with transaction(engine) as db:
            results = programme_range(db, station, first, last, settings.gap_seconds)
            view = calendar(db, station, first, last, date.today())
    except LoaError as exc:
        typer.secho(f"Lỗi: {exc.message}", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1) from exc
    changed = sum(1 for _p, c in results if not c.get("same"))
    typer.echo(f"{len(results)} buổi phát, {changed} thay đổi.")
    for warning in view["warnings"]:
        typer.echo(f"Cảnh báo: {warning['message']}")


def register(app: typer.Typer) -> None:
    """Add the `schedule` command group to `loa`."""
    group = typer.Typer(help="Lập lịch phát: tự động hằng ngày hoặc theo khoảng ngày.")
    group.command("run")(run)
    group.command("range")(program)
    app.add_typer(group, name="schedule")
