"""A client-run job that a training loop reports to, posting its points from a background thread."""

import atexit
import logging
import threading
import time
import urllib.error
import weakref
from collections import deque
from types import TracebackType
from typing import TYPE_CHECKING, Any, Deque, Dict, List, Optional, Tuple, Type

from .client import JsonObject, finite_or_none
from .errors import ApiError

if TYPE_CHECKING:
    from .client import Client

_log = logging.getLogger("lrtune")

# (iteration, lr, loss, momentum, validation loss, validation accuracy); numbers or tensors, converted when posted
_Point = Tuple[int, Any, Any, Any, Any, Any]

#: HTTP statuses after which the same post is tried again: the service was busy, restarting or unreachable.
_RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})

#: Runs not finished yet, whose queued points are posted when the interpreter exits.
_unfinished: "weakref.WeakSet[Run]" = weakref.WeakSet()


@atexit.register
def _flush_unfinished() -> None:
    for run in list(_unfinished):
        try:
            run.flush(timeout=10)
        except Exception:  # exiting anyway: the points are lost, the job fails when its lease passes
            _log.warning("lrtune: run %s: queued points could not be posted at exit", run.id)


class Run:
    """A client-run job (``"runner": "client"``) that your training loop reports to; made by :meth:`Client.track`.

    :meth:`log` only queues the point and returns: a background thread posts the queued points in batches every
    ``flush_interval`` seconds, so the loop never waits on HTTP. A post that fails on the network, or with a 429 or
    5xx, is sent again (re-posting an iteration replaces it, so a retry never duplicates points). The answers say
    whether to stop (:attr:`should_stop`, :attr:`stop_reason`) and the next rate (:attr:`lr`).

    Points still queued when the interpreter exits are posted then (the job stays running until its lease passes,
    unless :meth:`finish` was called). Used as a context manager, the run is finished when the block ends: succeeded, or failed with the exception's
    message when one escapes the block (the exception still propagates)::

        with client.track(name="resnet18", schedule={"type": "cosine", "lr": 0.1, "tMax": 1000},
                          iterations=1000) as run:
            for iteration in range(1000):
                ...
                run.log(iteration, loss.item(), lr=run.lr)
                if run.should_stop:
                    break

    Attributes:
        job: the job as created (``id``, ``lrPlan``, ...).
        id: the job's id.
        plan: the rate of every iteration when the server knows it in advance (``lrPlan``), else ``None``.
        error: the error that stopped posting (a refused post), else ``None``; :meth:`finish` raises it.

    ``max_unanswered`` (``None``: unbounded) makes :meth:`log` wait while more points than that lack the service's
    answer, so the loop stops within about that many iterations of the answer that says stop; the range test uses it.
    """

    def __init__(self, client: "Client", job: JsonObject, flush_interval: float = 1.0,
                 max_batch: int = 5000, retry_for: float = 120.0, max_unanswered: Optional[int] = None) -> None:
        self.client = client
        self.job = job
        self.id: int = job["id"]
        self.plan: Optional[List[float]] = job.get("lrPlan")
        self.error: Optional[BaseException] = None
        self._flush_interval = max(0.0, float(flush_interval))
        self._max_batch = max_batch
        self._retry_for = retry_for
        self._max_unanswered = max_unanswered
        self._pending: Deque[_Point] = deque()
        self._logged = 0
        self._posted = 0
        self._last_logged = -1
        self._answer: Optional[JsonObject] = None
        self._stop_reason: Optional[str] = None
        self._initial_lr = _first_rate(job)
        self._wake = threading.Event()
        self._progress = threading.Condition()
        self._closing = False
        self._finished: Optional[JsonObject] = None
        self._thread = threading.Thread(target=self._post_loop, name=f"lrtune-run-{self.id}", daemon=True)
        self._thread.start()
        _unfinished.add(self)

    def __repr__(self) -> str:
        return f"Run(id={self.id}, logged={self._logged}, posted={self._posted}, stop_reason={self._stop_reason!r})"

    # ---------------------------------------------------------------- the training loop's side

    def log(self, iteration: int, loss: Any, lr: Optional[float] = None, val_loss: Any = None,
            accuracy: Any = None, momentum: Optional[float] = None) -> bool:
        """Queues one iteration's point and answers :attr:`should_stop` as known so far.

        Args:
            iteration: 0, 1, 2, ... without gaps (an earlier iteration may be logged again: it replaces the point).
            loss: the minibatch's training loss, a number or a 0-d tensor (a GPU tensor is read in the background,
                so the loop does not wait for the device); NaN and infinity are posted as a non-finite loss.
            lr: the rate used; by default the planned rate of this iteration (or :attr:`lr`).
            val_loss: a validation loss measured after this iteration, if any (``accuracy`` with it).
            momentum: the momentum used, when the schedule cycles it.
        """
        if iteration != self._last_logged + 1 and not 0 <= iteration <= self._last_logged:
            raise ValueError(f"iterations are logged from 0 without gaps: {iteration} after {self._last_logged}")
        if self._closing:
            raise RuntimeError(f"run {self.id} is finished; log before finish()")
        if lr is None:
            lr = self.lr_at(iteration)
            if lr is None:
                raise ValueError(f"no rate is known for iteration {iteration}: pass lr=")
        if val_loss is not None:
            val_loss, accuracy = _number(val_loss), _number(accuracy)
        self._pending.append((iteration, lr, _number(loss), momentum, val_loss, accuracy))
        self._last_logged = iteration
        self._logged += 1
        if self._flush_interval == 0 or len(self._pending) >= self._max_batch:
            self._wake.set()
        if self._max_unanswered is not None and self._logged - self._posted > self._max_unanswered:
            self._catch_up()
        return self._stop_reason is not None

    def _catch_up(self) -> None:
        """Waits until at most ``max_unanswered`` logged points lack the service's answer."""
        self._wake.set()
        with self._progress:
            self._progress.wait_for(lambda: self._logged - self._posted <= self._max_unanswered  # type: ignore
                                    or not self._thread.is_alive())

    @property
    def should_stop(self) -> bool:
        """Whether the server said to stop (diverged, cancelled, pruned, complete) or the job has ended."""
        return self._stop_reason is not None

    @property
    def stop_reason(self) -> Optional[str]:
        """Why to stop: ``"diverged"``, ``"cancelled"``, ``"pruned"``, ``"complete"``, or the status the job ended
        with; ``None`` while the run goes on."""
        return self._stop_reason

    @property
    def lr(self) -> Optional[float]:
        """The rate for the next iteration: the plan's when the server knows it in advance, else the rate the
        server answered last (a ``plateau`` reacting to the validation losses posted so far)."""
        return self.lr_at(self._last_logged + 1)

    def lr_at(self, iteration: int) -> Optional[float]:
        """The planned rate of ``iteration``; without a plan, the latest rate the server answered."""
        if self.plan is not None:
            return self.plan[iteration] if 0 <= iteration < len(self.plan) else None
        if self._answer is not None:
            return self._answer.get("lr")
        return self._initial_lr

    @property
    def last_answer(self) -> Optional[JsonObject]:
        """The server's latest answer to a post: ``{"stop", "reason", "lr", "iteration"}``."""
        return self._answer

    # ---------------------------------------------------------------- flushing and finishing

    def flush(self, timeout: Optional[float] = None) -> Optional[JsonObject]:
        """Posts every queued point now and waits until they are stored; answers the server's latest answer.

        Raises:
            TimeoutError: when ``timeout`` seconds pass first.
        """
        target = self._logged
        self._wake.set()
        with self._progress:
            done = self._progress.wait_for(lambda: self._posted >= target or not self._thread.is_alive(), timeout)
        if not done:
            raise TimeoutError(f"run {self.id}: {target - self._posted} points still unposted after {timeout} s")
        return self._answer

    def finish(self, error: Optional[str] = None) -> JsonObject:
        """Posts what is queued, then ends the job: succeeded, or failed with ``error``. Answers the job as it ended.

        A job that has already ended (cancelled, or failed when its lease passed) is answered as it is. Calling
        finish again answers the same job.

        Raises:
            ApiError: a post of this run was refused (:attr:`error`), or the server refused to finish the job.
        """
        if self._finished is not None:
            return self._finished
        self._closing = True
        _unfinished.discard(self)
        self._wake.set()
        self._thread.join()
        failed_posting = self.error if error is None else None
        if failed_posting is not None:
            error = f"the client could not store its points: {failed_posting}"
        try:
            self._finished = self.client.finish(self.id, error)
        except ApiError as refused:
            if refused.status != 409:
                raise
            self._finished = self.client.job(self.id)
        if failed_posting is not None:
            raise failed_posting
        return self._finished

    def __enter__(self) -> "Run":
        return self

    def __exit__(self, kind: Optional[Type[BaseException]], exception: Optional[BaseException],
                 trace: Optional[TracebackType]) -> None:
        if exception is None:
            self.finish()
            return
        try:
            self.finish(f"{kind.__name__ if kind else 'Error'}: {exception}"[:2000])
        except Exception:  # the training's own exception is the one worth raising
            _log.exception("lrtune: could not mark run %s failed", self.id)

    # ---------------------------------------------------------------- the background thread

    def _post_loop(self) -> None:
        while True:
            self._wake.wait(self._flush_interval or None)
            self._wake.clear()
            closing = self._closing
            while self._pending:
                self._post_batch(self._take_batch())
            if closing:
                return

    def _take_batch(self) -> List[_Point]:
        """The queued points up to the batch size, ending before an iteration that does not follow the last one."""
        batch = [self._pending.popleft()]
        while self._pending and len(batch) < self._max_batch and self._pending[0][0] == batch[-1][0] + 1:
            batch.append(self._pending.popleft())
        return batch

    def _post_batch(self, batch: List[_Point]) -> None:
        try:
            if self.error is None and not self._job_ended():
                self._answer = self._post_with_retries(_columns(batch))
                if self._answer.get("stop"):
                    self._stop_reason = self._answer.get("reason") or "stopped"
        except ApiError as refused:
            if refused.status == 409:
                self._stop_reason = self._ended_status()
            else:
                self.error = refused
                _log.error("lrtune: run %s: points refused, no more will be posted: %s", self.id, refused)
        except Exception as failure:  # the network stayed down past retry_for
            self.error = failure
            _log.error("lrtune: run %s: could not post points: %s", self.id, failure)
        finally:
            with self._progress:
                self._posted += len(batch)
                self._progress.notify_all()

    def _post_with_retries(self, points: JsonObject) -> JsonObject:
        deadline = time.monotonic() + self._retry_for
        delay = 0.25
        while True:
            try:
                return self.client.post_points(self.id, points)
            except ApiError as refused:
                if refused.status not in _RETRIED_STATUSES or time.monotonic() > deadline:
                    raise
                wait = refused.retry_after if refused.retry_after is not None else delay
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    raise
                wait = delay
            time.sleep(min(wait, 10.0))
            delay = min(delay * 2, 10.0)

    def _job_ended(self) -> bool:
        return self._stop_reason is not None and self._stop_reason not in ("diverged", "complete")

    def _ended_status(self) -> str:
        try:
            return str(self.client.job(self.id)["status"])
        except Exception:
            return "ended"


def _columns(batch: List[_Point]) -> JsonObject:
    """The API's columnar points for consecutive iterations."""
    points: Dict[str, Any] = {"iteration": [p[0] for p in batch], "lr": [float(p[1]) for p in batch],
                              "loss": [finite_or_none(p[2]) for p in batch]}
    if any(p[3] is not None for p in batch):
        points["momentum"] = [None if p[3] is None else float(p[3]) for p in batch]
    evaluated = [p for p in batch if p[4] is not None]
    if evaluated:
        validation: Dict[str, Any] = {"iteration": [p[0] for p in evaluated],
                                      "loss": [finite_or_none(p[4]) for p in evaluated]}
        if any(p[5] is not None for p in evaluated):
            validation["accuracy"] = [finite_or_none(p[5]) for p in evaluated]
        points["validation"] = validation
    return points


def _number(value: Any) -> Any:
    """A number as it is; a CPU tensor's value read now (cheaper than keeping the tensor); another tensor (a GPU's)
    cut from its autograd graph, so the queue holds no activations, and read when posted, so the loop never waits
    for the device."""
    if value is None or value.__class__ is float:
        return value
    if getattr(value, "is_cpu", False):
        return value.item()
    detach = getattr(value, "detach", None)
    return detach() if detach is not None else value


def _first_rate(job: JsonObject) -> Optional[float]:
    """The rate of iteration 0 of a job without a plan (a ``plateau``), from the schedule it echoes."""
    training = (job.get("request") or {}).get("training") or {}
    schedule = training.get("schedule")
    if not schedule:
        return None
    from .schedules import build

    return build(schedule).lr(0)
