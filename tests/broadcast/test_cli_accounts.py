"""`loa roles` prints the role matrix the API enforces."""

from typer.testing import CliRunner

from broadcast.access import Action
from broadcast.cli import app


def test_roles_prints_one_row_per_kind_of_write() -> None:
    result = CliRunner().invoke(app, ["roles"])
    assert result.exit_code == 0
    rows = [line for line in result.output.splitlines() if line.startswith("| ")][1:]
    assert len(rows) == len(Action)
    fast_track = next(row for row in rows if row.startswith("| segment.fast_track "))
    assert fast_track.split("|")[2:7] == [" ✓ ", " 403 ", " 403 ", " 403 ", " 403 "]
    approve = next(row for row in rows if row.startswith("| segment.approve "))
    assert approve.split("|")[2:7] == [" ✓ ", " 403 ", " ✓ ", " 403 ", " 403 "]
