"""CRUD routes for the simple resources: stations, campaigns, events, phases, topics, slots."""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from sqlmodel import Session, SQLModel

from api.auth import ScopeDep
from api.deps import DbDep, RowId
from broadcast import crud
from broadcast import models as m
from broadcast.access import Scope
from broadcast.campaigns import delete_draft_campaign
from broadcast.models.common import MAX_ID


def _check_move(scope: Scope, row: SQLModel, patch: SQLModel) -> None:
    """A station moved to another unit: both units are the caller's to manage."""
    station_patch = isinstance(patch, m.StationUpdate) and isinstance(row, m.Station)
    if station_patch and "unit_id" in patch.model_fields_set:
        scope.move_station(row, patch.unit_id)  # type: ignore[arg-type, attr-defined]


def crud_router(
    path: str,
    model: type[SQLModel],
    create_model: type[SQLModel],
    update_model: type[SQLModel],
    public_model: type[SQLModel],
    parent: str | None = None,
    remove: Callable[[Session, Any], object] = crud.delete,
) -> APIRouter:
    """Routes GET/POST <path>, GET/PATCH/DELETE <path>/{id}, listing filtered by a parent id.

    ``remove`` deletes a row (default: the row alone, refused while others refer to it).
    """
    router = APIRouter(prefix=path, tags=[path.strip("/")])
    parent_query = Query(
        alias=parent or "parent", include_in_schema=parent is not None, ge=1, le=MAX_ID
    )

    @router.get("", response_model=list[public_model])  # type: ignore[valid-type]
    def list_rows(
        db: DbDep, scope: ScopeDep, parent_id: Annotated[int | None, parent_query] = None
    ) -> Any:
        """The rows the caller's stations own (of one parent when it is given)."""
        return scope.visible(crud.list_rows(db, model, **({parent: parent_id} if parent else {})))

    @router.post("", response_model=public_model, status_code=201)
    def create_row(data: create_model, db: DbDep, scope: ScopeDep) -> Any:  # type: ignore[valid-type]
        return crud.create(db, model, data, guard=scope.check)

    @router.get("/{row_id:int}", response_model=public_model)
    def get_row(row_id: RowId, scope: ScopeDep) -> Any:
        return scope.row(model, row_id)

    @router.patch("/{row_id:int}", response_model=public_model)
    def update_row(row_id: RowId, patch: update_model, db: DbDep, scope: ScopeDep) -> Any:  # type: ignore[valid-type]
        row = scope.row(model, row_id)
        _check_move(scope, row, patch)
        return crud.update(db, row, patch, guard=scope.check)

    @router.delete("/{row_id:int}", status_code=204)
    def delete_row(row_id: RowId, db: DbDep, scope: ScopeDep) -> Response:
        remove(db, scope.row(model, row_id))
        return Response(status_code=204)

    return router


routers = [
    crud_router("/stations", m.Station, m.StationCreate, m.StationUpdate, m.StationPublic),
    crud_router(
        "/campaigns",
        m.Campaign,
        m.CampaignCreate,
        m.CampaignUpdate,
        m.CampaignPublic,
        "station_id",
        remove=delete_draft_campaign,  # drafts only, with their template segments
    ),
    crud_router("/events", m.Event, m.EventCreate, m.EventUpdate, m.EventPublic, "campaign_id"),
    crud_router("/phases", m.Phase, m.PhaseCreate, m.PhaseUpdate, m.PhasePublic, "campaign_id"),
    crud_router("/topics", m.Topic, m.TopicCreate, m.TopicUpdate, m.TopicPublic, "phase_id"),
    crud_router(
        "/slots",
        m.SessionSlot,
        m.SessionSlotCreate,
        m.SessionSlotUpdate,
        m.SessionSlotPublic,
        "station_id",
    ),
]
