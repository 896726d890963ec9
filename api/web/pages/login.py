"""Login and logout pages, and the first-run page that creates the first admin."""

import secrets
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from api.auth import SESSION_COOKIE
from api.deps import DbDep, SettingsDep
from api.routes.auth import login_user, set_session_cookie
from api.web.templating import render
from broadcast.accounts import (
    close_web_session,
    count_users,
    create_user,
    find_web_session,
)
from broadcast.errors import Conflict, Unauthenticated
from broadcast.models.accounts import Role, RoleGrant, UserCreate

router = APIRouter(include_in_schema=False)
LOGIN_CSRF_COOKIE = "loa_login_csrf"
LOOPBACK = frozenset({"127.0.0.1", "::1", "testclient"})  # testclient: the ASGI test transport


def safe_next(target: str | None) -> str:
    """Only same-site paths are followed after login."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _login_page(request: Request, status: int = 200, **context: object) -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", status_code=status, login_csrf=token, **context)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
    return response


def _form_token_ok(request: Request, sent: str) -> bool:
    """The login-form token matches its cookie (double submit: another site cannot read it)."""
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    return bool(expected) and secrets.compare_digest(expected.encode(), sent.encode())


@router.get("/dang-nhap")
def login_form(request: Request, db: DbDep, next: str | None = None) -> Response:
    """The login form (straight on to the page when already logged in)."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie and find_web_session(db, cookie):
        return RedirectResponse(safe_next(next), status_code=303)
    no_users = count_users(db) == 0
    created = request.query_params.get("da-tao", "")[:50]  # the first admin, just made
    return _login_page(
        request, next=safe_next(next), no_users=no_users, username=created, created=created
    )


@router.post("/dang-nhap")
def login_submit(
    request: Request,
    settings: SettingsDep,
    username: Annotated[str, Form(max_length=50)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    csrf_token: Annotated[str, Form(max_length=100)] = "",
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    """Check the password; on failure the form comes back with the username kept."""
    if not _form_token_ok(request, csrf_token):
        error = "Phiên biểu mẫu đã hết hạn, vui lòng đăng nhập lại."
        return _login_page(request, 403, next=safe_next(next), username=username, error=error)
    try:
        _public, cookie, _csrf = login_user(request, settings, username, password)
    except Unauthenticated as exc:
        return _login_page(request, 401, next=safe_next(next), username=username, error=exc.message)
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session_cookie(request, response, cookie, settings)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
    return response


@router.post("/dang-xuat")
def logout(
    request: Request, db: DbDep, csrf_token: Annotated[str, Form(max_length=100)] = ""
) -> Response:
    """End the browser's session (the form carries the session's CSRF token)."""
    cookie = request.cookies.get(SESSION_COOKIE)
    found = find_web_session(db, cookie) if cookie else None
    if found is not None and secrets.compare_digest(
        found[1].csrf_token.encode(), csrf_token.encode()
    ):
        assert cookie is not None
        close_web_session(db, cookie)
    response = RedirectResponse("/dang-nhap", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _from_loopback(request: Request) -> bool:
    return request.client is not None and request.client.host in LOOPBACK


def _setup_open(request: Request, db: DbDep) -> bool:
    """First run is open only from this machine and only while no account exists."""
    return count_users(db) == 0 and _from_loopback(request)


@router.get("/thiet-lap")
def setup_form(request: Request, db: DbDep) -> Response:
    """First run: create the first admin, only from this machine and only while none exists."""
    if not _setup_open(request, db):
        return RedirectResponse("/dang-nhap", status_code=303)
    return _login_page(request, setup=True, username="admin", full_name="", next="/")


@router.post("/thiet-lap")
def setup_submit(
    request: Request,
    db: DbDep,
    username: Annotated[str, Form(max_length=50)] = "",
    full_name: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    password_again: Annotated[str, Form(max_length=200)] = "",
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Create the first admin account; the login page then confirms it, the name filled in."""
    if not _setup_open(request, db):
        return RedirectResponse("/dang-nhap", status_code=303)
    typed = {"username": username, "full_name": full_name}  # kept when the form comes back
    if not _form_token_ok(request, csrf_token):
        return _login_page(request, 403, setup=True, error="Biểu mẫu hết hạn.", **typed)
    if password != password_again:
        errors = {"password_again": "Hai lần nhập mật khẩu không khớp."}
        return _login_page(request, 422, setup=True, errors=errors, **typed)
    try:
        data = UserCreate(
            username=username.strip().lower(),
            full_name=full_name,
            password=password,
            roles=[RoleGrant(role=Role.ADMIN)],
        )
        create_user(db, data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "username"
        errors = {field: first["msg"].removeprefix("Value error, ")}
        return _login_page(request, 422, setup=True, errors=errors, **typed)
    except Conflict as exc:
        return _login_page(request, 409, setup=True, error=exc.message, **typed)
    return RedirectResponse(f"/dang-nhap?da-tao={quote(data.username)}", status_code=303)
