#!/usr/bin/env python3
"""What run.log costs a PyTorch training loop: 20,000 tiny steps with and without it, against a running service.

    python3 bench/track_overhead.py [URL] [--steps 20000] [--repeats 3]

URL defaults to $LRTUNE_URL, else http://localhost:8080. Each repeat times the loop without logging, then with
run.log every step (a client-run training job, posted in the background every second), alternately, and prints the
process CPU time (every thread: the posting thread's work counts) and the wall time of each, their medians and the
ratios, with the load average. A tiny step (a 10 → 1 linear model on one batch of 32) is the worst case: a real step
is longer, and the logging costs the same.
"""

import argparse
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "clients", "python", "src"))
import lrtune  # noqa: E402


def loop(steps: int, run: "lrtune.Run | None") -> None:
    torch.manual_seed(0)
    model = torch.nn.Linear(10, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    inputs, targets = torch.randn(32, 10), torch.randn(32, 1)
    for k in range(steps):
        optimizer.zero_grad()
        loss = torch.nn.functional.mse_loss(model(inputs), targets)
        loss.backward()
        optimizer.step()
        if run is not None:
            run.log(k, loss, lr=0.01)


def timed(steps: int, client: "lrtune.Client | None") -> "tuple[float, float]":
    run = None
    if client is not None:
        run = client.track(name="track overhead", schedule={"type": "constant", "lr": 0.01}, iterations=steps,
                           tags={"bench": "track_overhead"})
    cpu, wall = time.process_time(), time.perf_counter()
    loop(steps, run)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if run is not None:
        run.finish()  # after the clock: the last second's points are posted when the loop has ended
        stored = len(client.curve(run.id, start=steps - 1)["iteration"])  # type: ignore[union-attr]
        assert stored == 1, f"job {run.id}: the last point was not stored"
    return cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", default=os.environ.get("LRTUNE_URL", "http://localhost:8080"))
    parser.add_argument("--steps", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(1)
    client = lrtune.Client(args.url)
    loop(500, None)  # warm-up
    plain, logged = [], []
    for repeat in range(args.repeats):
        plain.append(timed(args.steps, None))
        logged.append(timed(args.steps, client))
        print(f"repeat {repeat + 1}: without log {plain[-1][0]:.3f} s CPU {plain[-1][1]:.3f} s wall, "
              f"with log {logged[-1][0]:.3f} s CPU {logged[-1][1]:.3f} s wall")
    cpu = (statistics.median(c for c, _ in plain), statistics.median(c for c, _ in logged))
    wall = (statistics.median(w for _, w in plain), statistics.median(w for _, w in logged))
    print(f"{args.steps} steps, median of {args.repeats}: without run.log {cpu[0]:.3f} s CPU / {wall[0]:.3f} s wall, "
          f"with run.log {cpu[1]:.3f} s CPU / {wall[1]:.3f} s wall")
    print(f"ratio with/without: CPU {cpu[1] / cpu[0]:.3f}x, wall {wall[1] / wall[0]:.3f}x; "
          f"per step {1e6 * (cpu[1] - cpu[0]) / args.steps:.2f} us CPU; torch {torch.__version__}, "
          f"Python {sys.version.split()[0]}, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
