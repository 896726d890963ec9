"""Campaigns: plans imported as draft campaigns, activated after review; the demo campaign.

activation.py   Activate a reviewed draft campaign and add the slots its plan proposes
demo.py         The demo campaign: plan 192/KH-UBND of phường Quang Trung, loaded from package data
matching.py     Which campaign of a station a plan already is (same number, code and issuer)
plan_diff.py    What re-importing a plan would change in its campaign (fields, events, phases)
plan_import.py  Import a plan document into a draft campaign; refuse one the station has
reimport.py     Preview and apply a re-import: the existing campaign updated in place
removal.py      Delete a draft campaign; which template segments go with removed phases/topics
"""

from broadcast.campaigns.activation import activate_campaign
from broadcast.campaigns.demo import database_is_empty, load_demo
from broadcast.campaigns.plan_import import import_plan, plan_import_record, read_plan
from broadcast.campaigns.reimport import apply_reimport, preview_import, preview_reimport
from broadcast.campaigns.removal import delete_draft_campaign

__all__ = [
    "activate_campaign",
    "apply_reimport",
    "database_is_empty",
    "delete_draft_campaign",
    "import_plan",
    "load_demo",
    "plan_import_record",
    "preview_import",
    "preview_reimport",
    "read_plan",
]
