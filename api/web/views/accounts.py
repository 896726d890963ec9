"""What the Người dùng pages show: accounts with roles and lock state, a user's API tokens."""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from broadcast.accounts import aware, grants_of
from broadcast.models.accounts import ApiToken, RoleGrant, User
from broadcast.models.common import utcnow


@dataclass(frozen=True)
class AccountRow:
    """An account as the list shows it."""

    user: User
    grants: list[RoleGrant]
    locked_until: datetime | None  # set only while the lock-out lasts

    @property
    def grants_json(self) -> str:
        """The grants as the JSON the roles grid starts from."""
        return grants_json(self.grants)


def grants_json(grants: list[RoleGrant]) -> str:
    """Role grants as a JSON list of {"role", "station_id"} (and "unit_id" for a unit's)."""
    return json.dumps(
        [
            g.model_dump(mode="json", exclude={"unit_id"} if g.unit_id is None else None)
            for g in grants
        ]
    )


def account_row(db: Session, user: User) -> AccountRow:
    """One account with its roles and whether it is locked out now."""
    assert user.id is not None
    until = aware(user.locked_until)
    locked = until if until is not None and until > utcnow() else None
    return AccountRow(user, grants_of(db, user.id), locked)


def account_rows(db: Session, users: Iterable[User]) -> list[AccountRow]:
    """The rows of these accounts, in their order."""
    return [account_row(db, user) for user in users]


def user_tokens(db: Session, user_id: int) -> list[ApiToken]:
    """A user's API tokens, live ones first, newest first."""
    query = select(ApiToken).where(ApiToken.user_id == user_id)
    rows = db.exec(query.order_by(col(ApiToken.id).desc())).all()
    return sorted(rows, key=lambda t: t.revoked_at is not None)
