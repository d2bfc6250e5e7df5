"""The worker: one process runs up to ``pool_concurrency`` scans at once in one browser pool, and
analysis/notification jobs on their own threads, so they never wait behind a scan.

It is an rq worker (``BaseWorker``) whose main thread only dequeues, admits and beats; each job runs
rq's own ``perform_job`` on a thread of its lane. rq's bookkeeping is therefore unchanged: the same
job ids, ``Retry`` back-off, StartedJobRegistry executions, failure records, scheduled retries and
the abandoned-job recovery of ``StartedJobRegistry.cleanup``. The tasks are synchronous functions
that hand their coroutines to the process's one event loop (jobs.runtime), where the scans of all
scan threads share one BrowserPool.

Admission: the scan queue is only read while a scan slot is free and the process tree's PSS is
under ``worker_max_pss_mb``; until then scan jobs stay in the queue untouched (never failed, never
timed out). A scan job whose connection is being scanned elsewhere is put back on the schedule a few
seconds later without spending one of its retries.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import psutil
import redis
from rq import Queue, worker_registration
from rq.exceptions import DequeueTimeout, StopRequested
from rq.executions import Execution
from rq.job import Job
from rq.scheduler import RQScheduler
from rq.timeouts import BaseDeathPenalty
from rq.utils import now
from rq.worker import BaseWorker, WorkerStatus

from core.logging import get_logger
from core.settings import Settings
from jobs.queues import SCANS
from jobs.runtime import process_runtime

log = get_logger(__name__)
BUSY_DEFER_S = 5  # a scan job whose connection is locked comes back this much later
PSS_CHECK_S = 2.0  # admission reads the process tree's memory at most this often


class NoDeathPenalty(BaseDeathPenalty):
    """Timeouts are enforced inside the task (jobs.runtime.LoopThread.run cancels the coroutine):
    SIGALRM only works on the main thread, and an asynchronous exception cannot reach a thread that
    waits on a future."""

    def setup_death_penalty(self) -> None:
        pass

    def cancel_death_penalty(self) -> None:
        pass


def process_tree_pss(pid: int | None = None, *, above: int = 0) -> int:
    """PSS in bytes of a process and all its descendants (worker, Playwright driver, browsers).
    With ``above``: when the tree's RSS (cheap to read) is at most ``above``, that RSS is returned
    instead, an upper bound of the PSS; reading every process's smaps for PSS was ~7% of a busy
    worker's CPU."""
    total = 0
    try:
        root = psutil.Process(pid or os.getpid())
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    if above:
        rss = 0
        for proc in procs:
            with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                rss += proc.memory_info().rss
        if rss <= above:
            return rss
    for proc in procs:
        try:
            total += proc.memory_full_info().pss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total


class _Running:
    __slots__ = ("execution", "future", "job", "lane", "queue")

    def __init__(self, job: Job, queue: Queue, execution: Execution, future: Future[Any], lane: str) -> None:
        self.job, self.queue, self.execution, self.future, self.lane = job, queue, execution, future, lane


class ConcurrentWorker(BaseWorker):
    """An rq worker with two lanes: ``scan_slots`` scan jobs and ``side_slots`` other jobs at once."""

    death_penalty_class = NoDeathPenalty

    def __init__(self, queues: Sequence[str], *, connection: redis.Redis, scan_slots: int, side_slots: int,
                 max_pss_mb: int = 0, heartbeat_s: int = 10, maintenance_interval_s: int = 15,
                 name: str | None = None) -> None:
        super().__init__(list(queues), connection=connection, name=name,
                         maintenance_interval=maintenance_interval_s, job_monitoring_interval=heartbeat_s)
        if scan_slots < 1 or side_slots < 1:
            raise ValueError("a worker needs at least one scan slot and one side slot")
        self.scan_slots = scan_slots
        self.side_slots = side_slots
        self.max_pss_bytes = max_pss_mb * 2**20
        self._running: dict[str, _Running] = {}
        self._changed = threading.Condition()
        self._executor = ThreadPoolExecutor(scan_slots + side_slots, thread_name_prefix="loopwho-job")
        self._last_beat = 0.0
        self._pss = 0
        self._pss_at = 0.0
        # what admission did, for tests and the bench: how often scans were held back, and why
        self.stats = {"held_slots": 0, "held_memory": 0, "deferred_busy": 0, "peak_scans": 0, "done": 0}

    @classmethod
    def from_settings(cls, queues: Sequence[str], connection: redis.Redis, settings: Settings) -> ConcurrentWorker:
        return cls(queues, connection=connection, scan_slots=settings.pool_concurrency,
                   side_slots=settings.worker_side_threads, max_pss_mb=settings.worker_max_pss_mb,
                   heartbeat_s=settings.worker_heartbeat_s,
                   maintenance_interval_s=settings.worker_maintenance_interval_s)

    # ---- rq hooks --------------------------------------------------------------------------------

    def get_heartbeat_ttl(self, job: Job, working_time: float = 0.0) -> int:
        """Three missed beats and the job counts as abandoned (then requeued by rq's cleanup)."""
        return self.job_monitoring_interval * 3

    def prepare_job_execution(self, job: Job, remove_from_intermediate_queue: bool = False) -> None:
        # a single-queue dequeue goes through rq's intermediate list; take it out whatever we listen to
        super().prepare_job_execution(job, remove_from_intermediate_queue=True)

    def _finalize_failure(self, job: Job, queue: Queue, execution: Execution, exc_info: Any) -> None:
        from jobs.tasks import ConnectionBusy

        if isinstance(exc_info[1], ConnectionBusy):
            self._defer(job, queue, execution)
            return
        super()._finalize_failure(job, queue, execution, exc_info)

    def _defer(self, job: Job, queue: Queue, execution: Execution) -> None:
        """Back on the schedule in a few seconds; its retries are untouched (it did not fail)."""
        self.stats["deferred_busy"] += 1
        log.info("connection busy; scan job deferred", rq_job=job.id, seconds=BUSY_DEFER_S)
        with self.connection.pipeline() as pipe:
            self.cleanup_execution(job, pipeline=pipe, execution=execution)
            queue.schedule_job(job, now() + timedelta(seconds=BUSY_DEFER_S), pipeline=pipe)
            pipe.execute()

    def execute_job(self, job: Job, queue: Queue) -> None:
        lane = "scan" if queue.name == SCANS else "side"
        execution = self.prepare_execution(job)
        future = self._executor.submit(self._perform, job, queue, execution)
        with self._changed:
            self._running[execution.id] = _Running(job, queue, execution, future, lane)
            self.stats["peak_scans"] = max(self.stats["peak_scans"], self._count("scan"))

    def _perform(self, job: Job, queue: Queue, execution: Execution) -> None:
        try:
            self.perform_job(job, queue, execution)
        except Exception:  # perform_job records failures itself; this is bookkeeping gone wrong
            log.exception("job bookkeeping failed", rq_job=job.id)
        finally:
            with self._changed:
                self._running.pop(execution.id, None)
                self.stats["done"] += 1
                self._changed.notify_all()

    # ---- admission -------------------------------------------------------------------------------

    def _count(self, lane: str) -> int:
        return sum(1 for r in self._running.values() if r.lane == lane)

    def _tree_pss(self) -> int:
        """The tree's PSS, or an upper bound of it under the cap (see process_tree_pss)."""
        if time.monotonic() - self._pss_at > PSS_CHECK_S:
            self._pss = process_tree_pss(above=self.max_pss_bytes)
            self._pss_at = time.monotonic()
        return self._pss

    def scans_admitted(self) -> bool:
        """Room for one more scan: a free slot, and the process tree under its memory cap."""
        with self._changed:
            if self._count("scan") >= self.scan_slots:
                self.stats["held_slots"] += 1
                return False
        if self.max_pss_bytes and self._tree_pss() > self.max_pss_bytes:
            self.stats["held_memory"] += 1
            return False
        return True

    def _open_queues(self) -> list[Queue]:
        """The queues to read now, side queues first (they are short and finish chains)."""
        with self._changed:
            side_free = self._count("side") < self.side_slots
        open_: list[Queue] = []
        for q in self.queues:
            if q.name == SCANS:
                continue
            if side_free:
                open_.append(q)
        if any(q.name == SCANS for q in self.queues) and self.scans_admitted():
            open_.extend(q for q in self.queues if q.name == SCANS)
        return open_

    # ---- the loop --------------------------------------------------------------------------------

    def _beat(self) -> None:
        if time.monotonic() - self._last_beat < self.job_monitoring_interval:
            return
        self._last_beat = time.monotonic()
        # a Redis restarted empty between two of our calls forgot this worker without us seeing an
        # error: each beat checks the listing (one SISMEMBER), so health counts the worker again
        try:
            self._register_again()
        except redis.RedisError:
            # Redis away: no heartbeat can land either (one warning per job per beat was noise); the
            # work loop's own calls log the outage once, and a warm shutdown keeps draining
            return
        with self._changed:
            running = list(self._running.values())
        if not running:
            self.heartbeat()
        for r in running:
            try:
                self.maintain_heartbeats(r.job, r.execution)
            except redis.RedisError as exc:
                log.warning("heartbeat failed", rq_job=r.job.id, error=str(exc))

    def _wait_for_change(self, seconds: float) -> None:
        with self._changed:
            self._changed.wait(seconds)

    def work(self, burst: bool = False, logging_level: str | None = "INFO", with_scheduler: bool = True,
             **_ignored: Any) -> bool:
        """Dequeue while there is room, run each job on its lane, beat for the running ones. In burst
        mode, return once the queues are empty and nothing is running (a running job may queue more)."""
        self.bootstrap(logging_level)
        if with_scheduler:
            self._start_scheduler(burst, logging_level)
        self._install_signal_handlers()
        worked = False
        busy_set = False
        outage_since: float | None = None  # monotonic time Redis stopped answering
        try:
            while not self._stop_requested:
                try:
                    if not busy_set:  # in the loop: Redis may go away right after the worker started
                        self.set_state(WorkerStatus.BUSY)  # a stop request waits for the running jobs
                        busy_set = True
                    self.check_for_suspension(burst)
                    if outage_since is not None:  # Redis answered again
                        self._register_again()
                        log.warning("worker resumed: redis answers again",
                                    outage_s=round(time.monotonic() - outage_since, 1))
                        outage_since = None
                    if self.should_run_maintenance_tasks:
                        self.run_maintenance_tasks()
                    self._beat()
                    queues = self._open_queues()
                    if not queues:
                        self._wait_for_change(1.0)
                        continue
                    try:
                        found = self.queue_class.dequeue_any(
                            queues, None if burst else 1, connection=self.connection,
                            job_class=self.job_class, serializer=self.serializer,
                            death_penalty_class=self.death_penalty_class)
                    except DequeueTimeout:
                        continue
                    if found is None:
                        with self._changed:
                            idle = not self._running
                        if burst and idle and not self._scheduled_soon():
                            break
                        self._wait_for_change(0.5)
                        continue
                    job, queue = found
                    self.log.info("Worker %s: %s: %s", self.name, queue.name, job.id)
                    self.execute_job(job, queue)
                    worked = True
                except StopRequested:
                    break
                except redis.exceptions.ConnectionError as exc:
                    if outage_since is None:  # one line when the outage starts, one when it ends
                        outage_since = time.monotonic()
                        log.warning("worker paused: redis unreachable; retrying every second", error=str(exc))
                    time.sleep(1.0)
        finally:
            self._drain()
            self.teardown()
        return worked

    def _register_again(self) -> None:
        """A Redis that came back empty forgot this worker (health would count no worker, though it
        works): list it again, as register_birth does, keeping its name and birth."""
        if self.connection.sismember(self.redis_workers_keys, self.key):
            return
        with self.connection.pipeline() as pipe:
            pipe.hset(self.key, mapping=self.serialize())
            worker_registration.register(self, pipe)
            pipe.expire(self.key, self.worker_ttl + 60)
            pipe.execute()
        log.info("worker registered again after redis lost its registration", worker=self.name)

    def _scheduled_soon(self) -> bool:
        """Burst mode: a deferred or retried job due within a minute is still this run's work; those
        already due are moved to their queue here (burst mode has no scheduler process)."""
        horizon = time.time() + 60
        if not any(self.connection.zcount(q.scheduled_job_registry.key, 0, horizon) for q in self.queues):
            return False
        scheduler = RQScheduler(self.queues, connection=self.connection, serializer=self.serializer)
        scheduler.acquire_locks()
        if scheduler.acquired_locks:
            try:
                scheduler.enqueue_scheduled_jobs()
            finally:
                scheduler.release_locks()
        return True

    def _drain(self) -> None:
        """Warm shutdown: let the running jobs finish (beating for them), then stop the threads."""
        while True:
            with self._changed:
                if not self._running:
                    break
            self._beat()
            self._wait_for_change(1.0)
        self._executor.shutdown(wait=True)
        self.set_state(WorkerStatus.IDLE)


def run_worker(queues: Sequence[str], settings: Settings, *, burst: bool = False,
               scheduler_interval_s: float | None = None) -> bool:
    """What `loopwho worker` runs in each worker process. With ``scheduler_interval_s`` the process
    also runs the scheduler's ticks (``loopwho scheduler``) on its event loop, sharing its database
    pool and Redis client: one Python process (~60-100 MiB PSS) less on a one-machine deployment."""
    from jobs.runtime import shutdown_process_runtime

    loop, rt = process_runtime()
    conn = rt.queue_redis()
    conn.ping()
    worker = ConcurrentWorker.from_settings(queues, conn, settings)
    if settings.metrics_port:
        from jobs.metrics import serve_metrics

        serve_metrics(settings.metrics_port, conn, lambda: rt.browser_pool)
    ticks = None
    if scheduler_interval_s is not None:
        from jobs.scheduler import run_forever

        ticks = asyncio.run_coroutine_threadsafe(run_forever(rt, conn, scheduler_interval_s), loop.loop)
    try:
        return worker.work(burst=burst, with_scheduler=True)
    finally:
        if ticks is not None:
            ticks.cancel()
        log.info("worker stopped", worker=worker.name, **worker.stats)
        shutdown_process_runtime()

