"""Audio assets of segments: uploads converted once, speech synthesised once."""

import wave
from pathlib import Path

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, select

from audio.errors import AudioRejected
from audio.importing import import_audio
from audio.tts import SpeechCache, TTSError, get_voice, speak_script
from broadcast import crud
from broadcast.config import Settings
from broadcast.errors import InvalidInput, JobFailed, NotFound
from broadcast.lexicon import normalizer_for
from broadcast.media.voices import session_engine_for
from broadcast.models import AudioAsset, Segment
from broadcast.segments import spoken_text

_caches: dict[Path, SpeechCache] = {}

REJECTION_TEXT = {
    "empty": "tệp '{name}' rỗng, không có âm thanh",
    "too_large": "tệp '{name}' quá lớn (tối đa {max_mb} MB)",
    "not_audio": "tệp '{name}' không phải âm thanh hoặc bị hỏng, không giải mã được",
    "too_long": "tệp '{name}' dài quá {max_min:g} phút",
    "silent": "tệp '{name}' chỉ có im lặng",
}


def speech_cache(settings: Settings) -> SpeechCache:
    """The process-wide speech cache under the data directory."""
    root = settings.tts_cache_dir.resolve()
    if root not in _caches:
        _caches[root] = SpeechCache(root)
    return _caches[root]


def asset_file(settings: Settings, asset: AudioAsset) -> Path:
    """The file of an asset on disk."""
    return settings.data_path(asset.path)


def _asset_by_hash(db: Session, content_hash: str) -> AudioAsset | None:
    return db.exec(select(AudioAsset).where(AudioAsset.content_hash == content_hash)).first()


def _stored(db: Session, asset: AudioAsset) -> AudioAsset:
    """Store a new asset, or return the one of the same content another worker stored first
    (two workers synthesising one script at once: an insert that skips a duplicate)."""
    insert = pg_insert if db.get_bind().dialect.name == "postgresql" else sqlite_insert
    values = asset.model_dump(exclude={"id"})
    db.exec(
        insert(AudioAsset).values(**values).on_conflict_do_nothing(index_elements=["content_hash"])
    )
    stored = _asset_by_hash(db, asset.content_hash)
    assert stored is not None
    return stored


def import_upload(
    db: Session, settings: Settings, src: Path, original_name: str | None
) -> AudioAsset:
    """Check and convert an uploaded file once; the same content gives the same asset."""
    try:
        stored = import_audio(
            src,
            settings.assets_dir,
            max_bytes=settings.max_upload_mb * 1024 * 1024,
            max_seconds=settings.max_upload_minutes * 60,
        )
    except AudioRejected as exc:
        text = REJECTION_TEXT[exc.reason_code].format(
            name=original_name or src.name,
            max_mb=settings.max_upload_mb,
            max_min=settings.max_upload_minutes,
        )
        raise InvalidInput("file", text) from exc
    existing = _asset_by_hash(db, stored.sha256)
    if existing is not None:
        return existing
    asset = AudioAsset(
        content_hash=stored.sha256,
        path=settings.stored_path(stored.path),
        source="upload",
        duration_s=stored.duration_s,
        sample_rate=stored.sample_rate,
        channels=stored.channels,
        integrated_lufs=stored.integrated_lufs,
        true_peak_dbtp=stored.true_peak_dbtp,
        loudness_range_lu=stored.loudness_range_lu,
        original_name=original_name,
    )
    return _stored(db, asset)


def _wav_duration(path: Path) -> tuple[float, int]:
    with wave.open(str(path), "rb") as wav:
        rate = wav.getframerate()
        return wav.getnframes() / float(rate), rate


def speak(
    db: Session, settings: Settings, script: str, voice_name: str, station_id: int | None, what: str
) -> tuple[AudioAsset, bool]:
    """The speech of a script with a station's lexicon (None: the shared entries only), stored
    once by content; True when it had to be synthesised (not found in the speech cache)."""
    voice = get_voice(voice_name)
    cache = speech_cache(settings)
    normalize = normalizer_for(db, station_id).with_pauses  # the station's lexicon
    engine = session_engine_for(db, settings, voice, station_id)
    try:
        cached = speak_script(script, voice, cache, engine, normalize)
    except TTSError as exc:
        raise JobFailed(f"không tổng hợp được giọng đọc cho {what}: {exc}", code=exc.code) from exc
    asset = _asset_by_hash(db, cached.key)
    if asset is None:
        duration, rate = _wav_duration(cached.path)
        asset = AudioAsset(
            content_hash=cached.key,
            path=settings.stored_path(cached.path),
            source="tts",
            duration_s=round(duration, 3),
            sample_rate=rate,
            engine=cached.engine,
            engine_version=cached.engine_version,
        )
        asset = _stored(db, asset)
    return asset, not cached.hit


def ensure_speech(db: Session, settings: Settings, segment: Segment) -> tuple[AudioAsset, bool]:
    """The synthesised speech of a segment's script; True when it had to be synthesised."""
    if spoken_text(db, segment) is None:
        raise InvalidInput("script", f"chuyên mục {segment.id} không có kịch bản để đọc")
    what = f"chuyên mục {segment.id}"
    asset, made = speak(db, settings, segment.script, segment.voice, segment.station_id, what)
    segment.speech_asset_id = asset.id
    segment.engine_used = asset.engine
    db.add(segment)
    crud.flush(db)
    return asset, made


def segment_audio(db: Session, settings: Settings, segment: Segment) -> tuple[AudioAsset, bool]:
    """The audio that airs for a segment: its upload, else its synthesised script."""
    if segment.audio_asset_id is not None:
        return crud.get_or_raise(db, AudioAsset, segment.audio_asset_id), False
    return ensure_speech(db, settings, segment)


MEDIA_TYPES = {
    ".flac": "audio/flac",
    ".wav": "audio/wav",
    ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg",
    ".opus": "audio/ogg",
    ".m4a": "audio/mp4",
    ".webm": "audio/webm",
}


def current_asset(db: Session, segment: Segment) -> AudioAsset | None:
    """The audio that airs now: the recording or upload, else the synthesised speech."""
    for asset_id in (segment.audio_asset_id, segment.speech_asset_id):
        if asset_id is not None:
            asset = db.get(AudioAsset, asset_id)
            if asset is not None:
                return asset
    return None


def asset_audio_file(settings: Settings, asset: AudioAsset) -> tuple[Path, str]:
    """The file of an asset and its media type; NotFound when the file is missing."""
    path = asset_file(settings, asset)
    if not path.is_file():
        raise NotFound("Tệp âm thanh", asset.id or 0)
    return path, MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")


def segment_audio_file(db: Session, settings: Settings, segment: Segment) -> tuple[Path, str]:
    """The file of a segment's current audio and its media type; NotFound when it has none."""
    asset = current_asset(db, segment)
    if asset is None:
        raise NotFound("Âm thanh của chuyên mục", segment.id or 0)
    return asset_audio_file(settings, asset)
