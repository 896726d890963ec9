"""Exports: a session's audio and ZIP, player bundles, export history, premeasurement, waveforms.

bundles.py     Player bundles: every session of a station over a day or a week, in one or more
               profiles
history.py     A session's latest export and export job, and an export's MP3 on disk (or a
               device's copy)
premeasure.py  Measure new audio through its station's processing chain as soon as it exists (on
               disk)
service.py     Export of a session: audio for every item of its playlist, one session MP3 and a ZIP
               bundle
waveforms.py   Waveform pictures of audio assets, of a segment's audio and of a whole session
"""

from broadcast.exports.bundles import check_bundle_range, parse_profiles, run_bundle_job
from broadcast.exports.history import (
    EXPORT_KINDS,
    SCAN_LIMIT,
    device_mp3,
    device_variant,
    export_mp3,
    job_int,
    latest_export,
    latest_export_job,
    recent_export_jobs,
    sessions_of_jobs,
)
from broadcast.exports.premeasure import premeasure_asset
from broadcast.exports.service import (
    export_file,
    export_public,
    prepare_export,
    record_export,
    render_export,
    station_export_profile,
    station_preset,
)
from broadcast.exports.waveforms import (
    Source,
    Waveform,
    asset_waveform,
    segment_waveform,
    session_waveform,
)

__all__ = [
    "Source",
    "Waveform",
    "asset_waveform",
    "check_bundle_range",
    "EXPORT_KINDS",
    "SCAN_LIMIT",
    "job_int",
    "recent_export_jobs",
    "sessions_of_jobs",
    "export_file",
    "device_mp3",
    "device_variant",
    "export_mp3",
    "export_public",
    "latest_export",
    "latest_export_job",
    "parse_profiles",
    "session_waveform",
    "premeasure_asset",
    "prepare_export",
    "record_export",
    "render_export",
    "run_bundle_job",
    "segment_waveform",
    "station_export_profile",
    "station_preset",
]
