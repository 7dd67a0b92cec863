#!/usr/bin/env bash
# Fault drills on two real lrtune processes sharing one PostgreSQL database (a fresh one, dropped at the
# end). Each drill submits seeded training jobs, breaks something while they run, waits until they end, submits the
# same requests again as uninterrupted reference runs, and compares each curve point for point (iteration, lr,
# momentum, loss, validation) and each result with its reference. Prints what happened and PASS or FAIL per drill.
#
#   scripts/fault.sh kill          kill -9 the instance running some jobs; the other takes them over after the lease
#   scripts/fault.sh db-restart    stop PostgreSQL for DOWNTIME seconds mid-run (needs pg_ctlcluster, root or
#                                  postgres); the API must answer 503 meanwhile, and the jobs must end as uninterrupted
#   scripts/fault.sh all           both (the default)
#
# Environment: PG_HOST (127.0.0.1), PG_PORT (5432), PG_USER (postgres), PG_CLUSTER ("15 main"), DOWNTIME (6),
# LEASE (20s), JOBS (4), ITERATIONS (20000), SKIP_BUILD=1 to reuse target/lrtune-*.jar, MAVEN_ARGS (e.g. -o).
# Restarting PostgreSQL disrupts every other client of it for those seconds; the script always starts it again.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=${1:-all}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_USER=${PG_USER:-postgres}
PG_CLUSTER=${PG_CLUSTER:-15 main}
DOWNTIME=${DOWNTIME:-6}
LEASE=${LEASE:-20s}
JOBS=${JOBS:-4}
ITERATIONS=${ITERATIONS:-20000}
DATABASE=lrtune_fault_$(date +%s)
WORK=$(mktemp -d)
PORT_A=${PORT_A:-18091}
PORT_B=${PORT_B:-18092}
declare -A PIDS=()
FAILED=0

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }

cleanup() {
	for name in "${!PIDS[@]}"; do
		kill "${PIDS[$name]}" 2>/dev/null || true
	done
	wait 2>/dev/null || true
	if ! pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; then
		log "PostgreSQL is down: starting it again"
		pg_ctlcluster --skip-systemctl-redirect $PG_CLUSTER start || true
	fi
	psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -c "DROP DATABASE IF EXISTS $DATABASE" >/dev/null 2>&1 || true
	log "logs kept in $WORK"
}
trap cleanup EXIT

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
	log "building the jar"
	./mvnw -q ${MAVEN_ARGS:-} -DskipTests package
fi
JAR=$(ls target/lrtune-*.jar | grep -v plain | head -1)
psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -c "CREATE DATABASE $DATABASE" >/dev/null
log "database $DATABASE, jar $JAR, lease $LEASE"

# start NAME PORT: an instance named fault-NAME; waits until it answers
start() {
	local name=$1 port=$2
	java -jar "$JAR" --server.port="$port" --spring.main.banner-mode=off \
		--spring.datasource.url="jdbc:postgresql://$PG_HOST:$PG_PORT/$DATABASE" \
		--spring.datasource.username="$PG_USER" --spring.datasource.password= \
		--lrtune.instance-id="fault-$name" --lrtune.workers.threads=2 --lrtune.workers.poll-interval=200ms \
		--lrtune.workers.heartbeat-interval=2s --lrtune.jobs.lease-duration="$LEASE" --lrtune.jobs.recovery-interval=1s \
		--lrtune.curves.flush-interval=200ms >>"$WORK/$name.log" 2>&1 &
	PIDS[$name]=$!
	for _ in $(seq 1 240); do
		if curl -fsS -o /dev/null "http://localhost:$port/actuator/health" 2>/dev/null; then
			log "instance fault-$name up on port $port (pid ${PIDS[$name]})"
			return
		fi
		sleep 0.5
	done
	echo "instance fault-$name did not start; see $WORK/$name.log" >&2
	exit 1
}

api() { curl -fsS -m 30 "http://localhost:$1/api/v1$2" "${@:3}"; }

request() { # request SEED: a training job of a few seconds
	cat <<-EOF
	{"type": "training", "dataset": "synthetic:moons?samples=2000&noise=0.25&seed=5", "seed": $1,
	 "model": {"type": "mlp", "hidden": [64, 64]}, "optimizer": {"type": "sgd", "momentum": 0.9},
	 "training": {"iterations": $ITERATIONS, "evaluateEvery": 1000,
	              "schedule": {"type": "one_cycle", "maxLr": 0.2, "totalSteps": $ITERATIONS, "cycleMomentum": true}}}
	EOF
}

submit() { # submit PORT SEED -> id
	request "$2" | api "$1" /jobs -H 'Content-Type: application/json' --data-binary @- | jq -r .id
}

field() { api "$1" "/jobs/$2" | jq -r "$3"; }

await_all() { # await_all PORT 'jq condition on the job' ID...
	local port=$1 condition=$2
	shift 2
	for _ in $(seq 1 1200); do
		local pending=0
		for id in "$@"; do
			[[ $(api "$port" "/jobs/$id" 2>/dev/null | jq -r "$condition") == true ]] || pending=1
		done
		((pending == 0)) && return 0
		sleep 0.5
	done
	echo "timed out waiting for: $condition" >&2
	return 1
}

# compare PORT ID REFERENCE_ID: the recovered curve and result against the uninterrupted run's
compare() {
	local port=$1 id=$2 reference=$3
	api "$port" "/jobs/$id/curve" >"$WORK/curve-$id.json"
	api "$port" "/jobs/$reference/curve" >"$WORK/curve-$reference.json"
	api "$port" "/jobs/$id" | jq -S .result >"$WORK/result-$id.json"
	api "$port" "/jobs/$reference" | jq -S .result >"$WORK/result-$reference.json"
	python3 - "$WORK/curve-$id.json" "$WORK/curve-$reference.json" "$ITERATIONS" <<-'EOF'
	import json, sys
	curve, reference, n = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), int(sys.argv[3])
	problems = []
	if curve["iteration"] != list(range(n)):
	    problems.append(f"iterations are not 0..{n - 1} once each ({len(curve['iteration'])} points)")
	for column in ("iteration", "lr", "momentum", "loss", "validation"):
	    if curve.get(column) != reference.get(column):  # JSON keeps each double's shortest exact form
	        differ = sum(1 for a, b in zip(curve.get(column) or [], reference.get(column) or []) if a != b)
	        problems.append(f"{column} differs ({differ} points)")
	print("  curve: %d points, %d validations, last loss %r: %s" % (len(curve["iteration"]),
	      len(curve["validation"]["iteration"]), curve["loss"][-1], "; ".join(problems) or "equal point for point"))
	sys.exit(1 if problems else 0)
	EOF
	local curve_ok=$?
	if cmp -s "$WORK/result-$id.json" "$WORK/result-$reference.json"; then
		echo "  result: equal ($(jq -c '{finalLoss, validationLoss}' "$WORK/result-$id.json"))"
	else
		echo "  result: DIFFERS"
		return 1
	fi
	return $curve_ok
}

# verify PORT ID...: each job against a fresh uninterrupted run of its request on PORT
verify() {
	local port=$1 failures=0
	shift
	local references=()
	for id in "$@"; do
		references+=("$(api "$port" "/jobs/$id" | jq -c .request | api "$port" /jobs -H 'Content-Type: application/json' --data-binary @- | jq -r .id)")
	done
	await_all "$port" '.status != "queued" and .status != "running"' "${references[@]}"
	local i=0
	for id in "$@"; do
		local reference=${references[$i]}
		echo "job $id ($(field "$port" "$id" '"\(.status), attempt \(.attempt), worker \(.worker)"')) vs uninterrupted job $reference ($(field "$port" "$reference" '"\(.status), attempt \(.attempt), worker \(.worker)"'))"
		[[ $(field "$port" "$id" .status) == succeeded ]] || { echo "  not succeeded"; failures=1; }
		compare "$port" "$id" "$reference" || failures=1
		i=$((i + 1))
	done
	return $failures
}

drill_kill() {
	log "== kill -9 drill: $JOBS jobs on two instances, then kill -9 the one running some"
	local ids=() seed
	for seed in $(seq 1 "$JOBS"); do
		ids+=("$(submit "$PORT_A" "$seed")")
	done
	await_all "$PORT_A" '.status == "running" and .progress.iteration > 0' "${ids[@]}"
	local victims=()
	for id in "${ids[@]}"; do
		local worker
		worker=$(field "$PORT_A" "$id" .worker)
		echo "job $id runs on $worker at iteration $(field "$PORT_A" "$id" .progress.iteration)"
		[[ $worker == fault-b/* ]] && victims+=("$id")
	done
	if ((${#victims[@]} == 0)); then
		echo "FAIL kill: instance fault-b runs none of the jobs"
		FAILED=1
		return
	fi
	sleep 1
	local killed_at
	killed_at=$(date +%s.%N)
	kill -9 "${PIDS[b]}"
	wait "${PIDS[b]}" 2>/dev/null || true
	unset 'PIDS[b]'
	log "killed fault-b (kill -9) while it ran jobs ${victims[*]}"
	await_all "$PORT_A" '.attempt >= 2 or .status == "queued"' "${victims[@]}"
	log "queued again for another worker after $(python3 -c "import time; print(round(time.time() - $killed_at, 1))") s (lease $LEASE)"
	await_all "$PORT_A" '.status != "queued" and .status != "running"' "${ids[@]}"
	if verify "$PORT_A" "${ids[@]}"; then
		echo "PASS kill: ${#victims[@]} jobs of the killed instance re-run by the other, every curve equal to an uninterrupted run"
	else
		echo "FAIL kill"
		FAILED=1
	fi
}

drill_db_restart() {
	log "== database restart drill: $JOBS jobs on two instances, PostgreSQL stopped for ${DOWNTIME} s mid-run"
	local ids=() seed
	for seed in $(seq 1 "$JOBS"); do
		ids+=("$(submit "$PORT_A" "$((100 + seed))")")
	done
	await_all "$PORT_A" '.status == "running" and .progress.iteration > 0' "${ids[@]}"
	for id in "${ids[@]}"; do
		echo "job $id runs on $(field "$PORT_A" "$id" .worker) at iteration $(field "$PORT_A" "$id" .progress.iteration)"
	done
	log "stopping PostgreSQL ($PG_CLUSTER)"
	pg_ctlcluster --skip-systemctl-redirect $PG_CLUSTER stop -m fast
	local stopped_at answers=0 slow=0 probes=()
	stopped_at=$(date +%s)
	for port in "$PORT_A" "$PORT_B"; do # both instances asked at once, while the database is down
		curl -s -m 10 -D "$WORK/outage-$port.headers" -o "$WORK/outage-$port.json" \
			-w '%{http_code} in %{time_total} s, %{content_type}' "http://localhost:$port/api/v1/jobs/${ids[0]}" \
			>"$WORK/outage-$port.answer" &
		probes+=($!)
	done
	wait "${probes[@]}" || true
	for port in "$PORT_A" "$PORT_B"; do
		local answer
		answer=$(cat "$WORK/outage-$port.answer")
		echo "  GET /jobs/${ids[0]} on port $port while the database is down: ${answer:-no answer within 10 s}," \
			"Retry-After $(tr -d '\r' <"$WORK/outage-$port.headers" | awk -F': ' 'tolower($1)=="retry-after"{print $2}')," \
			"$(jq -c '{title, detail}' "$WORK/outage-$port.json" 2>/dev/null)"
		[[ $answer == 503* ]] || slow=1
		answers=$((answers + 1))
	done
	local left=$((DOWNTIME - ($(date +%s) - stopped_at)))
	((left > 0)) && sleep "$left"
	log "starting PostgreSQL again"
	pg_ctlcluster --skip-systemctl-redirect $PG_CLUSTER start
	until pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; do sleep 0.2; done
	log "PostgreSQL is up again, $(($(date +%s) - stopped_at)) s after it stopped"
	await_all "$PORT_A" '.status != "queued" and .status != "running"' "${ids[@]}"
	local verdict=0
	verify "$PORT_A" "${ids[@]}" || verdict=1
	for name in a b; do
		if [[ -n "${PIDS[$name]:-}" ]] && kill -0 "${PIDS[$name]}" 2>/dev/null; then
			echo "instance fault-$name survived: health $(curl -s "http://localhost:$([[ $name == a ]] && echo "$PORT_A" || echo "$PORT_B")/actuator/health" | jq -c '{status, workers: .components.workers.details}')"
		else
			echo "instance fault-$name is gone"
			verdict=1
		fi
	done
	((slow == 0)) || { echo "  an answer during the outage was not a 503"; verdict=1; }
	if ((verdict == 0)); then
		echo "PASS db-restart: $answers answers during the outage, all 503; both instances survived; every curve equal to an uninterrupted run"
	else
		echo "FAIL db-restart"
		FAILED=1
	fi
}

start a "$PORT_A"
start b "$PORT_B"
case "$MODE" in
	kill) drill_kill ;;
	db-restart) drill_db_restart ;;
	all)
		drill_kill
		start b "$PORT_B"
		drill_db_restart
		;;
	*) echo "usage: $0 [kill|db-restart|all]" >&2; exit 2 ;;
esac
exit $FAILED
