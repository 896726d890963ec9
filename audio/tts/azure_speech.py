"""Microsoft Azure Speech text to speech (REST ``cognitiveservices/v1``), vi-VN neural voices.

Documented at https://learn.microsoft.com/azure/ai-services/speech-service/rest-text-to-speech:
``POST https://<region>.tts.speech.microsoft.com/cognitiveservices/v1`` with the headers
``Ocp-Apim-Subscription-Key``, ``Content-Type: application/ssml+xml``,
``X-Microsoft-OutputFormat`` and ``User-Agent``, and an SSML body; a 200 answer is the audio
itself.  Documented errors: 400 (bad SSML or header), 401 (bad key), 415 (wrong content type),
429 (quota or rate exceeded), 502 (network or server problem).  Voices:
https://learn.microsoft.com/azure/ai-services/speech-service/language-support (vi-VN).
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from audio.tts.base import Voice
from audio.tts.cloud_engine import CloudEngine, cloud_voice
from audio.tts.cloud_http import raise_for_status, send

ENGINE_NAME = "azure"
OUTPUT_FORMAT = "riff-24khz-16bit-mono-pcm"  # a WAV file, 24 kHz 16-bit mono


def ssml(text: str, engine_voice: str) -> str:
    """The SSML document speaking ``text`` (XML-escaped) with ``engine_voice`` in vi-VN."""
    return (
        "<speak version='1.0' xml:lang='vi-VN' xmlns='http://www.w3.org/2001/10/synthesis'>"
        f"<voice xml:lang='vi-VN' name={quoteattr(engine_voice)}>{escape(text)}</voice></speak>"
    )


class AzureSpeechEngine(CloudEngine):
    """Azure Speech neural voices, WAV at 24 kHz."""

    name = ENGINE_NAME
    api_version = "cognitiveservices-v1"
    default_url = "https://southeastasia.tts.speech.microsoft.com"
    audio_format = "wav"
    VOICES = (
        cloud_voice(ENGINE_NAME, "azure-vi-hoaimy", "vi-VN-HoaiMyNeural"),
        cloud_voice(ENGINE_NAME, "azure-vi-namminh", "vi-VN-NamMinhNeural"),
    )

    def fetch(self, text: str, voice: Voice, key: str) -> bytes:
        """POST the SSML and return the WAV answer."""
        answer = send(
            "POST",
            f"{self.base_url}/cognitiveservices/v1",
            provider="Azure Speech",
            policy=self.config.policy,
            headers={
                "Ocp-Apim-Subscription-Key": key,
                "Content-Type": "application/ssml+xml",
                "X-Microsoft-OutputFormat": OUTPUT_FORMAT,
                "User-Agent": "loa",
            },
            body=ssml(text, voice.engine_voice).encode("utf-8"),
        )
        raise_for_status(answer, "Azure Speech")
        return answer.body
