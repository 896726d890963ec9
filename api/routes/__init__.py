"""HTTP routes, thin: each calls a broadcast service.

asrun.py      As-run log: confirm sessions, upload a player log, list confirmations
audit.py      The audit log, read-only: GET /audit with filters
auth.py       Login, logout, who am I, and one's own API tokens
bundles.py    Player bundles: queue a day's or a week's bundle of a station, then download it
devices.py    Devices of a station: list, create, edit, enable or disable, and re-issue a device's
              token
jobs.py       Job and export routes: progress of background work and download of bundles
lexicon.py    Operator lexicon routes: entries, their history and restore, CSV export and import
library.py    Media library: upload, search, rename, replace, delete, listen; a file as a segment's
              audio
meta.py       Service routes: health and the list of voices
player.py     The player protocol (``/player/v1``), for a device's own token: who the device is
player_status.py  The player protocol's reports: heartbeats (state, version, clock offset) and
              as-run reports (what a device played)
plans.py      Plan import: a plan document becomes a draft campaign; activation after review
reports.py    Airtime report for the district: JSON, CSV, and an SVG chart of minutes per event per
              week
resources.py  CRUD routes for the simple resources: stations, campaigns, events, phases, topics,
              slots
schedule.py   Calendar of sessions with warnings, day locks and urgent (emergency) sessions
scheduler.py  The unattended scheduler: its state, and a pass on demand
segments.py   Segment routes: CRUD, audio upload, approval, speech rendering
sessions.py   Session routes (under /playlists): generate one session or a range, list, read, edit,
              export
speech.py     Spoken-text preview: the reading of a text with its sources, and the preview audio
units.py      The organisation tree: list, create, rename, move and delete units
users.py      Accounts administration: list, create and change users (admins only for writes)
waveforms.py  Waveform pictures (SVG) for the editor and the session page (``<img
              src="…/waveform.svg">``)
"""
