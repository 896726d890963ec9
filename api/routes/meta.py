"""Service routes: health and the list of voices."""

from typing import Any

from fastapi import APIRouter

from audio.tts import list_voices

router = APIRouter(tags=["meta"])


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/voices")
def voices() -> list[dict[str, Any]]:
    """The voices segments can use."""
    return [
        {"name": v.name, "engine": v.engine, "language": v.language, "rate_wpm": v.rate_wpm}
        for v in list_voices()
    ]
