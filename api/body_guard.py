"""Request bodies: a cap per route, checked from Content-Length and again while the body streams,
and the caller's credentials checked before a single byte of a body is read.

An anonymous or over-large upload is answered (401 or 413) without the server receiving or
storing it: FastAPI would otherwise spool a multipart body to disk before any dependency runs.
"""

import json
import re
import secrets
from collections.abc import Callable

from anyio import to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_body
from broadcast.accounts import find_token_user, find_web_session
from broadcast.config import Settings
from broadcast.db import get_engine, transaction
from broadcast.devices import find_token_device

MB = 1024 * 1024
JSON_CAP = 1 * MB
MULTIPART_SLACK = 64 * 1024  # form boundaries and headers around a file
# (path pattern, cap in bytes from the settings); the first match wins, else JSON_CAP.
CAPS: tuple[tuple[re.Pattern[str], Callable[[Settings], int]], ...] = (
    (re.compile(r"^/segments/\d+/audio$"), lambda s: s.max_upload_mb * MB + MULTIPART_SLACK),
    (re.compile(r"^/library(/\d+/replace)?$"), lambda s: s.max_upload_mb * MB + MULTIPART_SLACK),
    (
        re.compile(r"^/campaigns/(import(/preview)?|\d+/reimport(/preview)?)$"),
        lambda _s: 10 * MB + MULTIPART_SLACK,
    ),
    (re.compile(r"^/asrun/upload$"), lambda _s: 5 * MB + MULTIPART_SLACK),
    (re.compile(r"^/lexicon/import$"), lambda _s: 2 * MB + MULTIPART_SLACK),
)
# Writes anyone may send (log in, log out with the form's own CSRF token, first-run setup):
# they are capped, not authenticated here.
OPEN = frozenset({"/health", "/auth/login", "/dang-nhap", "/dang-xuat", "/thiet-lap"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SESSION_COOKIE = "loa_session"


class BodyTooLarge(BaseException):  # noqa: N818
    """The body went past its cap while it streamed (a BaseException: the framework's
    `except Exception` around body parsing must not turn it into a 400)."""


def cap_for(path: str, settings: Settings) -> int:
    """The largest body the route accepts, in bytes."""
    return next((cap(settings) for pattern, cap in CAPS if pattern.match(path)), JSON_CAP)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


def _cookie(scope: Scope, name: str) -> str | None:
    for part in (_header(scope, b"cookie") or "").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name and value:
            return value
    return None


def refusal(settings: Settings, scope: Scope) -> dict[str, object] | None:
    """The error body (401, or 403 for a forged browser write) unless the request carries a
    live API or device token, or a session cookie with its CSRF token; None when it does.

    The same answers as the authentication of the routes themselves (``api.auth``).
    """
    scheme, _, token = (_header(scope, b"authorization") or "").partition(" ")
    bearer = token.strip() if scheme.lower() == "bearer" else ""
    cookie = _cookie(scope, SESSION_COOKIE)
    with transaction(get_engine(settings.db_url)) as db:
        if bearer:
            if find_token_user(db, bearer) or find_token_device(db, bearer):
                return None  # a device's token then reaches the player's routes only
            detail, code = "mã truy cập (token) không hợp lệ hoặc đã bị thu hồi", "token.invalid"
        elif cookie and (found := find_web_session(db, cookie)) is not None:
            sent = _header(scope, b"x-csrf-token") or ""
            if secrets.compare_digest(sent.encode(), found[1].csrf_token.encode()):
                return None
            detail = "thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF); tải lại trang"
            return error_body("forbidden", detail, code="csrf")
        else:
            detail, code = "chưa đăng nhập hoặc phiên đăng nhập đã hết hạn", "login.required"
    return error_body("unauthenticated", detail, code=code)


async def _answer(send: Send, status: int, body: dict[str, object]) -> None:
    data = json.dumps(body, ensure_ascii=False).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})


def _too_large(path: str, cap: int) -> dict[str, object]:
    """413's body: the upload routes name their file, the others the whole body."""
    if any(pattern.match(path) for pattern, _cap in CAPS):
        detail = f"tệp quá lớn (tối đa {cap // MB} MB)"
        return error_body("invalid_input", detail, "file", "body.too_large")
    detail = f"nội dung gửi lên quá lớn (tối đa {cap // 1024:,} KB)"
    return error_body("invalid_input", detail, "body", "body.too_large")


class BodyGuard:
    """ASGI middleware: refuse bodies over their route's cap and writes without credentials."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app, self.settings = app, settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        path, cap = scope["path"], cap_for(scope["path"], self.settings)
        length = _header(scope, b"content-length")
        if length is not None and length.isdigit() and int(length) > cap:
            await _answer(send, 413, _too_large(path, cap))
            return
        if path not in OPEN and not path.startswith("/static/"):
            refused = await to_thread.run_sync(refusal, self.settings, scope)
            if refused is not None:
                await _answer(send, 403 if refused["error"] == "forbidden" else 401, refused)
                return
        received, started = 0, False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > cap:
                raise BodyTooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except BodyTooLarge:
            if not started:
                await _answer(send, 413, _too_large(path, cap))
