"""`loa backup`, `loa restore` and `loa migrate`: a consistent snapshot while the service runs,
its restore, and the database brought to the newest schema."""

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
    database_url: Annotated[
        str | None,
        typer.Option("--database-url", help="PostgreSQL trống nhận bản sao lưu PostgreSQL"),
    ] = None,
) -> None:
    """Khôi phục một bản sao lưu vào thư mục dữ liệu trống (kiểm tra SHA-256 từng tệp)."""
    from broadcast.backup import DUMP_NAME, restore_backup, restore_database
    from broadcast.cli.main import _fail
    from broadcast.errors import LoaError

    try:
        count = restore_backup(file, data_dir)
        dump = data_dir / DUMP_NAME
        if dump.is_file() and database_url:
            restore_database(dump, database_url)
    except LoaError as exc:
        _fail(exc.message)
        return
    typer.echo(f"Đã khôi phục {count} tệp vào {data_dir}; chạy với LOA_DATA_DIR={data_dir}")
    if dump.is_file() and database_url:
        typer.echo(
            f"Cơ sở dữ liệu PostgreSQL đã khôi phục: chạy với LOA_DATABASE_URL={database_url}"
        )
    elif dump.is_file():
        typer.echo(
            f"Bản sao lưu PostgreSQL: nạp {dump} vào một cơ sở trống bằng "
            "`loa restore ... --database-url URL` hoặc `pg_restore --no-owner -d URL`"
        )


def migrate() -> None:
    """Tạo hoặc nâng cấp cơ sở dữ liệu (SQLite hoặc PostgreSQL) lên phiên bản mới nhất."""
    from sqlalchemy.engine import make_url

    from broadcast.cli.main import _settings
    from broadcast.migrations import head

    settings = _settings()  # creates or migrates it (every `loa` command does, once)
    where = make_url(settings.db_url).render_as_string(hide_password=True)
    typer.echo(f"Cơ sở dữ liệu {where} ở phiên bản {head()}")


def register(app: typer.Typer) -> None:
    """Add the commands to the `loa` app."""
    app.command()(backup)
    app.command()(restore)
    app.command()(migrate)
