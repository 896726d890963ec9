"""Segments: create, edit, link to phases and topics, four-eyes approval, spoken text, duration.

service.py  Segments: create, edit, link to phases and topics, approve, attach audio
"""

from broadcast.segments.service import (
    approve_segment,
    attach_asset,
    check_voice,
    create_segment,
    fast_track_segment,
    is_cleared_to_air,
    linked_phase_ids,
    linked_topic_ids,
    queue_speech_render,
    return_segment,
    segment_duration,
    segment_public,
    spoken_text,
    update_segment,
)

__all__ = [
    "approve_segment",
    "attach_asset",
    "check_voice",
    "create_segment",
    "fast_track_segment",
    "is_cleared_to_air",
    "linked_phase_ids",
    "linked_topic_ids",
    "queue_speech_render",
    "return_segment",
    "segment_duration",
    "segment_public",
    "spoken_text",
    "update_segment",
]
