"""Measure new audio through its station's processing chain as soon as it exists (on disk).

The measurement (loudness and true peak of the chain output, silence trim) is what every
render of that audio starts from. Taken when an upload is imported or a segment's speech is
synthesised, it lets the first export encode each item in one ffmpeg run instead of two. A
failure here is only logged: the render measures again and reports the problem in its job.
"""

from __future__ import annotations

import logging

from audio.errors import AudioError
from audio.render import AudioItem, measure_item
from broadcast.config import Settings
from broadcast.exports.service import station_export_profile, station_preset
from broadcast.media import asset_file
from broadcast.models import AudioAsset, Station

log = logging.getLogger(__name__)


def premeasure_asset(settings: Settings, station: Station, asset: AudioAsset) -> bool:
    """Measure ``asset`` as the station's exports will process it; False if that failed."""
    item = AudioItem(asset_file(settings, asset), asset.original_name or "", f"asset-{asset.id}")
    try:
        profile = station_export_profile(station)
        measure_item(item, settings.work_dir, station_preset(station), profile)
    except (AudioError, OSError, ValueError) as exc:
        log.warning("asset %s could not be measured at import: %s", asset.id, exc)
        return False
    return True
