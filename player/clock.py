"""Wall clock in UTC; a rehearsal starts it at another time, a hidden scale runs it faster."""

import time
from datetime import UTC, datetime, timedelta

MIN_REAL_WAIT_S = 0.05


class Clock:
    """UTC time. Without an origin and at scale 1, the real clock; with an origin it starts there
    (a rehearsal of past or future sessions) and runs `scale` times faster than the real one."""

    def __init__(self, scale: float = 1.0, origin: datetime | None = None) -> None:
        self.scale = scale
        self._real0 = time.time()
        self.simulated = origin is not None or scale != 1.0
        self._origin = origin or datetime.now(UTC)

    @property
    def accelerated(self) -> bool:
        """Whether this clock runs faster than the real one."""
        return self.scale != 1.0

    def now(self) -> datetime:
        """The current (possibly simulated) UTC time."""
        if not self.simulated:
            return datetime.now(UTC)
        return self._origin + timedelta(seconds=(time.time() - self._real0) * self.scale)

    def real_s(self, seconds: float, floor: float = MIN_REAL_WAIT_S) -> float:
        """Real seconds for a span of clock seconds (never below `floor` when accelerated)."""
        if not self.accelerated:
            return max(seconds, 0.0)
        return max(seconds / self.scale, floor)


def parse_utc(text: str) -> datetime:
    """An ISO-8601 time (a trailing Z or no zone means UTC) as an aware UTC datetime."""
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def iso(value: datetime) -> str:
    """A UTC time as ISO-8601 with a Z."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
