"""The one place where errors become HTTP responses: {"error", "detail", "field", "code"}."""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.messages import vietnamese
from broadcast.errors import (
    Conflict,
    Forbidden,
    InUse,
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


class FieldError(BaseModel):
    """One field's problem in a 422 answer."""

    field: str
    detail: str


class ErrorBody(BaseModel):
    """The body of every error answer."""

    error: str = Field(description="Loại lỗi (not_found, conflict, invalid_input…)")
    detail: str = Field(description="Lời giải thích bằng tiếng Việt")
    code: str = Field(description="Mã ổn định của lỗi, để máy đọc")
    field: str | None = Field(default=None, description="Trường gây lỗi, nếu có")
    errors: list[FieldError] | None = Field(default=None, description="Mỗi trường sai (422)")
    users: list[dict[str, Any]] | None = Field(
        default=None, description="Những nơi còn dùng bản ghi (409 khi xoá)"
    )


def error_body(
    error: str, detail: str, field: str | None = None, code: str | None = None
) -> dict[str, Any]:
    """The JSON body of every error response: kind, message, field, and the stable code."""
    body = ErrorBody(error=error, detail=detail, code=code or error, field=field)
    return body.model_dump(exclude_none=True)


def _status_for(exc: LoaError) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[cls]  # type: ignore[index]
    return 400


async def _domain_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, LoaError)
    field = exc.field if isinstance(exc, InvalidInput) else None
    body = error_body(exc.kind, exc.message, field, exc.code)
    if isinstance(exc, InUse):
        body["users"] = exc.users
    return JSONResponse(body, status_code=_status_for(exc))


def _field_name(loc: tuple[object, ...], kind: str = "") -> str:
    if kind == "json_invalid":  # the loc is a character position, not a field
        return "body"
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "form")]
    return ".".join(parts) or "body"


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    first = errors[0] if errors else {"loc": ("body",), "msg": "invalid"}
    field = _field_name(tuple(first.get("loc", ())), str(first.get("type", "")))
    each = [
        {"field": _field_name(tuple(e.get("loc", ())), e.get("type", "")), "detail": vietnamese(e)}
        for e in errors
    ]
    details = "; ".join(f"{e['field']}: {e['detail']}" for e in each)
    body = error_body("invalid_input", details, field)
    body["errors"] = each  # one message per field, for forms that show them next to the fields
    return JSONResponse(body, status_code=422)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400:  # a body FastAPI cannot parse: invalid input like any other
        body = error_body(
            "invalid_input", "không đọc được nội dung gửi lên", "body", "body.unreadable"
        )
        return JSONResponse(body, status_code=422)
    code = "not_found" if exc.status_code == 404 else "http_error"
    body = error_body(code, str(exc.detail))
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


async def _integrity_error(_request: Request, exc: Exception) -> JSONResponse:
    """A constraint the database enforced at commit (a concurrent request wrote the same row)."""
    log.info("constraint refused at commit: %s", exc)
    detail = "dữ liệu vừa được thay đổi cùng lúc ở nơi khác (trùng hoặc vi phạm ràng buộc)"
    return JSONResponse(error_body("conflict", detail, code="row.constraint"), 409)


async def _unexpected_error(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=exc)
    return JSONResponse(error_body("internal_error", "Lỗi hệ thống, xem nhật ký máy chủ"), 500)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that map every error to the JSON error shape."""
    app.add_exception_handler(LoaError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(IntegrityError, _integrity_error)
    app.add_exception_handler(Exception, _unexpected_error)
