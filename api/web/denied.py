"""The page a logged-in user sees for a page their roles do not open (403, in Vietnamese)."""

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.web.templating import render


def forbidden_page(request: Request, what: str) -> HTMLResponse:
    """A small 'không có quyền' page with status 403; `what` names the refused page."""
    return render(request, "forbidden.html", status_code=403, what=what)


def not_found_page(request: Request, what: str) -> HTMLResponse:
    """A small 'không tìm thấy' page with status 404; `what` names the missing thing."""
    return render(request, "forbidden.html", status_code=404, what=what, missing=True)
