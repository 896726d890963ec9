"""The targets a bulletin form offers: per issuing unit, the units below it (as a tree) and
their stations grouped by the unit that runs them."""

from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from broadcast.access.units import stations_under, units_under
from broadcast.models import Station, Unit


@dataclass
class TargetChoices:
    """What one issuing unit may send to: units below it, and stations grouped by unit."""

    unit_id: int
    units: list[tuple[int, str, int]] = field(default_factory=list)  # (id, name, depth)
    groups: list[tuple[str, list[tuple[int, str]]]] = field(default_factory=list)


def _tree_order(
    root: int, children: dict[int | None, list[Unit]], reach: frozenset[int]
) -> list[tuple[Unit, int]]:
    """The units under root (root excluded), depth first, each with its depth below root."""
    found: list[tuple[Unit, int]] = []
    seen = {root}
    todo = [(child, 1) for child in reversed(children.get(root, []))]
    while todo:
        unit, depth = todo.pop()
        if unit.id not in reach or unit.id in seen:
            continue
        seen.add(unit.id)
        found.append((unit, depth))
        todo.extend((child, depth + 1) for child in reversed(children.get(unit.id, [])))
    return found


def target_choices(db: Session, issuing_ids: list[int]) -> list[TargetChoices]:
    """For each issuing unit: the units and stations below it a bulletin may be sent to."""
    units = list(db.exec(select(Unit).order_by(col(Unit.name))).all())
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    stations = list(db.exec(select(Station).order_by(col(Station.name))).all())
    by_id = {u.id: u for u in units}
    conn = db.connection()
    found = []
    for unit_id in issuing_ids:
        reach = units_under(conn, [unit_id])
        ordered = _tree_order(unit_id, children, reach)
        choice = TargetChoices(unit_id, [(u.id or 0, u.name, d) for u, d in ordered])
        below = stations_under(conn, [unit_id])
        for unit in [by_id[unit_id], *(u for u, _d in ordered)]:
            own = [(s.id or 0, s.name) for s in stations if s.id in below and s.unit_id == unit.id]
            if own:
                choice.groups.append((unit.name, own))
        found.append(choice)
    return found
