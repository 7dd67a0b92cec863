#!/usr/bin/env bash
# The quality benchmark (dev.lrtune.bench.QualityBenchmark, docs/quality.md): does lrtune's answer to "which
# learning rate?" hold up? Every problem (21 real datasets from bench/quality-data plus 3 synthetic ones, x the
# linear family and a small MLP, x sgd, sgd momentum 0.9 and adam; batch 32; 1,000 iterations) is trained at 25
# constant rates to find the best final validation loss L*; each rule (recommendedLr, each suggestion, the search)
# hits when its rate's loss is within max(2 % of L*, 0.005) of L*. Runs offline, uses only the core; not part of
# verify.
#
#   bench/quality.sh                       the figures for the current code (about 10 minutes on 2 cores)
#   bench/quality.sh --before              the raw target and the rules lrtune had before honest analysis
#   bench/quality.sh --defaults            the curve rules under other range-test lengths, smoothing and skipEnd
#   bench/quality.sh --only boston,iris    some datasets; --threads N (default 2)
#
# The tables are printed and written to target/quality-after.md (or -before.md). Maven options in MAVEN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q ${MAVEN_ARGS:-} -Pbench test-compile exec:exec -Dbench.main=dev.lrtune.bench.QualityBenchmark \
	-Dbench.args="$*"
