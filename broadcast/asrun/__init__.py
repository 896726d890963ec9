"""As-run: what aired, confirmed by operators or player logs, and the airtime report built on it."""

from broadcast.asrun.reports import GROUPINGS, airtime, airtime_csv, minutes_by_event_week
from broadcast.asrun.service import asrun_public, confirm, import_player_log, list_asrun
from broadcast.asrun.status import session_statuses

__all__ = [
    "GROUPINGS",
    "airtime",
    "airtime_csv",
    "asrun_public",
    "confirm",
    "import_player_log",
    "list_asrun",
    "minutes_by_event_week",
    "session_statuses",
]
