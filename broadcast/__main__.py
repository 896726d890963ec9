"""`python -m broadcast` runs the `loa` command line."""

from broadcast.cli import app

app(prog_name="loa")
