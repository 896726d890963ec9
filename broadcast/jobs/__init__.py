"""Background jobs: the queue (here) and the worker that runs them (``broadcast.jobs.runner``).

Services queue work with :func:`enqueue`; only the app and the command line start a
:class:`~broadcast.jobs.runner.JobWorker` or call :func:`~broadcast.jobs.runner.run_pending`.
"""

from broadcast.jobs.queue import claim, claim_next, enqueue

__all__ = ["claim", "claim_next", "enqueue"]
