"""Which kind of write each write route is: an exact table, read by the access check.

A write route missing from the table is for administrators only, and the generated access
test fails until the route is classified here.
"""

from broadcast.access import Action

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Writes that need no role: logging in (no account yet) and out (one's own session).
OPEN_WRITES = frozenset({("POST", "/auth/login"), ("POST", "/auth/logout")})

# The only routes a device's token (role player) reaches; every other route refuses it (403).
PLAYER_ROUTES = frozenset(
    {
        ("GET", "/player/v1/me"),
        ("GET", "/player/v1/schedule"),
        ("GET", "/player/v1/files/{export_id}"),
        ("POST", "/player/v1/heartbeat"),
        ("POST", "/player/v1/asrun"),
        ("GET", "/player/v1/events"),
        ("GET", "/player/v1/alerts"),
        ("GET", "/player/v1/alerts/{alert_id}/audio"),
        ("GET", "/player/v1/alerts/{alert_id}/live"),
    }
)

# (method, route path template) → the action the actor's roles must allow.
WRITE_ACTIONS: dict[tuple[str, str], Action] = {
    ("POST", "/player/v1/heartbeat"): Action.HEARTBEAT,
    ("POST", "/player/v1/asrun"): Action.REPORT_ASRUN,
    ("POST", "/alerts"): Action.SEND_ALERT,
    ("POST", "/alerts/{alert_id}/end"): Action.SEND_ALERT,
    ("POST", "/alerts/{alert_id}/live"): Action.SEND_ALERT,
    ("POST", "/asrun"): Action.LOG_ASRUN,
    ("POST", "/asrun/day"): Action.LOG_ASRUN,
    ("POST", "/asrun/upload"): Action.LOG_ASRUN,
    ("POST", "/auth/tokens"): Action.OWN_TOKENS,
    ("DELETE", "/auth/tokens/{token_id}"): Action.OWN_TOKENS,
    ("POST", "/campaigns"): Action.EDIT_CAMPAIGN,
    ("POST", "/campaigns/import"): Action.EDIT_CAMPAIGN,
    ("POST", "/campaigns/import/preview"): Action.EDIT_CAMPAIGN,
    ("POST", "/campaigns/{campaign_id}/reimport"): Action.EDIT_CAMPAIGN,
    ("POST", "/campaigns/{campaign_id}/reimport/preview"): Action.EDIT_CAMPAIGN,
    ("POST", "/campaigns/{campaign_id}/activate"): Action.EDIT_CAMPAIGN,
    ("DELETE", "/campaigns/{row_id}"): Action.EDIT_CAMPAIGN,
    ("PATCH", "/campaigns/{row_id}"): Action.EDIT_CAMPAIGN,
    ("POST", "/devices"): Action.MANAGE_DEVICES,
    ("PATCH", "/devices/{device_id}"): Action.MANAGE_DEVICES,
    ("POST", "/devices/{device_id}/token"): Action.MANAGE_DEVICES,
    ("POST", "/events"): Action.EDIT_CAMPAIGN,
    ("DELETE", "/events/{row_id}"): Action.EDIT_CAMPAIGN,
    ("PATCH", "/events/{row_id}"): Action.EDIT_CAMPAIGN,
    ("POST", "/exports/bundle"): Action.EXPORT,
    ("POST", "/lexicon"): Action.EDIT_LEXICON,
    ("POST", "/lexicon/import"): Action.EDIT_LEXICON,
    ("DELETE", "/lexicon/{entry_id}"): Action.EDIT_LEXICON,
    ("PATCH", "/lexicon/{entry_id}"): Action.EDIT_LEXICON,
    ("POST", "/lexicon/{entry_id}/restore"): Action.EDIT_LEXICON,
    ("POST", "/library"): Action.RECORD_AUDIO,
    ("DELETE", "/library/{item_id}"): Action.RECORD_AUDIO,
    ("PATCH", "/library/{item_id}"): Action.RECORD_AUDIO,
    ("POST", "/library/{item_id}/replace"): Action.RECORD_AUDIO,
    ("POST", "/phases"): Action.EDIT_CAMPAIGN,
    ("DELETE", "/phases/{row_id}"): Action.EDIT_CAMPAIGN,
    ("PATCH", "/phases/{row_id}"): Action.EDIT_CAMPAIGN,
    ("POST", "/playlists/generate"): Action.PROGRAMME,
    ("POST", "/playlists/{playlist_id}/export"): Action.EXPORT,
    ("POST", "/playlists/{playlist_id}/items"): Action.PROGRAMME,
    ("DELETE", "/playlists/{playlist_id}/items/{position}"): Action.PROGRAMME,
    ("POST", "/playlists/{playlist_id}/items/{position}/move"): Action.PROGRAMME,
    ("POST", "/playlists/{playlist_id}/items/{position}/pin"): Action.PROGRAMME,
    ("POST", "/playlists/{playlist_id}/lock"): Action.PROGRAMME,
    ("POST", "/playlists/{playlist_id}/regenerate"): Action.PROGRAMME,
    ("POST", "/schedule/lock"): Action.PROGRAMME,
    ("POST", "/schedule/lock-day"): Action.PROGRAMME,
    ("POST", "/schedule/urgent"): Action.EXPORT,
    ("POST", "/scheduler/run"): Action.PROGRAMME,
    ("POST", "/segments"): Action.EDIT_SEGMENT,
    ("DELETE", "/segments/{segment_id}"): Action.EDIT_SEGMENT,
    ("PATCH", "/segments/{segment_id}"): Action.EDIT_SEGMENT,
    ("POST", "/segments/{segment_id}/approve"): Action.APPROVE_SEGMENT,
    ("POST", "/segments/approve"): Action.APPROVE_SEGMENT,
    ("POST", "/segments/{segment_id}/audio"): Action.RECORD_AUDIO,
    ("POST", "/segments/{segment_id}/fast-track"): Action.FAST_TRACK,
    ("POST", "/segments/{segment_id}/library-audio"): Action.RECORD_AUDIO,
    ("POST", "/segments/{segment_id}/render"): Action.EDIT_SEGMENT,
    ("POST", "/segments/{segment_id}/submit"): Action.EDIT_SEGMENT,
    ("POST", "/segments/{segment_id}/return"): Action.APPROVE_SEGMENT,
    ("POST", "/slots"): Action.MANAGE_STATION,
    ("DELETE", "/slots/{row_id}"): Action.MANAGE_STATION,
    ("PATCH", "/slots/{row_id}"): Action.MANAGE_STATION,
    ("POST", "/speech/preview"): Action.PREVIEW_SPEECH,
    ("POST", "/stations"): Action.MANAGE_STATION,
    ("DELETE", "/stations/{row_id}"): Action.MANAGE_STATION,
    ("PATCH", "/stations/{row_id}"): Action.MANAGE_STATION,
    ("POST", "/topics"): Action.EDIT_CAMPAIGN,
    ("DELETE", "/topics/{row_id}"): Action.EDIT_CAMPAIGN,
    ("PATCH", "/topics/{row_id}"): Action.EDIT_CAMPAIGN,
    ("POST", "/bulletins"): Action.ISSUE_BULLETIN,
    ("PATCH", "/bulletins/{bulletin_id}"): Action.ISSUE_BULLETIN,
    ("POST", "/bulletins/{bulletin_id}/audio"): Action.ISSUE_BULLETIN,
    ("POST", "/bulletins/{bulletin_id}/approve"): Action.APPROVE_SEGMENT,
    ("POST", "/deliveries/{delivery_id}/place"): Action.PLACE_BULLETIN,
    ("POST", "/deliveries/{delivery_id}/refuse"): Action.PLACE_BULLETIN,
    ("POST", "/deliveries/{delivery_id}/order"): Action.PLACE_BULLETIN,
    ("POST", "/units"): Action.MANAGE_STATION,
    ("PATCH", "/units/{unit_id}"): Action.MANAGE_STATION,
    ("DELETE", "/units/{unit_id}"): Action.MANAGE_STATION,
    ("POST", "/users"): Action.MANAGE_USERS,
    ("PATCH", "/users/{user_id}"): Action.MANAGE_USERS,
}


def action_for(method: str, path: str) -> Action | None:
    """The action a route is checked against; None for reads and open writes."""
    key = (method.upper(), path)
    if key[0] in SAFE_METHODS or key in OPEN_WRITES:
        return None
    try:
        return WRITE_ACTIONS[key]
    except KeyError:
        raise LookupError(f"write route {method} {path} has no access rule") from None
