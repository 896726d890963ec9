"""HTTP to the server with the device token; resumable downloads checked by sha256."""

import hashlib
import http.client
import json
import logging
import os
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from player import AGENT_VERSION

log = logging.getLogger("player.link")
TIMEOUT_S = 20.0
CHUNK = 64 * 1024


class LinkDown(Exception):
    """The server could not be reached or answered with a server error."""


class ChecksumError(Exception):
    """A downloaded file's sha256 is not the one the schedule names."""


@dataclass
class Answer:
    """An HTTP answer: status, headers (lower-case names) and body."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body or b"null")


class Link:
    """Requests to one server with one device token."""

    def __init__(self, server: str, token: str, timeout_s: float = TIMEOUT_S) -> None:
        self.server = server.rstrip("/")
        self.token = token
        self.timeout_s = timeout_s

    def url(self, path: str) -> str:
        """An absolute URL for a server path (absolute URLs pass through)."""
        return path if "://" in path else self.server + path

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        """The token and agent headers plus `extra`."""
        base = {"Authorization": f"Bearer {self.token}", "User-Agent": AGENT_VERSION}
        return base | (extra or {})

    def open(
        self,
        method: str,
        path: str,
        body: Any = None,
        headers: dict[str, str] | None = None,
        timeout_s: float | None = None,
    ) -> Any:
        """Open a request and return the raw response (the caller reads and closes it).

        HTTP errors below 500 come back as responses; 5xx and network errors raise LinkDown."""
        data = None
        extra = dict(headers or {})
        if body is not None:
            data = json.dumps(body).encode()
            extra["Content-Type"] = "application/json"
        request = urllib.request.Request(
            self.url(path), data=data, method=method, headers=self.headers(extra)
        )
        try:
            return urllib.request.urlopen(request, timeout=timeout_s or self.timeout_s)
        except urllib.error.HTTPError as error:
            if error.code >= 500:
                error.close()
                raise LinkDown(f"{method} {path}: HTTP {error.code}") from None
            return error
        except (OSError, ValueError) as error:
            raise LinkDown(f"{method} {path}: {error}") from None

    def call(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> Answer:
        """A whole request: status, headers and body."""
        response = self.open(method, path, body, headers)
        try:
            content = response.read()
        except (OSError, http.client.HTTPException) as error:
            raise LinkDown(f"{method} {path}: {error}") from None
        finally:
            response.close()
        found = {k.lower(): v for k, v in response.headers.items()}
        return Answer(response.status, found, content)

    def download(self, path: str, target: Path, sha256: str, size: int | None = None) -> Path:
        """Fetch a file into `target` (resuming `target.part` with Range), check its sha256
        and rename it into place; ChecksumError (part deleted) when the content is wrong."""
        part = target.with_name(target.name + ".part")
        have = part.stat().st_size if part.exists() else 0
        if size is not None and have > size:
            part.unlink()
            have = 0
        headers = {"Range": f"bytes={have}-"} if have else {}
        response = self.open("GET", path, headers=headers)
        try:
            status = response.status
            if status == 416:
                part.unlink(missing_ok=True)
                raise LinkDown(f"GET {path}: range refused, starting over")
            if status not in (200, 206):
                raise LinkDown(f"GET {path}: HTTP {status}")
            mode = "ab" if status == 206 else "wb"
            if have and status == 206:
                log.info("resuming %s at %d bytes", target.name, have)
            with open(part, mode) as out:
                try:
                    while chunk := response.read(CHUNK):
                        out.write(chunk)
                except (OSError, http.client.HTTPException) as error:
                    out.flush()
                    os.fsync(out.fileno())
                    raise LinkDown(f"GET {path}: cut after {out.tell()} bytes: {error}") from None
                out.flush()
                os.fsync(out.fileno())
        finally:
            response.close()
        if size is not None and part.stat().st_size < size:
            raise LinkDown(f"GET {path}: {part.stat().st_size} of {size} bytes, to resume")
        if file_sha256(part) != sha256:
            part.unlink(missing_ok=True)
            raise ChecksumError(f"{target.name}: sha256 differs from the schedule's")
        os.replace(part, target)
        return target


def file_sha256(path: Path) -> str:
    """sha256 (hex) of a file on disk."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
