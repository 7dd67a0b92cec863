"""PyTorch on the CPU, one thread, on the workloads of lrtune's JMH benchmarks (bench/run.sh runs both).

  MLP 784-128-10 (relu, softmax cross-entropy), batch 64, 10,000 rows, one epoch of plain SGD at 0.01
  logistic regression (BCEWithLogitsLoss), 100,000 x 100, batch 32, one epoch of plain SGD at 0.03

Each in float64 and float32, written as a PyTorch user would: an nn.Module, torch.optim.SGD, a fresh
random permutation per epoch and the batch taken by indexing (as a DataLoader with shuffle=True does,
without its worker and collate overhead). A fresh model and optimizer per epoch, outside the timed part,
as in the JMH benchmarks. The tables have the Java benchmarks' shapes and distributions (N(0, 1) features,
labels from a known model), not their exact values: the timing does not depend on them.

  /usr/bin/python3 bench/torch_peer.py [--epochs N] [--json PATH]

ATEN_CPU_CAPABILITY=avx2 (default: the best the CPU has) chooses PyTorch's own kernels' instruction set and
OPENBLAS_CORETYPE=Haswell OpenBLAS's (bench/run.sh --avx2 sets both). The matrix products go to the BLAS
that Debian's alternatives select: the reference libblas3 is many times slower than OpenBLAS
(apt-get install libopenblas0-pthread), so the library in use is printed. Prints one line per workload and
a JSON list (--json) for bench/summarize.py.
"""
import argparse
import ctypes
import json
import os
import time

# One thread: set before the libraries start their thread pools.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch  # noqa: E402
import torch.nn.functional as F

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=5, help="timed epochs per workload (after one warm-up epoch)")
parser.add_argument("--json", help="where to write the results as JSON")
args = parser.parse_args()

torch.set_num_threads(1)
torch.set_num_interop_threads(1)
torch.manual_seed(7)


def capability():
    try:
        return torch.backends.cpu.get_cpu_capability()
    except AttributeError:  # before PyTorch 2.0: only the variable says
        return os.environ.get("ATEN_CPU_CAPABILITY", "default (the best the CPU has)")


def blas():
    """The BLAS library loaded into this process, and OpenBLAS's kernel family when it is OpenBLAS."""
    with open("/proc/self/maps") as f:
        paths = sorted({line.split()[-1] for line in f if "blas" in line.split()[-1]})
    names = [os.path.realpath(path) for path in paths]
    for name in names:
        if "openblas" in name:
            try:
                corename = ctypes.CDLL(name).openblas_get_corename
                corename.restype = ctypes.c_char_p
                return f"OpenBLAS, {corename().decode()} kernels ({name})"
            except (OSError, AttributeError):
                return f"OpenBLAS ({name})"
    return ", ".join(names) or "none found"


def mlp_table(dtype):
    rows, inputs, classes = 10_000, 784, 10
    x = torch.randn(rows, inputs, dtype=dtype)
    directions = torch.randn(inputs, classes, dtype=dtype)
    return x, (x @ directions).argmax(dim=1)


def logistic_table(dtype):
    rows, cols = 100_000, 100
    x = torch.randn(rows, cols, dtype=dtype)
    w = torch.randn(cols, dtype=dtype)
    w *= 3 / w.norm()
    y = torch.bernoulli(torch.sigmoid(x @ w)).unsqueeze(1)
    return x, y


def mlp_model(dtype):
    return torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10)).to(dtype)


def logistic_model(dtype):
    model = torch.nn.Linear(100, 1).to(dtype)
    torch.nn.init.zeros_(model.weight)
    torch.nn.init.zeros_(model.bias)
    return model


def epoch(model, optimizer, loss_function, x, y, batch):
    permutation = torch.randperm(x.shape[0])
    for start in range(0, x.shape[0], batch):
        rows = permutation[start:start + batch]
        optimizer.zero_grad(set_to_none=True)
        loss = loss_function(model(x[rows]), y[rows])
        loss.backward()
        optimizer.step()
    return loss.item()


def measure(name, dtype, table, new_model, loss_function, batch, lr):
    x, y = table(dtype)
    times = []
    cpu_times = []
    for run in range(args.epochs + 1):
        model = new_model(dtype)
        optimizer = torch.optim.SGD(model.parameters(), lr=lr)
        start = time.perf_counter()
        cpu_start = time.thread_time()
        last_loss = epoch(model, optimizer, loss_function, x, y, batch)
        cpu = (time.thread_time() - cpu_start) * 1e3
        elapsed = (time.perf_counter() - start) * 1e3
        if run > 0:  # the first epoch warms up the allocator and the dispatcher
            times.append(elapsed)
            cpu_times.append(cpu)
    mean = sum(times) / len(times)
    result = {"workload": name, "dtype": str(dtype).replace("torch.", ""), "mean_ms": mean, "best_ms": min(times),
              "best_cpu_ms": min(cpu_times), "epochs": len(times), "last_batch_loss": last_loss}
    print(f"  PyTorch {name:<9} {result['dtype']:<8} {mean:9.2f} ms/epoch (best {min(times):8.2f},"
          f" CPU time best {min(cpu_times):8.2f})  last batch loss {last_loss:.4f}", flush=True)
    return result


torch.ones(2, 2, dtype=torch.float64) @ torch.ones(2, 2, dtype=torch.float64)  # loads the BLAS
print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread, CPU capability {capability()}, BLAS: {blas()}",
      flush=True)
results = []
for dtype in (torch.float64, torch.float32):
    results.append(measure("mlp", dtype, mlp_table, mlp_model, F.cross_entropy, 64, 0.01))
    results.append(measure("logistic", dtype, logistic_table, logistic_model, F.binary_cross_entropy_with_logits, 32,
                           0.03))
if args.json:
    with open(args.json, "w") as f:
        json.dump({"torch": torch.__version__, "capability": capability(), "blas": blas(), "results": results}, f,
                  indent=1)
