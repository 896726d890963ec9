"""Domain errors of Loa. They carry no HTTP codes; `api.errors` maps their kind to a status.

LoaError                  kind            what it means
 ├── NotFound             not_found       a referenced row does not exist
 ├── Conflict             conflict        the request contradicts the stored state
 │    └── InUse           conflict        a row others still use cannot go (lists them)
 ├── InvalidInput         invalid_input   a field's value is not acceptable (names the field)
 ├── JobFailed            job_failed      a background job could not finish
 ├── Unauthenticated      unauthenticated no valid login or token
 └── Forbidden            forbidden       the user's roles do not allow the action

Every error also has a stable ``code`` (``"segment.not_cleared"``, ``"session.empty"``…; the
kind when nothing finer is needed). Code that reacts to an error — hints, the job log, API
clients — reads the code, never the Vietnamese message.
"""


class LoaError(Exception):
    """Base of every domain error: a kind, a stable code and a message in Vietnamese."""

    kind = "error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.kind


class NotFound(LoaError):
    """A row that the request names does not exist."""

    kind = "not_found"

    def __init__(self, what: str, ident: object, *, code: str | None = None) -> None:
        super().__init__(f"{what} {ident} không tồn tại", code=code)
        self.what = what
        self.ident = ident


class Conflict(LoaError):
    """The request cannot be applied to the current state."""

    kind = "conflict"


class InUse(Conflict):
    """A row cannot be removed while others use it; `users` lists them for the client."""

    def __init__(self, message: str, users: list[dict[str, object]], *, code: str) -> None:
        super().__init__(message, code=code)
        self.users = users


class InvalidInput(LoaError):
    """A field's value is not acceptable; the message names the field."""

    kind = "invalid_input"

    def __init__(self, field: str, message: str, *, code: str | None = None) -> None:
        super().__init__(f"{field}: {message}", code=code)
        self.field = field
        self.detail = message


class JobFailed(LoaError):
    """A background job stopped with an error."""

    kind = "job_failed"


class Unauthenticated(LoaError):
    """The request carries no valid login or token."""

    kind = "unauthenticated"


class Forbidden(LoaError):
    """The user is logged in but their role does not allow this."""

    kind = "forbidden"
