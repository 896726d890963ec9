"""The demo campaign: plan 192/KH-UBND of phường Quang Trung, loaded from package data."""

import json
from datetime import date, time
from importlib import resources
from typing import Any

from sqlmodel import Session, select

from broadcast import crud
from broadcast.models import (
    Campaign,
    CampaignCreate,
    Event,
    EventCreate,
    Phase,
    PhaseCreate,
    SegmentCreate,
    SessionSlot,
    SessionSlotCreate,
    Station,
    StationCreate,
    Topic,
    TopicCreate,
)
from broadcast.segments import approve_segment, create_segment


def demo_data() -> dict[str, Any]:
    """The demo campaign description shipped with the package."""
    text = resources.files("broadcast").joinpath("demo/campaign.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _load_phases(
    db: Session, campaign: Campaign, data: dict[str, Any], events: dict[str, Event]
) -> tuple[dict[str, Phase], dict[str, list[Topic]]]:
    phases: dict[str, Phase] = {}
    topics: dict[str, list[Topic]] = {}
    for item in data["phases"]:
        event_keys = item.get("event_keys") or []
        phase = crud.create(
            db,
            Phase,
            PhaseCreate(
                campaign_id=campaign.id or 0,
                event_id=events[event_keys[-1]].id if event_keys else None,
                code=item["key"],
                title=item["title"],
                kind=item["kind"],
                starts_on=date.fromisoformat(item["starts_on"]),
                ends_on=date.fromisoformat(item["ends_on"]),
                peak_starts_on=_day(item.get("peak_starts_on")),
                peak_ends_on=_day(item.get("peak_ends_on")),
                weight=item.get("weight", 1.0),
            ),
        )
        phases[item["key"]] = phase
        topics[item["key"]] = [
            crud.create(db, Topic, TopicCreate(phase_id=phase.id or 0, text=t, position=i))
            for i, t in enumerate(item["topics"])
        ]
    return phases, topics


def _load_segments(
    db: Session,
    voice: str,
    station: Station,
    data: dict[str, Any],
    phases: dict[str, Phase],
    topics: dict[str, list[Topic]],
) -> int:
    count = 0
    for item in data["segments"]:
        topic_ids = [
            topics[key][index].id or 0
            for key, indexes in (item.get("topic_indexes") or {}).items()
            for index in indexes
        ]
        segment = create_segment(
            db,
            SegmentCreate(
                station_id=station.id or 0,
                kind=item["kind"],
                title=item["title"],
                script=item["script"],
                bulletin_class=item.get("bulletin_class", "normal"),
                air_start=_day(item.get("air_start")),
                air_end=_day(item.get("air_end")),
                voice=item.get("voice"),
                phase_ids=[phases[key].id or 0 for key in item.get("phase_keys", [])],
                topic_ids=topic_ids,
            ),
            voice=voice,
        )
        approve_segment(db, segment, note="Dữ liệu mẫu, nạp khi cài đặt")
        count += 1
    return count


def load_demo(db: Session, voice: str = "vi") -> Station:
    """Create the demo station, campaign, phases, topics, slots and approved segments."""
    data = demo_data()
    station = crud.create(db, Station, StationCreate(**data["station"]))
    info = data["campaign"]
    campaign = crud.create(
        db,
        Campaign,
        CampaignCreate(
            station_id=station.id or 0,
            title=info["title"],
            document_number=info["document_number"],
            issuing_body=info["issuing_body"],
            issued_on=_day(info.get("issued_on")),
        ),
    )
    events = {
        item["key"]: crud.create(
            db,
            Event,
            EventCreate(
                campaign_id=campaign.id or 0,
                name=item["name"],
                level=item["level"],
                ordinal=item.get("ordinal"),
                starts_on=_day(item.get("starts_on")),
                ends_on=_day(item.get("ends_on")),
            ),
        )
        for item in data["events"]
    }
    phases, topics = _load_phases(db, campaign, data, events)
    for slot in data["slots"]:
        crud.create(
            db,
            SessionSlot,
            SessionSlotCreate(
                station_id=station.id or 0,
                name=slot["name"],
                start=time.fromisoformat(slot["start"]),
                weekdays=slot["weekdays"],
                max_seconds=slot["max_seconds"],
            ),
        )
    _load_segments(db, voice, station, data, phases, topics)
    return station


def database_is_empty(db: Session) -> bool:
    """True when no station exists yet."""
    return db.exec(select(Station.id)).first() is None
