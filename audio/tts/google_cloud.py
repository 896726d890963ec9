"""Google Cloud Text-to-Speech (REST v1 ``text:synthesize``) with its vi-VN voices.

Documented at https://cloud.google.com/text-to-speech/docs/reference/rest/v1/text/synthesize:
``POST https://texttospeech.googleapis.com/v1/text:synthesize`` with a JSON body
``{"input": {"text"}, "voice": {"languageCode", "name"}, "audioConfig": {"audioEncoding",
"sampleRateHertz", "speakingRate"}}``; the answer is ``{"audioContent": <base64>}`` (LINEAR16
includes the WAV header).  The API key goes in the ``X-Goog-Api-Key`` header
(https://cloud.google.com/docs/authentication/api-keys-use), never in the URL.  Errors are
``{"error": {"code", "message", "status"}}``: an invalid key is a 400 whose details name
``API_KEY_INVALID``, a refused one 403 ``PERMISSION_DENIED``, quota 429 ``RESOURCE_EXHAUSTED``.
"""

from __future__ import annotations

import base64
import binascii
import json

from audio.tts.base import AuthRejected, SynthesisFailed, Voice
from audio.tts.cloud_engine import SAMPLE_RATE, CloudEngine, cloud_voice
from audio.tts.cloud_http import raise_for_status, send

ENGINE_NAME = "google"


class GoogleCloudEngine(CloudEngine):
    """Google Cloud Text-to-Speech, WAV (LINEAR16) at 24 kHz."""

    name = ENGINE_NAME
    api_version = "v1"
    default_url = "https://texttospeech.googleapis.com"
    audio_format = "wav"
    VOICES = (
        cloud_voice(ENGINE_NAME, "google-vi-nu", "vi-VN-Wavenet-A"),
        cloud_voice(ENGINE_NAME, "google-vi-nam", "vi-VN-Wavenet-B"),
    )

    def fetch(self, text: str, voice: Voice, key: str) -> bytes:
        """POST text:synthesize and decode the base64 audioContent."""
        body = {
            "input": {"text": text},
            "voice": {"languageCode": "vi-VN", "name": voice.engine_voice},
            "audioConfig": {
                "audioEncoding": "LINEAR16",
                "sampleRateHertz": SAMPLE_RATE,
                "speakingRate": round(min(max(voice.rate_wpm / 130, 0.25), 4.0), 2),
            },
        }
        answer = send(
            "POST",
            f"{self.base_url}/v1/text:synthesize",
            provider="Google Cloud TTS",
            policy=self.config.policy,
            headers={"Content-Type": "application/json; charset=utf-8", "X-Goog-Api-Key": key},
            body=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        )
        if answer.status == 400 and b"API_KEY_INVALID" in answer.body:
            raise AuthRejected(f"Google Cloud TTS: HTTP 400: {answer.detail()}")
        raise_for_status(answer, "Google Cloud TTS")
        content = answer.json("Google Cloud TTS")
        try:
            return base64.b64decode(str(content["audioContent"]), validate=True)
        except (KeyError, TypeError, binascii.Error) as exc:
            raise SynthesisFailed("Google Cloud TTS: no audioContent in the answer") from exc
