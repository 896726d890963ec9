"""api.web.labels: every stored value the pages show has exactly one Vietnamese label."""

from enum import StrEnum

import pytest

from api.web import labels
from audio.playlist import JINGLE_MODES
from audio.presets import PRESETS
from broadcast.asrun import GROUPINGS
from broadcast.models import (
    AlertKind,
    CampaignStatus,
    EventLevel,
    JobStatus,
    PhaseKind,
    SegmentKind,
    SegmentStatus,
    SessionStatus,
)
from broadcast.models.accounts import DeviceKind, Role
from broadcast.models.asrun import AsRunStatus, ReportKind, ReportOutcome
from broadcast.models.common import BulletinClass
from broadcast.models.lexicon import LexiconAction, LexiconKind

TABLES: list[tuple[type[StrEnum], dict]] = [
    (SegmentKind, labels.KIND_LABELS),
    (BulletinClass, labels.CLASS_LABELS),
    (SegmentStatus, labels.STATUS_LABELS),
    (JobStatus, labels.JOB_STATUS_LABELS),
    (SessionStatus, labels.SESSION_STATUS_LABELS),
    (AsRunStatus, labels.AS_RUN_LABELS),
    (CampaignStatus, labels.CAMPAIGN_STATUS_LABELS),
    (EventLevel, labels.LEVEL_LABELS),
    (PhaseKind, labels.PHASE_KIND_LABELS),
    (LexiconKind, labels.LEXICON_KIND_LABELS),
    (LexiconAction, labels.LEXICON_ACTION_LABELS),
    (Role, labels.ROLE_LABELS),
    (DeviceKind, labels.DEVICE_KIND_LABELS),
    (ReportOutcome, labels.REPORT_OUTCOME_LABELS),
    (ReportKind, labels.REPORT_KIND_LABELS),
    (AlertKind, labels.ALERT_KIND_LABELS),
]


@pytest.mark.parametrize(("enum", "table"), TABLES, ids=[e.__name__ for e, _ in TABLES])
def test_every_enum_value_has_one_non_empty_label(enum: type[StrEnum], table: dict) -> None:
    assert {member: bool(table.get(member, "").strip()) for member in enum} == {
        member: True for member in enum
    }


def test_status_badges_cover_their_enums_without_collisions() -> None:
    badged = [*SegmentStatus, *JobStatus, *SessionStatus, *BulletinClass]
    assert len({str(v) for v in badged}) == len(badged)
    assert set(labels.BADGE_LABELS) == {str(v) for v in badged}
    assert labels.BADGE_LABELS["approved"] == labels.STATUS_LABELS[SegmentStatus.APPROVED]


def test_settings_and_report_choices_have_labels() -> None:
    assert set(labels.JINGLE_LABELS) == set(JINGLE_MODES)
    assert set(labels.PRESET_LABELS) == set(PRESETS)
    assert set(labels.REPORT_GROUP_LABELS) == set(GROUPINGS)


def test_unconfirmed_sessions_have_a_label() -> None:
    assert labels.AS_RUN_LABELS["unconfirmed"] == "Chưa xác nhận"
