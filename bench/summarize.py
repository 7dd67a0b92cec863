"""Summarises target/jmh.json (and the final losses printed in target/jmh.log), with PyTorch's figures from
target/torch-*.json when present (the least over its processes), as the table of bench/run.sh.

  summarize.py JMH_JSON JMH_LOG LOAD_BEFORE LOAD_AFTER [TORCH_JSON[,TORCH_JSON...] [MACHINE [CPU_TIME_LOG]]]
"""
import json
import os
import re
import sys

ROWS_LOGISTIC = 100_000
ROWS_MLP = 10_000
MLP_PARAMETERS = 784 * 128 + 128 + 128 * 10 + 10
MLP_FLOPS_PER_ROW = 6 * MLP_PARAMETERS
# The FLOPs the products really do per row (the input gradient of the first layer is never computed, by lrtune
# or PyTorch): forward and weight gradient 2 x 2 x (784 x 128 + 128 x 10), the second layer's input gradient
# 2 x 128 x 10; what is set against the core's measured FMA peak.
MLP_PRODUCT_FLOPS_PER_ROW = 4 * (784 * 128 + 128 * 10) + 2 * 128 * 10

json_path, log_path, load_before, load_after = sys.argv[1:5]
torch_path = sys.argv[5] if len(sys.argv) > 5 else None
machine = sys.argv[6] if len(sys.argv) > 6 else None
cpu_log = sys.argv[7] if len(sys.argv) > 7 else None
cpu_times = {}
cpu_runs = {}
allocs = {}
warmups = []
peaks = {}
peak_readings = []
paired = None
if cpu_log and os.path.exists(cpu_log):
    with open(cpu_log) as f:
        cpu_text = f.read()
    # Each JVM of EpochCpuTimes prints its own lines: the least of each over the JVMs, and every JVM's figure
    for name, ms in re.findall(r"^CPU-TIME (\w+) ([0-9.]+)", cpu_text, re.MULTILINE):
        cpu_runs.setdefault(name, []).append(float(ms))
    cpu_times = {name: min(values) for name, values in cpu_runs.items()}
    # (median, least, largest, rounds) of the per-round ratio of the logistic epoch to the floor, over the JVMs:
    # the median of their medians, the least and largest of all rounds, the rounds of all
    ratios = re.findall(r"^PAIRED-RATIO logistic/floor ([0-9.]+) ([0-9.]+) ([0-9.]+) (\d+)", cpu_text, re.MULTILINE)
    if ratios:
        medians = sorted(float(r[0]) for r in ratios)
        middle = len(medians) // 2
        median = medians[middle] if len(medians) % 2 else (medians[middle - 1] + medians[middle]) / 2
        paired = (None, median, min(float(r[1]) for r in ratios), max(float(r[2]) for r in ratios),
                  sum(int(r[3]) for r in ratios))
    # warm-up rounds, whether the JIT had settled, and the ms it compiled during the timed rounds, per JVM
    warmups = re.findall(r"^WARM-UP (\d+) (\w+) (\d+)", cpu_text, re.MULTILINE)
    # the FMA peak is read more than once (before and after the epochs): the highest reading is the core's
    peak_readings = re.findall(r"^PEAK-GFLOPS (\w+) ([0-9.]+)", cpu_text, re.MULTILINE)
    for dtype, gflops in peak_readings:
        peaks[dtype] = max(peaks.get(dtype, 0.0), float(gflops))
    # KB allocated per epoch (median of a JVM's timed rounds), per JVM: megabytes mean boxed vectors
    for name, kb in re.findall(r"^ALLOC-PER-EPOCH (\w+) (\d+)", cpu_text, re.MULTILINE):
        allocs.setdefault(name, []).append(int(kb))
torch = {}
torch_cpu = {}
torch_cpu_runs = {}
torch_version = None
# PyTorch ran in one process or several (comma-separated files): like lrtune's JVMs, its processes do not all run
# at one speed (the same MLP epoch took 121 ms in one and 174 ms in the next), so each figure is its least
for path in (torch_path or "").split(","):
    if not path or not os.path.exists(path):
        continue
    with open(path) as f:
        torch_run = json.load(f)
    torch_version = f"PyTorch {torch_run['torch']} (CPU capability {torch_run['capability']}; {torch_run['blas']})"
    for r in torch_run["results"]:
        key = (r["workload"], r["dtype"])
        if key not in torch or r["best_ms"] < torch[key][1]:
            torch[key] = (r["mean_ms"], r["best_ms"])
        if "best_cpu_ms" in r:
            torch_cpu_runs.setdefault(key, []).append(r["best_cpu_ms"])
torch_cpu = {key: min(values) for key, values in torch_cpu_runs.items()}
with open(json_path) as f:
    results = {".".join(r["benchmark"].split(".")[-2:]): r for r in json.load(f)}
with open(log_path) as f:
    losses = dict(re.findall(r"^FINAL-LOSS (\w+) ([0-9.eE+-]+)", f.read(), re.MULTILINE))


def ms(name):
    """Mean ms/op, its 99.9 % error, and the best (least disturbed) measurement iteration."""
    metric = results[name]["primaryMetric"]
    assert metric["scoreUnit"] == "ms/op", metric["scoreUnit"]
    best = min(value for fork in metric["rawData"] for value in fork)
    return metric["score"], metric["scoreError"], best


def allocated(name):
    metric = results[name].get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
    return f"{metric['score'] / 1e6:8.1f} MB allocated/op" if metric else ""


def row(label, name, rows=None):
    mean, error, best = ms(name)
    rate = f"{rows / mean * 1e3 / 1e6:6.3f} M samples/s" if rows else " " * 19
    print(f"  {label:<36} {mean:9.2f} ± {error:6.2f} ms/op (best {best:8.2f})  {rate} {allocated(name)}")
    return mean, best


def verdict(ok):
    return "met" if ok else "MISSED"


def present(name):
    return name in results


def torch_row(workload, dtype, rows):
    """PyTorch's (mean, best) for one workload and precision, printed as a row; None when it did not run."""
    if (workload, dtype) not in torch:
        return None
    mean, best = torch[(workload, dtype)]
    label = f"PyTorch {dtype} epoch"
    print(f"  {label:<36} {mean:9.2f}          ms/op (best {best:8.2f})  {rows / mean * 1e3 / 1e6:6.3f} M samples/s")
    return mean, best


def versus(label, peer, ours, target=None, target_text=""):
    """How many times faster lrtune is than a peer (peer time / lrtune time), means and best iterations."""
    if not peer or not ours:
        return
    speedup = peer[0] / ours[0]
    judged = f"  target {target_text}: {verdict(speedup >= target)}" if target else ""
    print(f"  lrtune vs {label:<23}{speedup:7.2f}x faster  (best iterations {peer[1] / ours[1]:.2f}x){judged}")


print()
if machine:
    print(f"machine: {machine}")
if torch_version:
    print(f"peer: {torch_version}, one thread")
print(f"load average: {load_before} before, {load_after} after the run")
print()
print("Logistic regression, 100,000 x 100, batch 32, one epoch, plain SGD at a constant rate")
lrtune = tribuo = floor = None
if present("LogisticRegressionBenchmark.lrtuneEpoch"):
    lrtune = row("lrtune epoch", "LogisticRegressionBenchmark.lrtuneEpoch", ROWS_LOGISTIC)
if present("LogisticRegressionBenchmark.tribuoEpoch"):
    tribuo = row("Tribuo 4.3.2 LinearSGDTrainer epoch", "LogisticRegressionBenchmark.tribuoEpoch", ROWS_LOGISTIC)
conversion = None
if present("LogisticRegressionBenchmark.tribuoFeatureConversion"):
    conversion = row("  its example-to-vector conversion", "LogisticRegressionBenchmark.tribuoFeatureConversion")
if present("LogisticRegressionBenchmark.sequentialSum"):
    floor = row("sequential sum of the features", "LogisticRegressionBenchmark.sequentialSum")
torch_logistic = {dtype: torch_row("logistic", dtype, ROWS_LOGISTIC) for dtype in ("float64", "float32")}
print()
versus("PyTorch float64", torch_logistic["float64"], lrtune, 10, ">= 10x")
versus("PyTorch float32", torch_logistic["float32"], lrtune, 10, ">= 10x")
if lrtune and tribuo:
    speedup = tribuo[0] / lrtune[0]
    print(f"  lrtune / Tribuo samples/s        {speedup:7.2f}x  (best iterations {tribuo[1] / lrtune[1]:.2f}x)"
          f"  target >= 5x: {verdict(speedup >= 5)}")
if lrtune and tribuo and conversion:
    sgd_only = (tribuo[0] - conversion[0]) / lrtune[0]
    print(f"  lrtune / Tribuo's SGD loop alone {sgd_only:7.2f}x  (Tribuo's train minus its conversion)")
if lrtune and floor:
    ratio = lrtune[0] / floor[0]
    judged = "judged on CPU time below" if paired else f"target <= 2.5x: {verdict(ratio <= 2.5)}"
    print(f"  lrtune epoch / sequential floor  {ratio:7.2f}x  (best iterations {lrtune[1] / floor[1]:.2f}x; wall time)"
          f"  {judged}")
if "lrtune" in losses and "tribuo" in losses:
    a, b = float(losses["lrtune"]), float(losses["tribuo"])
    difference = abs(a - b) / min(a, b) * 100
    print(f"  final mean log-loss              lrtune {a:.6f}, Tribuo {b:.6f}, {difference:.3f} % apart"
          f"  target <= 1 %: {verdict(difference <= 1)}")

if present("MlpBenchmark.mlpEpoch"):
    print()
    print("MLP 784-128-10 (relu, softmax), batch 64, 10,000 rows, one epoch, one thread")
    mlp = row("lrtune epoch (float64)", "MlpBenchmark.mlpEpoch", ROWS_MLP)
    torch_mlp = {dtype: torch_row("mlp", dtype, ROWS_MLP) for dtype in ("float64", "float32")}
    print()
    for label, figures in [("lrtune", mlp)] + [(f"PyTorch {d}", t) for d, t in torch_mlp.items() if t]:
        mean, best = figures
        print(f"  {label + ' achieved':<32} {MLP_FLOPS_PER_ROW * ROWS_MLP / (mean / 1e3) / 1e9:6.1f} GFLOP/s"
              f"  (best iteration {MLP_FLOPS_PER_ROW * ROWS_MLP / (best / 1e3) / 1e9:.1f}),"
              f" 6 x {MLP_PARAMETERS:,} FLOPs per row")
    versus("PyTorch float64", torch_mlp["float64"], mlp, 1.5, ">= 1.5x")
    versus("PyTorch float32", torch_mlp["float32"], mlp, 1.0, ">= 1.0x")

breakdown = sorted(name for name in results if name.startswith("LogisticBreakdownBenchmark."))
if breakdown:
    print()
    print("Where an lrtune logistic epoch goes (each part over one epoch's 3,125 batches)")
    for name in breakdown:
        row(name.split(".")[1], name)

if cpu_times:
    print()
    print("CPU time of one epoch, least of several (the thread's CPU time, not wall time: holds up under load)")
    if warmups:
        settled = sum(1 for w in warmups if w[1] == "settled")
        print(f"  least over {len(warmups)} JVMs, each timing its rounds after its JIT settled ({settled} of"
              f" {len(warmups)} did; warm-up rounds {', '.join(w[0] for w in warmups)}; JIT ms during the timed rounds"
              f" {', '.join(w[2] for w in warmups)})")
    if allocs:
        print("  allocated per epoch, per JVM (KB; about 2,000 for a settled MLP epoch, far more when C2 left vectors"
              " boxed): " + "; ".join(f"{name} {', '.join(str(kb) for kb in kbs)}" for name, kbs in allocs.items()))
    for workload, label in (("logistic", "logistic 100,000 x 100, batch 32"), ("mlp", "MLP 784-128-10, batch 64")):
        # PyTorch / lrtune: how many times less CPU time lrtune takes
        ours = cpu_times.get(workload)
        if ours is None:
            continue
        line = f"  {label:<34} lrtune {ours:8.2f} ms"
        if workload == "mlp":
            line += f" ({MLP_FLOPS_PER_ROW * ROWS_MLP / (ours / 1e3) / 1e9:.1f} GFLOP/s)"
        if len(cpu_runs.get(workload, [])) > 1:
            line += f" (JVMs: {', '.join(f'{v:.2f}' for v in cpu_runs[workload])})"
        for dtype in ("float64", "float32"):
            peer = torch_cpu.get((workload, dtype))
            if peer:
                line += f", PyTorch {dtype} {peer:8.2f} ms ({peer / ours:5.2f}x)"
        print(line)
        peer_runs = [f"{dtype} {', '.join(f'{v:.2f}' for v in torch_cpu_runs[(workload, dtype)])}"
                     for dtype in ("float64", "float32") if len(torch_cpu_runs.get((workload, dtype), [])) > 1]
        if peer_runs:
            print(f"  {'':<34} PyTorch processes: {'; '.join(peer_runs)}")
        if workload == "mlp" and ("mlp", "float64") in torch_cpu and ("mlp", "float32") in torch_cpu:
            print(f"  {'':<34} targets >= 1.5x PyTorch float64: {verdict(torch_cpu.get(('mlp', 'float64'), 0) / ours >= 1.5)},"
                  f" >= 1.0x float32: {verdict(torch_cpu.get(('mlp', 'float32'), 0) / ours >= 1.0)}")
    float32 = cpu_times.get("mlpfloat32")
    if float32 is not None:
        line = f"  {'MLP 784-128-10 in float32':<34} lrtune {float32:8.2f} ms"
        line += f" ({MLP_FLOPS_PER_ROW * ROWS_MLP / (float32 / 1e3) / 1e9:.1f} GFLOP/s)"
        if len(cpu_runs.get("mlpfloat32", [])) > 1:
            line += f" (JVMs: {', '.join(f'{v:.2f}' for v in cpu_runs['mlpfloat32'])})"
        print(line)
        peer = torch_cpu.get(("mlp", "float32"))
        if peer:
            print(f"  {'  lrtune float32 vs PyTorch float32':<36} {peer / float32:5.2f}x"
                  f" (PyTorch {peer:.2f} ms / lrtune {float32:.2f} ms)")
        if "mlp" in cpu_times:
            print(f"  {'  float32 vs float64 lrtune':<36} {cpu_times['mlp'] / float32:5.2f}x"
                  f" (float64 {cpu_times['mlp']:.2f} ms / float32 {float32:.2f} ms)")
    if "floor" in cpu_times and "logistic" in cpu_times:
        ratio = cpu_times["logistic"] / cpu_times["floor"]
        if paired:
            # judged on the ratio within each round (epoch and floor under the same load), not on the least of each
            median, least, largest, rounds = float(paired[1]), float(paired[2]), float(paired[3]), int(paired[4])
            print(f"  {'sequential floor (vector sum)':<34} {cpu_times['floor']:8.2f} ms; lrtune logistic epoch / floor:"
                  f" median of {rounds} rounds {median:5.2f}x ({least:.2f}-{largest:.2f}x; least over least {ratio:.2f}x)"
                  f"  target <= 2.5x: {verdict(largest <= 2.5)} (every round), {verdict(median <= 2.5)} (median)")
        else:
            print(f"  {'sequential floor':<34} {cpu_times['floor']:8.2f} ms; lrtune logistic epoch / floor {ratio:5.2f}x"
                  f"  target <= 2.5x: {verdict(ratio <= 2.5)}")
        if "scalarfloor" in cpu_times:
            print(f"  {'  the scalar sum (previous floor)':<34} {cpu_times['scalarfloor']:8.2f} ms ="
                  f" {cpu_times['scalarfloor'] / cpu_times['floor']:5.2f}x the vector floor")
    if "floor" in cpu_times and "touch" in cpu_times:
        print(f"  {'shuffled touch (1 load per line)':<34} {cpu_times['touch']:8.2f} ms ="
              f" {cpu_times['touch'] / cpu_times['floor']:5.2f}x the sequential floor: what bringing a shuffled"
              f" epoch's rows in costs before any arithmetic")
    if peaks and "mlp" in cpu_times:
        print()
        readings = ", ".join(g for dtype, g in peak_readings if dtype == "float64")
        print(f"Core FMA peak (measured, FmaPeak): float64 {peaks.get('float64', 0):.1f} GFLOP/s,"
              f" float32 {peaks.get('float32', 0):.1f} GFLOP/s (the highest float64 reading of {readings});"
              f" MLP products {MLP_PRODUCT_FLOPS_PER_ROW:,} FLOPs per row")
        epoch_flops = MLP_PRODUCT_FLOPS_PER_ROW * ROWS_MLP

        def of_peak(label, ms_value, dtype):
            rate = epoch_flops / (ms_value / 1e3) / 1e9
            peak = peaks.get(dtype)
            share = f" = {rate / peak * 100:5.1f} % of the {dtype} peak" if peak else ""
            print(f"  {label:<34} {ms_value:8.2f} ms, {rate:6.1f} GFLOP/s{share}")

        of_peak("lrtune (float64)", cpu_times["mlp"], "float64")
        if "mlpfloat32" in cpu_times:
            of_peak("lrtune (float32)", cpu_times["mlpfloat32"], "float32")
        for dtype in ("float64", "float32"):
            peer = torch_cpu.get(("mlp", dtype))
            if peer:
                of_peak(f"PyTorch {dtype}", peer, dtype)
        for dtype, factor in (("float64", 1.5), ("float32", 1.0)):
            peer = torch_cpu.get(("mlp", dtype))
            if peer and "float64" in peaks:
                needed = peer / factor
                rate = epoch_flops / (needed / 1e3) / 1e9
                print(f"  {factor}x PyTorch {dtype} needs lrtune at {needed:7.2f} ms = {rate:5.1f} GFLOP/s"
                      f" = {rate / peaks['float64'] * 100:5.1f} % of the float64 peak")
