"""Wire the web UI into the app: static files, page routers, the login redirect."""

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from api.web import (
    login,
    pages_audit,
    pages_campaigns,
    pages_exports,
    pages_home,
    pages_lexicon,
    pages_record,
    pages_reports,
    pages_schedule,
    pages_segments,
    pages_settings,
    pages_users,
)
from api.web.context import LoginRequired, login_url

STATIC = Path(__file__).parent / "static"
PAGE_ROUTERS = [login.router, pages_home.router]
PAGE_ROUTERS += [pages_segments.router, pages_record.router, pages_lexicon.router]
PAGE_ROUTERS += [pages_schedule.router, pages_exports.router, pages_reports.router]
PAGE_ROUTERS += [pages_campaigns.router, pages_audit.router, pages_settings.router]
PAGE_ROUTERS += [pages_users.router]


async def _to_login(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LoginRequired)
    return RedirectResponse(login_url(exc.next_path), status_code=303)


def install_web(app: FastAPI) -> None:
    """Serve the pages and their local assets (no CDN: it must work on a ward LAN)."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(LoginRequired, _to_login)
    for router in PAGE_ROUTERS:
        app.include_router(router)
