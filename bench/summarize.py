"""Summarises target/jmh.json (and the final losses printed in target/jmh.log) as the table of bench/run.sh."""
import json
import re
import sys

ROWS_LOGISTIC = 100_000
ROWS_MLP = 10_000
MLP_PARAMETERS = 784 * 128 + 128 + 128 * 10 + 10
MLP_FLOPS_PER_ROW = 6 * MLP_PARAMETERS

json_path, log_path, load_before, load_after = sys.argv[1:5]
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


print()
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
print()
if lrtune and tribuo:
    speedup = tribuo[0] / lrtune[0]
    print(f"  lrtune / Tribuo samples/s        {speedup:7.2f}x  (best iterations {tribuo[1] / lrtune[1]:.2f}x)"
          f"  target >= 5x: {verdict(speedup >= 5)}")
if lrtune and tribuo and conversion:
    sgd_only = (tribuo[0] - conversion[0]) / lrtune[0]
    print(f"  lrtune / Tribuo's SGD loop alone {sgd_only:7.2f}x  (Tribuo's train minus its conversion)")
if lrtune and floor:
    ratio = lrtune[0] / floor[0]
    print(f"  lrtune epoch / sequential floor  {ratio:7.2f}x  (best iterations {lrtune[1] / floor[1]:.2f}x)"
          f"  target <= 2x: {verdict(ratio <= 2)}")
if "lrtune" in losses and "tribuo" in losses:
    a, b = float(losses["lrtune"]), float(losses["tribuo"])
    difference = abs(a - b) / min(a, b) * 100
    print(f"  final mean log-loss              lrtune {a:.6f}, Tribuo {b:.6f}, {difference:.3f} % apart"
          f"  target <= 1 %: {verdict(difference <= 1)}")

if present("MlpBenchmark.mlpEpoch"):
    print()
    print("MLP 784-128-10 (relu, softmax), batch 64, 10,000 rows, one epoch, one thread")
    mean, best = row("lrtune epoch", "MlpBenchmark.mlpEpoch", ROWS_MLP)
    gflops = MLP_FLOPS_PER_ROW * ROWS_MLP / (mean / 1e3) / 1e9
    print(f"  achieved, 6 x {MLP_PARAMETERS:,} FLOPs per row  {gflops:6.1f} GFLOP/s"
          f"  (best iteration {MLP_FLOPS_PER_ROW * ROWS_MLP / (best / 1e3) / 1e9:.1f})"
          f"  target >= 10: {verdict(gflops >= 10)}")

breakdown = sorted(name for name in results if name.startswith("LogisticBreakdownBenchmark."))
if breakdown:
    print()
    print("Where an lrtune logistic epoch goes (each part over one epoch's 3,125 batches)")
    for name in breakdown:
        row(name.split(".")[1], name)
