"""Cloud voices against a local server answering as each provider documents: success, auth
and quota errors, retries, timeout, fallback, the character budget, the cache, the key."""

from __future__ import annotations

import base64
import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cloud_voices_server import Provider, Reply, provider_server, speech_mp3, speech_wav

from audio.tts import (
    CLOUD_ENGINES,
    AuthRejected,
    BudgetExhausted,
    CloudConfig,
    CloudEngine,
    EngineNotConfigured,
    FakeEngine,
    HttpPolicy,
    QuotaExhausted,
    ServiceTimeout,
    SpeechCache,
    get_voice,
)
from audio.tts.fpt_ai import FptAiEngine
from audio.tts.wav import rms, wav_info, wav_samples

KEY = "sk-test-0123456789abcdef"
TEXT = "ủy ban nhân dân phường thông báo lịch tiêm chủng"
FAST = HttpPolicy(timeout_s=2.0, retries=2, backoff_s=0.01)


@dataclass(frozen=True)
class Spec:
    """How one provider is reached and what its success and auth-error answers look like."""

    engine: str
    voice: str
    path: str
    success: Callable[[Provider], list[tuple[str, list[Reply]]]]
    auth_error: Reply


def _google_ok(p: Provider) -> list[tuple[str, list[Reply]]]:
    body = json.dumps({"audioContent": base64.b64encode(speech_wav()).decode()}).encode()
    return [("/v1/text:synthesize", [Reply(200, body, {"Content-Type": "application/json"})])]


def _wav_ok(path: str) -> Callable[[Provider], list[tuple[str, list[Reply]]]]:
    return lambda p: [(path, [Reply(200, speech_wav(), {"Content-Type": "audio/x-wav"})])]


def _fpt_ok(p: Provider) -> list[tuple[str, list[Reply]]]:
    link = f"{p.url}/audio/abc.mp3"
    body = {"async": link, "error": 0, "message": "later", "request_id": "r1"}
    return [
        ("/hmi/tts/v5", [Reply(200, json.dumps(body).encode())]),
        ("/audio/abc.mp3", [Reply(404, b"<Error>NoSuchKey</Error>"), Reply(200, speech_mp3())]),
    ]


GOOGLE_403 = {"error": {"code": 403, "message": "denied", "status": "PERMISSION_DENIED"}}
SPECS = {
    "google": Spec(
        "google",
        "google-vi-nu",
        "/v1/text:synthesize",
        _google_ok,
        Reply(403, json.dumps(GOOGLE_403).encode()),
    ),
    "azure": Spec(
        "azure",
        "azure-vi-hoaimy",
        "/cognitiveservices/v1",
        _wav_ok("/cognitiveservices/v1"),
        Reply(401),
    ),
    "fpt": Spec(
        "fpt", "fpt-banmai", "/hmi/tts/v5", _fpt_ok, Reply(401, b'{"message":"Invalid API key"}')
    ),
    "viettel": Spec(
        "viettel",
        "viettel-doanngocle",
        "/voice/api/tts/v1/rest/syn",
        _wav_ok("/voice/api/tts/v1/rest/syn"),
        Reply(401, b'{"message":"token invalid"}'),
    ),
}


class MemoryBudget:
    """A budget kept in memory, as the station budget keeps it in the database."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used: dict[str, int] = {}

    def check(self, engine: str, characters: int) -> None:
        if self.used.get(engine, 0) + characters > self.limit:
            raise BudgetExhausted(f"{engine}: budget of {self.limit} characters used")

    def record(self, engine: str, characters: int) -> None:
        self.used[engine] = self.used.get(engine, 0) + characters


@pytest.fixture(params=sorted(SPECS))
def spec(request: pytest.FixtureRequest) -> Spec:
    return SPECS[request.param]


@pytest.fixture
def provider() -> Iterator[Provider]:
    with provider_server() as p:
        yield p


def make(spec: Spec, p: Provider, **kwargs: object) -> CloudEngine:
    config = CloudConfig(key=KEY, base_url=p.url, policy=kwargs.pop("policy", FAST))  # type: ignore[arg-type]
    cls = CLOUD_ENGINES[spec.engine]
    if cls is FptAiEngine:
        kwargs.setdefault("poll_interval_s", 0.01)
    return cls(config, **kwargs)  # type: ignore[arg-type]


def serve_success(spec: Spec, p: Provider) -> None:
    for path, replies in spec.success(p):
        p.on(path, *replies)


def test_every_provider_is_registered() -> None:
    assert set(CLOUD_ENGINES) == set(SPECS)


def test_success_decodes_to_the_pipeline_wav(spec: Spec, provider: Provider) -> None:
    serve_success(spec, provider)
    speech = make(spec, provider).synthesize(TEXT, get_voice(spec.voice))
    info = wav_info(speech.wav)
    assert (info.sample_rate, info.channels, info.sample_width) == (24000, 1, 2)
    assert 0.9 < info.duration < 1.3
    assert rms(wav_samples(speech.wav)) > 300
    assert speech.engine == spec.engine


def test_auth_error_is_not_retried(spec: Spec, provider: Provider) -> None:
    provider.on(spec.path, spec.auth_error)
    with pytest.raises(AuthRejected) as caught:
        make(spec, provider).synthesize(TEXT, get_voice(spec.voice))
    assert caught.value.code == "voice.auth_rejected"
    assert len(provider.seen) == 1


def test_quota_is_retried_then_refused(spec: Spec, provider: Provider) -> None:
    provider.on(spec.path, Reply(429, b'{"error": "Too many requests"}', {"Retry-After": "0"}))
    with pytest.raises(QuotaExhausted):
        make(spec, provider).synthesize(TEXT, get_voice(spec.voice))
    assert len(provider.seen) == 1 + FAST.retries


def test_server_error_then_success(spec: Spec, provider: Provider) -> None:
    serve_success(spec, provider)
    first = provider.replies[spec.path][0]
    provider.on(spec.path, Reply(503, b"busy"), Reply(502, b"bad gateway"), first)
    speech = make(spec, provider).synthesize(TEXT, get_voice(spec.voice))
    assert speech.engine == spec.engine
    assert [s.path.split("?")[0] for s in provider.seen][:3] == [spec.path] * 3


def test_timeout_is_bounded(spec: Spec, provider: Provider) -> None:
    provider.on(spec.path, Reply(200, b"late", delay_s=3.0))
    policy = HttpPolicy(timeout_s=0.5, retries=2, backoff_s=0.01)
    started = time.monotonic()
    with pytest.raises(ServiceTimeout):
        make(spec, provider, policy=policy).synthesize(TEXT, get_voice(spec.voice))
    assert time.monotonic() - started < 2.0
    assert len(provider.seen) == 1


def test_without_key_nothing_is_sent(spec: Spec, provider: Provider) -> None:
    engine = CLOUD_ENGINES[spec.engine](CloudConfig(key=None, base_url=provider.url))
    with pytest.raises(EngineNotConfigured) as caught:
        engine.synthesize(TEXT, get_voice(spec.voice))
    assert caught.value.code == "voice.not_configured"
    assert provider.seen == []


def test_fallback_speaks_offline_with_a_warning(
    spec: Spec, provider: Provider, caplog: pytest.LogCaptureFixture
) -> None:
    provider.on(spec.path, Reply(429, b"quota"))
    fake = FakeEngine()
    with caplog.at_level(logging.WARNING):
        speech = make(spec, provider, fallback=fake).synthesize(TEXT, get_voice(spec.voice))
    assert speech.engine == "fake"
    assert fake.calls == [(TEXT, get_voice("fake"))]
    assert "voice.quota_exhausted" in caplog.text and "fallback fake" in caplog.text


def test_the_key_is_never_logged_nor_in_errors(
    spec: Spec, provider: Provider, caplog: pytest.LogCaptureFixture
) -> None:
    echo = Reply(spec.auth_error.status, f'{{"error": "bad key {KEY}"}}'.encode())
    provider.on(spec.path, echo)
    engine = make(spec, provider)
    with caplog.at_level(logging.DEBUG), pytest.raises(AuthRejected) as caught:
        engine.synthesize(TEXT, get_voice(spec.voice))
    assert KEY not in str(caught.value) and KEY not in caught.value.message
    assert "***" in caught.value.message
    with caplog.at_level(logging.DEBUG):
        make(spec, provider, fallback=FakeEngine()).synthesize(TEXT, get_voice(spec.voice))
    assert caplog.text and KEY not in caplog.text
    assert KEY not in repr(engine.config)
    assert all(KEY not in s.path for s in provider.seen)


def test_budget_refuses_before_sending(spec: Spec, provider: Provider) -> None:
    serve_success(spec, provider)
    budget = MemoryBudget(limit=len(TEXT) + 10)
    engine = make(spec, provider, budget=budget)
    engine.synthesize(TEXT, get_voice(spec.voice))
    assert budget.used == {spec.engine: len(TEXT)}
    sent = len(provider.seen)
    with pytest.raises(BudgetExhausted) as caught:
        engine.synthesize(TEXT, get_voice(spec.voice))
    assert caught.value.code == "voice.budget_exhausted"
    assert len(provider.seen) == sent
    assert budget.used == {spec.engine: len(TEXT)}


def test_failed_requests_cost_no_characters(spec: Spec, provider: Provider) -> None:
    provider.on(spec.path, spec.auth_error)
    budget = MemoryBudget(limit=1000)
    with pytest.raises(AuthRejected):
        make(spec, provider, budget=budget).synthesize(TEXT, get_voice(spec.voice))
    assert budget.used == {}


def test_cached_text_costs_nothing(spec: Spec, provider: Provider, tmp_path: Path) -> None:
    serve_success(spec, provider)
    budget = MemoryBudget(limit=10_000)
    engine = make(spec, provider, budget=budget)
    cache = SpeechCache(tmp_path)
    first = cache.synthesize(TEXT, get_voice(spec.voice), engine)
    sent = len(provider.seen)
    second = cache.synthesize(TEXT, get_voice(spec.voice), engine)
    assert (first.hit, second.hit) == (False, True)
    assert len(provider.seen) == sent
    assert budget.used == {spec.engine: len(TEXT)}
