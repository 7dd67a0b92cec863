#!/usr/bin/env bash
# The study quality benchmark (dev.lrtune.study.StudyQualityBenchmark, docs/quality.md): does a generated study pick
# well? On every problem of the quality benchmark (bench/quality.sh), a study of 1,000 iterations runs as the service
# runs it (the learning-rate search, the eight generated candidates, the constant one's whole run taken from the
# search and the other seven racing by successive halving with the study's defaults),
# then every candidate trains the whole budget; the study's pick hits when it is within 2 % of the best of them. Other
# strategies are measured beside the default on the same search and whole runs. Runs offline, uses the core and the
# study's planning code (no database, no HTTP); not part of verify.
#
#   bench/study-quality.sh                        all 144 problems (about 5 minutes on 2 busy cores)
#   bench/study-quality.sh --only boston,iris --threads 1
#   bench/study-quality.sh --objective last       rank by the last validation loss instead of the lowest
#
# The tables are printed and written to target/study-quality-<objective>.md. Maven options in MAVEN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q ${MAVEN_ARGS:-} -Pbench test-compile exec:exec -Dbench.main=dev.lrtune.study.StudyQualityBenchmark \
	-Dbench.args="$*"
