"""Spoken-text preview requests and answers; the voice list; cloud voice character usage."""

from pydantic import BaseModel
from sqlmodel import Field

from broadcast.models.common import MAX_ID, LoaModel


class SpeechPreviewRequest(LoaModel):
    text: str = Field(min_length=1, max_length=5000)
    voice: str | None = Field(default=None, max_length=50)  # None: the default voice
    station_id: int | None = Field(default=None, ge=1, le=MAX_ID)  # None: global lexicon only


class SpanPublic(LoaModel):
    """A piece of the text and how it is read; source is rule, lexicon (built-in), operator,
    text (the word as written) or unknown."""

    text: str
    spoken: str
    source: str


class SpeechPreviewPublic(LoaModel):
    spoken: str
    spoken_with_pauses: str
    spans: list[SpanPublic]
    unknown: list[str]
    voice: str
    job_id: int
    audio_url: str  # 202 with the job while it runs, then the WAV


class VoiceUsage(LoaModel, table=True):
    """Characters one station sent to one cloud engine in one month (its monthly budget)."""

    __tablename__ = "voice_usage"

    station_id: int = Field(foreign_key="station.id", primary_key=True)
    engine: str = Field(primary_key=True, max_length=20)
    month: str = Field(primary_key=True, max_length=7)  # "2026-12", station time
    characters: int = Field(default=0, ge=0)


class VoicePublic(BaseModel):
    """A voice as GET /voices lists it, with whether it can speak now and why not."""

    name: str
    engine: str
    language: str
    engine_voice: str
    rate_wpm: int
    pitch: int
    word_gap_ms: int
    pauses_ms: dict[str, int]
    max_phrase_words: int
    cloud: bool
    usable: bool
    reason: str | None = None  # stable code: voice.not_configured, voice.budget_exhausted
    reason_text: str | None = None  # the same in Vietnamese
    characters_used: int | None = None  # this month, for the station asked about
    characters_budget: int | None = None
