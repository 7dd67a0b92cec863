#!/usr/bin/env bash
# Runs lrtune's JMH benchmarks side by side in one JMH run and prints a summary with the ratios:
#   logistic regression, 100,000 x 100, batch 32, one epoch: lrtune vs Tribuo 4.3.2, vs a sequential sum
#   MLP 784-128-10, batch 64, 10,000 rows, one epoch: samples/s and GFLOP/s
#
#   bench/run.sh               the benchmarks and the summary (about 5 minutes)
#   bench/run.sh --breakdown   also where an lrtune logistic epoch spends its time
#
# Extra JMH options go in JMH_ARGS (e.g. JMH_ARGS='-f 2'); Maven options in MAVEN_ARGS (e.g. -o).
# Results: target/jmh.json (JMH's JSON), target/jmh.log (its full output). The machine should be idle:
# the load average is printed before and after, and figures taken under load are not comparable.
set -euo pipefail
cd "$(dirname "$0")/.."

benchmarks="LogisticRegressionBenchmark MlpBenchmark"
if [[ "${1:-}" == "--breakdown" ]]; then
	benchmarks="$benchmarks LogisticBreakdownBenchmark"
fi

load_before=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo unknown)
echo "load average before: $load_before ($(nproc) cores)"
mkdir -p target
./mvnw -q -Pbench test-compile exec:exec \
	-Dbench.args="-prof gc -rf json -rff target/jmh.json ${JMH_ARGS:-} $benchmarks" | tee target/jmh.log
load_after=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo unknown)

python3 bench/summarize.py target/jmh.json target/jmh.log "$load_before" "$load_after"
