"""Who may do what on which station: the one access path of routes, pages and the CLI.

roles.py   what each role may do (every write is one ``Action``), who is acting (``Actor``)
owners.py  which stations own a row, followed through its table's links
scope.py   ``Scope``: the rows one actor reaches in one request, checked for one action
"""

from broadcast.access.owners import SHARED, Owners, owners, single_station
from broadcast.access.roles import (
    ALL_ACTIONS,
    DEVICE_ACTIONS,
    JOB,
    ROLE_ACTIONS,
    ROLE_LABELS,
    SCHEDULER,
    SYSTEM,
    Action,
    Actor,
    DeviceRole,
    Grantee,
    device_actor,
    require,
    require_admin,
)
from broadcast.access.scope import Scope, row_values, visible_row, visible_stations

__all__ = [
    "ALL_ACTIONS",
    "DEVICE_ACTIONS",
    "DeviceRole",
    "Grantee",
    "device_actor",
    "JOB",
    "ROLE_ACTIONS",
    "ROLE_LABELS",
    "SCHEDULER",
    "SHARED",
    "SYSTEM",
    "Action",
    "Actor",
    "Owners",
    "Scope",
    "owners",
    "require",
    "require_admin",
    "row_values",
    "single_station",
    "visible_row",
    "visible_stations",
]
