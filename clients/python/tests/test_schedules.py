"""lrtune's schedules computed in Python (lrtune.schedules, lrtune.torch.Scheduler) against the service's preview."""

import math
import unittest
from typing import Any, Dict, List, Optional

import support
from support import needs_server, needs_torch

from lrtune import schedules

STEPS = 120

#: Every schedule type, with the options that change its formula.
SCHEDULES: List[Dict[str, Any]] = [
    {"type": "constant", "lr": 0.05},
    {"type": "step", "lr": 0.1, "gamma": 0.5, "stepSize": 7},
    {"type": "multistep", "lr": 0.1, "gamma": 0.3, "milestones": [10, 25, 80]},
    {"type": "exponential", "lr": 0.1, "decayRate": 0.9, "decaySteps": 9},
    {"type": "exponential", "lr": 0.1, "decayRate": 0.5, "decaySteps": 13, "staircase": True},
    {"type": "linear", "lr": 0.001, "finalLr": 0.1, "decaySteps": 90},
    {"type": "polynomial", "lr": 0.1, "finalLr": 0.001, "decaySteps": 100, "power": 2},
    {"type": "polynomial", "lr": 0.1, "decaySteps": 30, "power": 0.5, "cycle": True},
    {"type": "inverse_time", "lr": 0.1, "decayRate": 0.5, "decaySteps": 4},
    {"type": "inverse_time", "lr": 0.1, "decayRate": 0.5, "decaySteps": 9, "staircase": True},
    {"type": "cosine", "lr": 0.1, "minLr": 0.001, "tMax": 50},
    {"type": "cosine_restarts", "lr": 0.1, "minLr": 0.0001, "t0": 10, "tMult": 2},
    {"type": "cosine_restarts", "lr": 0.1, "t0": 17},
    {"type": "cyclic", "baseLr": 0.001, "maxLr": 0.006, "stepSizeUp": 8, "stepSizeDown": 12, "mode": "triangular2",
     "cycleMomentum": True},
    {"type": "cyclic", "baseLr": 0.001, "maxLr": 0.1, "stepSizeUp": 10, "mode": "exp_range", "gamma": 0.99},
    {"type": "cyclic", "baseLr": 0.01, "maxLr": 0.1, "stepSizeUp": 15, "cycleMomentum": True, "baseMomentum": 0.7,
     "maxMomentum": 0.95},
    {"type": "one_cycle", "maxLr": 0.1, "totalSteps": 100, "cycleMomentum": True},
    {"type": "one_cycle", "maxLr": 0.3, "totalSteps": 90, "pctStart": 0.25, "anneal": "linear", "threePhase": True,
     "divFactor": 10, "finalDivFactor": 100, "cycleMomentum": True},
    {"type": "plateau", "lr": 0.1, "patience": 2, "factor": 0.5, "cooldown": 1, "minLr": 0.001},
    {"type": "plateau", "lr": 0.1, "mode": "max", "patience": 0, "threshold": 0.01, "thresholdMode": "abs"},
    {"type": "piecewise", "boundaries": [10, 40], "values": [0.1, 0.01, 0.001]},
    {"type": "warmup", "warmupSteps": 12, "startFactor": 0.1,
     "then": {"type": "cosine", "lr": 0.1, "minLr": 0.0001, "tMax": 100}},
    {"type": "warmup", "warmupSteps": 5, "then": {"type": "plateau", "lr": 0.05, "patience": 1}},
    {"type": "sequential", "milestones": [20, 60],
     "schedules": [{"type": "linear", "lr": 0.001, "finalLr": 0.1, "decaySteps": 20},
                   {"type": "one_cycle", "maxLr": 0.1, "totalSteps": 40, "cycleMomentum": True},
                   {"type": "exponential", "lr": 0.05, "decayRate": 0.95}]},
    {"type": "step", "lr": 0.1, "gamma": 0.5, "stepSize": 2, "interval": "epoch"},
]

#: A validation loss at the end of some steps (None: not evaluated), for the schedules driven by it.
METRICS: List[Optional[float]] = [None if k % 3 else 1.0 / (1 + (k // 20)) + 0.01 * (k % 7) for k in range(STEPS)]

#: The preview's and Python's floating-point functions (Java's StrictMath against the C library) may round cos and
#: pow differently in the last bit.
RELATIVE_TOLERANCE = 1e-13


def served_preview(spec: Dict[str, Any], iterations_per_epoch: int) -> Dict[str, List[Any]]:
    metrics = METRICS if schedules.build(spec).metric_driven else None
    return support.client().preview(spec, STEPS, metrics, iterations_per_epoch)


def iterations_per_epoch(spec: Dict[str, Any]) -> int:
    return 4 if spec.get("interval") == "epoch" else 1


class ValueAssertions(unittest.TestCase):
    """Compares served values with computed ones, step by step."""

    def assert_values(self, expected: List[Optional[float]], actual: List[Optional[float]], label: str) -> None:
        self.assertEqual(len(expected), len(actual), label)
        for k, (e, a) in enumerate(zip(expected, actual)):
            if e is None or a is None:
                self.assertEqual(e, a, f"{label}, step {k}")
            else:
                self.assertTrue(math.isclose(e, a, rel_tol=RELATIVE_TOLERANCE, abs_tol=1e-300),
                                f"{label}, step {k}: served {e!r}, computed {a!r}")


class ScheduleTests(ValueAssertions):

    def test_every_type_is_covered(self) -> None:
        self.assertEqual(set(schedules.TYPES), {spec["type"] for spec in SCHEDULES})

    def test_a_missing_parameter_or_an_unknown_type_is_named(self) -> None:
        with self.assertRaisesRegex(ValueError, "then.tMax: is required"):
            schedules.build({"type": "warmup", "warmupSteps": 3, "then": {"type": "cosine", "lr": 0.1}})
        with self.assertRaisesRegex(ValueError, "type: must be one of constant, step"):
            schedules.build({"type": "cosine_annealing"})

    @needs_server
    def test_the_local_formulas_give_the_preview_of_every_type(self) -> None:
        for spec in SCHEDULES:
            with self.subTest(spec=spec):
                per_epoch = iterations_per_epoch(spec)
                served = served_preview(spec, per_epoch)
                metrics = METRICS if schedules.build(spec).metric_driven else None
                local = schedules.preview(spec, STEPS, metrics, per_epoch)
                self.assert_values(served["lr"], local["lr"], f"{spec['type']} lr")
                self.assertEqual("momentum" in served, "momentum" in local)
                if "momentum" in served:
                    self.assert_values(served["momentum"], local["momentum"], f"{spec['type']} momentum")


@needs_torch
class TorchSchedulerTests(ValueAssertions):

    def scheduled(self, spec: Dict[str, Any], client: Any, optimizer_type: str) -> Dict[str, List[Any]]:
        """The rate and momentum an optimizer's groups have at each step under lrtune.torch.Scheduler."""
        import torch
        from lrtune.torch import Scheduler

        weights = [torch.nn.Parameter(torch.zeros(2)), torch.nn.Parameter(torch.zeros(3))]
        if optimizer_type == "adam":
            optimizer = torch.optim.Adam([{"params": weights[:1]}, {"params": weights[1:], "lr": 0.5}], lr=1.0)
        else:
            optimizer = torch.optim.SGD([{"params": weights[:1]}, {"params": weights[1:], "lr": 0.5}], lr=1.0,
                                        momentum=0.5)
        scheduler = Scheduler(optimizer, spec, client=client, iterations_per_epoch=iterations_per_epoch(spec))
        rates: List[float] = []
        momenta: List[Optional[float]] = []
        for k in range(STEPS):
            groups = optimizer.param_groups
            self.assertEqual(groups[0]["lr"], groups[1]["lr"])
            self.assertEqual([groups[0]["lr"]], scheduler.get_last_lr()[:1])
            rates.append(groups[0]["lr"])
            momentum = groups[0]["betas"][0] if optimizer_type == "adam" else groups[0]["momentum"]
            momenta.append(momentum)
            optimizer.step()
            metric = METRICS[k] if schedules.build(spec).metric_driven else None
            scheduler.step(metric)
        return {"lr": rates, "momentum": momenta}

    def check_scheduler(self, client: Any, optimizer_type: str) -> None:
        for spec in SCHEDULES:
            with self.subTest(spec=spec, optimizer=optimizer_type, served=client is not None):
                served = served_preview(spec, iterations_per_epoch(spec))
                seen = self.scheduled(spec, client, optimizer_type)
                self.assert_values(served["lr"], seen["lr"], f"{spec['type']} lr")
                if "momentum" in served:
                    own = 0.9 if optimizer_type == "adam" else 0.5
                    expected = [own if m is None else m for m in served["momentum"]]
                    self.assert_values(expected, seen["momentum"], f"{spec['type']} momentum")

    @needs_server
    def test_the_scheduler_sets_the_preview_s_rates_and_momentum_computed_offline(self) -> None:
        self.check_scheduler(None, "sgd")
        self.check_scheduler(None, "adam")

    @needs_server
    def test_the_scheduler_sets_the_preview_s_rates_and_momentum_fetched_from_the_service(self) -> None:
        self.check_scheduler(support.client(), "sgd")

    def test_a_saved_scheduler_resumes_where_it_was_with_the_metrics_it_had_seen(self) -> None:
        import torch
        from lrtune.torch import Scheduler

        spec = {"type": "plateau", "lr": 0.1, "patience": 0, "factor": 0.5}
        optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=1.0)
        scheduler = Scheduler(optimizer, spec)
        for metric in (1.0, 0.9, 0.95, 0.97):
            optimizer.step()
            scheduler.step(metric)
        state = scheduler.state_dict()
        resumed_optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=1.0)
        resumed = Scheduler(resumed_optimizer, spec)
        resumed.load_state_dict(state)
        for metric in (0.99, 0.5):
            for opt, sched in ((optimizer, scheduler), (resumed_optimizer, resumed)):
                opt.step()
                sched.step(metric)
        self.assertEqual(scheduler.get_last_lr(), resumed.get_last_lr())
        self.assertEqual([0.0125], scheduler.get_last_lr())
        self.assertEqual(6, resumed.last_epoch)


if __name__ == "__main__":
    unittest.main()
