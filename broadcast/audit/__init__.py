"""The audit log: each flushed write with its actor (``record``), read with filters (``log``).

log.py     Reading the audit log with filters (writing is the flush hook in broadcast.audit)
record.py  Every flushed write becomes an audit entry: who, when, what, values before and after
"""

from broadcast.audit.log import AuditFilter, audit_entities, list_audit
from broadcast.audit.record import audit_as, current_actor, record_event, set_actor

__all__ = [
    "AuditFilter",
    "audit_as",
    "audit_entities",
    "current_actor",
    "list_audit",
    "record_event",
    "set_actor",
]
