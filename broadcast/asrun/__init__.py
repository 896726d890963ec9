"""As-run: what aired, confirmed by operators, player logs or devices, and the airtime report
built on it.

devices.py     As-run from devices: a session confirmed by what its devices report, best outcome
               first; a manual confirmation is never overwritten
past.py        Past sessions of a station with their as-run state, and confirming a whole day at
               once
player_log.py  Player log (CSV: date,time,status[,aired_seconds,note]): confirm the sessions it
               names
reports.py     Airtime report from the as-run log: minutes and airings by topic, event, phase,
               week, month
service.py     As-run log: operators or players confirm what went out, or correct a confirmation
status.py      As-run status of sessions: confirmed aired/partly/not aired, or unconfirmed
"""

from broadcast.asrun.devices import DEVICE_SOURCE, best_report, confirm_from_devices
from broadcast.asrun.past import PastSession, confirm_day, past_sessions, unconfirmed_count
from broadcast.asrun.player_log import PlayerLogResult, import_player_log
from broadcast.asrun.reports import (
    GENERAL,
    GROUPINGS,
    Attribution,
    aired_part,
    airtime,
    airtime_csv,
    minutes_by_event_week,
)
from broadcast.asrun.service import asrun_public, confirm, list_asrun, station_now
from broadcast.asrun.status import UNCONFIRMED, session_statuses

__all__ = [
    "DEVICE_SOURCE",
    "best_report",
    "confirm_from_devices",
    "GENERAL",
    "GROUPINGS",
    "Attribution",
    "aired_part",
    "UNCONFIRMED",
    "PastSession",
    "PlayerLogResult",
    "airtime",
    "airtime_csv",
    "asrun_public",
    "confirm",
    "confirm_day",
    "import_player_log",
    "list_asrun",
    "minutes_by_event_week",
    "past_sessions",
    "session_statuses",
    "station_now",
    "unconfirmed_count",
]
