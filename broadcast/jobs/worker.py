"""The worker loop: claim queued jobs one at a time and run them, take over the jobs of dead
workers, stop cleanly (the current job finished, or handed back to the queue)."""

import logging
import threading
import time

from sqlalchemy.engine import Engine

from broadcast.config import Settings
from broadcast.jobs.leases import lease_end, recover_jobs, release_job
from broadcast.jobs.queue import claim_next, worker_id
from broadcast.jobs.runner import run_job
from broadcast.jobs.wakeup import Wakeup

log = logging.getLogger(__name__)


class JobWorker:
    """A thread that runs queued jobs, one at a time, until stopped: in the web process (the
    embedded default) or in a `loa worker` process, any number of them on one database."""

    def __init__(self, engine: Engine, settings: Settings, poll_s: float | None = None) -> None:
        self.engine, self.settings = engine, settings
        self.poll_s = settings.worker_poll_seconds if poll_s is None else poll_s
        self.current: int | None = None  # the job being run
        self.ran = 0
        self._stop = threading.Event()
        self._wakeup = Wakeup(engine, settings)
        self._thread = threading.Thread(target=self._loop, name="loa-jobs", daemon=True)

    def start(self) -> None:
        """Start the worker thread."""
        self._thread.start()

    def wake(self) -> None:
        """Look for work now instead of at the next poll."""
        self._wakeup.wake()

    def stop(self, timeout: float = 30.0) -> bool:
        """Claim no more jobs and wait up to `timeout` s for the current one; True if stopped."""
        self._stop.set()
        self._wakeup.wake()
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def release(self) -> int | None:
        """Hand the current job back to the queue (the worker is about to exit without it)."""
        job_id = self.current
        if job_id is not None and release_job(self.engine, job_id, worker_id()):
            log.warning("job %s handed back to the queue", job_id)
            return job_id
        return None

    def _loop(self) -> None:
        checked = 0.0  # when the leases of running jobs were last looked at
        try:
            while not self._stop.is_set():
                try:
                    if time.monotonic() - checked > self.settings.job_lease_seconds / 3:
                        checked = time.monotonic()
                        recover_jobs(self.engine, self.settings)  # jobs of workers that died
                    ran = self._run_one()
                except Exception:  # keep the worker alive whatever a job does
                    log.exception("job worker iteration failed")
                    ran = False
                if not ran and not self._stop.is_set():
                    self._wakeup.wait(self.poll_s)
        finally:
            self._wakeup.close()

    def _run_one(self) -> bool:
        """Claim and run the oldest queued job; False when none was queued."""
        job_id = claim_next(self.engine, lease_end(self.settings))
        if job_id is None:
            return False
        self.current = job_id
        try:
            run_job(self.engine, self.settings, job_id)
            self.ran += 1
        finally:
            self.current = None
        return True
