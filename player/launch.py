"""The `loa` console script: `loa player ...` runs the player without importing the server."""

import sys


def main(argv: list[str] | None = None) -> int:
    """Dispatch `loa player` to the player; every other command to the server's CLI."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["player"]:
        from player.cli import main as player_main

        return player_main(args[1:])
    from broadcast.cli import app  # the server stack, imported only when asked for

    app(args=args, prog_name="loa")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
