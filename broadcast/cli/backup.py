"""`loa backup` and `loa restore`: a consistent snapshot while the service runs, and its restore."""

from pathlib import Path
from typing import Annotated

import typer


def backup(
    out: Annotated[Path, typer.Option("--out", help="Tệp sao lưu (.zip) sẽ tạo")],
) -> None:
    """Sao lưu cơ sở dữ liệu và tệp âm thanh (chạy được khi dịch vụ đang chạy)."""
    from broadcast.backup import make_backup
    from broadcast.cli.main import _fail, _settings
    from broadcast.errors import LoaError

    try:
        made = make_backup(_settings(), out)
    except LoaError as exc:
        _fail(exc.message)
        return
    typer.echo(f"Đã sao lưu {made.files} tệp ({made.size / 1024 / 1024:.1f} MB) vào {made.path}")


def restore(
    file: Annotated[Path, typer.Argument(help="Tệp sao lưu (.zip)")],
    data_dir: Annotated[Path, typer.Option("--data-dir", help="Thư mục dữ liệu mới (trống)")],
) -> None:
    """Khôi phục một bản sao lưu vào thư mục dữ liệu trống (kiểm tra SHA-256 từng tệp)."""
    from broadcast.backup import restore_backup
    from broadcast.cli.main import _fail
    from broadcast.errors import LoaError

    try:
        count = restore_backup(file, data_dir)
    except LoaError as exc:
        _fail(exc.message)
        return
    typer.echo(f"Đã khôi phục {count} tệp vào {data_dir}; chạy với LOA_DATA_DIR={data_dir}")


def register(app: typer.Typer) -> None:
    """Add the commands to the `loa` app."""
    app.command()(backup)
    app.command()(restore)
