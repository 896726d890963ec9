"""The plan's header: number and code, place and date, issuer and its level, title, parent.

fields.py  the header fields from an official header (columns, table bars, flattened lines)
issuer.py  the issuing body from capitals or a running sentence, and its level
cited.py   a plan quoted in running text (news articles): number, code, date, title
"""

from broadcast.plans.header.cited import normal_code
from broadcast.plans.header.fields import parse_header
from broadcast.plans.header.issuer import level_of

__all__ = ["level_of", "normal_code", "parse_header"]
