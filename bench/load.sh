#!/usr/bin/env bash
# The load test: starts the packaged application with 2 workers and runs bench/load.py against it.
#   1. 10,000 tiny jobs posted at once (32 client threads): 202s and 429s counted, then the time until all ran, jobs/s.
#   2. Two long training jobs on the 2 workers: their iterations/s alone (15 s), while 64 wrk connections read job
#      status and curves (30 s; requests/s, p50/p99 per kind), and alone again (15 s); the CPU each thread group took.
# About 3-5 minutes in all. Prints every figure; wrk's full output goes to target/load/.
#
#   bench/load.sh                 PostgreSQL when reachable (the production path), else an H2 file database
#   LOAD_DB=h2 bench/load.sh      H2 (a file under target/load) even when PostgreSQL is there
#   LOAD_JOBS=1000 LOAD_BASELINE_SECONDS=5 LOAD_READ_SECONDS=10 bench/load.sh     a short run
#
# PostgreSQL: LOAD_POSTGRES_URL (default jdbc:postgresql://127.0.0.1:5432/test?user=postgres); a fresh schema
# lrtune_load_<time> is created and dropped. LOAD_MAX_QUEUED sets lrtune.queue.max-queued (default 10000, as shipped:
# 10,000 jobs fit; set it lower to see 429s). LOAD_SUBMITTERS, LOAD_CONNECTIONS (64), LOAD_CURVE_CONNECTIONS (16 of
# them), LOAD_MAX_POINTS (500) as named. Needs java 17, python3, wrk (apt-get install wrk) and psql for PostgreSQL.
# LOAD_JAR runs another jar (e.g. main's, for a before/after); LOAD_PORT a fixed port instead of a free one.
# The jar is built when missing (MAVEN_ARGS, e.g. -o, go to ./mvnw). The machine should be idle otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/postgres.sh
source bench/service_jvm.sh

for tool in java python3 wrk curl; do
	command -v "$tool" >/dev/null || { echo "bench/load.sh needs $tool" >&2; exit 2; }
done
jar=${LOAD_JAR:-$(ls target/lrtune-*.jar 2>/dev/null | grep -v plain | head -1 || true)}
if [[ -z "$jar" ]]; then
	./mvnw -q ${MAVEN_ARGS:-} -B package -DskipTests
	jar=$(ls target/lrtune-*.jar | grep -v plain | head -1)
fi

out=target/load
rm -rf "$out" && mkdir -p "$out"
port=${LOAD_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
postgres_url=${LOAD_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
psql_url=$(libpq_url "$postgres_url")
db=${LOAD_DB:-auto}
if [[ "$db" == auto ]]; then
	if command -v psql >/dev/null && psql "$psql_url" -qAtc 'SELECT 1' >/dev/null 2>&1; then db=postgres; else db=h2; fi
fi
schema=""
if [[ "$db" == postgres ]]; then
	fresh_schema lrtune_load
	echo "database: PostgreSQL $(psql "$psql_url" -qAtc 'SHOW server_version'), schema $schema"
else
	datasource=(--spring.datasource.url="jdbc:h2:file:$PWD/$out/lrtune;DB_CLOSE_ON_EXIT=FALSE")
	echo "database: H2 file $out/lrtune.mv.db"
fi

app_pid=""
cleanup() {
	if [[ -n "$app_pid" ]]; then
		kill "$app_pid" 2>/dev/null || true
		wait "$app_pid" 2>/dev/null || true
	fi
	drop_schema
}
trap cleanup EXIT
# The options a bare -jar start gives its child JVM (bench/service_jvm.sh), given here, keep the application in this one
# process, whose threads load.py reads.

java "${service_jvm[@]}" ${LOAD_JAVA_OPTS:-} -jar "$jar" --server.port="$port" "${datasource[@]}" \
	--lrtune.workers.threads=2 --lrtune.queue.max-queued="${LOAD_MAX_QUEUED:-10000}" \
	--lrtune.datasets.data-dir="$PWD/$out/files" --logging.level.root=WARN ${LOAD_APP_ARGS:-} >"$out/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 120); do
	curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && break
	kill -0 "$app_pid" 2>/dev/null || { echo "the application did not start; see $out/app.log" >&2; exit 1; }
	sleep 0.5
done
echo "java -jar $jar: 2 workers, lrtune.queue.max-queued=${LOAD_MAX_QUEUED:-10000}, $(java -version 2>&1 | head -1)"

LOAD_BASE_URL="http://127.0.0.1:$port" LOAD_APP_PID="$app_pid" LOAD_OUT_DIR="$out" python3 bench/load.py
