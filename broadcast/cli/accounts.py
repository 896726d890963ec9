"""`loa create-admin` and `loa create-token`: accounts from the command line."""

import sys
from typing import Annotated

import typer
from pydantic import ValidationError
from sqlmodel import select

from broadcast.access import ROLE_ACTIONS, ROLE_LABELS, Action
from broadcast.accounts import create_user, issue_token
from broadcast.config import get_settings
from broadcast.db import get_engine, init_db, transaction
from broadcast.errors import LoaError
from broadcast.models.accounts import Role, RoleGrant, User, UserCreate
from broadcast.models.common import clean_value


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(
        typer.prompt("Mật khẩu (ít nhất 10 ký tự)", hide_input=True, confirmation_prompt=True)
    )


def _fail(message: str) -> None:
    typer.secho(f"Lỗi: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code=1)


def create_admin(
    username: Annotated[str, typer.Option(help="Tên đăng nhập (chữ thường, số, . _ -)")] = "admin",
    full_name: Annotated[str, typer.Option(help="Họ và tên")] = "Quản trị viên",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Đọc mật khẩu từ stdin (cho kịch bản)")
    ] = False,
) -> None:
    """Tạo tài khoản quản trị (không có mật khẩu mặc định)."""
    settings = get_settings()
    settings.ensure_dirs()
    engine = get_engine(settings.db_url)
    init_db(engine)
    password = _read_password(password_stdin)
    try:
        data = UserCreate(
            username=clean_value(username),
            full_name=full_name,
            password=password,
            roles=[RoleGrant(role=Role.ADMIN)],
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        _fail(f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}")
        return
    try:
        with transaction(engine) as db:
            create_user(db, data)
    except LoaError as exc:
        _fail(exc.message)
    typer.echo(f"Đã tạo tài khoản quản trị '{data.username}'. Đăng nhập tại /dang-nhap.")


def create_token(
    username: Annotated[str, typer.Option(help="Tài khoản sở hữu mã truy cập")],
    name: Annotated[str, typer.Option(help="Tên gợi nhớ, ví dụ: may-phat-cum-3")],
) -> None:
    """Tạo mã truy cập API (Bearer) cho kịch bản hoặc máy phát; chỉ in ra một lần."""
    settings = get_settings()
    engine = get_engine(settings.db_url)
    init_db(engine)
    with transaction(engine) as db:
        user = db.exec(select(User).where(User.username == username)).first()
        if user is None:
            _fail(f"không có tài khoản '{username}'")
            return
        value, _row = issue_token(db, user, name)
    typer.echo(value)


def roles_table() -> str:
    """The role matrix as a Markdown table: one row per kind of write, one column per role."""
    header = "| việc (action) | " + " | ".join(ROLE_LABELS[r] for r in Role) + " |"
    lines = [header, "|---" * (len(Role) + 1) + "|"]
    for action in Action:
        marks = " | ".join("✓" if action in ROLE_ACTIONS[r] else "403" for r in Role)
        lines.append(f"| {action.value} | {marks} |")
    return "\n".join(lines)


def roles() -> None:
    """In bảng quyền: vai trò nào được làm việc gì."""
    typer.echo(roles_table())


def register(app: typer.Typer) -> None:
    """Add the account commands to the `loa` app."""
    app.command("create-admin")(create_admin)
    app.command("create-token")(create_token)
    app.command("roles")(roles)
