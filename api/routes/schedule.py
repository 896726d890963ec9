"""Calendar of sessions with warnings, day locks and urgent (emergency) sessions."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.auth import ScopeDep
from api.deps import DbDep, SettingsDep
from broadcast.models import BroadcastSessionPublic
from broadcast.models.common import MAX_ID, LoaModel
from broadcast.models.programming import DayLock, RangeLock, RangeLockResult
from broadcast.programming import lock_day, lock_range, session_public, urgent_session
from broadcast.schedule import calendar

router = APIRouter(prefix="/schedule", tags=["schedule"])
StationQ = Annotated[int, Query(ge=1, le=MAX_ID, alias="station")]
FromQ = Annotated[date, Query(alias="from")]
ToQ = Annotated[date, Query(alias="to")]


class UrgentRequest(LoaModel):
    station_id: int
    segment_id: int | None = None


@router.get("")
def get_schedule(
    db: DbDep,
    scope: ScopeDep,
    station: StationQ,
    start: FromQ,
    end: ToQ,
    today: Annotated[date | None, Query(description="Reference day (default: today)")] = None,
) -> Any:
    """Every session of the range with fill %, as-run status and warnings."""
    scope.station(station)
    return calendar(db, station, start, end, today or date.today())


@router.post("/lock-day", response_model=list[BroadcastSessionPublic])
def post_lock_day(data: DayLock, db: DbDep, scope: ScopeDep) -> Any:
    """Lock (or unlock) every session of a day (see POST /schedule/lock for a range)."""
    scope.station(data.station_id)
    return [session_public(db, p) for p in lock_day(db, data.station_id, data.day, data.locked)]


@router.post("/lock", response_model=RangeLockResult)
def post_lock(data: RangeLock, db: DbDep, scope: ScopeDep) -> Any:
    """Lock (or unlock with {"locked": false}) every session from `from` to `to`.

    A day is `from` = `to`, a week seven days; locked sessions refuse every edit.
    """
    scope.station(data.station_id)
    sessions = lock_range(db, data.station_id, data.start, data.end, data.locked)
    return RangeLockResult.model_validate(
        {
            "station_id": data.station_id,
            "from": data.start,
            "to": data.end,
            "locked": data.locked,
            "playlist_ids": [p.id or 0 for p in sessions],
        }
    )


@router.post("/urgent", status_code=202)
def post_urgent(data: UrgentRequest, db: DbDep, settings: SettingsDep, scope: ScopeDep) -> Any:
    """Re-plan the very next session (emergency bulletins first) and export it at once.

    A locked next session still takes the emergency: right after the opening, the rest kept.
    """
    scope.station(data.station_id)
    return urgent_session(db, data.station_id, data.segment_id, settings.gap_seconds)
