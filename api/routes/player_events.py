"""The player protocol's push channel (``/player/v1/events``): server-sent events telling a
device of alerts at once, of alerts ending, and of its schedule changing.

The stream never blocks the event loop: each look at the database runs on a thread with its
own short session. A new alert of this process wakes the streams as soon as its transaction
commits; a poll every POLL_S sees alerts written by other processes (the CLI, another server).
"""

import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from api.auth import ScopeDep
from api.routes.player_alerts import own_device
from broadcast.alerts import SIGNAL, AlertMessage, alert_message, device_alerts, is_active, reaches
from broadcast.config import Settings
from broadcast.devices import DEFAULT_DAYS, player_schedule
from broadcast.models import Alert, Device
from broadcast.models.common import utc_text

router = APIRouter(prefix="/player/v1", tags=["player"])
POLL_S = 1.0  # alerts of other processes reach a device within this
SCHEDULE_S = 10.0  # how often the device's schedule version is looked at
PING_S = 15.0  # a comment line keeps proxies and NAT from closing an idle stream
STREAM_S = 1800  # a stream ends after this (the device reconnects with Last-Event-ID)
EVENTS_ANSWER: dict[int | str, dict[str, Any]] = {
    200: {
        "description": (
            "Luồng sự kiện (text/event-stream): `hello` {server_time, schedule_version}; "
            "`alert` (id: mã tin) AlertMessage; `end` {alert_id}; `schedule` {version}; "
            "dòng chú thích `: ping` mỗi 15 giây"
        ),
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    }
}


@dataclass(frozen=True)
class Look:
    """What the device should know now: its active alerts, and alerts it may have missed end."""

    alerts: list[AlertMessage]
    ended: list[int]


def _look(engine: Engine, device_id: int, token_hash: str, last_id: int | None) -> Look | None:
    """The device's active alerts; None when the device was disabled or its token replaced."""
    with Session(engine) as db:
        device = db.get(Device, device_id)
        if device is None or not device.enabled or device.token_hash != token_hash:
            return None
        now = datetime.now(UTC)
        found = [alert_message(a) for a in device_alerts(db, device, now)]
        ended = []
        if last_id is not None and last_id not in {m.alert_id for m in found}:
            missed = db.get(Alert, last_id)
            if (
                missed is not None
                and missed.station_id == device.station_id
                and reaches(missed, device.zone)
                and not is_active(missed, now)
            ):
                ended.append(last_id)
        return Look(found, ended)


def _version(engine: Engine, settings: Settings, device: Device) -> str:
    """The version of the device's default schedule (its zone's quiet hours included)."""
    with Session(engine) as db:
        now = datetime.now(UTC)
        found = player_schedule(
            db,
            settings,
            device.station_id,
            DEFAULT_DAYS,
            now,
            zone_name=device.zone,
            profile=device.output_profile,
        )
        return found.version


def _event(name: str, data: Any, event_id: int | None = None) -> str:
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _alert(message: AlertMessage) -> str:
    return _event("alert", message.model_dump(mode="json"), message.alert_id)


class Shutdown:
    """Whether the server is stopping, seen through uvicorn's request cycle (best effort).

    uvicorn asks each open connection to close by clearing its cycle's ``keep_alive``, then
    waits for responses to end: a stream that sees it ends within a poll. A client that asked
    for ``Connection: close`` gives no such sign; `loa serve` then cuts the stream after its
    graceful shutdown timeout.
    """

    def __init__(self, request: Request) -> None:
        self._cycle = getattr(request.receive, "__self__", None)
        self._watch = getattr(self._cycle, "keep_alive", None) is True

    def __bool__(self) -> bool:
        return self._watch and getattr(self._cycle, "keep_alive", True) is False


async def _stream(
    engine: Engine,
    settings: Settings,
    device: Device,
    last_id: int | None,
    seconds: float,
    stopping: Shutdown,
) -> AsyncIterator[str]:
    ident = (engine, device.id or 0, device.token_hash)
    seen = SIGNAL.generation
    look = await run_in_threadpool(_look, *ident, last_id)
    if look is None:
        return
    version = await run_in_threadpool(_version, engine, settings, device)
    hello = {"server_time": utc_text(datetime.now(UTC)), "schedule_version": version}
    yield "retry: 3000\n" + _event("hello", hello)
    for alert_id in look.ended:
        yield _event("end", {"alert_id": alert_id})
    sent: dict[int, AlertMessage] = {}
    for message in look.alerts:
        sent[message.alert_id] = message
        yield _alert(message)
    start = time.monotonic()
    next_schedule, next_ping = start + SCHEDULE_S, start + PING_S
    while (left := start + seconds - time.monotonic()) > 0:
        seen = await SIGNAL.wait(seen, min(POLL_S, left))
        if stopping:
            return
        look = await run_in_threadpool(_look, *ident, None)
        if look is None:
            return
        now_on = {m.alert_id: m for m in look.alerts}
        for alert_id in [a for a in sent if a not in now_on]:
            del sent[alert_id]
            yield _event("end", {"alert_id": alert_id})
        for alert_id, message in now_on.items():
            if alert_id not in sent:
                sent[alert_id] = message
                yield _alert(message)
        if time.monotonic() >= next_schedule:
            next_schedule = time.monotonic() + SCHEDULE_S
            fresh = await run_in_threadpool(_version, engine, settings, device)
            if fresh != version:
                version = fresh
                yield _event("schedule", {"version": version})
        if time.monotonic() >= next_ping:
            next_ping = time.monotonic() + PING_S
            yield ": ping\n\n"


@router.get("/events", response_class=StreamingResponse, responses=EVENTS_ANSWER)
def events(
    request: Request,
    scope: ScopeDep,
    last_event_id: Annotated[str | None, Header(max_length=20)] = None,
    max_s: Annotated[
        int, Query(ge=0, le=86400, description="Đóng luồng sau bấy nhiêu giây (0: gửi rồi đóng)")
    ] = STREAM_S,
) -> StreamingResponse:
    """Server-sent events for this device: `hello`, then every active alert for it (`alert`,
    with the alert id as event id), `end` when one ends, `schedule` when its schedule changes,
    `: ping` every 15 s. Reconnect with Last-Event-ID: active alerts are sent again, and the
    alert of that id is reported `end` if it ended meanwhile."""
    device = own_device(request, scope)
    last_id = int(last_event_id) if last_event_id and last_event_id.isdigit() else None
    settings: Settings = request.app.state.settings
    engine = request.app.state.engine
    body = _stream(engine, settings, device, last_id, float(max_s), Shutdown(request))
    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    return StreamingResponse(body, media_type="text/event-stream", headers=headers)
