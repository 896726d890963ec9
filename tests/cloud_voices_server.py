"""A local HTTP server that answers as a cloud voice provider documents, scripted per path."""

from __future__ import annotations

import contextlib
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import imageio_ffmpeg

from audio.tts.fake import tone_pcm
from audio.tts.wav import native_to_little_endian, pcm_to_wav


@dataclass(frozen=True)
class Reply:
    """One scripted answer."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0


@dataclass(frozen=True)
class Seen:
    """One request the server received."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class Provider:
    """Replies queued per path (the last one repeats) and every request seen."""

    def __init__(self) -> None:
        self.replies: dict[str, list[Reply]] = {}
        self.seen: list[Seen] = []
        self.url = ""

    def on(self, path: str, *replies: Reply) -> None:
        """Answer ``path`` with ``replies`` in turn, the last one from then on."""
        self.replies[path] = list(replies)

    def answer(self, path: str) -> Reply:
        queue = self.replies.get(path)
        if not queue:
            return Reply(404, b"not found")
        return queue.pop(0) if len(queue) > 1 else queue[0]


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            path = self.path.split("?")[0]
            headers = {k.lower(): v for k, v in self.headers.items()}
            provider.seen.append(Seen(self.command, self.path, headers, body))
            reply = provider.answer(path)
            if reply.delay_s:
                time.sleep(reply.delay_s)
            with contextlib.suppress(OSError):
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

        do_GET = do_POST = _serve

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextlib.contextmanager
def provider_server() -> Iterator[Provider]:
    """Run a Provider on 127.0.0.1 in a thread for the duration of the block."""
    provider = Provider()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(provider))
    server.daemon_threads = True
    provider.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()


def speech_wav(seconds: float = 1.0, sample_rate: int = 24000) -> bytes:
    """A WAV tone standing for a provider's speech."""
    pcm = tone_pcm(seconds, 220, sample_rate)
    return pcm_to_wav(native_to_little_endian(pcm), sample_rate)


def speech_mp3(seconds: float = 1.0) -> bytes:
    """The same tone as an MP3 (encoded by the bundled ffmpeg)."""
    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-loglevel", "error", "-f", "wav", "-i"]
    command += ["pipe:0", "-c:a", "libmp3lame", "-f", "mp3", "pipe:1"]
    done = subprocess.run(command, input=speech_wav(seconds), capture_output=True, check=True)
    return done.stdout
