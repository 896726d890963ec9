"""A segment spoken by a cloud voice: keys from the settings, the station's monthly character
budget in the database, the speech cache, and the offline fallback."""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Iterator
from contextlib import nullcontext
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cloud_voices_server import Provider, Reply, provider_server, speech_wav
from pydantic import ValidationError
from sqlmodel import Session

from audio.tts import BudgetExhausted
from broadcast.config import Settings
from broadcast.errors import JobFailed
from broadcast.media import ensure_speech
from broadcast.media.voice_budget import StationBudget, characters_used
from broadcast.models import VoiceUsage

from conftest import make_settings
from factories import create_segment_row, create_station

KEY = "gk-secret-9876543210"
SCRIPT = "Kính thưa bà con nhân dân. Phường tổ chức tiêm chủng vào sáng thứ bảy."


@pytest.fixture
def google() -> Iterator[Provider]:
    with provider_server() as p:
        audio = base64.b64encode(speech_wav(0.5)).decode()
        p.on("/v1/text:synthesize", Reply(200, json.dumps({"audioContent": audio}).encode()))
        yield p


def cloud_settings(tmp_path: Path, provider: Provider, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "google_tts_key": KEY,
        "google_tts_url": provider.url,
        "cloud_tts_timeout_s": 2.0,
        "cloud_tts_backoff_s": 0.01,
    }
    return make_settings(tmp_path, **(values | overrides))


def sent_characters(provider: Provider) -> int:
    return sum(len(json.loads(s.body)["input"]["text"]) for s in provider.seen)


def month_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m")


def test_cloud_voice_speaks_and_counts_characters_once(
    db: Session, tmp_path: Path, google: Provider
) -> None:
    settings = cloud_settings(tmp_path, google)
    station = create_station(db, timezone="UTC")
    segment = create_segment_row(db, station, voice="google-vi-nu", script=SCRIPT)
    asset, synthesized = ensure_speech(db, settings, segment)
    assert synthesized and (asset.engine, segment.engine_used) == ("google", "google")
    assert len(google.seen) == 2  # one request per sentence
    used = characters_used(db, station.id or 0, "google", month_now())
    assert used == sent_characters(google) > 0
    again, synthesized_again = ensure_speech(db, settings, segment)
    assert (again.id, synthesized_again) == (asset.id, False)
    assert len(google.seen) == 2
    assert characters_used(db, station.id or 0, "google", month_now()) == used


def test_exhausted_budget_falls_back_to_espeak_with_a_warning(
    db: Session, tmp_path: Path, google: Provider, caplog: pytest.LogCaptureFixture
) -> None:
    settings = cloud_settings(tmp_path, google, cloud_tts_monthly_chars=10)
    station = create_station(db)
    segment = create_segment_row(db, station, voice="google-vi-nu", script=SCRIPT)
    with caplog.at_level(logging.WARNING):
        asset, _ = ensure_speech(db, settings, segment)
    assert (asset.engine, segment.engine_used) == ("espeak", "espeak")
    assert google.seen == []
    assert "voice.budget_exhausted" in caplog.text and KEY not in caplog.text


def test_without_fallback_the_job_fails_with_the_error_code(
    db: Session, tmp_path: Path, google: Provider, caplog: pytest.LogCaptureFixture
) -> None:
    google.on("/v1/text:synthesize", Reply(403, f'{{"error": "key {KEY} refused"}}'.encode()))
    settings = cloud_settings(tmp_path, google, cloud_tts_fallback=False)
    segment = create_segment_row(db, create_station(db), voice="google-vi-nu", script=SCRIPT)
    with caplog.at_level(logging.DEBUG), pytest.raises(JobFailed) as caught:
        ensure_speech(db, settings, segment)
    assert caught.value.code == "voice.auth_rejected"
    assert KEY not in caught.value.message and KEY not in caplog.text


def test_without_a_key_the_voice_is_not_configured(
    db: Session, tmp_path: Path, google: Provider
) -> None:
    settings = cloud_settings(tmp_path, google, google_tts_key=None, cloud_tts_fallback=False)
    segment = create_segment_row(db, create_station(db), voice="google-vi-nu", script=SCRIPT)
    with pytest.raises(JobFailed) as caught:
        ensure_speech(db, settings, segment)
    assert caught.value.code == "voice.not_configured"
    assert google.seen == []


def test_budget_is_per_station_engine_and_month(db: Session) -> None:
    one, two = create_station(db, timezone="UTC"), create_station(db, name="Đài hai")
    now = datetime(2026, 3, 31, 12, tzinfo=UTC)
    budget = StationBudget(lambda: nullcontext(db), one.id or 0, limit=100, now=lambda: now)
    budget.check("google", 60)
    budget.record("google", 60)
    budget.record("google", 30)
    with pytest.raises(BudgetExhausted, match="90/100"):
        budget.check("google", 11)
    budget.check("google", 10)
    budget.check("azure", 100)  # another engine has its own budget
    other = StationBudget(lambda: nullcontext(db), two.id or 0, limit=100, now=lambda: now)
    other.check("google", 100)
    budget.now = lambda: datetime(2026, 4, 1, 0, 30, tzinfo=UTC)
    budget.check("google", 100)  # a new month
    rows = db.get(VoiceUsage, (one.id, "google", "2026-03"))
    assert rows is not None and rows.characters == 90


def test_settings_keys_are_secret_and_engines_come_from_the_registry(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, tts_engine="azure", azure_speech_key="az-123-secret")
    assert "az-123-secret" not in repr(settings) and "az-123-secret" not in str(settings)
    assert settings.voice.startswith("azure-")
    with pytest.raises(ValidationError, match="LOA_TTS_ENGINE must be one of"):
        make_settings(tmp_path, tts_engine="festival")
