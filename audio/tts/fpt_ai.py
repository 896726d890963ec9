"""FPT.AI text to speech (REST v5): the text is posted, the MP3 is fetched from a link later.

Documented at https://docs.fpt.ai/docs/en/speech/api/text-to-speech:
``POST https://api.fpt.ai/hmi/tts/v5`` with the headers ``api_key`` (the key), ``voice``
(banmai, lannhi, leminh, myan, thuminh, giahuy, linhsan), ``speed`` (-3..+3) and ``format``
(mp3), and the text as the body (3 to 5,000 characters).  The answer is JSON
``{"async": <link to the mp3>, "error": 0, "message", "request_id"}`` (``error`` other than
0 is a failure); the file behind ``async`` may not exist yet ("from 5 seconds to 2 minutes"),
so the link is polled a bounded number of times until it answers 200.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from audio.tts.base import CharacterBudget, EngineUnavailable, SynthesisFailed, TTSEngine, Voice
from audio.tts.cloud_engine import CloudConfig, CloudEngine, cloud_voice
from audio.tts.cloud_http import raise_for_status, send

ENGINE_NAME = "fpt"
MIN_CHARS, MAX_CHARS = 3, 5000
POLL_INTERVAL_S = 2.0
POLL_ATTEMPTS = 60  # with the interval, the documented two minutes


class FptAiEngine(CloudEngine):
    """FPT.AI voices, MP3 fetched from the async link."""

    name = ENGINE_NAME
    api_version = "v5"
    default_url = "https://api.fpt.ai"
    audio_format = "mp3"
    VOICES = (
        cloud_voice(ENGINE_NAME, "fpt-banmai", "banmai"),
        cloud_voice(ENGINE_NAME, "fpt-leminh", "leminh"),
        cloud_voice(ENGINE_NAME, "fpt-myan", "myan"),
        cloud_voice(ENGINE_NAME, "fpt-lannhi", "lannhi"),
    )

    def __init__(
        self,
        config: CloudConfig | None = None,
        *,
        budget: CharacterBudget | None = None,
        fallback: TTSEngine | None = None,
        poll_interval_s: float = POLL_INTERVAL_S,
        poll_attempts: int = POLL_ATTEMPTS,
    ) -> None:
        super().__init__(config, budget=budget, fallback=fallback)
        self.poll_interval_s = poll_interval_s
        self.poll_attempts = poll_attempts

    def fetch(self, text: str, voice: Voice, key: str) -> bytes:
        """POST the text, then poll the async link for the MP3."""
        if not MIN_CHARS <= len(text) <= MAX_CHARS:
            raise SynthesisFailed(f"FPT.AI reads {MIN_CHARS} to {MAX_CHARS} characters at once")
        speed = min(max(round((voice.rate_wpm - 130) / 20), -3), 3)
        answer = send(
            "POST",
            f"{self.base_url}/hmi/tts/v5",
            provider="FPT.AI",
            policy=self.config.policy,
            headers={"api_key": key, "voice": voice.engine_voice, "speed": str(speed)}
            | {"format": "mp3", "Cache-Control": "no-cache"},
            body=text.encode("utf-8"),
        )
        raise_for_status(answer, "FPT.AI")
        reply = answer.json("FPT.AI")
        if not isinstance(reply, dict) or reply.get("error") != 0:
            message = reply.get("message") if isinstance(reply, dict) else None
            raise SynthesisFailed(f"FPT.AI refused the text: {message}")
        link = str(reply.get("async") or "")
        if urlsplit(link).scheme not in ("http", "https"):
            raise SynthesisFailed("FPT.AI: the answer has no async link")
        return self._poll(link)

    def _poll(self, link: str) -> bytes:
        """GET the link (without the key) until the MP3 is there, a bounded number of times."""
        for attempt in range(self.poll_attempts):
            answer = send("GET", link, provider="FPT.AI audio", policy=self.config.policy)
            if answer.status == 200 and answer.body:
                return answer.body
            if answer.status not in (403, 404):  # S3 answers these while the file is not there
                raise_for_status(answer, "FPT.AI audio")
            if attempt + 1 < self.poll_attempts:
                time.sleep(self.poll_interval_s)
        raise EngineUnavailable(
            f"FPT.AI: the audio was not ready after {self.poll_attempts} attempts"
        )
