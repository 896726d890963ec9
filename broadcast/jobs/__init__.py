"""Background jobs: the queue (exported here), the worker that runs them (runner), leases.

celery_app.py  With LOA_QUEUE_BROKER_URL: queued jobs published to RabbitMQ or Redis, `loa
           worker` a Celery worker whose task claims and runs them (imports celery: optional)
owner.py   A job's station, written when it is inserted (so a station's jobs are indexed)
leases.py  When a worker dies: a running job holds a lease its worker keeps renewing; a job whose
           lease ran out is queued again, or failed after its last attempt
queue.py   The job queue in the database: queue a job, claim the next one for a worker
runner.py  Running queued jobs: the handler of each kind, progress and outcome
wakeup.py  Waking idle workers when a job is queued: NOTIFY on PostgreSQL, else a poll interval
worker.py  The worker loop (in the web process, or `loa worker` processes): claim, run, stop
"""

from broadcast.jobs import owner  # noqa: F401  (the hook naming each job's station)
from broadcast.jobs.queue import claim, claim_next, enqueue
from broadcast.jobs.wakeup import Wakeup

__all__ = ["Wakeup", "claim", "claim_next", "enqueue"]
