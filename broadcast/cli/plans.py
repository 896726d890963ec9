"""`loa import-plan`: a plan document becomes a draft campaign (or, with --json, a parse)."""

import json
from pathlib import Path
from typing import Annotated, Any

import typer


def _print_summary(result: dict[str, Any]) -> None:
    campaign, counts = result["campaign"], result["counts"]
    typer.echo(
        f"Đã tạo chiến dịch nháp #{campaign['id']} (đài {campaign['station_id']}): "
        f"{campaign['document_number']} ngày {campaign['issued_on']}"
    )
    typer.echo(f"  {campaign['title']}")
    typer.echo(
        "  {events} sự kiện, {occasions} ngày kỷ niệm, {phases} giai đoạn, {topics} chủ đề, "
        "{draft_scripts} kịch bản nháp, {proposed_slots} khung giờ đề xuất, "
        "{notes} ghi chú".format(**counts)
    )
    parse = result["parse"]
    for event in parse["events"]:
        typer.echo(
            f"  Sự kiện (dòng {event['line']}): {event['name']} — cấp {event['level']}, "
            f"thứ {event['ordinal']}, {event['date_start'] or '?'} → {event['date_end'] or '?'}"
        )
    for phase in parse["phases"]:
        peak = (
            f", cao điểm {phase['peak_start']} → {phase['peak_end']}" if phase["peak_start"] else ""
        )
        typer.echo(
            f"  Giai đoạn {phase['code']} (dòng {phase['line']}, {phase['kind']}): "
            f"{phase['start'] or '?'} → {phase['end'] or '?'}{peak}, {len(phase['topics'])} chủ đề"
        )
    for occasion in parse["occasions"]:
        typer.echo(
            f"  Ngày kỷ niệm (dòng {occasion['line']}): {occasion['date']} {occasion['name']}"
        )
    for item in parse["broadcast_sessions"]:
        until = f"–{item['end']}" if item["end"] else ""
        typer.echo(f"  Khung giờ đề xuất (dòng {item['line']}): {item['start']}{until}")
    typer.echo(f"Chưa xác định ({len(result['unresolved'])}):")
    for item in result["unresolved"]:
        typer.echo(f"  dòng {item['line']}: {item['text']} — {item['why']}")


def import_plan_command(
    file: Annotated[Path, typer.Argument(help="Tệp kế hoạch: .txt, .docx hoặc .pdf có chữ")],
    station: Annotated[int | None, typer.Option(help="Id đài (mặc định: đài đầu tiên)")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Chỉ in kết quả phân tích dạng JSON, không lưu")
    ] = False,
    as_new: Annotated[
        bool,
        typer.Option(
            "--as-new", help="Nhập thành chiến dịch mới dù đài đã có kế hoạch này (bản sao)"
        ),
    ] = False,
) -> None:
    """Nhập một kế hoạch thành chiến dịch nháp (giai đoạn, chủ đề, kịch bản nháp).

    Kế hoạch đài đã có (cùng số, ký hiệu và cơ quan ban hành) bị từ chối: hãy cập nhật chiến
    dịch đó ở trang Chiến dịch, hoặc thêm --as-new nếu thật sự cần chiến dịch thứ hai.
    """
    from broadcast.campaigns import import_plan, read_plan
    from broadcast.cli.main import _fail, _settings
    from broadcast.db import get_engine, transaction
    from broadcast.errors import LoaError
    from broadcast.plans import to_json

    try:
        data = file.read_bytes()
    except OSError as exc:
        _fail(f"không đọc được tệp {file}: {exc.strerror}")
        return
    try:
        if as_json:
            typer.echo(
                json.dumps(to_json(read_plan(data, file.name)), ensure_ascii=False, indent=2)
            )
            return
        settings = _settings()
        with transaction(get_engine(settings.db_url)) as db:
            result = import_plan(db, data, file.name, station, settings.voice, as_new)
    except LoaError as exc:
        _fail(exc.message)
        return
    _print_summary(result)


def register(app: typer.Typer) -> None:
    """Add the plan import command to the `loa` app."""
    app.command("import-plan")(import_plan_command)
