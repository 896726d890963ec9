"""The ``loa`` command line: one Typer app, its commands grouped by module.

accounts.py  `loa create-admin` and `loa create-token`: accounts from the command line
backup.py    `loa backup`, `loa restore` and `loa migrate`: a consistent snapshot while the service
             runs, its restore, and the database brought to the newest schema
main.py      The `loa` command line: serve, demo, generate, export, normalize, speak
plans.py     `loa import-plan`: a plan document becomes a draft campaign (or, with --json, a parse)
schedule.py  `loa schedule run|status|range`: the scheduler pass and range programming from the CLI
speech.py    `loa normalize` and `loa speak`: spoken text, span sources, and synthesis to a WAV
             file
stream.py    `loa stream`: feed every station's live stream (Icecast, HLS) from a separate machine
worker.py    `loa worker`: run queued jobs in a process of its own, any number on any machine
"""

from broadcast.cli.main import app

__all__ = ["app"]
