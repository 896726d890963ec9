"""Segments: create, edit, link to phases and topics, four-eyes approval, spoken text, duration.

approval.py  Four eyes: an approval is bound to everything that decides what airs and when, and is
             given
review.py    The review flow: an editor sends a draft for review; approvers work through the
             queue
rules.py     Rules of a segment's content: a voice that exists, a script for every announcement
service.py   Segments: create, edit, link to phases and topics, approve, attach audio
"""

from broadcast.segments.approval import (
    approve_segment,
    approve_segments,
    content_hash,
    contributors,
    fast_track_segment,
    is_cleared_to_air,
    lexicon_review,
    reading,
    return_segment,
)
from broadcast.segments.review import (
    returned_drafts,
    review_counts,
    review_queue,
    submit_segment,
    waiting_since,
)
from broadcast.segments.rules import check_voice
from broadcast.segments.service import (
    attach_asset,
    create_segment,
    linked_phase_ids,
    linked_topic_ids,
    queue_speech_render,
    segment_duration,
    segment_public,
    segments_public,
    spoken_text,
    update_segment,
)

__all__ = [
    "approve_segment",
    "approve_segments",
    "attach_asset",
    "check_voice",
    "content_hash",
    "contributors",
    "create_segment",
    "fast_track_segment",
    "is_cleared_to_air",
    "lexicon_review",
    "linked_phase_ids",
    "linked_topic_ids",
    "queue_speech_render",
    "reading",
    "return_segment",
    "returned_drafts",
    "review_counts",
    "review_queue",
    "segment_duration",
    "segment_public",
    "segments_public",
    "spoken_text",
    "submit_segment",
    "update_segment",
    "waiting_since",
]
