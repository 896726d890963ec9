"""Which role-checked action each write route is: one ordered table, first match wins."""

from broadcast.access import Action

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# (path template prefix, action) — the most specific prefixes come first.
WRITE_RULES: tuple[tuple[str, Action], ...] = (
    ("/segments/{segment_id}/approve", Action.APPROVE_SEGMENT),
    ("/segments/{segment_id}/return", Action.APPROVE_SEGMENT),
    ("/segments/{segment_id}/fast-track", Action.FAST_TRACK),
    ("/segments/{segment_id}/audio", Action.RECORD_AUDIO),
    ("/segments", Action.EDIT_SEGMENT),
    ("/stations", Action.MANAGE_STATION),
    ("/slots", Action.MANAGE_STATION),
    ("/campaigns", Action.EDIT_CAMPAIGN),
    ("/events", Action.EDIT_CAMPAIGN),
    ("/phases", Action.EDIT_CAMPAIGN),
    ("/topics", Action.EDIT_CAMPAIGN),
    ("/lexicon", Action.EDIT_LEXICON),
    ("/speech/preview", Action.PREVIEW_SPEECH),
    ("/playlists/{playlist_id}/export", Action.EXPORT),
    ("/playlists", Action.PROGRAMME),
    ("/schedule/urgent", Action.EXPORT),
    ("/schedule", Action.PROGRAMME),
    ("/scheduler", Action.PROGRAMME),
    ("/exports", Action.EXPORT),
    ("/asrun", Action.LOG_ASRUN),
    ("/users", Action.MANAGE_USERS),
    ("/auth/tokens", Action.OWN_TOKENS),
)

# Writes that need no role: logging in (no account yet) and out (one's own session).
OPEN_WRITES = frozenset({"/auth/login", "/auth/logout"})


def action_for(method: str, path: str) -> Action | None:
    """The action a write route is checked against; None for reads and open writes."""
    if method.upper() in SAFE_METHODS or path in OPEN_WRITES:
        return None
    for prefix, action in WRITE_RULES:
        if path == prefix or path.startswith(prefix + "/"):
            return action
    raise LookupError(f"write route {method} {path} has no access rule")
