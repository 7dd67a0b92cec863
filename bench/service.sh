#!/usr/bin/env bash
# The service benchmarks (dev.lrtune.bench.ServiceBenchmark): the application started in-process
# on H2 and on PostgreSQL, driven over HTTP. Prints (a) persistence overhead of a 200,000-iteration job,
# (b) GET /curve?maxPoints=2000 on 1,000,000 vs 10,000 points, (c) POST /jobs -> running on an idle service,
# (d) jobs/s for 2,000 ten-iteration jobs; each line ends with /proc/loadavg.
#
#   bench/service.sh              H2 then PostgreSQL (about 2 minutes)
#   bench/service.sh h2           one of them
#
# PostgreSQL: LRTUNE_BENCH_POSTGRES_URL (default jdbc:postgresql://127.0.0.1:5432/test?user=postgres); a fresh
# schema is created and dropped. Maven options in MAVEN_ARGS (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q ${MAVEN_ARGS:-} -Pbench test-compile exec:exec -Dbench.main=dev.lrtune.bench.ServiceBenchmark \
	-Dbench.args="${*:-h2 postgres}"
