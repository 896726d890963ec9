"""Campaigns: plans imported as draft campaigns, activated after review; the demo campaign."""

from broadcast.campaigns.demo import database_is_empty, load_demo
from broadcast.campaigns.plan_import import (
    activate_campaign,
    import_plan,
    plan_import_record,
    read_plan,
)

__all__ = [
    "activate_campaign",
    "database_is_empty",
    "import_plan",
    "load_demo",
    "plan_import_record",
    "read_plan",
]
