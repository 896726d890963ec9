"""The one place where errors become HTTP responses: {"error", "detail", "field", "code"}."""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.messages import vietnamese
from broadcast.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    JobFailed,
    LoaError,
    NotFound,
    Unauthenticated,
)

log = logging.getLogger(__name__)

STATUS_BY_ERROR: dict[type[LoaError], int] = {
    NotFound: 404,
    Conflict: 409,
    InvalidInput: 422,
    JobFailed: 409,
    Unauthenticated: 401,
    Forbidden: 403,
}


def error_body(
    error: str, detail: str, field: str | None = None, code: str | None = None
) -> dict[str, Any]:
    """The JSON body of every error response: kind, message, field, and the stable code."""
    body: dict[str, Any] = {"error": error, "detail": detail, "code": code or error}
    if field is not None:
        body["field"] = field
    return body


def _status_for(exc: LoaError) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[cls]  # type: ignore[index]
    return 400


async def _domain_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, LoaError)
    field = exc.field if isinstance(exc, InvalidInput) else None
    body = error_body(exc.kind, exc.message, field, exc.code)
    return JSONResponse(body, status_code=_status_for(exc))


def _field_name(loc: tuple[object, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "form")]
    return ".".join(parts) or "body"


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    first = errors[0] if errors else {"loc": ("body",), "msg": "invalid"}
    field = _field_name(tuple(first.get("loc", ())))
    each = [
        {"field": _field_name(tuple(e.get("loc", ()))), "detail": vietnamese(e)} for e in errors
    ]
    details = "; ".join(f"{e['field']}: {e['detail']}" for e in each)
    body = error_body("invalid_input", details, field)
    body["errors"] = each  # one message per field, for forms that show them next to the fields
    return JSONResponse(body, status_code=422)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = "not_found" if exc.status_code == 404 else "http_error"
    return JSONResponse(error_body(code, str(exc.detail)), status_code=exc.status_code)


async def _unexpected_error(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=exc)
    return JSONResponse(error_body("internal_error", "Lỗi hệ thống, xem nhật ký máy chủ"), 500)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that map every error to the JSON error shape."""
    app.add_exception_handler(LoaError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
