"""PyTorch helpers: a range test on your own model, and a scheduler with lrtune's schedules.

Needs ``torch`` (``pip install lrtune[torch]``); the rest of the package does not.
"""

import copy
import itertools
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional

import torch

from . import schedules as _schedules
from .client import Client, JsonObject

__all__ = ["range_test", "Scheduler"]

_BaseScheduler: Any = getattr(torch.optim.lr_scheduler, "LRScheduler", None) or \
    torch.optim.lr_scheduler._LRScheduler


def range_test(client: Client, model: torch.nn.Module, optimizer: torch.optim.Optimizer,
               loss_fn: Callable[..., torch.Tensor], train_loader: Iterable[Any], *, start_lr: float = 1e-7,
               end_lr: float = 10, iterations: int = 100, val_loader: Optional[Iterable[Any]] = None,
               accumulation_steps: int = 1, name: Optional[str] = None, mode: str = "exponential",
               smoothing: Optional[float] = None, divergence_factor: Optional[float] = None,
               tags: Optional[Mapping[str, str]] = None, device: Optional[torch.device] = None,
               max_unanswered: int = 8) -> JsonObject:
    """Runs the learning-rate range test on your model as a client-run job and answers its recommendation.

    lrtune plans the rates (the job's ``lrPlan``: from ``start_lr`` to ``end_lr`` over ``iterations`` steps), this
    function trains one step at each rate and posts the losses in the background, stops when the service says the
    loss diverged (running at most ``max_unanswered`` steps ahead of the service's answers, so it stops within about
    that many steps of the divergence), then
    puts the model's and the optimizer's state back exactly as they were (copies of their ``state_dict``), as
    pytorch-lr-finder's ``LRFinder.range_test`` followed by ``reset()`` does.

    Args:
        client: the lrtune client.
        model, optimizer, loss_fn: yours; every parameter group gets the planned rate.
        train_loader: yields ``(inputs, targets)`` batches; restarted when it runs out.
        val_loader: when given, the loss posted for each step is the mean loss over it after the step (slower,
            smoother), as pytorch-lr-finder's ``val_loader``.
        accumulation_steps: batches whose gradients are accumulated into each step (each loss divided by it).
        name: the job's name (default ``"range test"``); tags: the job's tags.
        mode, smoothing, divergence_factor: the range test's settings (the service's defaults when ``None``).
        device: where to move each batch (default: where the model's first parameter is).

    Returns:
        The recommendation as ``GET /jobs/{id}/recommendation`` serves it (``recommendedLr``, ``suggestions``,
        ``warnings``, ...). The job, with its curve, is listed on the dashboard under ``name``.
    """
    if accumulation_steps < 1:
        raise ValueError("accumulation_steps must be at least 1")
    settings: Dict[str, Any] = {"startLr": start_lr, "endLr": end_lr, "iterations": iterations, "mode": mode}
    if smoothing is not None:
        settings["smoothing"] = smoothing
    if divergence_factor is not None:
        settings["divergenceFactor"] = divergence_factor
    params = {"model": type(model).__name__, "optimizer": type(optimizer).__name__,
              "accumulationSteps": accumulation_steps, "lossSource": "validation" if val_loader else "train"}
    device = device or _device_of(model)
    saved_model = copy.deepcopy(model.state_dict())
    saved_optimizer = copy.deepcopy(optimizer.state_dict())
    was_training = model.training
    run = client.track("range_test", name=name or "range test", tags=tags, params=params, range_test=settings,
                       flush_interval=0, max_unanswered=max_unanswered)
    try:
        with run:
            batches = _endless(train_loader)
            for iteration, lr in enumerate(run.plan or []):
                for group in optimizer.param_groups:
                    group["lr"] = lr
                loss: Any = _train_step(model, optimizer, loss_fn, batches, accumulation_steps, device)
                if val_loader is not None:
                    loss = _validation_loss(model, loss_fn, val_loader, device)
                if run.log(iteration, loss, lr=lr):
                    break
    finally:
        model.load_state_dict(saved_model)
        optimizer.load_state_dict(saved_optimizer)
        model.train(was_training)
    return client.recommendation(run.id)


def _device_of(model: torch.nn.Module) -> torch.device:
    first = next(model.parameters(), None)
    return first.device if first is not None else torch.device("cpu")


def _endless(loader: Iterable[Any]) -> Iterator[Any]:
    """The loader's batches, over and over (a new pass, reshuffled by the loader, each time it runs out)."""
    while True:
        empty = True
        for batch in loader:
            empty = False
            yield batch
        if empty:
            raise ValueError("the train_loader yields no batches")


def _to(batch: Any, device: torch.device) -> Any:
    if isinstance(batch, torch.Tensor):
        return batch.to(device)
    if isinstance(batch, (list, tuple)):
        return type(batch)(_to(item, device) for item in batch)
    return batch


def _train_step(model: torch.nn.Module, optimizer: torch.optim.Optimizer, loss_fn: Callable[..., torch.Tensor],
                batches: Iterator[Any], accumulation_steps: int, device: torch.device) -> torch.Tensor:
    model.train()
    optimizer.zero_grad()
    total = torch.zeros((), device=device)
    for inputs, targets in itertools.islice(batches, accumulation_steps):
        loss = loss_fn(model(_to(inputs, device)), _to(targets, device)) / accumulation_steps
        loss.backward()
        total += loss.detach()
    optimizer.step()
    return total


def _validation_loss(model: torch.nn.Module, loss_fn: Callable[..., torch.Tensor], loader: Iterable[Any],
                     device: torch.device) -> float:
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for inputs, targets in loader:
            size = len(targets)
            total += float(loss_fn(model(_to(inputs, device)), _to(targets, device))) * size
            count += size
    return total / count if count else float("nan")


class Scheduler(_BaseScheduler):  # type: ignore[misc]
    """A PyTorch learning-rate scheduler whose rates are lrtune's for a schedule object.

    Call ``scheduler.step()`` after each ``optimizer.step()`` (as any PyTorch scheduler); a ``plateau`` (or a
    schedule nesting one) takes the validation loss: ``scheduler.step(val_loss)`` after the step it was measured at.
    At step ``k`` every parameter group's ``lr`` is the ``lr[k]`` that ``POST /schedules/preview`` answers for the
    same schedule; a ``cyclic`` or ``one_cycle`` schedule with ``cycleMomentum`` also sets each group's
    ``momentum`` (Adam: ``betas[0]``), as PyTorch's ``CyclicLR`` and ``OneCycleLR`` do, and gives the group its
    own momentum back while a part of a ``sequential`` schedule that cycles none is in charge.

    Args:
        optimizer: the optimizer whose groups it drives (their own ``lr`` is replaced, not scaled).
        schedule: a schedule object, e.g. ``{"type": "one_cycle", "maxLr": 0.1, "totalSteps": 1000}``.
        client: when given, the rates come from the service's preview (fetched in blocks); without one they are
            computed locally with the same formulas, offline.
        iterations_per_epoch: how many ``step()`` calls make an epoch, for schedules with ``"interval": "epoch"``.
    """

    def __init__(self, optimizer: torch.optim.Optimizer, schedule: Mapping[str, Any], client: Optional[Client] = None,
                 iterations_per_epoch: int = 1) -> None:
        self.schedule = dict(schedule)
        self.iterations_per_epoch = iterations_per_epoch
        self._local = _schedules.build(self.schedule, iterations_per_epoch)
        self._served = _ServedPreview(client, self.schedule, iterations_per_epoch) if client is not None else None
        self._metrics: List[Optional[float]] = []
        # the optimizer's own momentum, which a sequential schedule hands back while a part that cycles none runs
        self.base_momenta = [_momentum_of(group) for group in optimizer.param_groups]
        super().__init__(optimizer)

    def get_lr(self) -> List[float]:
        """The rate of every parameter group at the current step (``last_epoch``)."""
        return [self._rate(self.last_epoch)] * len(self.optimizer.param_groups)

    def step(self, metrics: Optional[float] = None) -> None:
        """Moves to the next step; ``metrics`` is the validation loss measured at the end of the current one."""
        self._step_count += 1
        if metrics is not None and self.last_epoch >= 0:
            self._observe(self.last_epoch, float(metrics))
        self.last_epoch += 1
        rate, momentum = self._rate(self.last_epoch), self._momentum(self.last_epoch)
        for group, own in zip(self.optimizer.param_groups, self.base_momenta):
            group["lr"] = rate
            if self._local.cycles_momentum:
                _set_momentum(group, own if momentum is None else momentum)
        self._last_lr = [group["lr"] for group in self.optimizer.param_groups]

    def state_dict(self) -> Dict[str, Any]:
        """The scheduler's state (its step, schedule and observed metrics), as PyTorch schedulers save it."""
        state = {key: value for key, value in self.__dict__.items()
                 if key not in ("optimizer", "_local", "_served")}
        return copy.deepcopy(state)

    def load_state_dict(self, state_dict: Dict[str, Any]) -> None:
        """Restores a state from :meth:`state_dict`, replaying the observed metrics into a fresh schedule."""
        self.__dict__.update(copy.deepcopy(state_dict))
        self._local = _schedules.build(self.schedule, self.iterations_per_epoch)
        for step, metric in enumerate(self._metrics):
            if metric is not None:
                self._local.observe(step, metric)
        if self._served is not None:
            self._served.reset(self._metrics)

    def _observe(self, step: int, metric: float) -> None:
        self._metrics.extend([None] * (step + 1 - len(self._metrics)))
        self._metrics[step] = metric
        self._local.observe(step, metric)
        if self._served is not None:
            self._served.reset(self._metrics)

    def _rate(self, step: int) -> float:
        return self._served.lr(step) if self._served is not None else self._local.lr(step)

    def _momentum(self, step: int) -> Optional[float]:
        return self._served.momentum(step) if self._served is not None else self._local.momentum(step)


def _momentum_of(group: Dict[str, Any]) -> Optional[float]:
    if "betas" in group:
        return group["betas"][0]
    return group.get("momentum")


def _set_momentum(group: Dict[str, Any], momentum: Optional[float]) -> None:
    if momentum is None:
        return
    if "betas" in group:
        group["betas"] = (momentum, *group["betas"][1:])
    elif "momentum" in group:
        group["momentum"] = momentum


class _ServedPreview:
    """The service's preview of a schedule, fetched in growing blocks and again after each observed metric."""

    def __init__(self, client: Client, schedule: Dict[str, Any], iterations_per_epoch: int) -> None:
        self._client, self._schedule, self._per_epoch = client, schedule, iterations_per_epoch
        self._metric_driven = _schedules.build(schedule, iterations_per_epoch).metric_driven
        self._metrics: List[Optional[float]] = []
        self._lr: List[float] = []
        self._momentum: List[Optional[float]] = []

    def reset(self, metrics: List[Optional[float]]) -> None:
        self._metrics = list(metrics)
        self._lr, self._momentum = [], []

    def lr(self, step: int) -> float:
        self._cover(step)
        return self._lr[step]

    def momentum(self, step: int) -> Optional[float]:
        self._cover(step)
        return self._momentum[step]

    def _cover(self, step: int) -> None:
        if step < len(self._lr):
            return
        steps = max(1024, 2 * (step + 1), len(self._metrics) + 1)
        metrics = None
        if self._metric_driven:
            metrics = (self._metrics + [None] * steps)[:steps]
        answer = self._client.preview(self._schedule, steps, metrics,
                                      self._per_epoch if self._per_epoch != 1 else None)
        self._lr = answer["lr"]
        self._momentum = answer.get("momentum") or [None] * steps
