"""Request and response models of the spoken-text preview (no tables)."""

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
