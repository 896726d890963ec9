"""Spoken-text preview: how a text will be read, with each span's source, and its audio."""

from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from audio.tts import CLOUD_ENGINES, TTSError, get_voice, speak_script
from broadcast import crud
from broadcast.access import JOB
from broadcast.config import Settings
from broadcast.db import transaction
from broadcast.errors import InvalidInput, JobFailed, NotFound
from broadcast.lexicon import normalizer_for
from broadcast.media.assets import speech_cache
from broadcast.media.voices import engine_for
from broadcast.models import Job, JobKind, JobStatus, Station
from broadcast.models.speech import SpanPublic, SpeechPreviewPublic, SpeechPreviewRequest
from broadcast.segments import check_voice


def audio_url(job_id: int) -> str:
    """Where the audio of a preview job is served."""
    return f"/speech/audio/{job_id}.wav"


def preview_speech(
    db: Session, settings: Settings, request: SpeechPreviewRequest
) -> SpeechPreviewPublic:
    """Explain the reading of a text now and queue its synthesis (a cache hit when heard before)."""
    if request.station_id is not None and db.get(Station, request.station_id) is None:
        raise InvalidInput("station_id", f"đài {request.station_id} không tồn tại")
    voice_name = request.voice or settings.voice
    check_voice(voice_name)
    if request.station_id is None and get_voice(voice_name).engine in CLOUD_ENGINES:
        raise InvalidInput("station_id", "giọng đọc trực tuyến cần chọn đài (tính hạn mức ký tự)")
    normalizer = normalizer_for(db, request.station_id)
    explained = normalizer.explain(request.text)
    if not explained.spoken:
        raise InvalidInput("text", "văn bản không có gì để đọc")
    params = {"text": request.text, "voice": voice_name, "station_id": request.station_id}
    job = Job(kind=JobKind.SPEECH_PREVIEW, params=params)
    db.add(job)
    crud.flush(db)
    assert job.id is not None
    return SpeechPreviewPublic(
        spoken=explained.spoken,
        spoken_with_pauses=normalizer.with_pauses(request.text),
        spans=[
            SpanPublic(text=s.source, spoken=s.spoken, source=s.origin) for s in explained.spans
        ],
        unknown=list(explained.unknown),
        voice=voice_name,
        job_id=job.id,
        audio_url=audio_url(job.id),
    )


def run_preview_job(engine: Engine, settings: Settings, job: Job, progress: Any) -> dict[str, Any]:
    """Job handler: speak the text sentence by sentence through the speech cache, like a
    segment of the station would be."""
    station_id = int(job.params["station_id"]) if job.params.get("station_id") else None
    with transaction(engine, JOB) as db:
        normalize = normalizer_for(db, station_id).with_pauses
    try:
        voice = get_voice(str(job.params["voice"]))
        speaker = engine_for(settings, voice, station_id, lambda: transaction(engine, JOB))
        cached = speak_script(
            str(job.params["text"]), voice, speech_cache(settings), speaker, normalize
        )
    except TTSError as exc:
        raise JobFailed(f"không tổng hợp được giọng đọc thử: {exc}", code=exc.code) from exc
    return {
        "fallback": cached.engine != voice.engine,  # the offline voice spoke instead
        "audio_url": audio_url(job.id or 0),
        "path": settings.stored_path(cached.path),
        "cache_hit": cached.hit,
        "engine": cached.engine,
        "engine_version": cached.engine_version,
    }


def preview_audio(db: Session, settings: Settings, job_id: int) -> Path | Job:
    """The WAV of a finished preview job, or the job itself while it is queued or running."""
    job = db.get(Job, job_id)
    if job is None or job.kind != JobKind.SPEECH_PREVIEW:
        raise NotFound("Bản đọc thử", job_id)
    if job.status == JobStatus.FAILED:
        raise JobFailed(
            f"bản đọc thử {job_id} không tổng hợp được: {job.message}", code="speech.failed"
        )
    if job.status != JobStatus.SUCCEEDED or not job.result:
        return job
    path = settings.data_path(str(job.result["path"]))
    if not path.is_file():
        raise NotFound("Tệp âm thanh đọc thử", job_id)
    return path
