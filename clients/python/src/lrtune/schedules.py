"""lrtune's schedules computed locally, with the service's formulas, so they work offline.

:func:`build` turns a schedule object (the JSON the API takes) into a :class:`Schedule` whose ``lr(k)`` is the rate
at step ``k`` (from 0), the value ``POST /api/v1/schedules/preview`` answers for the same object. The expressions
follow the service's floating-point operations in the same order; the service evaluates ``cos`` and ``pow`` with
Java's ``StrictMath`` and Python with the C library, which may differ in the last bit.

Steps count iterations unless a schedule says ``"interval": "epoch"``; then ``iterations_per_epoch`` says how many
steps make an epoch (1 by default: steps are epochs), as in the preview.
"""

import math
from bisect import bisect_right
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence

__all__ = ["Schedule", "build", "preview", "TYPES"]


class Schedule:
    """The rate (and cycled momentum) at each step of one schedule.

    ``observe(step, metric)`` feeds a validation loss measured at the end of ``step`` to a ``plateau`` (alone or
    nested); the other schedules ignore it. A ``plateau`` is stateful: build a fresh one for each run.
    """

    cycles_momentum = False
    metric_driven = False

    def lr(self, step: int) -> float:
        """The rate at ``step`` (from 0)."""
        raise NotImplementedError

    def momentum(self, step: int) -> Optional[float]:
        """The momentum (Adam: beta1) at ``step``, or ``None`` when the schedule leaves it alone."""
        return None

    def observe(self, step: int, metric: float) -> None:
        """The validation loss measured at the end of ``step``."""


def build(spec: Mapping[str, Any], iterations_per_epoch: int = 1) -> Schedule:
    """The schedule a schedule object describes, defaults as the service's.

    Raises:
        ValueError: an unknown ``type`` or a missing required parameter (naming it).
    """
    kind = spec.get("type")
    factory = _FACTORIES.get(kind)  # type: ignore[arg-type]
    if factory is None:
        raise ValueError(f"type: must be one of {', '.join(TYPES)}, was {kind!r}")
    schedule = factory(_Params(spec), iterations_per_epoch)
    if spec.get("interval", "iteration") == "epoch" and kind not in ("warmup", "sequential"):
        return _EpochInterval(schedule, iterations_per_epoch)
    return schedule


def preview(spec: Mapping[str, Any], steps: int, metrics: Optional[Sequence[Optional[float]]] = None,
            iterations_per_epoch: int = 1) -> Dict[str, List[Any]]:
    """What ``POST /schedules/preview`` answers, computed locally: ``{"lr": [...]}`` and ``momentum`` when cycled."""
    schedule = build(spec, iterations_per_epoch)
    rates: List[float] = []
    momenta: List[Optional[float]] = []
    for k in range(steps):
        rates.append(schedule.lr(k))
        momenta.append(schedule.momentum(k))
        if metrics is not None and metrics[k] is not None:
            schedule.observe(k, float(metrics[k]))  # type: ignore[arg-type]
    answer: Dict[str, List[Any]] = {"lr": rates}
    if schedule.cycles_momentum:
        answer["momentum"] = momenta
    return answer


class _Params:
    """A schedule object's parameters, with the name of a missing required one in the error."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.spec = spec

    def required(self, name: str) -> Any:
        value = self.spec.get(name)
        if value is None:
            raise ValueError(f"{name}: is required")
        return value

    def get(self, name: str, default: Any) -> Any:
        value = self.spec.get(name)
        return default if value is None else value


class _Constant(Schedule):
    def __init__(self, p: _Params, _: int) -> None:
        self._lr = float(p.required("lr"))

    def lr(self, step: int) -> float:
        return self._lr


class _Step(Schedule):
    def __init__(self, p: _Params, _: int) -> None:
        self._lr, self._gamma = float(p.required("lr")), float(p.get("gamma", 0.1))
        self._step_size = int(p.required("stepSize"))

    def lr(self, step: int) -> float:
        return self._lr * math.pow(self._gamma, step // self._step_size)


class _MultiStep(Schedule):
    def __init__(self, p: _Params, _: int) -> None:
        self._lr, self._gamma = float(p.required("lr")), float(p.get("gamma", 0.1))
        self._milestones = [int(m) for m in p.required("milestones")]

    def lr(self, step: int) -> float:
        return self._lr * math.pow(self._gamma, bisect_right(self._milestones, step))


class _Exponential(Schedule):
    def __init__(self, p: _Params, _: int) -> None:
        self._lr, self._rate = float(p.required("lr")), float(p.required("decayRate"))
        self._steps, self._staircase = int(p.get("decaySteps", 1)), bool(p.get("staircase", False))

    def lr(self, step: int) -> float:
        p = step / self._steps
        return self._lr * math.pow(self._rate, math.floor(p) if self._staircase else p)


class _Linear(Schedule):
    def __init__(self, p: _Params, _: int) -> None:
        self._lr, self._final = float(p.required("lr")), float(p.required("finalLr"))
        self._steps = int(p.required("decaySteps"))

    def lr(self, step: int) -> float:
        if step >= self._steps:
            return self._final
        t = step / self._steps
        return (1 - t) * self._lr + t * self._final


class _Polynomial(Schedule):
    def __init__(self, p: _Params, _: int) -> None:
        self._lr, self._final = float(p.required("lr")), float(p.get("finalLr", 0.0))
        self._steps, self._power = int(p.required("decaySteps")), float(p.get("power", 1.0))
        self._cycle = bool(p.get("cycle", False))

    def lr(self, step: int) -> float:
        k = float(step)
        d = float(self._steps)
        if self._cycle:
            d *= 1 if step == 0 else math.ceil(k / self._steps)
        else:
            k = min(k, d)
        return (self._lr - self._final) * math.pow(1 - k / d, self._power) + self._final


class _InverseTime(Schedule):
    def __init__(self, p: _Params, _: int) -> None:
        self._lr, self._rate = float(p.required("lr")), float(p.required("decayRate"))
        self._steps, self._staircase = int(p.get("decaySteps", 1)), bool(p.get("staircase", False))

    def lr(self, step: int) -> float:
        p = step / self._steps
        return self._lr / (1 + self._rate * (math.floor(p) if self._staircase else p))


class _Cosine(Schedule):
    def __init__(self, p: _Params, _: int) -> None:
        self._lr, self._min = float(p.required("lr")), float(p.get("minLr", 0.0))
        self._t_max = int(p.required("tMax"))

    def lr(self, step: int) -> float:
        return self._min + (self._lr - self._min) * (1 + math.cos(math.pi * step / self._t_max)) / 2


class _CosineRestarts(Schedule):
    def __init__(self, p: _Params, _: int) -> None:
        self._lr, self._min = float(p.required("lr")), float(p.get("minLr", 0.0))
        self._t0, self._t_mult = int(p.required("t0")), int(p.get("tMult", 1))

    def lr(self, step: int) -> float:
        t_cur, t_i = step, self._t0
        if self._t_mult == 1:
            t_cur = step % self._t0
        else:
            while t_cur >= t_i:
                t_cur -= t_i
                t_i *= self._t_mult
        return self._min + (self._lr - self._min) * (1 + math.cos(math.pi * t_cur / t_i)) / 2


class _Cyclic(Schedule):
    """PyTorch ``CyclicLR``'s expressions, as the service evaluates them."""

    def __init__(self, p: _Params, _: int) -> None:
        self._base, self._max = float(p.required("baseLr")), float(p.required("maxLr"))
        up = int(p.get("stepSizeUp", 2000))
        down = int(p.get("stepSizeDown", up))
        self._total = float(up + down)
        self._ratio = up / self._total
        self._mode, self._gamma = p.get("mode", "triangular"), float(p.get("gamma", 1.0))
        self.cycles_momentum = bool(p.get("cycleMomentum", False))
        self._base_m, self._max_m = float(p.get("baseMomentum", 0.8)), float(p.get("maxMomentum", 0.9))

    def lr(self, step: int) -> float:
        return self._base + (self._max - self._base) * self._scale(step) * self._amplitude(step)

    def momentum(self, step: int) -> Optional[float]:
        if not self.cycles_momentum:
            return None
        return self._max_m - (self._max_m - self._base_m) * self._scale(step) * self._amplitude(step)

    def _cycle(self, step: int) -> float:
        return float(math.floor(1 + step / self._total))

    def _scale(self, step: int) -> float:
        x = 1.0 + step / self._total - self._cycle(step)
        return x / self._ratio if x <= self._ratio else (x - 1) / (self._ratio - 1)

    def _amplitude(self, step: int) -> float:
        if self._mode == "triangular2":
            return 1 / math.pow(2.0, self._cycle(step) - 1)
        if self._mode == "exp_range":
            return math.pow(self._gamma, step)
        return 1.0


class _OneCycle(Schedule):
    """PyTorch ``OneCycleLR``, holding its last value past ``totalSteps``."""

    def __init__(self, p: _Params, _: int) -> None:
        max_lr, self._total = float(p.required("maxLr")), int(p.required("totalSteps"))
        pct = float(p.get("pctStart", 0.3))
        self._cos = p.get("anneal", "cos") == "cos"
        self.cycles_momentum = bool(p.get("cycleMomentum", False))
        base_m, max_m = float(p.get("baseMomentum", 0.85)), float(p.get("maxMomentum", 0.95))
        initial = max_lr / float(p.get("divFactor", 25.0))
        minimum = initial / float(p.get("finalDivFactor", 1e4))
        up, end = pct * self._total - 1, float(self._total - 1)
        if p.get("threePhase", False):
            self._phases = [(up, initial, max_lr, max_m, base_m),
                            (2 * pct * self._total - 2, max_lr, initial, base_m, max_m),
                            (end, initial, minimum, max_m, max_m)]
        else:
            self._phases = [(up, initial, max_lr, max_m, base_m), (end, max_lr, minimum, base_m, max_m)]

    def lr(self, step: int) -> float:
        return self._evaluate(step, 1)

    def momentum(self, step: int) -> Optional[float]:
        return self._evaluate(step, 3) if self.cycles_momentum else None

    def _evaluate(self, step: int, field: int) -> float:
        k = float(min(step, self._total - 1))
        start_step = 0.0
        for i, phase in enumerate(self._phases):
            if k <= phase[0] or i == len(self._phases) - 1:
                length = phase[0] - start_step
                pct = 1.0 if length == 0 else (k - start_step) / length
                return self._anneal(phase[field], phase[field + 1], pct)
            start_step = phase[0]
        raise AssertionError("the last phase always matches")

    def _anneal(self, start: float, end: float, pct: float) -> float:
        if self._cos:
            return end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1)
        return (end - start) * pct + start


class _Plateau(Schedule):
    """PyTorch ``ReduceLROnPlateau``: a reduction decided at the end of step s applies from step s + 1."""

    metric_driven = True

    def __init__(self, p: _Params, _: int) -> None:
        self._changes = [(0, float(p.required("lr")))]
        self._max_mode = p.get("mode", "min") == "max"
        self._factor, self._patience = float(p.get("factor", 0.1)), int(p.get("patience", 10))
        self._threshold, self._relative = float(p.get("threshold", 1e-4)), p.get("thresholdMode", "rel") == "rel"
        self._cooldown, self._min_lr = int(p.get("cooldown", 0)), float(p.get("minLr", 0.0))
        self._eps = float(p.get("eps", 1e-8))
        self._best = -math.inf if self._max_mode else math.inf
        self._bad = 0
        self._cooldown_left = 0

    def lr(self, step: int) -> float:
        for from_step, rate in reversed(self._changes[1:]):
            if from_step <= step:
                return rate
        return self._changes[0][1]

    def observe(self, step: int, metric: float) -> None:
        if self._is_better(metric):
            self._best = metric
            self._bad = 0
        else:
            self._bad += 1
        if self._cooldown_left > 0:
            self._cooldown_left -= 1
            self._bad = 0
        if self._bad > self._patience:
            self._reduce(step + 1)
            self._cooldown_left = self._cooldown
            self._bad = 0

    def _is_better(self, metric: float) -> bool:
        if self._max_mode:
            return metric > (self._best * (self._threshold + 1.0) if self._relative else self._best + self._threshold)
        return metric < (self._best * (1.0 - self._threshold) if self._relative else self._best - self._threshold)

    def _reduce(self, from_step: int) -> None:
        old = self._changes[-1][1]
        reduced = max(old * self._factor, self._min_lr)
        if old - reduced > self._eps:
            if self._changes[-1][0] == from_step and len(self._changes) > 1:
                self._changes.pop()
            self._changes.append((from_step, reduced))


class _Piecewise(Schedule):
    def __init__(self, p: _Params, _: int) -> None:
        self._boundaries = [int(b) for b in p.required("boundaries")]
        self._values = [float(v) for v in p.required("values")]
        if len(self._values) != len(self._boundaries) + 1:
            raise ValueError("values: must have one more entry than boundaries")

    def lr(self, step: int) -> float:
        return self._values[bisect_right(self._boundaries, step - 1)]


def _per_step(spec: Mapping[str, Any], iterations_per_epoch: int) -> int:
    return iterations_per_epoch if spec.get("interval", "iteration") == "epoch" else 1


class _Warmup(Schedule):
    def __init__(self, p: _Params, iterations_per_epoch: int) -> None:
        self._then = _nested(p.required("then"), "then", iterations_per_epoch)
        self._steps, self._start = int(p.required("warmupSteps")), float(p.get("startFactor", 0.0))
        self._per_step = _per_step(p.spec, iterations_per_epoch)
        self.cycles_momentum = self._then.cycles_momentum
        self.metric_driven = self._then.metric_driven

    def lr(self, step: int) -> float:
        own = step // self._per_step
        if own < self._steps:
            return self._then.lr(0) * (self._start + (1 - self._start) * own / self._steps)
        return self._then.lr(step - self._ramp())

    def momentum(self, step: int) -> Optional[float]:
        return self._then.momentum(max(0, step - self._ramp()))

    def observe(self, step: int, metric: float) -> None:
        if step >= self._ramp():
            self._then.observe(step - self._ramp(), metric)

    def _ramp(self) -> int:
        return self._steps * self._per_step


class _Sequential(Schedule):
    def __init__(self, p: _Params, iterations_per_epoch: int) -> None:
        self._schedules = [_nested(s, f"schedules[{i}]", iterations_per_epoch)
                           for i, s in enumerate(p.required("schedules"))]
        self._milestones = [int(m) for m in p.required("milestones")]
        if len(self._milestones) != len(self._schedules) - 1:
            raise ValueError("milestones: must have one entry fewer than schedules")
        self._per_step = _per_step(p.spec, iterations_per_epoch)
        self.cycles_momentum = any(s.cycles_momentum for s in self._schedules)
        self.metric_driven = any(s.metric_driven for s in self._schedules)

    def lr(self, step: int) -> float:
        i = self._active(step)
        return self._schedules[i].lr(step - self._start(i))

    def momentum(self, step: int) -> Optional[float]:
        i = self._active(step)
        return self._schedules[i].momentum(step - self._start(i))

    def observe(self, step: int, metric: float) -> None:
        i = self._active(step)
        self._schedules[i].observe(step - self._start(i), metric)

    def _active(self, step: int) -> int:
        return bisect_right(self._milestones, step // self._per_step)

    def _start(self, i: int) -> int:
        return 0 if i == 0 else self._milestones[i - 1] * self._per_step


class _EpochInterval(Schedule):
    """A leaf schedule stepped once per epoch: step k of the run is step ⌊k / iterations_per_epoch⌋ of the leaf."""

    def __init__(self, inner: Schedule, iterations_per_epoch: int) -> None:
        self._inner, self._per_epoch = inner, iterations_per_epoch
        self.cycles_momentum, self.metric_driven = inner.cycles_momentum, inner.metric_driven

    def lr(self, step: int) -> float:
        return self._inner.lr(step // self._per_epoch)

    def momentum(self, step: int) -> Optional[float]:
        return self._inner.momentum(step // self._per_epoch)

    def observe(self, step: int, metric: float) -> None:
        self._inner.observe(step // self._per_epoch, metric)


def _nested(spec: Any, path: str, iterations_per_epoch: int) -> Schedule:
    if not isinstance(spec, Mapping):
        raise ValueError(f"{path}: must be a schedule object")
    try:
        return build(spec, iterations_per_epoch)
    except ValueError as error:
        raise ValueError(f"{path}.{error}") from None


_FACTORIES: Dict[str, Callable[[_Params, int], Schedule]] = {
    "constant": _Constant, "step": _Step, "multistep": _MultiStep, "exponential": _Exponential,
    "linear": _Linear, "polynomial": _Polynomial, "inverse_time": _InverseTime, "cosine": _Cosine,
    "cosine_restarts": _CosineRestarts, "cyclic": _Cyclic, "one_cycle": _OneCycle, "plateau": _Plateau,
    "piecewise": _Piecewise, "warmup": _Warmup, "sequential": _Sequential,
}

#: Every schedule type, in the order the service lists them.
TYPES = tuple(_FACTORIES)
