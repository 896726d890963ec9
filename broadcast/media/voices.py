"""Which engine speaks a voice here (cloud keys from the settings, budget, fallback), and which
voices a station can use now."""

from contextlib import nullcontext
from pathlib import Path

from sqlmodel import Session

from audio.tts import (
    CLOUD_ENGINES,
    CloudConfig,
    GTTSEngine,
    HttpPolicy,
    TTSEngine,
    Voice,
    get_engine,
    list_voices,
)
from broadcast.config import Settings
from broadcast.media.voice_budget import (
    SessionScope,
    StationBudget,
    characters_used,
    usage_month,
)
from broadcast.models import VoicePublic
from broadcast.models.common import utcnow

REASON_TEXT = {
    "voice.not_configured": "chưa cấu hình khóa API của nhà cung cấp ({setting})",
    "voice.budget_exhausted": "đài đã dùng hết hạn mức ký tự của tháng này",
}


def cloud_config(settings: Settings, engine: str) -> CloudConfig:
    """The key, URL and HTTP policy of a cloud engine from the settings."""
    secret = getattr(settings, f"{_prefix(engine)}_key")
    policy = HttpPolicy(
        timeout_s=settings.cloud_tts_timeout_s,
        retries=settings.cloud_tts_retries,
        backoff_s=settings.cloud_tts_backoff_s,
    )
    key = secret.get_secret_value() if secret is not None else None
    return CloudConfig(
        key=key or None, base_url=getattr(settings, f"{_prefix(engine)}_url"), policy=policy
    )


def _prefix(engine: str) -> str:
    return {"google": "google_tts", "azure": "azure_speech"}.get(engine, f"{engine}_tts")


def key_setting(engine: str) -> str:
    """The environment variable holding a cloud engine's key."""
    return f"LOA_{_prefix(engine).upper()}_KEY"


def engine_for(
    settings: Settings, voice: Voice, station_id: int | None, scope: SessionScope
) -> TTSEngine:
    """The engine speaking ``voice`` for a station: a cloud engine configured from the settings
    with the station's budget (counted through ``scope``) and the espeak-ng fallback."""
    if voice.engine == "gtts" and settings.gtts_fallback:
        return GTTSEngine(fallback=get_engine("espeak"))
    cloud = CLOUD_ENGINES.get(voice.engine)
    if cloud is None:
        return get_engine(voice.engine)
    budget = None
    if station_id is not None:
        budget = StationBudget(scope, station_id, settings.cloud_tts_monthly_chars)
    fallback = get_engine("espeak") if settings.cloud_tts_fallback else None
    return cloud(cloud_config(settings, voice.engine), budget=budget, fallback=fallback)


def session_engine_for(
    db: Session, settings: Settings, voice: Voice, station_id: int | None
) -> TTSEngine:
    """engine_for counting characters in the caller's session (one transaction per job)."""
    return engine_for(settings, voice, station_id, lambda: nullcontext(db))


def _status(
    db: Session, settings: Settings, voice: Voice, station_id: int | None
) -> tuple[str | None, int | None]:
    """Why a voice cannot speak now (a code, or None) and the characters used this month."""
    if voice.engine not in CLOUD_ENGINES:
        return None, None
    if not cloud_config(settings, voice.engine).key:
        return "voice.not_configured", None
    if station_id is None:
        return None, None
    month = usage_month(db, station_id, utcnow())
    used = characters_used(db, station_id, voice.engine, month)
    exhausted = used >= settings.cloud_tts_monthly_chars
    return ("voice.budget_exhausted" if exhausted else None), used


def voice_list(db: Session, settings: Settings, station_id: int | None) -> list[VoicePublic]:
    """Every voice, each marked usable or not now (for ``station_id``'s budget when given)."""
    voices = []
    for v in list_voices():
        reason, used = _status(db, settings, v, station_id)
        cloud = v.engine in CLOUD_ENGINES
        text = REASON_TEXT[reason].format(setting=key_setting(v.engine)) if reason else None
        voices.append(
            VoicePublic(
                name=v.name,
                engine=v.engine,
                language=v.language,
                engine_voice=Path(v.engine_voice).name if v.engine == "piper" else v.engine_voice,
                rate_wpm=v.rate_wpm,
                pitch=v.pitch,
                word_gap_ms=v.word_gap_ms,
                pauses_ms={
                    "comma": v.comma_pause_ms,
                    "sentence": v.sentence_pause_ms,
                    "heading": v.heading_pause_ms,
                    "paragraph": v.paragraph_pause_ms,
                },
                max_phrase_words=v.max_phrase_words,
                cloud=cloud,
                usable=reason is None,
                reason=reason,
                reason_text=text,
                characters_used=used,
                characters_budget=settings.cloud_tts_monthly_chars if cloud else None,
            )
        )
    return voices
