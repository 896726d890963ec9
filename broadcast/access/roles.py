"""What each role may do, and who is acting: the role table every write is checked against."""

from dataclasses import dataclass, field
from enum import StrEnum

from broadcast.errors import Forbidden
from broadcast.models.accounts import Role


class Action(StrEnum):
    """Kinds of write; each API write route is classified as exactly one of them."""

    MANAGE_STATION = "station.manage"  # stations, slots, audio settings; units (on a unit role)
    MANAGE_USERS = "users.manage"
    EDIT_CAMPAIGN = "campaign.edit"  # campaigns, events, phases, topics, plan import
    EDIT_SEGMENT = "segment.edit"  # create, edit, delete, synthesise segments
    RECORD_AUDIO = "segment.record"  # upload or record a segment's audio
    APPROVE_SEGMENT = "segment.approve"  # approve or return a segment
    FAST_TRACK = "segment.fast_track"  # approve an emergency bulletin alone, with a reason
    EDIT_LEXICON = "lexicon.edit"
    PREVIEW_SPEECH = "speech.preview"
    PROGRAMME = "playlist.edit"  # generate and edit playlists, run the scheduler
    EXPORT = "export.run"  # exports, bundles, urgent bulletins
    LOG_ASRUN = "asrun.record"
    OWN_TOKENS = "tokens.own"  # create and revoke one's own API tokens
    MANAGE_DEVICES = "devices.manage"  # create, edit, disable devices and re-issue their tokens
    HEARTBEAT = "device.heartbeat"  # a device reports it is alive and what it plays
    REPORT_ASRUN = "device.asrun"  # a device reports what it played (items, sessions, alerts)
    SEND_ALERT = "alert.send"  # pre-empt the devices: an emergency bulletin or going live
    ISSUE_BULLETIN = "bulletin.issue"  # write a bulletin for the stations below a unit
    PLACE_BULLETIN = "bulletin.place"  # place, refuse or order a bulletin a station received


class DeviceRole(StrEnum):
    """The role of a device's token: bound to one station, never held by a user."""

    PLAYER = "player"


Grantee = Role | DeviceRole
ALL_ACTIONS = frozenset(Action)
# Actions only a device does (its own reports): no user role holds them.
DEVICE_ACTIONS: frozenset[Action] = frozenset({Action.HEARTBEAT, Action.REPORT_ASRUN})
ROLE_ACTIONS: dict[Grantee, frozenset[Action]] = {
    Role.ADMIN: ALL_ACTIONS - DEVICE_ACTIONS,
    Role.EDITOR: frozenset(
        {
            Action.EDIT_CAMPAIGN,
            Action.EDIT_SEGMENT,
            Action.RECORD_AUDIO,
            Action.EDIT_LEXICON,
            Action.PREVIEW_SPEECH,
            Action.PROGRAMME,
            Action.EXPORT,
            Action.OWN_TOKENS,
            Action.ISSUE_BULLETIN,
            Action.PLACE_BULLETIN,
        }
    ),
    Role.APPROVER: frozenset(
        {
            Action.APPROVE_SEGMENT,
            Action.SEND_ALERT,
            Action.PREVIEW_SPEECH,
            Action.PROGRAMME,
            Action.EXPORT,
            Action.OWN_TOKENS,
            Action.PLACE_BULLETIN,
        }
    ),
    Role.OPERATOR: frozenset(
        {
            Action.RECORD_AUDIO,
            Action.PREVIEW_SPEECH,
            Action.PROGRAMME,
            Action.EXPORT,
            Action.LOG_ASRUN,
            Action.OWN_TOKENS,
            Action.PLACE_BULLETIN,
        }
    ),
    Role.VIEWER: frozenset({Action.OWN_TOKENS}),
    DeviceRole.PLAYER: DEVICE_ACTIONS,
}
ROLE_LABELS = {
    Role.ADMIN: "Quản trị",
    Role.EDITOR: "Biên tập",
    Role.APPROVER: "Duyệt",
    Role.OPERATOR: "Phát thanh viên",
    Role.VIEWER: "Xem",
}


@dataclass(frozen=True)
class Actor:
    """Who is acting: a user with roles per station, a device of one station, or the system.

    `grants` are the roles per station (None: every station), those held on a unit included
    for each station under it; `unit_grants` are the roles per unit, for each unit under the
    one the role is held on.
    """

    name: str
    user_id: int | None = None
    grants: tuple[tuple[Grantee, int | None], ...] = field(default_factory=tuple)
    device_id: int | None = None
    unit_grants: tuple[tuple[Grantee, int], ...] = field(default_factory=tuple)
    station_units: frozenset[int] = frozenset()  # units of the stations held a role on: read

    @property
    def is_system(self) -> bool:
        """True for the CLI, the scheduler and jobs, which act without a user or device."""
        return self.user_id is None and self.device_id is None

    @property
    def is_device(self) -> bool:
        """True for a device acting with its own token (role player)."""
        return self.device_id is not None

    def roles(self, station_id: int | None = None) -> set[Grantee]:
        """Roles that apply on a station (None: on any station or unit)."""
        found = {
            role
            for role, grant_station in self.grants
            if grant_station is None or station_id is None or grant_station == station_id
        }
        return found | {role for role, _unit in self.unit_grants} if station_id is None else found

    def can(self, action: Action, station_id: int | None = None) -> bool:
        """Whether one of the actor's roles allows the action (on that station)."""
        if self.is_system:
            return True
        return any(action in ROLE_ACTIONS[role] for role in self.roles(station_id))

    def can_everywhere(self, action: Action) -> bool:
        """Whether a role held on every station (a global grant) allows the action."""
        if self.is_system:
            return True
        return any(
            station is None and action in ROLE_ACTIONS[role] for role, station in self.grants
        )

    def can_unit(self, action: Action, unit_id: int) -> bool:
        """Whether a role on every station, or on this unit or one above it, allows the action."""
        return self.can_everywhere(action) or any(
            unit == unit_id and action in ROLE_ACTIONS[role] for role, unit in self.unit_grants
        )

    def unit_ids(self) -> set[int] | None:
        """The units the actor reads (under a unit role, or of their stations); None for all."""
        if self.is_system or any(station is None for _role, station in self.grants):
            return None
        return {unit for _role, unit in self.unit_grants} | self.station_units

    def held_unit_ids(self) -> frozenset[int]:
        """The units under the actor's roles on units (not the units of their stations)."""
        return frozenset(unit for _role, unit in self.unit_grants)

    def station_ids(self) -> set[int] | None:
        """The stations the actor holds a role on; None for every station (a global role)."""
        if self.is_system or any(station is None for _role, station in self.grants):
            return None
        return {station for _role, station in self.grants if station is not None}


def device_actor(device_id: int, name: str, station_id: int) -> Actor:
    """The acting identity of a device: role player on its own station only."""
    return Actor(name=name, device_id=device_id, grants=((DeviceRole.PLAYER, station_id),))


SYSTEM = Actor(name="system")
SCHEDULER = Actor(name="scheduler")
JOB = Actor(name="job")


def require(actor: Actor, action: Action, station_id: int | None = None) -> None:
    """Forbidden unless the actor may do the action (on that station; None: on any)."""
    if not actor.can(action, station_id):
        where = f" trên đài {station_id}" if station_id is not None else ""
        raise Forbidden(f"tài khoản '{actor.name}' không có quyền {action.value}{where}")


def require_admin(actor: Actor) -> None:
    """Forbidden unless the actor is an administrator (a write no action names)."""
    if not actor.is_system and Role.ADMIN not in actor.roles():
        raise Forbidden("chỉ quản trị viên được thực hiện thao tác này", code="admin_only")
