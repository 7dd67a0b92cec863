#!/usr/bin/env python3
"""What run.log costs a PyTorch training loop: 20,000 tiny steps with and without it, against a running service.

    python3 bench/track_overhead.py [URL] [--steps 20000] [--repeats 7] [--baseline SRC] [--server-pid PID]

URL defaults to $LRTUNE_URL, else http://localhost:8080. Each repeat times the loop without logging and with
run.log every step (a client-run training job, posted in the background every second), in an order that rotates
from one repeat to the next, and prints for each:

  CPU    the process's CPU time (every thread: the posting thread's work counts) from the loop's start until the
         last point is posted (run.flush() after the loop: its encoding is part of what logging costs);
  wall   the loop's wall time;
  free   the loop's wall time less the time its thread waited for a core (Linux's /proc/thread-self/schedstat):
         what the loop takes on a machine with a core to spare. It still counts every wait for the interpreter
         lock held by the posting thread; it leaves out the other processes' CPU (the service's, when it runs on
         the same machine, and anything else running), which on a shared machine is most of the wall time.

then the medians and the ratios with/without (the median of each repeat's ratio), with the load average. The service's
own CPU is never in CPU (another process); --server-pid prints what it spent per point. --baseline SRC also times
another copy of the client (SRC holding its lrtune package, e.g. an older checkout's clients/python/src) in the same
repeats, for a before/after in one run. A tiny step (a 10 → 1 linear model on one batch of 32) is the worst case: a
real step is longer, and the logging costs the same.
"""

import argparse
import importlib.util
import os
import statistics
import sys
import time
from typing import Any, Dict, List, NamedTuple, Optional

import torch

SOURCES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "clients", "python", "src")


class Clock(NamedTuple):
    cpu: float  # the process, every thread
    wall: float
    waited: float  # the calling thread's time runnable but waiting for a core


class Measure(NamedTuple):
    cpu: float
    wall: float
    free: float


def now() -> Clock:
    try:
        with open("/proc/thread-self/schedstat") as stat:
            waited = int(stat.read().split()[1]) / 1e9
    except OSError:
        waited = float("nan")
    return Clock(time.process_time(), time.perf_counter(), waited)


def load_client(src: str, name: str) -> Any:
    """The lrtune package found in ``src``, imported as ``name`` (so that two copies can live in one process)."""
    spec = importlib.util.spec_from_file_location(name, os.path.join(src, "lrtune", "__init__.py"),
                                                  submodule_search_locations=[os.path.join(src, "lrtune")])
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[name] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def loop(steps: int, run: Any) -> None:
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


def timed(steps: int, client: Any) -> Measure:
    run = None
    if client is not None:
        run = client.track(name="track overhead", schedule={"type": "constant", "lr": 0.01}, iterations=steps,
                           tags={"bench": "track_overhead"})
    start = now()
    loop(steps, run)
    looped = now()
    if run is not None:
        run.flush()
    flushed = now()
    if run is not None:
        run.finish()
        stored = len(client.curve(run.id, start=steps - 1)["iteration"])
        assert stored == 1, f"job {run.id}: the last point was not stored"
    wall = looped.wall - start.wall
    return Measure(flushed.cpu - start.cpu, wall, wall - (looped.waited - start.waited))


def server_cpu(pid: Optional[int]) -> float:
    if pid is None:
        return float("nan")
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", default=os.environ.get("LRTUNE_URL", "http://localhost:8080"))
    parser.add_argument("--steps", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--baseline", metavar="SRC", help="also time the lrtune package found in SRC")
    parser.add_argument("--server-pid", type=int, help="the service's process, to print its CPU per point")
    args = parser.parse_args()
    torch.set_num_threads(1)
    clients: Dict[str, Any] = {"without run.log": None, "with run.log": load_client(SOURCES, "lrtune").Client(args.url)}
    if args.baseline:
        clients["with run.log (baseline)"] = load_client(args.baseline, "lrtune_baseline").Client(args.url)
    names = list(clients)
    print(f"load average at the start: {load()}")
    loop(500, None)  # warm-up
    measures: Dict[str, List[Measure]] = {name: [] for name in names}
    server_seconds = 0.0
    for repeat in range(args.repeats):
        order = names[repeat % len(names):] + names[:repeat % len(names)]
        for name in order:
            before = server_cpu(args.server_pid)
            measures[name].append(timed(args.steps, clients[name]))
            if clients[name] is not None:
                server_seconds += server_cpu(args.server_pid) - before
        print(f"repeat {repeat + 1}: " + "; ".join(
            f"{name} {measures[name][-1].cpu:.3f} s CPU, {measures[name][-1].wall:.3f} s wall, "
            f"{measures[name][-1].free:.3f} s free" for name in names), flush=True)
    plain = measures[names[0]]
    print(f"{args.steps} steps, medians of {args.repeats} repeats:")
    for name in names:
        ms = measures[name]
        line = (f"  {name:24s} CPU {statistics.median(m.cpu for m in ms):.3f} s, "
                f"wall {statistics.median(m.wall for m in ms):.3f} s, free {statistics.median(m.free for m in ms):.3f} s")
        if name != names[0]:
            ratios = {field: statistics.median(getattr(m, field) / getattr(p, field) for m, p in zip(ms, plain))
                      for field in Measure._fields}
            per_step = statistics.median(m.cpu - p.cpu for m, p in zip(ms, plain)) / args.steps
            line += (f"; ratio CPU {ratios['cpu']:.3f}x, wall {ratios['wall']:.3f}x, free {ratios['free']:.3f}x; "
                     f"{1e6 * per_step:.2f} us CPU a step")
        print(line)
    logged = args.repeats * (len(names) - 1) * args.steps
    if args.server_pid is not None:
        print(f"the service (another process, not in CPU): {1e6 * server_seconds / logged:.2f} us CPU a point")
    print(f"torch {torch.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"load average at the end: {load()}")


if __name__ == "__main__":
    main()
