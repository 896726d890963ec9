"""The reference player (`loa player`): plays a station's sessions on time from a local cache.

Standard library only, so that it starts fast and stays small on a board wired to an amplifier.

launch.py   The `loa` console script: `loa player ...` here, anything else to the server's CLI
cli.py      Options, logging (rotated in the cache), signals; starts the agent
config.py   What `loa player` was asked to do
clock.py    Wall clock in UTC, optionally accelerated for the soak bench
link.py     HTTP to the server with the device token; resumable, checked downloads
store.py    The cache directory: schedule copy, restart-safe state, the as-run outbox
sync.py     Schedule sync (ETag), files ahead, bounded cache; heartbeats and the outbox sender
playout.py  ffmpeg playback to the sound card, a null sink or WAV files
reports.py  As-run reports per item, session and alert from what actually played
events.py   The push channel (server-sent events) with polling fallback for alerts
agent.py    The main loop: each session at its start, alerts pre-empting, resume
loa-player.service  An example systemd unit for a small board (Restart=always)

Needs Python 3.11+ (Debian 12, Raspberry Pi OS bookworm) and an ffmpeg binary.
"""

AGENT_VERSION = "loa-player 1.0"
