"""Phases offered in segment forms and filters, each named with its campaign.

Two campaigns can have phases with the same code (a plan and its copy, two years of the same
congress); the campaign name tells them apart.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from api.web.labels import CAMPAIGN_STATUS_LABELS
from broadcast.models import Campaign, CampaignStatus, Phase


@dataclass(frozen=True)
class PhaseChoice:
    """A phase as a form offers it: its own fields and the name of its campaign."""

    id: int
    code: str
    title: str
    starts_on: date | None
    ends_on: date | None
    campaign_id: int
    campaign: str


def campaign_names(campaigns: list[Campaign]) -> dict[int, str]:
    """Short, distinct names: the document number (or title), #id when two share it, status."""
    base = {c.id or 0: c.document_number or _short(c.title) for c in campaigns}
    shared = Counter(base.values())
    names = {}
    for c in campaigns:
        name = base[c.id or 0]
        if shared[name] > 1:
            name = f"{name} #{c.id}"
        if c.status != CampaignStatus.ACTIVE:
            name = f"{name} ({CAMPAIGN_STATUS_LABELS[c.status].lower()})"
        names[c.id or 0] = name
    return names


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def phase_choices(db: Session, station_id: int) -> list[PhaseChoice]:
    """The station's phases, by campaign (active ones first) then start date."""
    campaigns = list(db.exec(select(Campaign).where(Campaign.station_id == station_id)).all())
    names = campaign_names(campaigns)
    order = {c.id: (c.status != CampaignStatus.ACTIVE, c.id) for c in campaigns}
    phases = db.exec(select(Phase).where(col(Phase.campaign_id).in_(names.keys()))).all()
    ranked = sorted(
        phases, key=lambda p: (order[p.campaign_id], p.starts_on or date.max, p.id or 0)
    )
    return [
        PhaseChoice(p.id or 0, p.code, p.title, p.starts_on, p.ends_on, p.campaign_id,
                    names[p.campaign_id])
        for p in ranked
    ]  # fmt: skip
