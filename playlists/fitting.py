"""Slot fitting: choose the best-valued set of items whose lengths fit a capacity.

A 0/1 knapsack solved by depth-first branch-and-bound over the most valuable items
(by value per second), with the fractional-knapsack bound for pruning. The search is
bounded by a fixed node budget, never by time, so the result is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Items (by value density) searched exactly; the rest are added greedily afterwards.
SEARCH_WIDTH = 18
#: Node budget of the branch-and-bound search.
MAX_NODES = 6000
_EPS = 1e-9


def first_fit(weights: Sequence[float], capacity: float) -> list[int]:
    """Indices taken by first-fit in input order (the baseline the search must beat)."""
    chosen: list[int] = []
    used = 0.0
    for index, weight in enumerate(weights):
        if used + weight <= capacity + _EPS:
            chosen.append(index)
            used += weight
    return chosen


class _Search:
    """State of one branch-and-bound run over items sorted by density."""

    def __init__(self, values: list[float], weights: list[float], capacity: float) -> None:
        self.values, self.weights, self.capacity = values, weights, capacity
        self.best_value = -1.0
        self.best: list[int] = []
        self.nodes = 0

    def bound(self, index: int, room: float, value: float) -> float:
        """Fractional-knapsack upper bound of what the items from ``index`` on can add."""
        for i in range(index, len(self.values)):
            if self.weights[i] <= room:
                room -= self.weights[i]
                value += self.values[i]
            else:
                return value + self.values[i] * room / self.weights[i]
        return value

    def run(self, index: int, room: float, value: float, taken: list[int]) -> None:
        """Explore taking, then skipping, item ``index``."""
        self.nodes += 1
        if value > self.best_value + _EPS:
            self.best_value, self.best = value, list(taken)
        if index >= len(self.values) or self.nodes > MAX_NODES:
            return
        if self.bound(index, room, value) <= self.best_value + _EPS:
            return
        if self.weights[index] <= room + _EPS:
            taken.append(index)
            self.run(index + 1, room - self.weights[index], value + self.values[index], taken)
            taken.pop()
        self.run(index + 1, room, value, taken)


def best_subset(values: Sequence[float], weights: Sequence[float], capacity: float) -> list[int]:
    """Indices (ascending) of a best-valued subset whose weights sum to at most ``capacity``.

    Values and weights must be positive. Exact for up to SEARCH_WIDTH items; beyond that
    the densest SEARCH_WIDTH are searched exactly and the rest fill the room greedily.
    """
    if capacity <= 0 or not values:
        return []
    order = sorted(range(len(values)), key=lambda i: (-values[i] / weights[i], i))
    head, tail = order[:SEARCH_WIDTH], order[SEARCH_WIDTH:]
    search = _Search([values[i] for i in head], [weights[i] for i in head], capacity)
    search.run(0, capacity, 0.0, [])
    chosen = [head[i] for i in search.best]
    room = capacity - sum(weights[i] for i in chosen)
    for i in tail:
        if weights[i] <= room + _EPS:
            chosen.append(i)
            room -= weights[i]
    return sorted(chosen)
