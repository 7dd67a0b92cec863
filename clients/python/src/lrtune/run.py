"""A client-run job that a training loop reports to, posting its points from a background thread."""

import atexit
import json
import logging
import threading
import time
import urllib.error
import weakref
from collections import deque
from itertools import repeat
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
        # log wakes the posting thread once this many points wait (a full batch, or every point with no interval)
        self._wake_at = 1 if self._flush_interval == 0 else max_batch
        self._logged = 0
        self._posted = 0
        self._next = 0  # the iteration after the last one logged
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
        # Called once per training step, so kept to plain attribute reads and one lock-free deque append; turning
        # the points into JSON waits for the posting thread (see _encode).
        if iteration != self._next and not 0 <= iteration < self._next:
            raise ValueError(f"iterations are logged from 0 without gaps: {iteration} after {self._next - 1}")
        if self._closing:
            raise RuntimeError(f"run {self.id} is finished; log before finish()")
        if lr is None:
            lr = self.lr_at(iteration)
            if lr is None:
                raise ValueError(f"no rate is known for iteration {iteration}: pass lr=")
        if loss.__class__ is not float:
            loss = _number(loss)
        if val_loss is not None:
            val_loss, accuracy = _number(val_loss), _number(accuracy)
        pending = self._pending
        pending.append((iteration, lr, loss, momentum, val_loss, accuracy))
        self._next = iteration + 1
        self._logged += 1
        if len(pending) >= self._wake_at and not self._wake.is_set():
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
        return self.lr_at(self._next)

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
        pending = self._pending
        while True:
            self._wake.wait(self._flush_interval or None)
            self._wake.clear()
            closing = self._closing
            # Only the points waiting now: those logged during these posts wait for the next round (the interval,
            # a full batch, a flush). Draining until the queue is empty would post a loop that logs faster than a
            # post's round trip continuously, in slivers, each paying for a whole request.
            waiting = len(pending)
            while waiting > 0:
                size = min(waiting, self._max_batch)
                taken = list(map(deque.popleft, repeat(pending, size)))
                waiting = len(pending) if closing else waiting - size
                for batch in _consecutive(taken):
                    self._post_batch(batch)
            if closing:
                return

    def _post_batch(self, batch: List[_Point]) -> None:
        try:
            if self.error is None and not self._job_ended():
                self._answer = self._post_with_retries(_encode(batch))
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

    def _post_with_retries(self, body: bytes) -> JsonObject:
        deadline = time.monotonic() + self._retry_for
        delay = 0.25
        path = f"/jobs/{self.id}/points"
        while True:
            try:
                return self.client.request("POST", path, raw=body, content_type="application/json")
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


#: Compact JSON; NaN and infinity refused (a non-finite loss is sent as null, a non-finite rate is a refused post).
_JSON = json.JSONEncoder(allow_nan=False, separators=(",", ":"))


def _consecutive(points: List[_Point]) -> List[List[_Point]]:
    """The points cut before each iteration that does not follow the one before it (an iteration logged again)."""
    first = points[0][0]
    if [p[0] for p in points] == list(range(first, first + len(points))):
        return [points]
    runs = [[points[0]]]
    for point in points[1:]:
        if point[0] == runs[-1][-1][0] + 1:
            runs[-1].append(point)
        else:
            runs.append([point])
    return runs


def _encode(batch: List[_Point]) -> bytes:
    """The API's columnar points for consecutive iterations, as JSON.

    The posting thread holds the interpreter lock while it encodes, and the training loop waits for it, so the
    common columns take shortcuts: a rate that stays the same through the batch is formatted once, and losses that
    are all finite numbers go to the encoder as they are instead of one by one through ``finite_or_none``.
    """
    iterations, lrs, losses, momenta, val_losses, accuracies = zip(*batch)
    size = len(iterations)
    rates = list(map(float, lrs))
    if rates.count(rates[0]) == size:
        rate_text = "[" + ",".join([_JSON.encode(rates[0])] * size) + "]"
    else:
        rate_text = _JSON.encode(rates)
    parts = ['{"iteration":', _JSON.encode(list(iterations)), ',"lr":', rate_text, ',"loss":', _losses(losses)]
    if momenta.count(None) != size:
        parts += [',"momentum":', _JSON.encode([None if m is None else float(m) for m in momenta])]
    if val_losses.count(None) != size:
        evaluated = [k for k in range(size) if val_losses[k] is not None]
        validation: Dict[str, Any] = {"iteration": [iterations[k] for k in evaluated],
                                      "loss": [finite_or_none(val_losses[k]) for k in evaluated]}
        if any(accuracies[k] is not None for k in evaluated):
            validation["accuracy"] = [finite_or_none(accuracies[k]) for k in evaluated]
        parts += [',"validation":', _JSON.encode(validation)]
    parts.append("}")
    return "".join(parts).encode("ascii")


def _losses(losses: Tuple[Any, ...]) -> str:
    """The loss column as JSON: a missing, NaN or infinite loss as null."""
    try:
        values = list(map(float, losses))
        total = sum(values)
        if total - total == 0:  # every loss finite (an overflowing sum only sends them the long way)
            return _JSON.encode(values)
    except TypeError:  # a missing loss
        pass
    return _JSON.encode([finite_or_none(x) for x in losses])


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
