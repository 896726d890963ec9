"""The monthly character budget of a station's cloud voices, counted in ``voice_usage``.

A text found in the speech cache never reaches an engine, so it costs nothing; an engine
checks the budget before sending and records the characters once its provider answered.
"""

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, select

from audio.tts import BudgetExhausted
from broadcast.models import Station, VoiceUsage
from broadcast.models.common import utcnow
from broadcast.models.station import local_now

SessionScope = Callable[[], AbstractContextManager[Session]]


def usage_month(db: Session, station_id: int, now: datetime) -> str:
    """The station's current month, "YYYY-MM" in its own time zone."""
    station = db.get(Station, station_id)
    local = local_now(station, now) if station is not None else now
    return local.strftime("%Y-%m")


def characters_used(db: Session, station_id: int, engine: str, month: str) -> int:
    """Characters the station sent to ``engine`` in ``month``."""
    query = select(VoiceUsage).where(
        VoiceUsage.station_id == station_id, VoiceUsage.engine == engine, VoiceUsage.month == month
    )
    row = db.exec(query.execution_options(populate_existing=True)).first()
    return row.characters if row is not None else 0


class StationBudget:
    """CharacterBudget of one station: ``limit`` characters per cloud engine per month."""

    def __init__(
        self,
        scope: SessionScope,
        station_id: int,
        limit: int,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self.scope = scope
        self.station_id = station_id
        self.limit = limit
        self.now = now

    def check(self, engine: str, characters: int) -> None:
        """BudgetExhausted when ``characters`` more would pass this month's budget."""
        with self.scope() as db:
            month = usage_month(db, self.station_id, self.now())
            used = characters_used(db, self.station_id, engine, month)
        if used + characters > self.limit:
            raise BudgetExhausted(
                f"đài {self.station_id} đã dùng {used}/{self.limit} ký tự giọng {engine} "
                f"của tháng {month}"
            )

    def record(self, engine: str, characters: int) -> None:
        """Add ``characters`` to this month's count (an upsert, safe between workers)."""
        with self.scope() as db:
            month = usage_month(db, self.station_id, self.now())
            dialect = db.get_bind().dialect.name
            insert = pg_insert if dialect == "postgresql" else sqlite_insert
            table = VoiceUsage.__table__  # type: ignore[attr-defined]
            statement = insert(table).values(
                station_id=self.station_id, engine=engine, month=month, characters=characters
            )
            db.exec(
                statement.on_conflict_do_update(
                    index_elements=["station_id", "engine", "month"],
                    set_={"characters": table.c.characters + characters},
                )
            )
