"""The ``loa`` command line: one Typer app, its commands grouped by module."""

from broadcast.cli.main import app

__all__ = ["app"]
