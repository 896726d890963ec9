"""Người dùng: accounts and roles (admins only), and every user's own API tokens."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlmodel import col, select

from api.deps import DbDep, RowId
from api.web.context import PageActor, PageStation
from api.web.denied import forbidden_page, not_found_page
from api.web.labels import ROLE_LABELS
from api.web.templating import render
from api.web.views.accounts import account_row, account_rows, user_tokens
from broadcast.access import Action, Actor, Scope, visible_stations
from broadcast.errors import NotFound
from broadcast.models import Station, Unit
from broadcast.models.accounts import Role, User

router = APIRouter(include_in_schema=False)
ROLE_HELP = {
    Role.ADMIN: "mọi việc, kể cả tài khoản và cài đặt đài",
    Role.EDITOR: "soạn chiến dịch, bài, từ điển, thu âm, lập lịch",
    Role.APPROVER: "duyệt hoặc trả lại bài (không duyệt bài của chính mình)",
    Role.OPERATOR: "thu âm, lập lịch, xuất file, ghi nhật ký phát",
    Role.VIEWER: "chỉ xem",
}


def _context(db: DbDep, actor: Actor) -> dict[str, Any]:
    stations = visible_stations(db, actor)  # roles are granted on these only
    every = list(db.exec(select(Station).order_by(col(Station.id))).all())
    units = [u for u in Scope(db, actor).units() if actor.can_unit(Action.MANAGE_USERS, u.id or 0)]
    return {
        "all_stations": stations,
        "all_units": units,  # and on the units the actor administers
        "station_names": {s.id: s.name for s in every},
        "unit_names": {u.id: u.name for u in db.exec(select(Unit)).all()},
        "roles": list(Role),
        "role_labels": ROLE_LABELS,
        "role_help": ROLE_HELP,
    }


@router.get("/nguoi-dung", response_class=HTMLResponse)
def users_page(request: Request, db: DbDep, actor: PageActor, _station: PageStation) -> Any:
    """Every account with roles per station, lock state and last login; the new-user form."""
    if not actor.can(Action.MANAGE_USERS):
        return forbidden_page(request, "Người dùng")
    users = Scope(db, actor).visible(db.exec(select(User).order_by(col(User.username))).all())
    return render(request, "users.html", rows=account_rows(db, users), **_context(db, actor))


@router.get("/nguoi-dung/toi", response_class=HTMLResponse)
def my_account(request: Request, db: DbDep, actor: PageActor, _station: PageStation) -> Any:
    """The logged-in user's own account and API tokens."""
    assert actor.user_id is not None
    user = db.get(User, actor.user_id)
    assert user is not None
    return render(
        request,
        "user.html",
        row=account_row(db, user),
        tokens=user_tokens(db, actor.user_id),
        own=True,
        **_context(db, actor),
    )


@router.get("/nguoi-dung/{user_id:int}", response_class=HTMLResponse)
def user_page(
    user_id: RowId, request: Request, db: DbDep, actor: PageActor, _station: PageStation
) -> Any:
    """One account: edit name and roles, reset password, unlock, deactivate, its tokens."""
    if not actor.can(Action.MANAGE_USERS):
        return forbidden_page(request, "Người dùng")
    try:
        user = Scope(db, actor).row(User, user_id)
    except NotFound:
        return not_found_page(request, f"tài khoản số {user_id}")
    return render(
        request,
        "user.html",
        row=account_row(db, user),
        tokens=user_tokens(db, user_id),
        own=user_id == actor.user_id,
        can_manage=True,
        **_context(db, actor),
    )
