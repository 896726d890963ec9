"""Live streams of the stations: Icecast mounts and HLS fed with their sessions at their times.

feeder.py   one station's feed: a real-time thread choosing pre-emption, airing or silence
icecast.py  a throw-away Icecast server (Debian's icecast2) on a loopback port
"""

from broadcast.stream.feeder import Airing, FeederStatus, StationFeeder
from broadcast.stream.icecast import LocalIcecast, free_port

__all__ = ["Airing", "FeederStatus", "LocalIcecast", "StationFeeder", "free_port"]
