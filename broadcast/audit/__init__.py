"""The audit log: each flushed write with its actor (``record``), read with filters (``log``)."""

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
