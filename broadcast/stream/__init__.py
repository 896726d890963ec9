"""Live streams of the stations: Icecast mounts and HLS fed with their sessions at their times.

alerts.py   alerts on the streams: an emergency or a live relay pre-empts a station's feed
feeder.py   one station's feed: a real-time thread choosing pre-emption, airing or silence
icecast.py  a throw-away Icecast server (Debian's icecast2) on a loopback port
program.py  what a station's stream plays (its exported sessions), its URLs and its status
service.py  the feeders of every station: started with the service or `loa stream`, refreshed
"""

from broadcast.stream.feeder import Airing, FeederStatus, StationFeeder
from broadcast.stream.icecast import LocalIcecast, free_port
from broadcast.stream.program import (
    HLS_PLAYLIST,
    NowPlaying,
    StreamInfo,
    hls_file,
    hls_folder,
    hls_url,
    listen_url,
    mount,
    station_airings,
    stream_info,
)
from broadcast.stream.service import ENABLE_HINT, StreamService

__all__ = [
    "ENABLE_HINT",
    "HLS_PLAYLIST",
    "Airing",
    "FeederStatus",
    "LocalIcecast",
    "NowPlaying",
    "StationFeeder",
    "StreamInfo",
    "StreamService",
    "free_port",
    "hls_file",
    "hls_folder",
    "hls_url",
    "listen_url",
    "mount",
    "station_airings",
    "stream_info",
]
