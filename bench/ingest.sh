#!/usr/bin/env bash
# The ingest benchmark of client-run jobs: INGEST_CLIENTS (8) clients post points in batches of INGEST_BATCH (1000)
# iterations to one instance (bench/ingest.py), on PostgreSQL and on H2; points/s, post latency and the CPU per point
# of the application, PostgreSQL and the client. Beside it, the curve store's own write rate for server jobs
# (dev.lrtune.bench.CurveWriteBenchmark: the same points, flushed by a CurveRecorder through Curves.write, in-process,
# no HTTP), and the ratio of the two.
#
#   bench/ingest.sh                               the packaged jar (target/), PostgreSQL then H2
#   bench/ingest.sh /tmp/lrtune-main.jar target/lrtune-0.1.0-SNAPSHOT.jar
#                                                 several jars one after the other on each database (before/after)
#   INGEST_DBS=postgres INGEST_SERVER_PATH=0 bench/ingest.sh      one database, without the server-path yardstick
#
# INGEST_BATCHES (100 per client), INGEST_WARMUP_BATCHES (100), INGEST_PORT (8097). PostgreSQL: INGEST_POSTGRES_URL
# (default jdbc:postgresql://127.0.0.1:5432/test?user=postgres); each run gets a fresh schema, dropped afterwards.
# Needs java 17, python3, curl and psql. Maven options in MAVEN_ARGS (e.g. -o). About 2 minutes per jar and database.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/postgres.sh
source bench/service_jvm.sh

for tool in java python3 curl psql; do
	command -v "$tool" >/dev/null || { echo "bench/ingest.sh needs $tool" >&2; exit 2; }
done
jars=("$@")
if [[ ${#jars[@]} -eq 0 ]]; then
	jar=$(ls target/lrtune-*.jar 2>/dev/null | grep -v plain | head -1 || true)
	if [[ -z "$jar" ]]; then
		./mvnw -q ${MAVEN_ARGS:-} -B package -DskipTests
		jar=$(ls target/lrtune-*.jar | grep -v plain | head -1)
	fi
	jars=("$jar")
fi
dbs=${INGEST_DBS:-postgres h2}
port=${INGEST_PORT:-8097}
postgres_url=${INGEST_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
psql_url=$(libpq_url "$postgres_url")
out=target/ingest
mkdir -p "$out"

declare -A server_rate
if [[ "${INGEST_SERVER_PATH:-1}" != 0 ]]; then
	echo "== the curve store's own write rate (server-job path, in-process)"
	LRTUNE_BENCH_POSTGRES_URL="$postgres_url" ./mvnw -q ${MAVEN_ARGS:-} -Pbench test-compile exec:exec \
		-Dbench.main=dev.lrtune.bench.CurveWriteBenchmark \
		-Dbench.args="$dbs ${INGEST_CLIENTS:-8} ${INGEST_BATCH:-1000} ${INGEST_BATCHES:-100}" | tee "$out/server-path.txt"
	while read -r _ db rate _; do server_rate[$db]=$rate; done < <(grep '^server-path ' "$out/server-path.txt")
fi

app_pid=""
schema=""
cleanup() {
	if [[ -n "$app_pid" ]]; then
		kill "$app_pid" 2>/dev/null || true
		wait "$app_pid" 2>/dev/null || true
		app_pid=""
	fi
	drop_schema
}
trap cleanup EXIT

status=0
for db in $dbs; do
	for jar in "${jars[@]}"; do
		if [[ "$db" == postgres ]]; then
			fresh_schema lrtune_ingest
			datasource=(--spring.profiles.active=postgres "${datasource[@]}")
		else
			rm -rf "$out/h2"
			datasource=(--spring.datasource.url="jdbc:h2:file:$PWD/$out/h2/lrtune;DB_CLOSE_ON_EXIT=FALSE")
		fi
		if curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; then
			echo "port $port is taken (INGEST_PORT sets another)" >&2
			exit 1
		fi
		java "${service_jvm[@]}" ${INGEST_JAVA_OPTS:-} -jar "$jar" --server.port="$port" "${datasource[@]}" --lrtune.workers.enabled=false \
			--lrtune.datasets.data-dir="$PWD/$out/files" --logging.level.root=WARN >"$out/app.log" 2>&1 &
		app_pid=$!
		for _ in $(seq 240); do
			curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && break
			kill -0 "$app_pid" 2>/dev/null || { echo "the application did not start; see $out/app.log" >&2; exit 1; }
			sleep 0.5
		done
		echo "== $db, $(basename "$jar")"
		INGEST_BASE_URL="http://127.0.0.1:$port" INGEST_APP_PID="$app_pid" INGEST_SERVER_RATE="${server_rate[$db]:-0}" \
			INGEST_LABEL="$db $(basename "$jar"): " python3 bench/ingest.py || status=1
		cleanup
	done
done
exit $status
