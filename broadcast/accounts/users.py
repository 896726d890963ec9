"""Users and their roles per station or unit: create, change, deactivate; the last admin stays."""

from sqlmodel import Session, col, delete, select

from broadcast import crud
from broadcast.access import Actor, Grantee
from broadcast.access.units import stations_under, units_under
from broadcast.accounts.hashing import HASHER
from broadcast.errors import Conflict, InvalidInput, NotFound
from broadcast.models.accounts import (
    ApiToken,
    Role,
    RoleGrant,
    User,
    UserCreate,
    UserPublic,
    UserRole,
    UserUpdate,
    WebSession,
)
from broadcast.models.common import utcnow
from broadcast.models.station import Station, Unit


def grants_of(db: Session, user_id: int) -> list[RoleGrant]:
    """The roles a user holds, in a stable order."""
    rows = db.exec(select(UserRole).where(UserRole.user_id == user_id)).all()
    grants = [
        RoleGrant(role=row.role, station_id=row.station_id, unit_id=row.unit_id) for row in rows
    ]
    return sorted(grants, key=lambda g: (g.unit_id or 0, g.station_id or 0, g.role.value))


def actor_for(db: Session, user: User) -> Actor:
    """The acting identity of a user: a role on a unit holds on every unit and station under it."""
    assert user.id is not None
    conn = db.connection()
    grants: list[tuple[Grantee, int | None]] = []
    unit_grants: list[tuple[Grantee, int]] = []
    for grant in grants_of(db, user.id):
        if grant.unit_id is None:
            grants.append((grant.role, grant.station_id))
            continue
        units = units_under(conn, [grant.unit_id])
        stations = stations_under(conn, [grant.unit_id])  # the same walk, from its top
        unit_grants.extend((grant.role, unit) for unit in sorted(units))
        grants.extend((grant.role, station) for station in sorted(stations))
    held = {station for _role, station in grants if station is not None}
    query = select(Station.unit_id).where(
        col(Station.id).in_(held), col(Station.unit_id).isnot(None)
    )
    return Actor(
        name=user.username,
        user_id=user.id,
        grants=tuple(dict.fromkeys(grants)),
        unit_grants=tuple(dict.fromkeys(unit_grants)),
        station_units=frozenset(u for u in db.exec(query).all() if u is not None),
    )


def user_public(db: Session, user: User) -> UserPublic:
    """The API view of a user, with roles and never the password hash."""
    assert user.id is not None
    return UserPublic.model_validate(user, update={"roles": grants_of(db, user.id)})


def _set_roles(db: Session, user: User, grants: list[RoleGrant]) -> bool:
    """Give the user exactly these roles (each change audited); True when one was removed."""
    for grant in grants:
        if grant.station_id is not None and db.get(Station, grant.station_id) is None:
            raise InvalidInput("roles", f"đài {grant.station_id} không tồn tại")
        if grant.unit_id is not None and db.get(Unit, grant.unit_id) is None:
            raise InvalidInput("roles", f"đơn vị {grant.unit_id} không tồn tại")
    assert user.id is not None
    held = {
        (r.role, r.station_id, r.unit_id): r
        for r in db.exec(select(UserRole).where(UserRole.user_id == user.id))
    }
    wanted = {(g.role, g.station_id, g.unit_id) for g in grants}
    for key in held.keys() - wanted:
        db.delete(held[key])
    for role, station_id, unit_id in sorted(
        wanted - held.keys(), key=lambda g: (g[2] or 0, g[1] or 0, g[0].value)
    ):
        db.add(UserRole(user_id=user.id, role=role, station_id=station_id, unit_id=unit_id))
    crud.flush(db)
    return bool(held.keys() - wanted)


def _is_global_admin(db: Session, user_id: int) -> bool:
    query = select(UserRole).where(
        UserRole.user_id == user_id,
        UserRole.role == Role.ADMIN,
        col(UserRole.station_id).is_(None),
        col(UserRole.unit_id).is_(None),
    )
    return db.exec(query).first() is not None


def _check_not_last_admin(db: Session, user: User, patch: UserUpdate) -> None:
    """Conflict when the change would leave no active admin of every station."""
    assert user.id is not None
    if not user.is_active or not _is_global_admin(db, user.id):
        return
    demoted = patch.roles is not None and not any(
        g.role == Role.ADMIN and g.is_global for g in patch.roles
    )
    if patch.is_active is not False and not demoted:
        return
    others = select(UserRole.user_id).where(
        UserRole.role == Role.ADMIN,
        col(UserRole.station_id).is_(None),
        col(UserRole.unit_id).is_(None),
        UserRole.user_id != user.id,
    )
    active = select(User.id).where(col(User.id).in_(others), User.is_active == True)  # noqa: E712
    if db.exec(active).first() is None:
        raise Conflict(
            "đây là quản trị viên cuối cùng của mọi đài: không thể khoá hay bớt quyền",
            code="user.last_admin",
        )


def create_user(db: Session, data: UserCreate) -> User:
    """A new account with a hashed password and its roles; the username must be free."""
    if db.exec(select(User).where(User.username == data.username)).first():
        raise Conflict(f"tên đăng nhập '{data.username}' đã có người dùng", code="user.exists")
    user = User(
        username=data.username,
        full_name=data.full_name,
        password_hash=HASHER.hash(data.password),
    )
    db.add(user)
    crud.flush(db)
    _set_roles(db, user, data.roles)
    return user


def update_user(db: Session, user: User, patch: UserUpdate) -> User:
    """Change a user's name, password, roles, activity, or lift a lock-out.

    A new password, a deactivation or a removed role ends the user's sessions and tokens.
    """
    _check_not_last_admin(db, user, patch)
    if patch.full_name is not None:
        user.full_name = patch.full_name
    if patch.password is not None:
        user.password_hash = HASHER.hash(patch.password)
    if patch.is_active is not None:
        user.is_active = patch.is_active
    if patch.unlock:
        user.failed_logins = 0
        user.locked_until = None
    db.add(user)
    crud.flush(db)
    removed = _set_roles(db, user, patch.roles) if patch.roles is not None else False
    if patch.password is not None or patch.is_active is False or removed:
        end_access(db, user)
    return user


def end_access(db: Session, user: User) -> None:
    """Log a user out everywhere and revoke their API tokens."""
    db.exec(delete(WebSession).where(col(WebSession.user_id) == user.id))  # type: ignore[call-overload]
    live = select(ApiToken).where(ApiToken.user_id == user.id, col(ApiToken.revoked_at).is_(None))
    for token in db.exec(live).all():
        token.revoked_at = utcnow()
        db.add(token)
    crud.flush(db)


def get_user(db: Session, user_id: int) -> User:
    """The user with this id, or NotFound."""
    user = db.get(User, user_id)
    if user is None:
        raise NotFound("tài khoản", user_id)
    return user


def count_users(db: Session) -> int:
    """How many accounts exist (none before `loa create-admin`)."""
    return len(db.exec(select(User.id)).all())
