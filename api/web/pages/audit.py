"""Nhật ký: the append-only audit log with filters and paging to older entries (read-only)."""

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import DbDep
from api.web.context import PageActor, PageStation
from api.web.labels import AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS
from api.web.templating import VN, render
from api.web.views.audit import audit_actions, audit_lines, user_choices
from broadcast.audit import AuditFilter, audit_entities, list_audit

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
Param = Annotated[str, Query(max_length=60)]


@dataclass
class Wanted:
    """The filter form as typed, the filter it makes, and the errors of each field."""

    values: dict[str, str]
    filter: AuditFilter = field(default_factory=AuditFilter)
    errors: dict[str, str] = field(default_factory=dict)


def _int(values: dict[str, str], name: str, errors: dict[str, str]) -> int | None:
    raw = values[name].strip()
    if not raw:
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= 2**31 - 1:
        errors[name] = "phải là một số nguyên dương"
        return None
    return int(raw)


def _day_start(
    values: dict[str, str], name: str, errors: dict[str, str], zone: ZoneInfo
) -> datetime | None:
    """The start of a typed day in the station's time, as an aware datetime."""
    raw = values[name].strip()
    if not raw:
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        errors[name] = "ngày không hợp lệ (dạng YYYY-MM-DD)"
        return None
    return datetime.combine(day, time(0), tzinfo=zone)


def read_filter(values: dict[str, str], zone: ZoneInfo = VN) -> Wanted:
    """Check the typed filters; a bad one is named and left out of the filter."""
    errors: dict[str, str] = {}
    since = _day_start(values, "since", errors, zone)
    until = _day_start(values, "until", errors, zone)
    if since and until and until < since:
        errors["until"] = "ngày kết thúc phải không sớm hơn ngày bắt đầu"
        until = None
    wanted = AuditFilter(
        user_id=_int(values, "user_id", errors),
        entity=values["entity"].strip() or None,
        action=values["action"].strip() or None,
        since=since,
        until=until + timedelta(days=1) if until else None,
        before_id=_int(values, "before_id", errors),
    )
    return Wanted(values, wanted, errors)


def page_link(values: dict[str, str], **changes: str) -> str:
    """This page's URL with the current filters and some values changed."""
    query = {k: v for k, v in (values | changes).items() if v}
    return "/nhat-ky" + (f"?{urlencode(query)}" if query else "")


@router.get("/nhat-ky", response_class=HTMLResponse)
def audit_page(
    request: Request,
    db: DbDep,
    actor: PageActor,
    station: PageStation,
    user_id: Param = "",
    entity: Param = "",
    action: Param = "",
    since: Param = "",
    until: Param = "",
    before_id: Param = "",
) -> Any:
    """The audit log, newest first, filtered by user, table, action and days."""
    values = {
        "user_id": user_id,
        "entity": entity,
        "action": action,
        "since": since,
        "until": until,
        "before_id": before_id,
    }
    zone = ZoneInfo(station.timezone) if station is not None else VN
    wanted = read_filter(values, zone)
    mine = actor.station_ids()
    scoped = replace(
        wanted.filter,
        station_ids=None if mine is None else frozenset(mine),
        unit_ids=actor.held_unit_ids(),
    )
    rows = list(list_audit(db, scoped, PAGE_SIZE + 1))
    older = rows[PAGE_SIZE - 1].id if len(rows) > PAGE_SIZE else None
    rows = rows[:PAGE_SIZE]
    entities = audit_entities(db)
    return render(
        request,
        "audit.html",
        status_code=422 if wanted.errors else 200,
        lines=audit_lines(db, rows, zone),
        values=values,
        errors=wanted.errors,
        users=user_choices(db),
        entity_options=[(name, AUDIT_ENTITY_LABELS.get(name, name)) for name in entities],
        action_options=[(name, AUDIT_ACTION_LABELS.get(name, name)) for name in audit_actions(db)],
        older_link=page_link(values, before_id=str(older)) if older else None,
        newest_link=page_link(values, before_id="") if wanted.filter.before_id else None,
    )
