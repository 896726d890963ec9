"""Campaigns: plans imported as draft campaigns, activated after review; the demo campaign.

demo.py         The demo campaign: plan 192/KH-UBND of phường Quang Trung, loaded from package data
plan_import.py  Import a plan document into a draft campaign; activate it after review
"""

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
