"""Logging in: password checks with lock-out, web sessions, API tokens."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, delete, select, update

from broadcast import crud
from broadcast.accounts.hashing import DUMMY_HASH, HASHER, aware, digest
from broadcast.accounts.users import end_access
from broadcast.audit import audit_as, record_event
from broadcast.errors import Conflict
from broadcast.models.accounts import ApiToken, User, WebSession
from broadcast.models.common import utcnow

TOKEN_PREFIX = "loa_"


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

# One answer for every refusal (unknown user, wrong password, inactive or locked account), so
# that it tells nobody which usernames exist; the audit log keeps the real reason.
REFUSED = LoginRefused(
    "tên đăng nhập hoặc mật khẩu không đúng; sau nhiều lần nhập sai, tài khoản bị khoá một lúc",
    "login.refused",
)


def check_password_login(
    db: Session, username: str, password: str, policy: LoginPolicy
) -> User | LoginRefused:
    """The user for these credentials, or why not; failures are counted and lock the account.

    A refusal is returned, not raised, so that the caller commits the failure count.
    """
    user = db.exec(select(User).where(User.username == username.strip().lower())).first()
    if user is None:
        HASHER.verify(password, DUMMY_HASH)  # same cost as a real check
        record_event(db, "login_failed", "user_account", None, f"không có tài khoản {username!r}")
        return REFUSED
    now = utcnow()
    locked_until = aware(user.locked_until)
    if locked_until is not None and locked_until > now:
        record_event(db, "login_locked", "user_account", user.id, "tài khoản đang bị khoá")
        return REFUSED
    if not user.is_active or not HASHER.verify(password, user.password_hash):
        _count_failure(db, user, policy, now)
        return REFUSED
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    db.add(user)
    record_event(db, "login", "user_account", user.id, "")
    return user


def _count_failure(db: Session, user: User, policy: LoginPolicy, now: datetime) -> None:
    user.failed_logins += 1
    note = f"sai mật khẩu lần {user.failed_logins}"
    if user.failed_logins >= policy.max_failures:
        user.locked_until = now + policy.lockout
        user.failed_logins = 0
        note += "; tài khoản bị khoá"
        end_access(db, user)
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
        _touch(db, row.id or 0, now)
    return user


def _touch(db: Session, token_id: int, now: datetime) -> None:
    """Record a token's use in a short transaction of its own, committed at once.

    The request's own transaction stays read-only until the route writes: it never holds the
    database's write lock while it waits for a thread to run the route.
    """
    engine = db.get_bind()
    assert isinstance(engine, Engine)
    with engine.begin() as conn:
        conn.execute(update(ApiToken).where(col(ApiToken.id) == token_id).values(last_used_at=now))


def revoke_token(db: Session, token: ApiToken) -> ApiToken:
    """Make a token unusable; the row stays for the audit trail."""
    if token.revoked_at is not None:
        raise Conflict("mã truy cập đã bị thu hồi", code="token.revoked")
    with audit_as(db, "revoke"):
        token.revoked_at = utcnow()
        db.add(token)
        crud.flush(db)
    return token
