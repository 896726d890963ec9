"""Authentication of every request (Bearer token or session cookie + CSRF) and role checks."""

import secrets
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session

from api.deps import DbDep
from api.route_actions import PLAYER_ROUTES, SAFE_METHODS, action_for
from broadcast.access import Actor, Scope, device_actor, require, require_admin
from broadcast.accounts import actor_for, find_token_user, find_web_session
from broadcast.audit import set_actor
from broadcast.devices import DEVICE_TOKEN_PREFIX, find_token_device
from broadcast.errors import Forbidden, Unauthenticated
from broadcast.models.accounts import User

SESSION_COOKIE = "loa_session"
CSRF_HEADER = "X-CSRF-Token"


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _user_from_cookie(request: Request, db: Session) -> User:
    cookie = request.cookies.get(SESSION_COOKIE)
    found = find_web_session(db, cookie) if cookie else None
    if found is None:
        raise Unauthenticated(
            "chưa đăng nhập hoặc phiên đăng nhập đã hết hạn", code="login.required"
        )
    user, web = found
    request.state.csrf_token = web.csrf_token
    if request.method not in SAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER, "")
        if not secrets.compare_digest(sent.encode(), web.csrf_token.encode()):
            raise Forbidden(
                "thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF); tải lại trang", code="csrf"
            )
    return user


def _device(request: Request, db: Session, token: str) -> Actor:
    """The device a device token belongs to (role player), else Unauthenticated."""
    device = find_token_device(db, token)
    if device is None or device.id is None:
        raise Unauthenticated(
            "mã thiết bị không hợp lệ, đã bị thay hoặc thiết bị đã bị tắt", code="token.invalid"
        )
    actor = device_actor(device.id, f"thiết bị {device.name}", device.station_id)
    set_actor(db, actor)
    request.state.actor = actor
    request.state.device = device
    return actor


def identify(request: Request, db: Session) -> Actor:
    """Who sends this request; Unauthenticated when nobody valid does."""
    token = _bearer(request)
    if token is not None and token.startswith(DEVICE_TOKEN_PREFIX):
        return _device(request, db, token)
    if token is not None:
        user = find_token_user(db, token)
        if user is None:
            raise Unauthenticated(
                "mã truy cập (token) không hợp lệ hoặc đã bị thu hồi", code="token.invalid"
            )
    else:
        user = _user_from_cookie(request, db)
    actor = actor_for(db, user)
    set_actor(db, actor)
    request.state.actor = actor
    request.state.user = user
    return actor


def check_route(request: Request, actor: Actor) -> None:
    """Forbidden unless the actor's roles allow this route's kind of write.

    A device reaches the player's routes only, whatever the method.
    """
    route = request.scope.get("route")
    path = getattr(route, "path_format", request.url.path)  # "/segments/{segment_id}"
    request.state.action = None
    if actor.is_device and (request.method.upper(), path) not in PLAYER_ROUTES:
        raise Forbidden("mã thiết bị chỉ dùng cho giao thức của máy phát", code="device.forbidden")
    try:
        action = action_for(request.method, path)
    except LookupError:
        require_admin(actor)
        return
    if action is not None:
        require(actor, action)
        request.state.action = action


# Declared so that the OpenAPI document lists the credentials; identify() reads them itself.
BearerCredential = Annotated[
    HTTPAuthorizationCredentials | None,
    Depends(HTTPBearer(auto_error=False, description="Mã truy cập: Authorization: Bearer …")),
]
CookieCredential = Annotated[
    str | None,
    Depends(APIKeyCookie(name=SESSION_COOKIE, auto_error=False, description="Phiên đăng nhập web")),
]


def authenticated(
    request: Request, db: DbDep, _bearer: BearerCredential, _cookie: CookieCredential
) -> Actor:
    """Dependency of every protected router: identify the caller and check the route's role."""
    actor = identify(request, db)
    check_route(request, actor)
    return actor


ActorDep = Annotated[Actor, Depends(authenticated)]


def request_scope(request: Request, db: DbDep, actor: ActorDep) -> Scope:
    """The caller's reach for this request, checked for the route's kind of write."""
    return Scope(db, actor, getattr(request.state, "action", None))


ScopeDep = Annotated[Scope, Depends(request_scope)]
