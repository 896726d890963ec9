"""`loa stream`: feed every station's live stream (Icecast, HLS) from a separate machine."""

import logging
import signal
import threading
from types import FrameType
from typing import Annotated

import typer


def stream(
    icecast_url: Annotated[
        str | None, typer.Option("--icecast-url", help="Máy chủ Icecast (LOA_STREAM_ICECAST_URL)")
    ] = None,
) -> None:
    """Phát trực tiếp các buổi phát của mọi đài lên Icecast (và HLS) đến khi dừng (Ctrl-C)."""
    from pydantic import ValidationError

    from broadcast.cli.main import _fail, _settings
    from broadcast.config import Settings
    from broadcast.db import get_engine
    from broadcast.stream import StreamService

    settings = _settings()
    if icecast_url:  # validated again: the password check depends on the server's host
        try:
            values = settings.model_dump() | {"stream_icecast_url": icecast_url}
            settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
        except ValidationError as exc:
            _fail(str(exc.errors()[0]["msg"]).removeprefix("Value error, "))
            return
    if not settings.stream_icecast_url:
        _fail("chưa đặt máy chủ Icecast: dùng --icecast-url hoặc LOA_STREAM_ICECAST_URL")
        return
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    done = threading.Event()

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        done.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    service = StreamService(get_engine(settings.db_url), settings)
    service.start()
    typer.echo(f"Đang phát {len(service.feeders)} đài lên {settings.stream_icecast_url}")
    try:
        done.wait()
    finally:
        service.stop()
    typer.echo("Đã dừng phát trực tiếp.")


def register(app: typer.Typer) -> None:
    """Add the stream command to the `loa` app."""
    app.command(name="stream")(stream)
