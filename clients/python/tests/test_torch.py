"""lrtune.torch.range_test on a small real network."""

import math
import unittest
from typing import Any, List, Tuple

import support
from support import needs_server, needs_torch


def spirals(samples: int, seed: int) -> Tuple[Any, Any]:
    """Two interleaved spirals with noise: a small classification problem a linear model cannot solve."""
    import torch

    generator = torch.Generator().manual_seed(seed)
    t = torch.sqrt(torch.rand(samples, generator=generator)) * 3 * math.pi
    arm = torch.arange(samples) % 2
    sign = (1 - 2 * arm).float()
    x = torch.stack([sign * t * torch.cos(t), sign * t * torch.sin(t)], dim=1) / 10
    x += 0.05 * torch.randn(samples, 2, generator=generator)
    return x, arm


@needs_server
@needs_torch
class RangeTestTests(unittest.TestCase):

    def setUp(self) -> None:
        import torch

        torch.manual_seed(3)
        x, y = spirals(1024, seed=11)
        self.loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=32, shuffle=True)
        self.model = torch.nn.Sequential(torch.nn.Linear(2, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64),
                                         torch.nn.ReLU(), torch.nn.Linear(64, 2))
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
        self.client = support.client()

    def train_a_little(self) -> None:
        """A few ordinary steps, so that the optimizer has momentum buffers to restore."""
        loss_fn = __import__("torch").nn.CrossEntropyLoss()
        for step, (inputs, targets) in enumerate(self.loader):
            self.optimizer.zero_grad()
            loss_fn(self.model(inputs), targets).backward()
            self.optimizer.step()
            if step == 4:
                break

    def test_the_stored_curve_is_what_the_model_saw_and_the_state_comes_back_bit_for_bit(self) -> None:
        import torch
        import copy
        from lrtune.torch import range_test

        self.train_a_little()
        model_before = copy.deepcopy(self.model.state_dict())
        optimizer_before = copy.deepcopy(self.optimizer.state_dict())
        seen: List[Tuple[float, float]] = []
        cross_entropy = torch.nn.CrossEntropyLoss()

        def loss_fn(outputs: Any, targets: Any) -> Any:
            loss = cross_entropy(outputs, targets)
            seen.append((self.optimizer.param_groups[0]["lr"], loss.item()))
            return loss

        recommendation = range_test(self.client, self.model, self.optimizer, loss_fn, self.loader,
                                    start_lr=1e-5, end_lr=100, iterations=300, name="spirals mlp")

        job = self.client.jobs(runner="client", type="range_test", name="spirals mlp")["items"][0]
        self.assertEqual("succeeded", job["status"])
        plan = self.client.job(job["id"])["lrPlan"]
        curve = self.client.curve(job["id"])
        self.assertEqual(list(range(len(seen))), curve["iteration"])
        self.assertEqual([lr for lr, _ in seen], curve["lr"])
        self.assertEqual(plan[:len(seen)], curve["lr"])
        self.assertEqual([loss if math.isfinite(loss) else None for _, loss in seen], curve["loss"])
        self.assertLess(len(seen), 300, "the service says stop once the loss diverges")
        self.assertEqual(self.client.recommendation(job["id"]), recommendation)
        self.assertNotIn("no_divergence", [w["code"] for w in recommendation["warnings"]])
        self.assertTrue(1e-5 < recommendation["recommendedLr"] < 100)

        self.assertEqual(model_before.keys(), self.model.state_dict().keys())
        for name, tensor in self.model.state_dict().items():
            self.assertTrue(torch.equal(model_before[name], tensor), name)
        restored = self.optimizer.state_dict()
        self.assertEqual(optimizer_before["param_groups"], restored["param_groups"])
        self.assertEqual(optimizer_before["state"].keys(), restored["state"].keys())
        for key, state in restored["state"].items():
            self.assertTrue(torch.equal(optimizer_before["state"][key]["momentum_buffer"], state["momentum_buffer"]))
        self.assertEqual(0.01, self.optimizer.param_groups[0]["lr"])

    def test_with_a_validation_loader_and_accumulation_the_posted_loss_is_the_validation_loss(self) -> None:
        import torch
        from lrtune.torch import range_test

        x, y = spirals(256, seed=12)
        val_loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=100)
        batches = []

        def loss_fn(outputs: Any, targets: Any) -> Any:
            if torch.is_grad_enabled():
                batches.append(len(targets))
            return torch.nn.functional.cross_entropy(outputs, targets)

        range_test(self.client, self.model, self.optimizer, loss_fn, self.loader, start_lr=1e-4, end_lr=1,
                   iterations=12, val_loader=val_loader, accumulation_steps=2, name="spirals validation")
        job = self.client.jobs(runner="client", name="spirals validation")["items"][0]
        curve = self.client.curve(job["id"])
        self.assertEqual(list(range(12)), curve["iteration"])
        self.assertEqual(24, len(batches), "two batches per step")
        with torch.no_grad():
            untrained = torch.nn.functional.cross_entropy(self.model(x), y).item()
        self.assertNotEqual(untrained, curve["loss"][0], "the loss after the first step, not before it")
        self.assertLess(abs(curve["loss"][0] - untrained), 0.5)


if __name__ == "__main__":
    unittest.main()
