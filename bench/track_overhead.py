#!/usr/bin/env python3
"""What run.log costs a PyTorch training loop: tiny steps with and without it, against a running service.

    python3 bench/track_overhead.py [URL] [--steps 20000] [--block 1000] [--repeats 5] [--baseline SRC]
                                    [--server-pid PID]

URL defaults to $LRTUNE_URL, else http://localhost:8080. A tiny step (a 10 → 1 linear model on one batch of 32, one
thread) is the worst case: a real step is longer, and the logging costs the same.

Each repeat trains --steps steps without logging and --steps steps with run.log(k, loss, lr=...) every step (one
client-run training job, posted by the client's background thread as in any training), in alternating blocks of
--block steps (ABBA order), so that both see the same machine: on a shared machine the CPU time of the same loop
drifts by tens of percent from one second to the next. Linux only (/proc/thread-self/schedstat). Three figures:

  CPU   the loop thread's CPU time; with logging, plus every other thread of the process (the posting thread) from
        the first block until the last point is posted (run.flush() after the last block);
  free  the loop's time on a machine with a core to spare for it: its CPU time plus the time it slept waiting for
        the interpreter lock held by the posting thread (wall time less the time it ran and the time it waited for a
        core, counted in blocks of both kinds: a loop without logging never sleeps). The service's CPU, and every
        other process's, is left out: on a shared machine it decides most of the wall time;
  wall  the blocks' wall time, as measured.

and the ratios with/without, their medians over the repeats, and the load average. --server-pid prints the service's
CPU per point (another process, in no figure above). --baseline SRC also runs, in each repeat, the same with another
copy of the client (SRC holds its lrtune package, e.g. an older checkout's clients/python/src): a before/after in one
run.
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
    process: float  # the process's CPU time, every thread
    thread: float  # the calling thread's CPU time
    wall: float
    waited: float  # the calling thread's time runnable but waiting for a core


def now() -> Clock:
    with open("/proc/thread-self/schedstat") as stat:
        waited = int(stat.read().split()[1]) / 1e9
    return Clock(time.process_time(), time.thread_time(), time.perf_counter(), waited)


class Pass(NamedTuple):
    plain_cpu: float
    logged_cpu: float  # the loop thread's, in the blocks with logging
    others_cpu: float  # the other threads' (the posting thread's) through the final flush
    slept: float  # the loop thread's sleeps (lock waits) in blocks of both kinds
    plain_wall: float
    logged_wall: float

    def ratios(self) -> Dict[str, float]:
        return {"cpu": (self.logged_cpu + self.others_cpu) / self.plain_cpu,
                "free": (self.logged_cpu + self.slept) / self.plain_cpu,
                "wall": self.logged_wall / self.plain_wall}


def load_client(src: str, name: str) -> Any:
    """The lrtune package found in ``src``, imported as ``name`` (so that two copies can live in one process)."""
    spec = importlib.util.spec_from_file_location(name, os.path.join(src, "lrtune", "__init__.py"),
                                                  submodule_search_locations=[os.path.join(src, "lrtune")])
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[name] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


class Loop:
    """The training loop: one model and batch, trained block after block."""

    def __init__(self) -> None:
        torch.manual_seed(0)
        self.model = torch.nn.Linear(10, 1)
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=0.01)
        self.inputs, self.targets = torch.randn(32, 10), torch.randn(32, 1)

    def train(self, first: int, steps: int, run: Any) -> None:
        model, optimizer, inputs, targets = self.model, self.optimizer, self.inputs, self.targets
        for k in range(first, first + steps):
            optimizer.zero_grad()
            loss = torch.nn.functional.mse_loss(model(inputs), targets)
            loss.backward()
            optimizer.step()
            if run is not None:
                run.log(k, loss, lr=0.01)


def one_pass(client: Any, steps: int, block: int) -> Pass:
    loop = Loop()
    run = client.track(name="track overhead", schedule={"type": "constant", "lr": 0.01}, iterations=steps,
                       tags={"bench": "track_overhead"})
    cpu = {False: 0.0, True: 0.0}
    wall = {False: 0.0, True: 0.0}
    slept = 0.0
    start = now()
    for b, first in enumerate(range(0, steps, block)):
        size = min(block, steps - first)
        for logged in ((False, True) if b % 2 == 0 else (True, False)):
            before = now()
            loop.train(first, size, run if logged else None)
            after = now()
            cpu[logged] += after.thread - before.thread
            wall[logged] += after.wall - before.wall
            slept += (after.wall - before.wall) - (after.thread - before.thread) - (after.waited - before.waited)
    run.flush()
    end = now()
    run.finish()
    stored = len(client.curve(run.id, start=steps - 1)["iteration"])
    assert stored == 1, f"job {run.id}: the last point was not stored"
    others = (end.process - start.process) - (end.thread - start.thread)
    return Pass(cpu[False], cpu[True], others, max(0.0, slept), wall[False], wall[True])


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
    parser.add_argument("--steps", type=int, default=20_000, help="steps with and without logging, each repeat")
    parser.add_argument("--block", type=int, default=1000, help="steps in a block")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--baseline", metavar="SRC", help="also time the lrtune package found in SRC")
    parser.add_argument("--server-pid", type=int, help="the service's process, to print its CPU per point")
    args = parser.parse_args()
    torch.set_num_threads(1)
    clients: Dict[str, Any] = {"client": load_client(SOURCES, "lrtune").Client(args.url)}
    if args.baseline:
        clients["baseline"] = load_client(args.baseline, "lrtune_baseline").Client(args.url)
    print(f"load average at the start: {load()}")
    for client in clients.values():  # warm-up: the interpreter's, torch's, the service's
        one_pass(client, 2 * args.block, args.block)
    passes: Dict[str, List[Pass]] = {name: [] for name in clients}
    server_seconds = 0.0
    for repeat in range(args.repeats):
        names = list(clients) if repeat % 2 == 0 else list(reversed(clients))
        for name in names:
            before = server_cpu(args.server_pid)
            measured = one_pass(clients[name], args.steps, args.block)
            server_seconds += server_cpu(args.server_pid) - before
            passes[name].append(measured)
            r = measured.ratios()
            print(f"repeat {repeat + 1} {name:8s}: loop CPU {measured.plain_cpu:.3f} s without, "
                  f"{measured.logged_cpu:.3f} s with; posting thread {measured.others_cpu:.3f} s; "
                  f"lock waits {measured.slept:.3f} s; wall {measured.plain_wall:.3f} s / {measured.logged_wall:.3f} s;"
                  f" ratios CPU {r['cpu']:.3f}x free {r['free']:.3f}x wall {r['wall']:.3f}x", flush=True)
    print(f"{args.steps} steps with and {args.steps} without run.log a repeat, in blocks of {args.block}; "
          f"medians of {args.repeats} repeats:")
    for name, measured in passes.items():
        ratio = {key: statistics.median(p.ratios()[key] for p in measured) for key in ("cpu", "free", "wall")}
        plain = statistics.median(p.plain_cpu for p in measured) / args.steps
        extra = statistics.median(p.logged_cpu + p.others_cpu - p.plain_cpu for p in measured) / args.steps
        posting = statistics.median(p.others_cpu for p in measured) / args.steps
        print(f"  {name:8s}: ratio with/without CPU {ratio['cpu']:.3f}x, free {ratio['free']:.3f}x, "
              f"wall {ratio['wall']:.3f}x; a step {1e6 * plain:.1f} us CPU without, {1e6 * extra:+.2f} us with "
              f"(posting thread {1e6 * posting:.2f} us)")
    if args.server_pid is not None:
        points = args.repeats * len(clients) * args.steps
        print(f"the service (another process, in no figure): {1e6 * server_seconds / points:.1f} us CPU a point")
    print(f"torch {torch.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"load average at the end: {load()}")


if __name__ == "__main__":
    main()
