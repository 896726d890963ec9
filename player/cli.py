"""`loa player`: options, logging rotated in the cache, clean exit on SIGTERM or --until."""

import argparse
import logging
import logging.handlers
import os
import signal
import sys
from pathlib import Path

from player import AGENT_VERSION
from player.clock import parse_utc

LOG_BYTES, LOG_BACKUPS = 1_000_000, 3


def parser() -> argparse.ArgumentParser:
    """The command line of `loa player`."""
    found = argparse.ArgumentParser(
        prog="loa player",
        description="Máy phát của đài: tải lịch và tệp trước, phát từng buổi đúng giờ từ bộ nhớ "
        "đệm, báo cáo đã phát (reference player for a Loa station's loudspeakers).",
    )
    found.add_argument("--server", required=True, help="Địa chỉ dịch vụ Loa, vd http://loa:8000")
    found.add_argument("--token", default=os.environ.get("LOA_PLAYER_TOKEN"),
                       help="Mã thiết bị loa_dev_… (hoặc biến LOA_PLAYER_TOKEN)")  # fmt: skip
    found.add_argument("--cache", type=Path, required=True, help="Thư mục bộ nhớ đệm và nhật ký")
    found.add_argument("--output", default="sound",
                       help="sound (loa), null, hoặc file:THƯ_MỤC (tệp WAV)")  # fmt: skip
    found.add_argument("--until", type=parse_utc, help="Dừng lúc này (ISO 8601, mặc định UTC)")
    found.add_argument("--ffmpeg", help="Đường dẫn ffmpeg (mặc định: ffmpeg trong PATH)")
    found.add_argument("--cache-max-mb", type=float, default=2000.0, help="Dung lượng tối đa")
    found.add_argument("--days", type=int, default=2, help="Số ngày lịch tải trước (1-14)")
    found.add_argument("--log-level", default="INFO", help="DEBUG, INFO, WARNING")
    found.add_argument("--version", action="version", version=AGENT_VERSION)
    found.add_argument("--time-scale", type=float, default=1.0, help=argparse.SUPPRESS)
    found.add_argument("--rehearse", type=parse_utc, metavar="ISO", dest="time_origin",
                       help="Chạy thử: phát như thể đồng hồ đang chỉ giờ này")  # fmt: skip
    found.add_argument("--time-origin", type=parse_utc, help=argparse.SUPPRESS)
    return found


def setup_logging(cache: Path, level: str) -> None:
    """Log to stderr and to cache/player.log, rotated (1 MB × 4 files at most)."""
    cache.mkdir(parents=True, exist_ok=True)
    handlers: list[logging.Handler] = [
        logging.StreamHandler(sys.stderr),
        logging.handlers.RotatingFileHandler(
            cache / "player.log", maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        ),
    ]
    logging.basicConfig(
        level=level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=handlers,
    )


def main(argv: list[str] | None = None) -> int:
    """Run the player until --until, SIGTERM or Ctrl-C; 0 on a clean exit."""
    args = parser().parse_args(argv)
    if not args.token:
        parser().error("--token (or LOA_PLAYER_TOKEN) is required")
    setup_logging(args.cache, args.log_level)
    from player.agent import Agent
    from player.config import Config
    from player.playout import find_ffmpeg

    config = Config(
        server=args.server,
        token=args.token,
        cache=args.cache,
        output=args.output,
        until=args.until,
        ffmpeg=find_ffmpeg(args.ffmpeg),
        cache_max_mb=args.cache_max_mb,
        days=args.days,
        time_scale=args.time_scale,
        time_origin=args.time_origin,
    )
    try:
        agent = Agent(config)
    except ValueError as error:
        parser().error(str(error))
    signal.signal(signal.SIGTERM, lambda *_: agent.shutdown())
    signal.signal(signal.SIGINT, lambda *_: agent.shutdown())
    agent.run()
    return 0
