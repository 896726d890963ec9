"""Each cloud voice sends the request its provider documents (headers, body, no key in URLs)."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator

import pytest
from cloud_voices_server import Provider, Reply, provider_server, speech_mp3, speech_wav

from audio.tts import (
    AuthRejected,
    CloudConfig,
    EngineUnavailable,
    HttpPolicy,
    SynthesisFailed,
    get_voice,
)
from audio.tts.azure_speech import AzureSpeechEngine
from audio.tts.fpt_ai import FptAiEngine
from audio.tts.google_cloud import GoogleCloudEngine
from audio.tts.viettel_ai import ViettelAiEngine

KEY = "sk-shape-42"
POLICY = HttpPolicy(timeout_s=2.0, retries=0, backoff_s=0.01)


@pytest.fixture
def provider() -> Iterator[Provider]:
    with provider_server() as p:
        yield p


def config(p: Provider) -> CloudConfig:
    return CloudConfig(key=KEY, base_url=p.url, policy=POLICY)


def test_google_request_shape(provider: Provider) -> None:
    content = base64.b64encode(speech_wav()).decode()
    provider.on("/v1/text:synthesize", Reply(200, json.dumps({"audioContent": content}).encode()))
    GoogleCloudEngine(config(provider)).synthesize("xin chào bà con", get_voice("google-vi-nam"))
    seen = provider.seen[0]
    assert (seen.method, seen.path) == ("POST", "/v1/text:synthesize")
    assert seen.headers["x-goog-api-key"] == KEY
    body = json.loads(seen.body)
    assert body["input"] == {"text": "xin chào bà con"}
    assert body["voice"] == {"languageCode": "vi-VN", "name": "vi-VN-Wavenet-B"}
    assert body["audioConfig"]["audioEncoding"] == "LINEAR16"


def test_google_invalid_key_answer_is_an_auth_error(provider: Provider) -> None:
    error = {
        "error": {
            "code": 400,
            "message": "API key not valid. Please pass a valid API key.",
            "status": "INVALID_ARGUMENT",
            "details": [{"reason": "API_KEY_INVALID"}],
        }
    }
    provider.on("/v1/text:synthesize", Reply(400, json.dumps(error).encode()))
    with pytest.raises(AuthRejected, match="API key not valid"):
        GoogleCloudEngine(config(provider)).synthesize("xin chào", get_voice("google-vi-nu"))


def test_google_answer_without_audio(provider: Provider) -> None:
    provider.on("/v1/text:synthesize", Reply(200, b"{}"))
    with pytest.raises(SynthesisFailed, match="audioContent"):
        GoogleCloudEngine(config(provider)).synthesize("xin chào", get_voice("google-vi-nu"))


def test_azure_request_shape(provider: Provider) -> None:
    provider.on("/cognitiveservices/v1", Reply(200, speech_wav()))
    AzureSpeechEngine(config(provider)).synthesize(
        "điện & nước <mới>", get_voice("azure-vi-namminh")
    )
    seen = provider.seen[0]
    assert seen.headers["ocp-apim-subscription-key"] == KEY
    assert seen.headers["content-type"] == "application/ssml+xml"
    assert seen.headers["x-microsoft-outputformat"] == "riff-24khz-16bit-mono-pcm"
    assert seen.headers["user-agent"] == "loa"
    ssml = seen.body.decode()
    assert 'name="vi-VN-NamMinhNeural"' in ssml and "xml:lang='vi-VN'" in ssml
    assert "điện &amp; nước &lt;mới&gt;" in ssml


def test_azure_unsupported_media_type_is_a_synthesis_failure(provider: Provider) -> None:
    provider.on("/cognitiveservices/v1", Reply(415))
    with pytest.raises(SynthesisFailed, match="HTTP 415"):
        AzureSpeechEngine(config(provider)).synthesize("xin chào", get_voice("azure-vi-hoaimy"))


def fpt(p: Provider, attempts: int = 5) -> FptAiEngine:
    return FptAiEngine(config(p), poll_interval_s=0.01, poll_attempts=attempts)


def test_fpt_request_shape_and_polling_without_the_key(provider: Provider) -> None:
    link = f"{provider.url}/files/one.mp3"
    answer = {"async": link, "error": 0, "message": "soon", "request_id": "abc"}
    provider.on("/hmi/tts/v5", Reply(200, json.dumps(answer).encode()))
    provider.on("/files/one.mp3", Reply(404), Reply(403), Reply(200, speech_mp3()))
    speech = fpt(provider).synthesize("bà con chú ý", get_voice("fpt-leminh"))
    assert speech.engine == "fpt"
    post, *polls = provider.seen
    assert (post.method, post.path, post.body) == ("POST", "/hmi/tts/v5", "bà con chú ý".encode())
    assert post.headers["api_key"] == KEY and post.headers["voice"] == "leminh"
    assert post.headers["format"] == "mp3"
    assert [p.method for p in polls] == ["GET"] * 3
    assert all("api_key" not in p.headers for p in polls)


def test_fpt_polling_is_bounded(provider: Provider) -> None:
    link = f"{provider.url}/files/never.mp3"
    provider.on("/hmi/tts/v5", Reply(200, json.dumps({"async": link, "error": 0}).encode()))
    provider.on("/files/never.mp3", Reply(404))
    with pytest.raises(EngineUnavailable, match="not ready after 4 attempts"):
        fpt(provider, attempts=4).synthesize("bà con chú ý", get_voice("fpt-banmai"))
    assert len(provider.seen) == 5


def test_fpt_error_code_is_refused(provider: Provider) -> None:
    body = {"error": 1, "message": "Text too short"}
    provider.on("/hmi/tts/v5", Reply(200, json.dumps(body).encode()))
    with pytest.raises(SynthesisFailed, match="Text too short"):
        fpt(provider).synthesize("bà con chú ý", get_voice("fpt-banmai"))


def test_fpt_refuses_texts_shorter_than_documented(provider: Provider) -> None:
    with pytest.raises(SynthesisFailed, match="3 to 5000"):
        fpt(provider).synthesize("à", get_voice("fpt-banmai"))
    assert provider.seen == []


def test_viettel_request_shape(provider: Provider) -> None:
    provider.on("/voice/api/tts/v1/rest/syn", Reply(200, speech_wav()))
    ViettelAiEngine(config(provider)).synthesize("xin chào", get_voice("viettel-hue-maingoc"))
    seen = provider.seen[0]
    assert seen.headers["token"] == KEY and seen.headers["content-type"] == "application/json"
    body = json.loads(seen.body)
    assert body["text"] == "xin chào" and body["voice"] == "hue-maingoc"
    assert body["tts_return_option"] == 2 and body["without_filter"] is False
    assert 0.7 <= body["speed"] <= 1.3 and body["id"]
