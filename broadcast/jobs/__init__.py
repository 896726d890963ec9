"""Background jobs: the queue (exported here), the worker that runs them (runner), leases.

leases.py  When a worker dies: a running job holds a lease its worker keeps renewing; a job whose
           lease
queue.py   The job queue in the database: queue a job, claim the next one for a worker
runner.py  Running queued jobs: the handler of each kind, progress and outcome, the in-process
           worker
"""

from broadcast.jobs.queue import claim, claim_next, enqueue

__all__ = ["claim", "claim_next", "enqueue"]
