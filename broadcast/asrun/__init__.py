"""As-run: what aired, confirmed by operators or player logs, and the airtime report built on it.

reports.py  Airtime report from the as-run log: minutes and airings by topic, event, phase, week,
            month
service.py  As-run log: operators or players confirm what went out; a player log can be uploaded
            (CSV)
status.py   As-run status of sessions: confirmed aired/partly/not aired, or unconfirmed
"""

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
