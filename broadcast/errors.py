"""Domain errors of Loa. They carry no HTTP codes; `api.errors` maps them.

LoaError
 ├── NotFound        a referenced row does not exist
 ├── Conflict        the request contradicts the stored state
 ├── InvalidInput    a field's value is not acceptable (names the field)
 ├── JobFailed       a background job could not finish
 ├── Unauthenticated no valid login or token
 └── Forbidden       the user's roles do not allow the action
"""


class LoaError(Exception):
    """Base of every domain error: a short code and a human message."""

    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(LoaError):
    """A row that the request names does not exist."""

    code = "not_found"

    def __init__(self, what: str, ident: object) -> None:
        super().__init__(f"{what} {ident} không tồn tại")
        self.what = what
        self.ident = ident


class Conflict(LoaError):
    """The request cannot be applied to the current state."""

    code = "conflict"


class InvalidInput(LoaError):
    """A field's value is not acceptable; the message names the field."""

    code = "invalid_input"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


class JobFailed(LoaError):
    """A background job stopped with an error."""

    code = "job_failed"


class Unauthenticated(LoaError):
    """The request carries no valid login or token."""

    code = "unauthenticated"


class Forbidden(LoaError):
    """The user is logged in but their role does not allow this."""

    code = "forbidden"
