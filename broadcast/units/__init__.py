"""The organisation tree: province → (legacy district) → commune/ward, each with its stations.

tree.py  create, move, rename and delete units, refusing a wrong parent kind or a cycle; the tree
         as nested nodes for the pages
"""

from broadcast.units.tree import (
    PARENT_KINDS,
    UNIT_KIND_LABELS,
    UnitNode,
    check_parent,
    create_unit,
    delete_unit,
    unit_tree,
    update_unit,
)

__all__ = [
    "PARENT_KINDS",
    "UNIT_KIND_LABELS",
    "UnitNode",
    "check_parent",
    "create_unit",
    "delete_unit",
    "unit_tree",
    "update_unit",
]
