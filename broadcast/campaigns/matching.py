"""Which campaign of a station a plan already is (same number, code and issuer)."""

import unicodedata

from sqlmodel import Session, select

from broadcast.models import Campaign, CampaignStatus
from broadcast.plans import PlanParse

#: Which of several matching campaigns a re-import updates: work in progress first.
STATUS_ORDER = {CampaignStatus.ACTIVE: 0, CampaignStatus.DRAFT: 1, CampaignStatus.ARCHIVED: 2}


def same_text(left: str | None, right: str | None) -> bool:
    """Equal once case, Unicode form, "Uỷ"/"Ủy" and runs of spaces are set aside."""
    return key_text(left) == key_text(right)


def key_text(text: str | None) -> str:
    """The form two texts are compared in."""
    folded = unicodedata.normalize("NFC", text or "").replace("Uỷ", "Ủy").replace("uỷ", "ủy")
    return " ".join(folded.casefold().split())


def plan_matches(campaign: Campaign, plan: PlanParse) -> bool:
    """True when the campaign was made from this plan (see ``same_plan``)."""
    doc = plan.document
    number = doc.full_number
    if not number and not doc.title:
        return False
    same_id = (
        same_text(campaign.document_number, number)
        if number
        else same_text(campaign.title, doc.title)
    )
    issuer = campaign.issuing_body
    return same_id and (not issuer or not doc.issuer or same_text(issuer, doc.issuer))


def same_plan(db: Session, station_id: int, plan: PlanParse) -> Campaign | None:
    """The station's campaign made from this plan: same number/code and same issuer.

    A plan without a number matches on its title and issuer instead. An issuer missing on
    either side does not prevent a match (older campaigns were typed in by hand).
    """
    rows = db.exec(select(Campaign).where(Campaign.station_id == station_id)).all()
    found = [row for row in rows if plan_matches(row, plan)]
    found.sort(key=lambda row: (STATUS_ORDER.get(row.status, 3), -(row.id or 0)))
    return found[0] if found else None
