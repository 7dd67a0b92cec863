"""Ask-and-tell studies: trials of a client-run study trained by your own code."""

import logging
import time
from typing import Any, Callable, List, Optional

from .client import Client, JsonObject
from .errors import StudyEnded
from .run import Run

__all__ = ["Trial", "study_worker"]

_log = logging.getLogger("lrtune")


class Trial:
    """One trial of a client-run study: a schedule to train for ``iterations``, judged at ``rungs``.

    Report every iteration with :meth:`report`; it answers ``True`` when the trial must stop (pruned by successive
    halving, or cancelled). Evaluate on your validation split at least at iteration ``rung - 1`` of each rung (and as
    often as you like besides): a report with ``val_loss`` that reaches a rung waits for the service's verdict, so a
    pruned trial stops right there and a promoted one goes on from where it is.

    Attributes:
        job_id, study_id, candidate: the trial's job, its study, and the candidate's number in the study.
        schedule: the schedule object to train with (iterations as steps); :attr:`lr` gives its rates.
        iterations: how many iterations to train (the study's budget).
        rungs: the iterations at which the trial is judged.
        run: the :class:`~lrtune.run.Run` posting its points.
    """

    def __init__(self, client: Client, trial: JsonObject, flush_interval: float = 1.0) -> None:
        self.job_id: int = trial["jobId"]
        self.study_id: int = trial["studyId"]
        self.candidate: int = trial.get("candidate", 0)
        self.schedule: JsonObject = trial["schedule"]
        self.iterations: int = trial["iterations"]
        self.rungs: List[int] = list(trial.get("rungs") or [])
        self.run = Run(client, trial["job"], flush_interval=flush_interval)
        self._next_rung = 0

    def __repr__(self) -> str:
        return f"Trial(job_id={self.job_id}, candidate={self.candidate}, schedule={self.schedule!r})"

    @property
    def lr(self) -> Optional[float]:
        """The rate for the next iteration (the job's plan, or the service's latest answer for a ``plateau``)."""
        return self.run.lr

    def lr_at(self, iteration: int) -> Optional[float]:
        """The planned rate of ``iteration``."""
        return self.run.lr_at(iteration)

    @property
    def should_stop(self) -> bool:
        """Whether the trial must stop (pruned, cancelled, diverged, or the study ended)."""
        return self.run.should_stop

    @property
    def pruned(self) -> bool:
        """Whether successive halving stopped this trial at a rung."""
        return self.run.stop_reason == "pruned"

    def is_rung(self, iteration: int) -> bool:
        """Whether the trial is judged after ``iteration``: evaluate there."""
        return iteration + 1 in self.rungs

    def report(self, iteration: int, loss: Any, val_loss: Any = None, accuracy: Any = None,
               lr: Optional[float] = None, momentum: Optional[float] = None) -> bool:
        """Logs one iteration (its rate from the plan unless ``lr`` is given); ``True`` when the trial must stop."""
        stop = self.run.log(iteration, loss, lr=lr, val_loss=val_loss, accuracy=accuracy, momentum=momentum)
        if val_loss is not None and self._reaches_rung(iteration):
            self.run.flush()
            return self.run.should_stop
        return stop

    def _reaches_rung(self, iteration: int) -> bool:
        reached = False
        while self._next_rung < len(self.rungs) and iteration + 1 >= self.rungs[self._next_rung]:
            self._next_rung += 1
            reached = True
        return reached


def study_worker(client: Client, study_id: int, train_fn: Callable[[Trial], Any], *,
                 flush_interval: float = 1.0, max_trials: Optional[int] = None,
                 settle_for: float = 60.0) -> JsonObject:
    """Trains trials of a client-run study until the study has ended, and answers the study as it then is.

    Asks for a trial; while every remaining trial is in flight (204), sleeps as ``Retry-After`` says and asks again;
    once the study has ended (409), returns. Each trial is handed to ``train_fn(trial)``, which trains from fresh
    weights with ``trial.schedule`` and calls ``trial.report(iteration, loss, val_loss=...)``, stopping when it answers
    ``True``. When ``train_fn`` returns, the trial's job is finished; when it raises, the job ends failed with the
    message and the exception propagates. Several workers (threads, processes, machines) may serve one study.

    Args:
        max_trials: stop after this many trials even if the study goes on (the study is then answered as it is).
        settle_for: once the study has ended, seconds to wait for it to leave ``running`` and name its ``best``.
    """
    trained = 0
    while True:
        if max_trials is not None and trained >= max_trials:
            return client.study(study_id)
        try:
            answer, wait = client.ask_or_wait(study_id)
        except StudyEnded:
            break
        if answer is None:
            time.sleep(wait)
            continue
        trial = Trial(client, answer, flush_interval)
        with trial.run:
            train_fn(trial)
        trained += 1
        _log.info("lrtune: study %s: trial %s (candidate %s) done: %s", study_id, trial.job_id, trial.candidate,
                  trial.run.stop_reason or "trained")
    return _settled(client, study_id, settle_for)


def _settled(client: Client, study_id: int, timeout: float) -> JsonObject:
    """The study once it has left ``running`` (it may settle a moment after its last trial), or as it is then."""
    deadline = time.monotonic() + timeout
    while True:
        study = client.study(study_id)
        if study["status"] != "running" or time.monotonic() >= deadline:
            return study
        time.sleep(0.5)
