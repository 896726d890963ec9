"""Application services, one module per aggregate; they flush, the boundary commits."""

from broadcast.services import rules as _rules  # noqa: F401  (registers the row rules)
