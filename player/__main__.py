"""`python -m player` runs `loa player`."""

from player.cli import main

raise SystemExit(main())
