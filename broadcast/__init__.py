"""The domain and application layer: a package per capability, tables, jobs, scheduler, CLI.

access/       Who may do what on which station: the one access path of routes, pages and the CLI
accounts/     Accounts: users and their roles, password login with lock-out, web sessions, API
              tokens
asrun/        As-run: what aired, confirmed by operators, player logs or devices, and the airtime
              report built on it
audit/        The audit log: each flushed write with its actor (``record``), read with filters
              (``log``)
backup.py     Backups: a consistent snapshot of the database and the media while the service runs,
              and its
campaigns/    Campaigns: plans imported as draft campaigns, activated after review; the demo
              campaign
cli/          The ``loa`` command line: one Typer app, its commands grouped by module
config.py     Settings for the Loa service, read from LOA_* environment variables or a .env file
crud/         Generic create/read/update/delete over SQLModel tables, with reference checks and row
              rules
db.py         Database engine and sessions; a transaction is committed once, at the boundary
errors.py     Domain errors of Loa. They carry no HTTP codes; `api.errors` maps their kind to a
              status
exports/      Exports: a session's audio and ZIP, player bundles, export history, premeasurement,
              waveforms
jobs/         Background jobs: the queue (exported here) and the worker that runs them (runner)
lexicon/      The operator lexicon: entries with history, CSV export/import, and the per-station
              normaliser
media/        Audio of segments: uploads converted once, speech synthesised once, the spoken-text
              preview
models/       SQLModel tables and their API model families
plans/        Plan documents ("Kế hoạch"): text extraction and a pure parser into phases, topics,
              dates
programming/  Programming: sessions filled by the pure sequencer (one or a range), hand edits,
              urgent
quiet_hours.py  Quiet hours of a station (and of its zones): which slots fall in them, why, and
              the sessions left unplanned
schedule/     The schedule: a station's sessions over a range of days, with fill, as-run and
              warnings
scheduler.py  The unattended scheduler: each day, programme and export the next N days of every
              station
segments/     Segments: create, edit, link to phases and topics, four-eyes approval, spoken text,
              duration
"""
