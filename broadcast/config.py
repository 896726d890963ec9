"""Settings for the Loa service, read from LOA_* environment variables or a .env file."""

from datetime import datetime, time
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from audio.tts import ENGINES, default_voice

DEBIAN_ICECAST_PASSWORD = "hackme"  # the source password of Debian's stock icecast.xml
BROKER_SCHEMES = {"amqp", "amqps", "pyamqp", "redis", "rediss"}  # RabbitMQ or Redis, for Celery


class Settings(BaseSettings):
    """Service settings; every field can be set as LOA_<NAME>."""

    model_config = SettingsConfigDict(env_prefix="LOA_", env_file=".env", extra="ignore")

    data_dir: Path = Path("var")
    database_url: str | None = None
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    tts_engine: str = "espeak"
    default_voice: str = "vi"
    gtts_fallback: bool = False
    # Cloud voices (issue 17): a key per provider (never stored in the database, never logged),
    # its URL (tests point it at a local server), one timeout, retries after 429/5xx, a monthly
    # character budget per station and per provider, and the offline voice when one fails.
    google_tts_key: SecretStr | None = None
    google_tts_url: str = "https://texttospeech.googleapis.com"
    azure_speech_key: SecretStr | None = None
    azure_speech_url: str = "https://southeastasia.tts.speech.microsoft.com"
    fpt_tts_key: SecretStr | None = None
    fpt_tts_url: str = "https://api.fpt.ai"
    viettel_tts_key: SecretStr | None = None
    viettel_tts_url: str = "https://viettelgroup.ai"
    cloud_tts_timeout_s: float = Field(default=10.0, gt=0.0, le=60.0)
    cloud_tts_retries: int = Field(default=2, ge=0, le=5)
    cloud_tts_backoff_s: float = Field(default=0.5, ge=0.0, le=8.0)
    cloud_tts_monthly_chars: int = Field(default=200_000, ge=0, le=100_000_000)
    cloud_tts_fallback: bool = True
    gap_seconds: float = Field(default=1.0, ge=0.0, le=10.0)
    max_upload_mb: int = Field(default=200, ge=1)
    max_upload_minutes: float = Field(default=60.0, gt=0)
    # Requests of one server process that hold a database session at once; the others wait in
    # line holding no connection (never more than a PostgreSQL pool holds, 50). Few is faster:
    # the request threads share one interpreter lock, and each query hands it over, so dozens
    # of runnable threads make every request wait behind all the others (bench/province.py,
    # 100 operators on 2 cores: p95 190-260 ms with 4-8, 490-1,500 ms with 40).
    request_concurrency: int = Field(default=8, ge=1, le=40)
    run_worker: bool = True
    job_lease_seconds: float = Field(default=120.0, ge=1.0, le=3600.0)  # renewed while a job runs
    job_max_attempts: int = Field(default=3, ge=1, le=20)  # claims before a dying job fails
    # Workers (`loa worker`, or the in-process one): how often an idle worker looks for queued
    # jobs (on PostgreSQL a NOTIFY wakes it at once), and how long a stopping worker (SIGTERM)
    # lets its current job finish before it hands the job back to the queue.
    worker_poll_seconds: float = Field(default=0.5, ge=0.05, le=60.0)
    worker_notify: bool = True  # PostgreSQL: LISTEN for queued jobs (NOTIFY sent at commit)
    worker_stop_grace_seconds: float = Field(default=60.0, ge=0.0, le=3600.0)
    # ffmpeg runs one export starts at once. 0: one per core, each held to its core (fastest for
    # one worker on the machine); with W workers on one machine (`loa worker` processes, or a
    # Celery pool), cores / W each, left to the system's scheduler: pinned, the workers would
    # pile their runs on the same first cores (bench/province.py, 2 workers: about 10 % faster).
    render_threads: int = Field(default=0, ge=0, le=64)
    # The job queue (issue 16): unset, queued jobs wait in the database for the in-process worker
    # or `loa worker` processes polling it; set (amqp://… RabbitMQ, redis://… Redis), every queued
    # job is also published to that broker once committed, and `loa worker` runs Celery workers.
    # The queue name keeps installations sharing one broker apart; a job still queued this long
    # while the broker holds no message for it is published again (its message was lost).
    queue_broker_url: str | None = None
    queue_name: str = Field(default="loa-jobs", pattern=r"^[A-Za-z0-9._:-]{1,100}$")
    queue_republish_seconds: float = Field(default=30.0, ge=1.0, le=86400.0)
    backup_dir: Path | None = None  # a daily backup is written there (by the scheduler loop)
    backup_keep: int = Field(default=7, ge=1, le=365)  # daily backups kept
    temp_max_age_seconds: float = Field(default=600.0, ge=0.0)  # temp files older are swept
    load_demo: bool = True
    # Unattended scheduler (issue 5): every day at scheduler_time (station time) it
    # programmes and exports the next scheduler_days_ahead days.
    scheduler_enabled: bool = True
    scheduler_time: time = time(5, 0)
    scheduler_days_ahead: int = Field(default=7, ge=1, le=60)
    scheduler_poll_seconds: float = Field(default=60.0, ge=1.0, le=3600.0)
    scheduler_lock_seconds: float = Field(default=900.0, ge=10.0, le=86400.0)
    # Accounts (issue 7): web sessions, lock-out after repeated failed logins.
    session_hours: float = Field(default=12.0, gt=0, le=24 * 30)
    login_max_failures: int = Field(default=5, ge=1, le=100)
    login_lockout_minutes: float = Field(default=15.0, gt=0, le=24 * 60)
    cookie_secure: bool = False  # Secure cookies even when a request does not look like HTTPS
    # Reverse proxies whose X-Forwarded-For/-Proto are believed (uvicorn's forwarded_allow_ips).
    forwarded_allow_ips: str = "127.0.0.1"
    # Devices (issue 15): a device silent for longer than this is shown offline (2 heartbeats).
    device_offline_after_s: float = Field(default=120.0, ge=10.0, le=86400.0)
    # Live streams (issue 15): every station's sessions on an Icecast mount (and HLS). Unset URL:
    # no streams. The public URL is what browsers and receivers use (default: the Icecast URL).
    stream_icecast_url: str | None = None
    stream_source_password: str = DEBIAN_ICECAST_PASSWORD  # refused for a non-loopback server
    stream_mount: str = "/station-{station_id}.mp3"
    stream_hls: bool = True
    # A rehearsal: the streams play as if the clock read this time when they started (training,
    # or a check of a past day's sessions); unset in production.
    stream_rehearsal_start: datetime | None = None
    stream_public_url: str | None = None

    @model_validator(mode="after")
    def _stream_password(self) -> "Settings":
        host = urlsplit(self.stream_icecast_url or "").hostname or ""
        default = self.stream_source_password == DEBIAN_ICECAST_PASSWORD
        if default and host not in ("", "localhost", "127.0.0.1", "::1"):
            raise ValueError(
                "set LOA_STREAM_SOURCE_PASSWORD: Icecast's default is not for a network"
            )
        return self

    @field_validator("queue_broker_url")
    @classmethod
    def _broker(cls, value: str | None) -> str | None:
        if not value:
            return None
        parts = urlsplit(value)
        if parts.scheme not in BROKER_SCHEMES:
            raise ValueError(
                "LOA_QUEUE_BROKER_URL must start with amqp://, amqps://, redis:// or rediss://"
            )
        loopback = (parts.hostname or "") in ("", "localhost", "127.0.0.1", "::1")
        if parts.username == "guest" and parts.password == "guest" and not loopback:
            raise ValueError(
                "set a RabbitMQ user in LOA_QUEUE_BROKER_URL: guest/guest is for loopback only"
            )
        return value

    @field_validator("stream_mount")
    @classmethod
    def _mount_format(cls, value: str) -> str:
        if not value.startswith("/") or "{station_id}" not in value:
            raise ValueError("LOA_STREAM_MOUNT must start with / and contain {station_id}")
        return value

    # Alerts (issue 15): an emergency alert ends itself after alert_ttl_s, a live one after
    # alert_live_max_s (the operator usually ends them before).
    alert_ttl_s: float = Field(default=600.0, ge=10.0, le=86400.0)
    alert_live_max_s: float = Field(default=3600.0, ge=10.0, le=86400.0)

    @field_validator("tts_engine")
    @classmethod
    def _known_engine(cls, value: str) -> str:
        if value not in ENGINES:
            raise ValueError(f"LOA_TTS_ENGINE must be one of {', '.join(sorted(ENGINES))}")
        return value

    @property
    def db_url(self) -> str:
        """Database URL: LOA_DATABASE_URL or a SQLite file under the data directory
        (postgres:// and postgresql:// mean PostgreSQL through psycopg 3)."""
        if self.database_url:
            scheme, sep, rest = self.database_url.partition("://")
            if sep and scheme in {"postgres", "postgresql"}:
                return f"postgresql+psycopg://{rest}"
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'loa.db').resolve()}"

    @property
    def voice(self) -> str:
        """Voice of new segments: LOA_DEFAULT_VOICE if LOA_TTS_ENGINE offers it."""
        return default_voice(self.tts_engine, self.default_voice).name

    def data_path(self, stored: str | Path) -> Path:
        """A path stored in the database: absolute as it is, else inside the data directory."""
        path = Path(stored)
        return path if path.is_absolute() else self.data_dir / path

    def stored_path(self, path: Path) -> str:
        """How to store a path in the database: relative to the data directory when inside it."""
        try:
            return str(path.resolve().relative_to(self.data_dir.resolve()))
        except ValueError:
            return str(path.resolve())

    @property
    def assets_dir(self) -> Path:
        """Content-addressed store of uploaded audio."""
        return self.data_dir / "assets"

    @property
    def tts_cache_dir(self) -> Path:
        """Content-addressed cache of synthesised speech."""
        return self.data_dir / "tts"

    @property
    def work_dir(self) -> Path:
        """Processed items reused between exports."""
        return self.data_dir / "work"

    @property
    def uploads_dir(self) -> Path:
        """Uploads while they are received and checked."""
        return self.data_dir / "uploads"

    @property
    def waveforms_dir(self) -> Path:
        """Cached waveform envelopes of audio files."""
        return self.data_dir / "waveforms"

    @property
    def hls_dir(self) -> Path:
        """HLS playlists and segments of the live streams, one folder per station."""
        return self.data_dir / "hls"

    @property
    def alerts_dir(self) -> Path:
        """Where the MP3s of emergency alerts are kept."""
        return self.data_dir / "alerts"

    @property
    def exports_dir(self) -> Path:
        """Where export bundles are written."""
        return self.data_dir / "exports"

    def ensure_dirs(self) -> None:
        """Create the data directories if they do not exist."""
        for path in (self.data_dir, self.assets_dir, self.tts_cache_dir, self.work_dir):
            path.mkdir(parents=True, exist_ok=True)
        self.exports_dir.mkdir(parents=True, exist_ok=True)


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings."""
    return Settings()
