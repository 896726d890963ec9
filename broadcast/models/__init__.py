"""SQLModel tables and their API model families.

accounts.py     Accounts: users, their roles per station, API tokens and web sessions; devices of a
                station (receivers, bridges, players) with their own tokens
asrun.py        As-run log: what actually aired in a session, confirmed by an operator, a player
                log or the devices' own reports (what each device played, item by item)
audit.py        The append-only audit log: who changed what, when, with the values before and after
campaign.py     A campaign (one plan document), its events, phases and topics, and the import it
                came from
common.py       Shared column helpers and enumerations of the domain
jobs.py         Background jobs (render, export) and finished exports
lexicon.py      The operator lexicon: written forms and how a station (or every station) says them
library.py      The media library: a station's own audio files (jingles, beds, themes, recordings,
                files sent by the district or province), each pointing to a stored audio asset
programming.py  API models of range programming and manual edits of a session's playlist (no
                tables)
scheduler.py    The unattended scheduler: one lock row shared by service processes, and its runs
segment.py      Programme segments, the phases/topics they serve, and stored audio assets
session.py      Broadcast sessions (one slot of a station on one day), the items of their
                playlists, the alerts (an emergency bulletin or a live broadcast) that
                pre-empt them on the devices, and the bulletins a unit issues to the stations
                below it with their delivery to each
speech.py       Spoken-text preview requests and answers; the voice list (usable now or why
                not); characters each station sent to each cloud voice per month
station.py      A ward's broadcast station, its audio settings and its session slots; units of the
                organisation tree (province → legacy district → commune/ward)
"""

from broadcast.models.accounts import (  # noqa: F401  (tables)
    ApiToken,
    Device,
    DeviceCreate,
    DeviceIssued,
    DeviceKind,
    DevicePublic,
    DeviceUpdate,
    Heartbeat,
    HeartbeatAnswer,
    HeartbeatPlaying,
    Role,
    User,
    UserRole,
    WebSession,
)
from broadcast.models.asrun import (
    AsRun,  # noqa: F401  (table)
    DeviceAsRun,
    DeviceReport,
    DeviceReports,
    DeviceReportsAnswer,
    ReportKind,
    ReportOutcome,
)
from broadcast.models.audit import AuditEntry  # noqa: F401  (table)
from broadcast.models.campaign import (
    Campaign,
    CampaignCreate,
    CampaignPublic,
    CampaignUpdate,
    Event,
    EventCreate,
    EventPublic,
    EventUpdate,
    Phase,
    PhaseCreate,
    PhasePublic,
    PhaseUpdate,
    PlanImport,  # noqa: F401  (table)
    Topic,
    TopicCreate,
    TopicPublic,
    TopicUpdate,
)
from broadcast.models.common import (
    BulletinClass,
    CampaignStatus,
    EventLevel,
    JobKind,
    JobStatus,
    PhaseKind,
    SegmentKind,
    SegmentStatus,
    SessionStatus,
)
from broadcast.models.jobs import Export, ExportPublic, Job, JobPublic
from broadcast.models.lexicon import LexiconChange, LexiconEntry  # noqa: F401  (tables)
from broadcast.models.library import (
    LibraryAttach,
    LibraryItem,
    LibraryItemPublic,
    LibraryItemUpdate,
    LibraryKind,
    LibraryReplacePublic,
    LibraryUse,
)
from broadcast.models.scheduler import SchedulerLock, SchedulerRun  # noqa: F401  (tables)
from broadcast.models.segment import (
    AudioAsset,
    AudioAssetPublic,
    BatchApprovalPublic,
    RefusedApproval,
    Segment,
    SegmentApproval,
    SegmentBatchApproval,
    SegmentCreate,
    SegmentPhaseLink,
    SegmentPublic,
    SegmentReview,
    SegmentTopicLink,
    SegmentUpdate,
)
from broadcast.models.session import (
    Alert,
    AlertCreate,
    AlertKind,
    AlertPublic,
    BroadcastSession,
    BroadcastSessionPublic,
    Bulletin,  # noqa: F401  (table)
    BulletinDelivery,  # noqa: F401  (table)
    PlaylistItem,
    PlaylistItemPublic,
    SessionGenerate,
)
from broadcast.models.speech import VoicePublic, VoiceUsage  # noqa: F401  (table)
from broadcast.models.station import (
    SessionSlot,
    SessionSlotCreate,
    SessionSlotPublic,
    SessionSlotUpdate,
    Station,
    StationCreate,
    StationPublic,
    StationUpdate,
    Unit,
    UnitCreate,
    UnitKind,
    UnitPublic,
    UnitUpdate,
)

__all__ = [
    "VoicePublic",
    "VoiceUsage",
    "Unit",
    "UnitCreate",
    "UnitKind",
    "UnitPublic",
    "UnitUpdate",
    "Alert",
    "AlertCreate",
    "AlertKind",
    "AlertPublic",
    "AudioAsset",
    "AudioAssetPublic",
    "BulletinClass",
    "Campaign",
    "CampaignCreate",
    "CampaignPublic",
    "CampaignStatus",
    "CampaignUpdate",
    "Event",
    "EventCreate",
    "EventLevel",
    "EventPublic",
    "EventUpdate",
    "Device",
    "DeviceAsRun",
    "DeviceCreate",
    "DeviceIssued",
    "DeviceKind",
    "DevicePublic",
    "DeviceReport",
    "DeviceReports",
    "DeviceReportsAnswer",
    "ReportKind",
    "ReportOutcome",
    "DeviceUpdate",
    "Heartbeat",
    "HeartbeatAnswer",
    "HeartbeatPlaying",
    "Export",
    "ExportPublic",
    "Job",
    "LibraryAttach",
    "LibraryItem",
    "LibraryItemPublic",
    "LibraryItemUpdate",
    "LibraryKind",
    "LibraryReplacePublic",
    "LibraryUse",
    "JobKind",
    "JobPublic",
    "JobStatus",
    "Phase",
    "PhaseCreate",
    "PhaseKind",
    "PhasePublic",
    "PhaseUpdate",
    "BroadcastSession",
    "SessionGenerate",
    "PlaylistItem",
    "PlaylistItemPublic",
    "BroadcastSessionPublic",
    "SessionStatus",
    "Segment",
    "SegmentCreate",
    "SegmentKind",
    "SegmentPhaseLink",
    "SegmentPublic",
    "SegmentReview",
    "SegmentBatchApproval",
    "SegmentApproval",
    "BatchApprovalPublic",
    "RefusedApproval",
    "SegmentStatus",
    "SegmentTopicLink",
    "SegmentUpdate",
    "SessionSlot",
    "SessionSlotCreate",
    "SessionSlotPublic",
    "SessionSlotUpdate",
    "Station",
    "StationCreate",
    "StationPublic",
    "StationUpdate",
    "Topic",
    "TopicCreate",
    "TopicPublic",
    "TopicUpdate",
]
