"""Wire the web UI into the app: static files, page routers, the login redirect."""

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from api.web.context import LoginRequired, login_url
from api.web.pages import ROUTERS

STATIC = Path(__file__).parent / "static"


async def _to_login(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LoginRequired)
    return RedirectResponse(login_url(exc.next_path), status_code=303)


def install_web(app: FastAPI) -> None:
    """Serve the pages and their local assets (no CDN: it must work on a ward LAN)."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(LoginRequired, _to_login)
    for router in ROUTERS:
        app.include_router(router)
