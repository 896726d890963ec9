"""Jinja2 templates of the web UI and the one function that renders a page."""

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from api.web.labels import BADGE_LABELS, ROLE_LABELS
from broadcast.access import Action

TEMPLATES = Path(__file__).parent / "templates"
VN = ZoneInfo("Asia/Ho_Chi_Minh")
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")

# (path, label, action needed to see it in the menu or None for everyone)
NAV: tuple[tuple[str, str, Action | None], ...] = (
    ("/", "Tổng quan", None),
    ("/chien-dich", "Chiến dịch", None),
    ("/chuyen-muc", "Chuyên mục", None),
    ("/cho-duyet", "Chờ duyệt", Action.APPROVE_SEGMENT),
    ("/thu-am", "Thu âm", Action.RECORD_AUDIO),
    ("/thu-vien", "Thư viện âm thanh", None),
    ("/lich-phat", "Lịch phát", None),
    ("/ban-tin", "Bản tin cấp trên", None),
    ("/xuat-file", "Xuất file", None),
    ("/xac-nhan-phat", "Xác nhận phát", Action.LOG_ASRUN),
    ("/bao-cao", "Báo cáo", None),
    ("/tu-dien", "Từ điển phát âm", None),
    ("/nguoi-dung", "Người dùng", Action.MANAGE_USERS),
    ("/don-vi", "Đơn vị", Action.MANAGE_STATION),
    ("/thiet-bi", "Thiết bị", Action.MANAGE_DEVICES),
    ("/phat-khan-cap", "Phát khẩn cấp", Action.SEND_ALERT),
    ("/nhat-ky", "Nhật ký", None),
    ("/cai-dat", "Cài đặt", None),
)


def vn_date(value: date | datetime | None) -> str:
    """dd/mm/yyyy, the way Vietnamese documents write dates."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def vn_datetime(value: datetime | None) -> str:
    """dd/mm/yyyy HH:MM in Vietnam time."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo("UTC"))
    local = value.astimezone(VN)
    return f"{vn_date(local)} {local:%H:%M}"


def weekday(value: date) -> str:
    """Thứ Hai … Chủ nhật."""
    return WEEKDAYS[value.weekday()]


def minutes(seconds: float | None) -> str:
    """m:ss for a duration in seconds."""
    if seconds is None:
        return "–"
    total = int(round(seconds))
    return f"{total // 60}:{total % 60:02d}"


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(vn_date=vn_date, vn_datetime=vn_datetime, weekday=weekday, minutes=minutes)
    env.globals.update(NAV=NAV, ROLE_LABELS=ROLE_LABELS, BADGE_LABELS=BADGE_LABELS, Action=Action)
    return env


ENV = _environment()


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a page with the logged-in user, their CSRF token and the menu."""
    state = request.state
    context.setdefault("actor", getattr(state, "actor", None))
    context.setdefault("user", getattr(state, "user", None))
    context.setdefault("csrf_token", getattr(state, "csrf_token", ""))
    context.setdefault("station", getattr(state, "station", None))
    context.setdefault("nav_counts", getattr(state, "nav_counts", {}))
    context["request"] = request
    context["path"] = request.url.path
    html = ENV.get_template(name).render(**context)
    return HTMLResponse(html, status_code=status_code)
