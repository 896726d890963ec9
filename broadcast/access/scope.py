"""What one actor reaches in one request: rows of their stations, checked for one action.

A row of a station the actor holds no role on reads as missing (NotFound), whatever the
request; a row they see but may not change for this action is Forbidden.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel, col, select

from broadcast.access.copies import refuse_copy_edit
from broadcast.access.owners import DIRECT, PARENTS, SHARED, Owners, owners, single_station
from broadcast.access.roles import Action, Actor
from broadcast.errors import Forbidden, InvalidInput, LoaError, NotFound
from broadcast.models.accounts import ApiToken, Role, User, UserRole
from broadcast.models.station import Station, Unit

M = TypeVar("M", bound=SQLModel)


def row_values(row: SQLModel) -> dict[str, Any]:
    """A row's column values by name (saved or not)."""
    return {name: getattr(row, name) for name in type(row).model_fields}


@dataclass(frozen=True)
class Scope:
    """An actor's reach over the database for one request; `action` None is a read."""

    db: Session
    actor: Actor
    action: Action | None = None

    def owners_of(self, row: SQLModel) -> Owners:
        """The stations owning a row."""
        table = str(getattr(row, "__tablename__", ""))
        return owners(self.db.connection(), table, row_values(row))

    def sees(self, found: Owners) -> bool:
        """Whether rows with these owners are visible to the actor."""
        mine = self.actor.station_ids()
        return found is SHARED or mine is None or bool(found & mine)

    def may(self, action: Action, found: Owners) -> bool:
        """Whether the actor may do `action` on rows with these owners."""
        if found is SHARED or not found:
            return self.actor.can_everywhere(action)
        return all(self.actor.can(action, station) for station in found)

    def _unit_roles(self, row: SQLModel) -> list[tuple[Role, int | None, int | None]]:
        """A user's roles (role, station, unit) when one is held on a unit; else none."""
        if not isinstance(row, User) or row.id is None:
            return []
        query = select(UserRole).where(UserRole.user_id == row.id)
        held = [(r.role, r.station_id, r.unit_id) for r in self.db.exec(query).all()]
        return held if any(unit is not None for _r, _s, unit in held) else []

    def sees_row(self, row: SQLModel) -> bool:
        """Whether a row is visible: by its stations, or (a user) by a role on a unit reached."""
        if self.sees(self.owners_of(row)):
            return True
        mine = self.actor.unit_ids() or set()
        return any(unit in mine for _r, _s, unit in self._unit_roles(row))

    def _may_user(self, action: Action, held: list[tuple[Role, int | None, int | None]]) -> bool:
        """Whether every role of a user (one held on a unit) lies where the actor may act."""
        return all(
            self.actor.can_unit(action, unit)
            if unit is not None
            else self.actor.can(action, station)
            if station is not None
            else self.actor.can_everywhere(action)
            for _role, station, unit in held
        )

    def _check(self, row: SQLModel, missing: LoaError, stored: bool = True) -> None:
        found = self.owners_of(row)
        if not self.sees_row(row) and (stored or found):
            raise missing  # a new row owned by no station has nothing to hide: Forbidden below
        action = self.action
        held = self._unit_roles(row)  # a user with a role on a unit: managed from that unit
        if action is not None and not (
            self._may_user(action, held) if held else self.may(action, found)
        ):
            where = single_station(found)
            place = f" trên đài {where}" if where is not None else " trên mọi đài"
            raise Forbidden(f"tài khoản '{self.actor.name}' không có quyền {action.value}{place}")

    def row(self, model: type[M], row_id: int) -> M:
        """A row by id: NotFound unless visible, Forbidden unless the action is allowed on it."""
        row = self.db.get(model, row_id)
        missing = NotFound(model.__name__, row_id)
        if row is None:
            raise missing
        self._check(row, missing)
        refuse_copy_edit(self.db, row, self.action)
        return row

    def check(self, row: SQLModel) -> None:
        """Check a new or changed row by what it points to: its station or its parent row.

        A station or parent the actor does not see is refused like a missing one: 422 naming
        the field that points to it.
        """
        table = str(getattr(row, "__tablename__", ""))
        if isinstance(row, Station) and row.id is None and row.unit_id is not None:
            self.move_station(None, row.unit_id)
            return  # a new station in a unit: its unit's admins create it
        column, target = (DIRECT[table], "station") if table in DIRECT else PARENTS[table]
        value = getattr(row, column)
        missing = InvalidInput(column, f"không tồn tại bản ghi {target} số {value}")
        self._check(row, missing, stored=False)

    def move_station(self, station: Station | None, unit_id: int | None) -> None:
        """Check a station's move from its unit to another (or a new station put in a unit):
        the caller administers both units; out of every unit needs a role on every station."""
        old = station.unit_id if station is not None else None
        if old == unit_id:
            return
        manage = Scope(self.db, self.actor, Action.MANAGE_STATION)
        for target in ([old] if old is not None else []) + [unit_id]:
            if target is not None or station is not None:
                manage.unit_target(target, "unit_id")

    def unit(self, unit_id: int, field: str | None = None) -> Unit:
        """A unit the actor reaches (for the request's action), else NotFound/Forbidden.

        With `field` (a body names the unit) a unit out of reach is an InvalidInput naming it.
        """
        found = self.db.get(Unit, unit_id)
        mine = self.actor.unit_ids()
        if found is None or (mine is not None and unit_id not in mine):
            if field is None:
                raise NotFound("đơn vị", unit_id)
            raise InvalidInput(field, f"đơn vị {unit_id} không tồn tại")
        if self.action is not None and not self.actor.can_unit(self.action, unit_id):
            raise Forbidden(
                f"tài khoản '{self.actor.name}' không có quyền {self.action.value}"
                f" trên đơn vị {unit_id}"
            )
        return found

    def unit_target(self, unit_id: int | None, field: str) -> None:
        """Check the unit a new row or role goes to; None needs a role on every station."""
        if unit_id is not None:
            self.unit(unit_id, field)
        elif self.action is not None and not self.actor.can_everywhere(self.action):
            raise Forbidden(
                f"tài khoản '{self.actor.name}' không có quyền {self.action.value} trên mọi đài"
            )

    def units(self) -> list[Unit]:
        """The units the actor reaches, by id."""
        query = select(Unit).order_by(col(Unit.id))
        mine = self.actor.unit_ids()
        if mine is not None:
            query = query.where(col(Unit.id).in_(mine))
        return list(self.db.exec(query).all())

    def token(self, token_id: int) -> ApiToken:
        """An API token to revoke: the actor's own, or one of a user the actor manages."""
        token = Scope(self.db, self.actor).row(ApiToken, token_id)
        owner = self.db.get(User, token.user_id)
        held = self._unit_roles(owner) if owner is not None else []
        manage = Action.MANAGE_USERS
        managed = self._may_user(manage, held) if held else self.may(manage, self.owners_of(token))
        if token.user_id != self.actor.user_id and not managed:
            raise Forbidden("chỉ được thu hồi mã truy cập của chính mình", code="token.not_own")
        return token

    def station(self, station_id: int, field: str | None = None) -> Station:
        """A station the actor works on (for the request's action), else NotFound/Forbidden.

        With `field` (the station is named in a request body) a station the actor does not see
        is an InvalidInput naming that field, as a missing one is.
        """
        try:
            return self.row(Station, station_id)
        except NotFound:
            if field is None:
                raise
            raise InvalidInput(field, f"đài {station_id} không tồn tại") from None

    def target(self, station_id: int | None, field: str = "station_id") -> None:
        """Check the station a new row goes to; None means every station (a global role)."""
        if station_id is not None:
            self.station(station_id, field)
        elif self.action is not None and not self.actor.can_everywhere(self.action):
            raise Forbidden(
                f"tài khoản '{self.actor.name}' không có quyền {self.action.value} trên mọi đài"
            )

    def station_ids(self) -> set[int] | None:
        """The stations the actor works on; None for all of them."""
        return self.actor.station_ids()

    def visible(self, rows: Iterable[M]) -> list[M]:
        """The rows the actor sees, in their order."""
        return [row for row in rows if self.sees_row(row)]

    def stations(self) -> list[Station]:
        """The stations the actor works on, by id."""
        query = select(Station).order_by(col(Station.id))
        mine = self.actor.station_ids()
        if mine is not None:
            query = query.where(col(Station.id).in_(mine))
        return list(self.db.exec(query).all())

    def acting_station_ids(self) -> set[int] | None:
        """The caller's stations where the request's action is allowed; None for all of them."""
        if self.action is not None and self.actor.can_everywhere(self.action):
            return None
        if self.action is None and self.actor.station_ids() is None:
            return None
        action = self.action
        return {
            s.id or 0 for s in self.stations() if action is None or self.actor.can(action, s.id)
        }

    def own_station(self, row: SQLModel) -> Station | None:
        """The single station owning a visible row (None when shared or several own it)."""
        station_id = single_station(self.owners_of(row))
        return None if station_id is None else self.db.get(Station, station_id)


def visible_stations(db: Session, actor: Actor) -> list[Station]:
    """The stations an actor works on, by id (every station for a global role)."""
    return Scope(db, actor).stations()


def visible_row(db: Session, actor: Actor, model: type[M], row_id: int) -> tuple[M, Station] | None:
    """A row and its station, or None when missing or not on a station the actor works on."""
    try:
        row = Scope(db, actor).row(model, row_id)
    except NotFound:
        return None
    station = Scope(db, actor).own_station(row)
    return None if station is None else (row, station)
