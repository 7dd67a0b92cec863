#!/usr/bin/env bash
# Time to answer (dev.lrtune.bench.AnswerBenchmark): the service as a user meets it, against the core alone.
# Starts the application jar on a port with a fresh H2 file database (or PostgreSQL: DB=postgres), uploads a generated
# 100,000 x 50 regression CSV, and times POST /jobs of a default range test (linear model, seed 1) until GET /jobs/{id}/recommendation
# answers, both ways a client can ask: polled every 2 ms, and one GET /jobs/{id}/recommendation?wait=60 that the
# server holds until the job ends. The first job on the dataset (read from the database, split, standardised) is asked
# for one way (FIRST, poll by default), the first job on a second upload of the same rows the other way; the next jobs
# with the same dataset and seed (the split cached, as for the jobs of a race or a study) both ways, alternated. Then
# it times the same work on the core in-process, from the same rows in memory (split + standardise + range test, and
# the range test alone), and prints the ratios, the server's CPU time per job (from /proc) and the load average.
# About 1 minute.
#
#   bench/answer.sh                          packages the jar first (-DskipTests), port 8093
#   JAR=/tmp/other.jar bench/answer.sh       another build of the service (e.g. main's, for a before/after; one
#                                            without ?wait= ignores it: its "waited" figures are then polls every 2 ms)
#   PORT=8099 bench/answer.sh                another port
#   FIRST=wait bench/answer.sh               the first job on the dataset asked for with ?wait=, the second upload's
#                                            first job polled
#   DB=postgres bench/answer.sh              PostgreSQL (the production path) instead of an H2 file database: a fresh
#                                            schema lrtune_answer_<time> at ANSWER_POSTGRES_URL (default
#                                            jdbc:postgresql://127.0.0.1:5432/test?user=postgres), dropped at the end;
#                                            needs psql
#
# Maven options in MAVEN_ARGS (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/postgres.sh
source bench/service_jvm.sh
port="${PORT:-8093}"
jar="${JAR:-}"
if [[ -z "$jar" ]]; then
	./mvnw -q ${MAVEN_ARGS:-} -DskipTests package
	jar=$(ls target/lrtune-*.jar | grep -v -- '-plain' | head -1)
fi
data=$(mktemp -d)
schema=""
psql_url=""
if [[ "${DB:-h2}" == postgres ]]; then
	postgres_url=${ANSWER_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
	psql_url=$(libpq_url "$postgres_url")
	fresh_schema lrtune_answer
	echo "database: PostgreSQL $(psql "$psql_url" -qAtc 'SHOW server_version'), schema $schema"
else
	datasource=(--spring.datasource.url="jdbc:h2:file:$data/lrtune;DB_CLOSE_ON_EXIT=FALSE")
	echo "database: H2 file"
fi
java "${service_jvm[@]}" ${JAVA_OPTS:-} -jar "$jar" --server.port="$port" "${datasource[@]}" \
	--logging.level.root=WARN > "$data/server.log" 2>&1 &
pid=$!
cleanup() {
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	rm -rf "$data"
	drop_schema
}
trap cleanup EXIT
until curl -sf "http://127.0.0.1:$port/actuator/health" > /dev/null; do
	if ! kill -0 "$pid" 2>/dev/null; then
		cat "$data/server.log" >&2
		exit 1
	fi
	sleep 0.5
done
echo "service: $jar on port $port (pid $pid), $(nproc) cores"
# The benchmark's own JVM pre-touches a fixed heap: the core's in-process runs allocate a fresh 40 MB split each,
# and where that landed on heap pages not yet touched, the page faults (about 10,000 a run on a virtual machine)
# doubled the core's median (46-55 ms or 106-143 ms from run to run on the same machine), the ratio's denominator.
./mvnw -q ${MAVEN_ARGS:-} -Pbench test-compile exec:exec -Dbench.main=dev.lrtune.bench.AnswerBenchmark \
	-Dbench.jvmArgs="-Xms2g -Xmx2g -XX:+AlwaysPreTouch" \
	-Dbench.args="http://127.0.0.1:$port $pid ${FIRST:-poll}"
