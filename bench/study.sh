#!/usr/bin/env bash
# The study benchmark (dev.lrtune.bench.StudyBenchmark): the wall time of an 8-candidate study (range test, then
# successive halving, eta 3) against the same 8 candidates trained to the full budget, on one in-process service
# (H2 file, 2 workers) over HTTP; with each side's best validation loss and where the study's pick places among
# the full runs. Each line ends with /proc/loadavg; run it on an otherwise idle machine.
#
#   bench/study.sh                budgets 27,000 and 81,000 iterations on two problems (about 4 minutes)
#   bench/study.sh 9000           other budgets
#
# Maven options in MAVEN_ARGS (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q ${MAVEN_ARGS:-} -Pbench test-compile exec:exec -Dbench.main=dev.lrtune.bench.StudyBenchmark \
	-Dbench.args="${*:-27000 81000}"
