"""What `loa player` was asked to do."""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass
class Config:
    """What `loa player` was asked to do."""

    server: str
    token: str
    cache: Path
    output: str = "sound"
    until: datetime | None = None
    ffmpeg: str = "ffmpeg"
    cache_max_mb: float = 2000.0
    days: int = 2
    time_scale: float = 1.0
    time_origin: datetime | None = None
