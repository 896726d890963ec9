"""Service routes: health and the list of voices."""

from pathlib import Path
from typing import Any

from fastapi import APIRouter

from audio.tts import list_voices

router = APIRouter(tags=["meta"])
public_router = APIRouter(tags=["meta"])


@public_router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/voices")
def voices() -> list[dict[str, Any]]:
    """The voices segments can use."""
    return [
        {
            "name": v.name,
            "engine": v.engine,
            "language": v.language,
            "engine_voice": Path(v.engine_voice).name if v.engine == "piper" else v.engine_voice,
            "rate_wpm": v.rate_wpm,
            "pitch": v.pitch,
            "word_gap_ms": v.word_gap_ms,
            "pauses_ms": {
                "comma": v.comma_pause_ms,
                "sentence": v.sentence_pause_ms,
                "heading": v.heading_pause_ms,
                "paragraph": v.paragraph_pause_ms,
            },
            "max_phrase_words": v.max_phrase_words,
        }
        for v in list_voices()
    ]
