"""The small HTTP client of the cloud voices: a timeout, bounded retries with backoff on 429
and 5xx, and errors classified by status that never carry a URL, a header or the key.

Only the standard library (``urllib.request``) is used: the service has no HTTP client among
its runtime dependencies, and these are a few plain POST/GET requests.
"""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from audio.tts.base import (
    AuthRejected,
    EngineUnavailable,
    QuotaExhausted,
    ServiceTimeout,
    SynthesisFailed,
)

RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_BACKOFF_S = 8.0
DETAIL_CHARS = 200


@dataclass(frozen=True)
class HttpPolicy:
    """Timeout of one request, retries after a 429/5xx answer, and the first backoff."""

    timeout_s: float = 10.0
    retries: int = 2
    backoff_s: float = 0.5

    def __post_init__(self) -> None:
        if not 0 < self.timeout_s <= 120:
            raise ValueError(f"timeout_s must be within (0, 120], got {self.timeout_s}")
        if not 0 <= self.retries <= 10:
            raise ValueError(f"retries must be within 0..10, got {self.retries}")


@dataclass(frozen=True)
class HttpAnswer:
    """Status, headers (lower-case names) and body of one HTTP answer."""

    status: int
    headers: Mapping[str, str]
    body: bytes

    def json(self, provider: str) -> Any:
        """The body as JSON; SynthesisFailed when it is not."""
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise SynthesisFailed(f"{provider}: the answer is not JSON") from exc

    def detail(self) -> str:
        """A short printable excerpt of the body, for error messages."""
        text = self.body[:DETAIL_CHARS].decode("utf-8", errors="replace")
        return " ".join(text.split())


def _send(
    method: str, url: str, headers: Mapping[str, str], body: bytes | None, timeout: float
) -> HttpAnswer:
    """One request; HTTP error statuses are answers, not exceptions."""
    request = urllib.request.Request(url, data=body, headers=dict(headers), method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return HttpAnswer(response.status, _lower(response.headers), response.read())
    except urllib.error.HTTPError as exc:
        with exc:
            return HttpAnswer(exc.code, _lower(exc.headers), exc.read())


def _lower(headers: Any) -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in (headers or {}).items()}


def _wait_s(answer: HttpAnswer, attempt: int, policy: HttpPolicy) -> float:
    """Seconds before the next attempt: Retry-After when given, else exponential backoff."""
    try:
        after = float(answer.headers.get("retry-after", ""))
    except ValueError:
        after = policy.backoff_s * 2**attempt
    return min(max(after, 0.0), MAX_BACKOFF_S)


def send(
    method: str,
    url: str,
    *,
    provider: str,
    policy: HttpPolicy,
    headers: Mapping[str, str] | None = None,
    body: bytes | None = None,
) -> HttpAnswer:
    """Send a request, retrying 429/5xx answers up to ``policy.retries`` times with backoff.

    Returns the last answer whatever its status; a timeout raises ServiceTimeout, a connection
    failure EngineUnavailable (neither is retried: the fallback answers sooner).
    """
    attempt = 0
    while True:
        try:
            answer = _send(method, url, headers or {}, body, policy.timeout_s)
        except TimeoutError as exc:
            raise ServiceTimeout(f"{provider}: no answer within {policy.timeout_s:g} s") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError | socket.timeout):
                raise ServiceTimeout(
                    f"{provider}: no answer within {policy.timeout_s:g} s"
                ) from exc
            raise EngineUnavailable(f"{provider}: cannot connect ({exc.reason})") from exc
        except (OSError, ValueError) as exc:
            raise EngineUnavailable(f"{provider}: request failed ({type(exc).__name__})") from exc
        if answer.status not in RETRIED_STATUSES or attempt >= policy.retries:
            return answer
        time.sleep(_wait_s(answer, attempt, policy))
        attempt += 1


def raise_for_status(answer: HttpAnswer, provider: str) -> None:
    """Classify an unsuccessful answer: 401/403 AuthRejected, 429 QuotaExhausted, 5xx
    EngineUnavailable, any other 4xx SynthesisFailed."""
    if 200 <= answer.status < 300:
        return
    message = f"{provider}: HTTP {answer.status}: {answer.detail()}"
    if answer.status in (401, 403):
        raise AuthRejected(message)
    if answer.status == 429:
        raise QuotaExhausted(message)
    if answer.status >= 500:
        raise EngineUnavailable(message)
    raise SynthesisFailed(message)
