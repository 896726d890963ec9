"""Accounts: users and roles, password login with lock-out, web sessions, API tokens."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlmodel import Session, col, delete, select

from broadcast import crud
from broadcast.access import Actor
from broadcast.audit import audit_as, record_event
from broadcast.errors import Conflict, InvalidInput, NotFound
from broadcast.models.accounts import (
    ApiToken,
    RoleGrant,
    User,
    UserCreate,
    UserPublic,
    UserRole,
    UserUpdate,
    WebSession,
)
from broadcast.models.common import utcnow
from broadcast.models.station import Station

HASHER = PasswordHash((Argon2Hasher(),))
_DUMMY_HASH = HASHER.hash("loa-dummy-password-for-timing")
TOKEN_PREFIX = "loa_"


def digest(secret: str) -> str:
    """SHA-256 hex of a session cookie or API token; only this is stored."""
    return hashlib.sha256(secret.encode()).hexdigest()


def aware(moment: datetime | None) -> datetime | None:
    """A stored time as timezone-aware UTC (SQLite returns naive datetimes)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def grants_of(db: Session, user_id: int) -> list[RoleGrant]:
    """The roles a user holds, in a stable order."""
    rows = db.exec(select(UserRole).where(UserRole.user_id == user_id)).all()
    grants = [RoleGrant(role=row.role, station_id=row.station_id) for row in rows]
    return sorted(grants, key=lambda g: (g.station_id or 0, g.role.value))


def actor_for(db: Session, user: User) -> Actor:
    """The acting identity of a user, with their grants."""
    assert user.id is not None
    grants = tuple((g.role, g.station_id) for g in grants_of(db, user.id))
    return Actor(name=user.username, user_id=user.id, grants=grants)


def user_public(db: Session, user: User) -> UserPublic:
    """The API view of a user, with roles and never the password hash."""
    assert user.id is not None
    return UserPublic.model_validate(user, update={"roles": grants_of(db, user.id)})


def _set_roles(db: Session, user: User, grants: list[RoleGrant]) -> None:
    for grant in grants:
        if grant.station_id is not None and db.get(Station, grant.station_id) is None:
            raise InvalidInput("roles", f"đài {grant.station_id} không tồn tại")
    db.exec(delete(UserRole).where(col(UserRole.user_id) == user.id))  # type: ignore[call-overload]
    assert user.id is not None
    unique = {(g.role, g.station_id) for g in grants}
    for role, station_id in sorted(unique, key=lambda g: (g[1] or 0, g[0].value)):
        db.add(UserRole(user_id=user.id, role=role, station_id=station_id))
    crud.flush(db)


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
    """Change a user's name, password, roles, activity, or lift a lock-out."""
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
    if patch.roles is not None:
        _set_roles(db, user, patch.roles)
    if patch.is_active is False:
        end_sessions(db, user)
    return user


def end_sessions(db: Session, user: User) -> None:
    """Log a user out everywhere."""
    db.exec(delete(WebSession).where(col(WebSession.user_id) == user.id))  # type: ignore[call-overload]


@dataclass(frozen=True)
class LoginPolicy:
    max_failures: int = 5
    lockout: timedelta = timedelta(minutes=15)


@dataclass(frozen=True)
class LoginRefused:
    """Why a login was refused (the failure itself is recorded and must be committed)."""

    message: str
    code: str


#: How precisely a token's last use is kept: a request writes it at most this often.
TOKEN_USE_RESOLUTION = timedelta(minutes=5)

WRONG_CREDENTIALS = LoginRefused("tên đăng nhập hoặc mật khẩu không đúng", "login.wrong")


def check_password_login(
    db: Session, username: str, password: str, policy: LoginPolicy
) -> User | LoginRefused:
    """The user for these credentials, or why not; failures are counted and lock the account.

    A refusal is returned, not raised, so that the caller commits the failure count.
    """
    user = db.exec(select(User).where(User.username == username.strip().lower())).first()
    if user is None:
        HASHER.verify(password, _DUMMY_HASH)  # same cost as a real check
        record_event(db, "login_failed", "user_account", None, f"không có tài khoản {username!r}")
        return WRONG_CREDENTIALS
    now = utcnow()
    locked_until = aware(user.locked_until)
    if locked_until is not None and locked_until > now:
        record_event(db, "login_locked", "user_account", user.id, "tài khoản đang bị khoá")
        return LoginRefused(_locked_message(locked_until), "login.locked")
    if not user.is_active or not HASHER.verify(password, user.password_hash):
        _count_failure(db, user, policy, now)
        return WRONG_CREDENTIALS
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    db.add(user)
    record_event(db, "login", "user_account", user.id, "")
    return user


def _locked_message(until: datetime) -> str:
    local = until.astimezone(UTC) + timedelta(hours=7)
    return f"tài khoản bị khoá do nhập sai nhiều lần, thử lại sau {local:%H:%M} (giờ Việt Nam)"


def _count_failure(db: Session, user: User, policy: LoginPolicy, now: datetime) -> None:
    user.failed_logins += 1
    note = f"sai mật khẩu lần {user.failed_logins}"
    if user.failed_logins >= policy.max_failures:
        user.locked_until = now + policy.lockout
        user.failed_logins = 0
        note += "; tài khoản bị khoá"
    db.add(user)
    record_event(db, "login_failed", "user_account", user.id, note)


def open_web_session(db: Session, user: User, hours: float) -> tuple[str, WebSession]:
    """A new browser session: the cookie value (returned once) and its row."""
    assert user.id is not None
    cookie = secrets.token_urlsafe(32)
    row = WebSession(
        user_id=user.id,
        token_hash=digest(cookie),
        csrf_token=secrets.token_urlsafe(24),
        expires_at=utcnow() + timedelta(hours=hours),
    )
    db.add(row)
    crud.flush(db)
    return cookie, row


def find_web_session(db: Session, cookie: str) -> tuple[User, WebSession] | None:
    """The live session and its active user for a cookie value, else None."""
    row = db.exec(select(WebSession).where(WebSession.token_hash == digest(cookie))).first()
    if row is None or (aware(row.expires_at) or utcnow()) <= utcnow():
        return None
    user = db.get(User, row.user_id)
    return (user, row) if user is not None and user.is_active else None


def close_web_session(db: Session, cookie: str) -> None:
    """Log this browser out."""
    db.exec(delete(WebSession).where(col(WebSession.token_hash) == digest(cookie)))  # type: ignore[call-overload]


def issue_token(db: Session, user: User, name: str) -> tuple[str, ApiToken]:
    """A new API token for a user: its value (shown once) and its row."""
    assert user.id is not None
    value = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, name=name, token_hash=digest(value), prefix=value[:10])
    db.add(row)
    crud.flush(db)
    return value, row


def find_token_user(db: Session, value: str) -> User | None:
    """The active user a live API token belongs to; marks the token used."""
    row = db.exec(select(ApiToken).where(ApiToken.token_hash == digest(value))).first()
    if row is None or row.revoked_at is not None:
        return None
    user = db.get(User, row.user_id)
    if user is None or not user.is_active:
        return None
    now = utcnow()
    last = aware(row.last_used_at)
    if last is None or now - last >= TOKEN_USE_RESOLUTION:  # not a write on every request
        row.last_used_at = now
        db.add(row)
    return user


def revoke_token(db: Session, token: ApiToken) -> ApiToken:
    """Make a token unusable; the row stays for the audit trail."""
    if token.revoked_at is not None:
        raise Conflict("mã truy cập đã bị thu hồi", code="token.revoked")
    with audit_as(db, "revoke"):
        token.revoked_at = utcnow()
        db.add(token)
        crud.flush(db)
    return token


def get_user(db: Session, user_id: int) -> User:
    """The user with this id, or NotFound."""
    user = db.get(User, user_id)
    if user is None:
        raise NotFound("tài khoản", user_id)
    return user


def count_users(db: Session) -> int:
    """How many accounts exist (none before `loa create-admin`)."""
    return len(db.exec(select(User.id)).all())
