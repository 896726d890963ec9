"""Login, logout, who am I, and one's own API tokens."""

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request, Response
from sqlmodel import col, select

from api.auth import SESSION_COOKIE, ActorDep, ScopeDep
from api.deps import DbDep, RowId, SettingsDep
from api.errors import ErrorBody
from broadcast.access import SYSTEM
from broadcast.accounts import (
    LoginPolicy,
    LoginRefused,
    check_password_login,
    close_web_session,
    get_user,
    issue_token,
    open_web_session,
    revoke_token,
    user_public,
)
from broadcast.config import Settings
from broadcast.db import transaction
from broadcast.errors import Unauthenticated
from broadcast.models.accounts import (
    ApiToken,
    ApiTokenCreate,
    ApiTokenIssued,
    ApiTokenPublic,
    LoginRequest,
    UserPublic,
)

public_router = APIRouter(prefix="/auth", tags=["auth"])
router = APIRouter(prefix="/auth", tags=["auth"])


def login_policy(settings: Settings) -> LoginPolicy:
    """The lock-out rule from the settings."""
    return LoginPolicy(
        max_failures=settings.login_max_failures,
        lockout=timedelta(minutes=settings.login_lockout_minutes),
    )


def login_user(
    request: Request, settings: Settings, username: str, password: str
) -> tuple[UserPublic, str, str]:
    """Check credentials in a transaction of their own (failures must be kept), open a session."""
    with transaction(request.app.state.engine, SYSTEM) as db:
        outcome = check_password_login(db, username, password, login_policy(settings))
        if isinstance(outcome, LoginRefused):
            refusal = outcome
        else:
            cookie, web = open_web_session(db, outcome, settings.session_hours)
            return user_public(db, outcome), cookie, web.csrf_token
    # after the commit: the failure count is kept
    raise Unauthenticated(refusal.message, code=refusal.code)


def set_session_cookie(
    request: Request, response: Response, cookie: str, settings: Settings
) -> None:
    """The HttpOnly, SameSite=Lax session cookie; Secure over HTTPS (or when set to be)."""
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        max_age=int(settings.session_hours * 3600),
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure or request.url.scheme == "https",
        path="/",
    )


@public_router.post(
    "/login", responses={401: {"model": ErrorBody, "description": "Từ chối đăng nhập"}}
)
def login(data: LoginRequest, request: Request, response: Response, settings: SettingsDep) -> Any:
    """Log in with a password; the answer carries the CSRF token for later writes."""
    public, cookie, csrf = login_user(request, settings, data.username, data.password)
    set_session_cookie(request, response, cookie, settings)
    return {"user": public.model_dump(mode="json"), "csrf_token": csrf}


@router.post("/logout", status_code=204)
def logout(request: Request, db: DbDep, _actor: ActorDep) -> Response:
    """End this browser's session."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        close_web_session(db, cookie)
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/me")
def me(request: Request, db: DbDep, actor: ActorDep) -> Any:
    """The logged-in user with their roles (and the CSRF token when logged in by cookie)."""
    assert actor.user_id is not None
    public = user_public(db, get_user(db, actor.user_id))
    csrf = getattr(request.state, "csrf_token", None)
    return {"user": public.model_dump(mode="json"), "csrf_token": csrf}


@router.get("/tokens", response_model=list[ApiTokenPublic])
def list_tokens(db: DbDep, actor: ActorDep) -> Any:
    """The caller's API tokens (values are never shown again)."""
    query = select(ApiToken).where(ApiToken.user_id == actor.user_id)
    return db.exec(query.order_by(col(ApiToken.id))).all()


@router.post("/tokens", response_model=ApiTokenIssued, status_code=201)
def create_token(data: ApiTokenCreate, db: DbDep, actor: ActorDep) -> Any:
    """A new API token for the caller; its value is in this answer only."""
    assert actor.user_id is not None
    value, row = issue_token(db, get_user(db, actor.user_id), data.name)
    return ApiTokenIssued.model_validate(row, update={"token": value})


@router.delete("/tokens/{token_id:int}", response_model=ApiTokenPublic)
def delete_token(token_id: RowId, db: DbDep, scope: ScopeDep) -> Any:
    """Revoke one of the caller's tokens (an admin may revoke those of users they manage)."""
    return revoke_token(db, scope.token(token_id))
