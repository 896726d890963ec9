"""The OpenAPI document as the API really answers: one error body, the statuses it can take."""

import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.errors import ErrorBody, error_body

ERROR_REF = "#/components/schemas/ErrorBody"
WRITES = {"post", "put", "patch", "delete"}
MEANINGS = {
    "401": "Chưa đăng nhập, hoặc mã truy cập không hợp lệ",
    "403": "Vai trò không cho phép, hoặc thiếu mã chống giả mạo (CSRF)",
    "404": "Không có, hoặc thuộc đài khác",
    "409": "Xung đột với dữ liệu đang có",
    "413": "Nội dung gửi lên quá lớn",
    "422": "Dữ liệu không hợp lệ; `field` nêu trường sai",
}


def file_answer(media_type: str, *also: str, **extra: dict[str, Any]) -> dict[int | str, Any]:
    """`responses=` of a route answering a file (and maybe `also` other types, or `extra` codes)."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    content = {
        kind: {"schema": {"type": "object"}} if kind.endswith("json") else binary
        for kind in (media_type, *also)
    }
    answers: dict[int | str, Any] = {200: {"description": "Tệp", "content": content}}
    answers.update(extra)
    return answers


SVG = "image/svg+xml"


def conflict() -> dict[str, Any]:
    """A 409 answer: the row is not in a state that allows it (not ready, failed)."""
    return {"model": ErrorBody, "description": MEANINGS["409"]}


def job_pending(model: Any) -> dict[str, Any]:
    """The 202 answer of a file whose job is still queued or running."""
    return {"model": model, "description": "Công việc chưa xong: hỏi lại sau"}


def _statuses(path: str, method: str, operation: dict[str, Any], protected: bool) -> list[str]:
    """The error statuses one operation can answer, from what it takes and who may call it."""
    found = []
    if protected:
        found += ["401", "403"]
    takes_input = "requestBody" in operation or bool(operation.get("parameters"))
    if "{" in path or (protected and takes_input):  # a path, query or body id names a row
        found.append("404")
    if method in WRITES and protected:
        found.append("409")
    if "requestBody" in operation:
        found.append("413")
    if takes_input or "422" in operation["responses"]:
        found.append("422")  # FastAPI's own 422 (HTTPValidationError) is replaced
    return found


def build_openapi(app: FastAPI) -> dict[str, Any]:
    """The app's document with ErrorBody for every error status and the credentials it takes."""
    if app.openapi_schema is not None:
        return app.openapi_schema
    spec = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            protected = bool(operation.get("security"))  # behind `authenticated`
            responses = operation["responses"]
            for status in _statuses(path, method, operation, protected):
                responses[status] = {
                    "description": MEANINGS[status],
                    "content": {"application/json": {"schema": {"$ref": ERROR_REF}}},
                }
    components = spec.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    body = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(body.pop("$defs", {}))
    schemas["ErrorBody"] = body
    app.openapi_schema = spec
    return spec


def _path_patterns(spec: dict[str, Any]) -> list[tuple[re.Pattern[str], set[str]]]:
    """Each documented path as a regex (integer parameters match digits only) and its methods."""
    found = []
    for path, operations in spec["paths"].items():
        kinds = {
            p["name"]: p.get("schema", {}).get("type")
            for op in operations.values()
            for p in op.get("parameters", [])
            if p["in"] == "path"
        }

        def part(match: re.Match[str], kinds: dict[str, Any] = kinds) -> str:
            return "[0-9]+" if kinds.get(match[1]) == "integer" else "[^/]+"

        literal = re.sub(r"\\\{(\w+)\\\}", part, re.escape(path))
        found.append((re.compile(literal + "$"), {m.upper() for m in operations}))
    return found


def allowed_methods(app: FastAPI, path: str) -> set[str]:
    """The methods the document lists for a concrete path (empty when it lists none)."""
    if not hasattr(app.state, "path_patterns"):
        app.state.path_patterns = _path_patterns(app.openapi())
    patterns: list[tuple[re.Pattern[str], set[str]]] = app.state.path_patterns
    return set().union(*(methods for regex, methods in patterns if regex.match(path)))


async def _method_not_allowed(request: Request, exc: Exception) -> JSONResponse:
    """405 with an Allow header listing every documented method of the path (RFC 9110)."""
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers or {})
    documented = allowed_methods(request.app, request.url.path)
    if documented:
        headers["Allow"] = ", ".join(sorted(documented))
    body = error_body("method_not_allowed", "phương thức này không dùng được cho địa chỉ này")
    return JSONResponse(body, status_code=405, headers=headers)


def install_openapi(app: FastAPI) -> None:
    """Serve the real contract at /openapi.json; 405 answers list the documented methods."""
    app.openapi = lambda: build_openapi(app)  # type: ignore[method-assign]
    app.add_exception_handler(405, _method_not_allowed)
