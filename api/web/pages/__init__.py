"""Page routers of the web UI, one module per menu section, in menu order."""

from api.web.pages import (
    audit,
    campaigns,
    exports,
    home,
    lexicon,
    login,
    record,
    reports,
    schedule,
    segments,
    settings,
    users,
)

ROUTERS = [login.router, home.router, segments.router, record.router, lexicon.router]
ROUTERS += [schedule.router, exports.router, reports.router, campaigns.router]
ROUTERS += [audit.router, settings.router, users.router]
