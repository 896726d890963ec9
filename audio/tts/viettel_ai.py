"""Viettel AI text to speech (REST ``/voice/api/tts/v1/rest/syn``), Vietnamese voices.

Documented at https://viettelgroup.ai/document/tts: ``POST .../voice/api/tts/v1/rest/syn``
with the headers ``Content-Type: application/json`` and ``token`` (the key), and the JSON body
``{"text", "voice", "id", "without_filter", "speed" (0.7-1.3), "tts_return_option"}`` where
option 2 asks for WAV; a 200 answer is the WAV stream.  The page documents no error answers;
they are classified by HTTP status like the other providers' (401/403, 429, 5xx).
"""

from __future__ import annotations

import json
import uuid

from audio.tts.base import Voice
from audio.tts.cloud_engine import CloudEngine, cloud_voice
from audio.tts.cloud_http import raise_for_status, send

ENGINE_NAME = "viettel"
RETURN_WAV = 2


class ViettelAiEngine(CloudEngine):
    """Viettel AI voices, WAV."""

    name = ENGINE_NAME
    api_version = "v1"
    default_url = "https://viettelgroup.ai"
    audio_format = "wav"
    VOICES = (
        cloud_voice(ENGINE_NAME, "viettel-doanngocle", "doanngocle"),
        cloud_voice(ENGINE_NAME, "viettel-phamtienquan", "phamtienquan"),
        cloud_voice(ENGINE_NAME, "viettel-hue-maingoc", "hue-maingoc"),
        cloud_voice(ENGINE_NAME, "viettel-lethiyen", "lethiyen"),
    )

    def fetch(self, text: str, voice: Voice, key: str) -> bytes:
        """POST the JSON request and return the WAV answer."""
        body = {
            "text": text,
            "voice": voice.engine_voice,
            "id": uuid.uuid4().hex,
            "without_filter": False,
            "speed": round(min(max(voice.rate_wpm / 130, 0.7), 1.3), 2),
            "tts_return_option": RETURN_WAV,
        }
        answer = send(
            "POST",
            f"{self.base_url}/voice/api/tts/v1/rest/syn",
            provider="Viettel AI",
            policy=self.config.policy,
            headers={"Content-Type": "application/json", "token": key},
            body=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        )
        raise_for_status(answer, "Viettel AI")
        return answer.body
