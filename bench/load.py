#!/usr/bin/env python3
"""The load test, against an lrtune already started by bench/load.sh (which documents the settings).

Phase 1: LOAD_JOBS tiny training jobs posted at once by LOAD_SUBMITTERS client threads; counts 202s and 429s, then
waits until none is queued or running and reports the time from the first POST and jobs/s.

Phase 2: two long training jobs, one per worker. Their training throughput (iterations/s, from the jobs' progress) is
measured alone for LOAD_BASELINE_SECONDS, then while LOAD_CONNECTIONS wrk connections read job status and curves for
LOAD_READ_SECONDS, then alone again. Reports requests/s and p50/p99 of each kind of read, and the CPU each group of the
application's threads (from /proc/<pid>/task) and wrk itself used in each window.

Only the standard library: urllib for the API, wrk (Debian's) for the reads.
"""
import concurrent.futures
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

BASE = os.environ["LOAD_BASE_URL"]
APP_PID = int(os.environ["LOAD_APP_PID"])
API_KEY = os.environ.get("LRTUNE_API_KEY", "")
JOBS = int(os.environ.get("LOAD_JOBS", "10000"))
SUBMITTERS = int(os.environ.get("LOAD_SUBMITTERS", "32"))
BASELINE_SECONDS = float(os.environ.get("LOAD_BASELINE_SECONDS", "15"))
WARMUP_SECONDS = int(os.environ.get("LOAD_WARMUP_SECONDS", "10"))
READ_SECONDS = int(os.environ.get("LOAD_READ_SECONDS", "30"))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "64"))
CURVE_CONNECTIONS = int(os.environ.get("LOAD_CURVE_CONNECTIONS", "16"))
MAX_POINTS = int(os.environ.get("LOAD_MAX_POINTS", "500"))
DRAIN_TIMEOUT = float(os.environ.get("LOAD_DRAIN_TIMEOUT_SECONDS", "600"))
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
CORES = os.cpu_count()

TINY_JOB = {"type": "training", "dataset": "synthetic:moons?samples=200&seed=1", "model": {"type": "logistic"},
            "seed": 1, "training": {"iterations": 10, "schedule": {"type": "constant", "lr": 0.1}}}
# As long as lrtune.jobs.max-iterations allows (10,000,000), and an MLP rather than a logistic regression (which
# runs 10,000,000 iterations in well under a minute on an idle core): it must outlast the measurement, and is
# cancelled after it. Its curve grows by its iterations/s, so the curve reads read a curve of a realistic length.
LONG_JOB = {"type": "training", "dataset": "synthetic:blobs?samples=10000&features=20&classes=2&seed=3",
            "model": {"type": "mlp", "hidden": [64]}, "batchSize": 32, "seed": 3,
            "training": {"iterations": 10_000_000, "evaluateEvery": 1000,
                         "schedule": {"type": "constant", "lr": 0.05}}}

url = urllib.parse.urlsplit(BASE)
local = threading.local()


def connection():
    if not hasattr(local, "conn"):
        local.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    return local.conn


def call(method, path, body=None):
    """One request on this thread's keep-alive connection: (status, parsed JSON or None)."""
    headers = {"Accept": "application/json"}
    if API_KEY:
        headers["X-API-Key"] = API_KEY
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    for attempt in (1, 2):
        conn = connection()
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            payload = response.read()
            break
        except (http.client.HTTPException, OSError):
            conn.close()
            del local.conn
            if attempt == 2:
                raise
    try:
        return response.status, json.loads(payload) if payload else None
    except ValueError:
        return response.status, None


def count(status=None):
    query = "?size=1" + ("&status=" + status if status else "")
    return call("GET", "/api/v1/jobs" + query)[1]["totalItems"]


def line(text):
    print(text, flush=True)


def phase_one():
    line(f"== 1. {JOBS} tiny jobs posted at once by {SUBMITTERS} client threads "
         f"(10 iterations of logistic regression on 200 rows each)")
    statuses = {}
    lock = threading.Lock()
    start = time.monotonic()

    def submit(_):
        status, _body = call("POST", "/api/v1/jobs", TINY_JOB)
        with lock:
            statuses[status] = statuses.get(status, 0) + 1

    with concurrent.futures.ThreadPoolExecutor(SUBMITTERS) as pool:
        list(pool.map(submit, range(JOBS)))
    posted = time.monotonic() - start
    accepted = statuses.pop(202, 0)
    refused = statuses.pop(429, 0)
    line(f"posted in {posted:.1f} s ({JOBS / posted:.0f} POST/s): accepted (202) {accepted}, refused (429) {refused}"
         + (f", other {statuses}" if statuses else ""))
    while count("queued") + count("running") > 0:
        if time.monotonic() - start > DRAIN_TIMEOUT:
            line(f"NOT DRAINED after {DRAIN_TIMEOUT:.0f} s: {count('queued')} queued, {count('running')} running")
            return False
        time.sleep(0.5)
    elapsed = time.monotonic() - start
    succeeded = count("succeeded")
    line(f"all ran: {succeeded} succeeded of {accepted} accepted, {elapsed:.1f} s from the first POST to the last "
         f"job finished, {accepted / elapsed:.0f} jobs/s")
    return succeeded == accepted


def thread_cpu():
    """CPU seconds of each thread of the application, by (group, thread id), from /proc/<pid>/task/*/stat."""
    threads = {}
    for tid in os.listdir(f"/proc/{APP_PID}/task"):
        try:
            with open(f"/proc/{APP_PID}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        threads[(group(name), tid)] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return threads


def postgres_cpu():
    """CPU seconds of each PostgreSQL server process on this machine (other clients of it included), by pid."""
    processes = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        if stat[stat.index("(") + 1:stat.rindex(")")] == "postgres":
            fields = stat[stat.rindex(")") + 2:].split()
            processes[("PostgreSQL processes", pid)] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return processes


def group(thread):
    if thread.startswith("http-nio"):
        return "request threads"
    if thread.startswith("lrtune-worker"):
        return "workers"
    if "GC" in thread or thread.startswith("G1"):
        return "GC"
    if "Compiler" in thread or thread.startswith("C1") or thread.startswith("C2"):
        return "JIT"
    return "other"


def process_cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        stat = f.read()
    fields = stat[stat.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])) / CLOCK_TICKS


def iterations(ids):
    return sum(call("GET", f"/api/v1/jobs/{i}")[1]["progress"]["iteration"] for i in ids)


class Window:
    """Iterations done by the long jobs and CPU used per thread group between start() and stop()."""

    def __init__(self, ids):
        self.ids = ids

    def start(self):
        self.cpu = thread_cpu() | postgres_cpu()
        self.iterations = iterations(self.ids)
        self.time = time.monotonic()

    def stop(self):
        self.seconds = time.monotonic() - self.time
        self.rate = (iterations(self.ids) - self.iterations) / self.seconds
        after = thread_cpu() | postgres_cpu()
        groups = {}
        # Per thread (process), so that one that ended in the window does not count negative; its last moments
        # before it ended are lost, one that started counts whole.
        for (name, tid), seconds in after.items():
            groups[name] = groups.get(name, 0) + seconds - self.cpu.get((name, tid), 0)
        self.cpu = groups

    def cpu_text(self):
        return ", ".join(f"{g} {s / self.seconds:.2f}" for g, s in sorted(self.cpu.items(), key=lambda e: -e[1]))


def wrk(script_paths, connections, seconds, script_dir, name):
    script = os.path.join(script_dir, f"{name}.lua")
    headers = f'wrk.headers["X-API-Key"] = "{API_KEY}"\n' if API_KEY else ""
    with open(script, "w") as f:
        f.write(headers + 'wrk.headers["Accept"] = "application/json"\n'
                + "local paths = {" + ", ".join(f'"{p}"' for p in script_paths) + "}\n"
                + "local n = 0\n"
                + "request = function()\n  n = n + 1\n  return wrk.format(\"GET\", paths[(n % #paths) + 1])\nend\n")
    threads = 1
    return subprocess.Popen(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script,
                             BASE], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wrk_summary(output):
    def find(pattern):
        match = re.search(pattern, output)
        return match.group(1) if match else "?"
    errors = find(r"Non-2xx or 3xx responses: (\d+)")
    socket = find(r"(Socket errors:[^\n]*)")
    rate = find(r"Requests/sec:\s+([\d.]+)")
    p50 = find(r"(?m)^\s+50%\s+(\S+)")
    p99 = find(r"(?m)^\s+99%\s+(\S+)")
    total = find(r"(\d+) requests in")
    return (f"{rate} requests/s, p50 {p50}, p99 {p99}, {total} requests"
            + (f", non-2xx {errors}" if errors != "?" else "") + (f", {socket}" if socket != "?" else ""))


def phase_two():
    status_connections = CONNECTIONS - CURVE_CONNECTIONS
    line(f"== 2. two long training jobs (MLP 20-64-2, blobs 10,000 x 20, batch 32) on the 2 workers; "
         f"{CONNECTIONS} wrk connections ({status_connections} on GET /jobs/{{id}}, {CURVE_CONNECTIONS} on "
         f"GET /jobs/{{id}}/curve?maxPoints={MAX_POINTS}) for {READ_SECONDS} s between two {BASELINE_SECONDS:.0f} s "
         f"windows without readers; {CORES} cores")
    ids = []
    for _ in range(2):
        status, job = call("POST", "/api/v1/jobs", LONG_JOB)
        if status != 202:
            line(f"the long job was refused: {status} {job}")
            return False
        ids.append(job["id"])
    deadline = time.monotonic() + 60
    while any(call("GET", f"/api/v1/jobs/{i}")[1]["progress"]["iteration"] == 0 for i in ids):
        if time.monotonic() > deadline:
            line("the long jobs did not start within 60 s")
            return False
        time.sleep(0.2)
    time.sleep(2)  # past the first flush and the JIT's first compilations
    finished = call("GET", "/api/v1/jobs?status=succeeded&size=20")[1]["items"]
    status_paths = [f"/api/v1/jobs/{i}" for i in ids] + [f"/api/v1/jobs/{j['id']}" for j in finished[:6]]
    curve_paths = [f"/api/v1/jobs/{i}/curve?maxPoints={MAX_POINTS}" for i in ids]

    with tempfile.TemporaryDirectory() as scripts:
        # Not measured: lets the JIT compile the read paths, which takes a core for a while after start.
        warmup = [wrk(status_paths, status_connections, WARMUP_SECONDS, scripts, "warmup-status"),
                  wrk(curve_paths, max(1, CURVE_CONNECTIONS), WARMUP_SECONDS, scripts, "warmup-curve")]
        for r in warmup:
            r.communicate()
    time.sleep(2)

    before = Window(ids)
    before.start()
    time.sleep(BASELINE_SECONDS)
    before.stop()
    line(f"alone:        {before.rate:,.0f} iterations/s (both jobs); CPU cores by thread: {before.cpu_text()}")

    with tempfile.TemporaryDirectory() as scripts:
        readers = Window(ids)
        readers.start()
        status_run = wrk(status_paths, status_connections, READ_SECONDS, scripts, "status")
        curve_run = wrk(curve_paths, CURVE_CONNECTIONS, READ_SECONDS, scripts, "curve") if CURVE_CONNECTIONS > 0 else None
        runs = [r for r in (status_run, curve_run) if r]
        outputs = []
        wrk_seconds = 0.0
        for r in runs:
            outputs.append(r.stdout.read())
            _pid, _status, usage = os.wait4(r.pid, 0)  # wrk's own CPU, from its rusage
            r.returncode = 0
            wrk_seconds += usage.ru_utime + usage.ru_stime
        readers.stop()
    wrk_cores = wrk_seconds / readers.seconds
    line(f"with readers: {readers.rate:,.0f} iterations/s (both jobs); CPU cores by thread: {readers.cpu_text()}; "
         f"wrk {wrk_cores:.2f}")
    line(f"  status reads: {wrk_summary(outputs[0])}")
    if curve_run:
        line(f"  curve reads:  {wrk_summary(outputs[1])}")

    after = Window(ids)
    after.start()
    time.sleep(BASELINE_SECONDS)
    after.stop()
    line(f"alone again:  {after.rate:,.0f} iterations/s (both jobs); CPU cores by thread: {after.cpu_text()}")

    baseline = (before.rate + after.rate) / 2
    worker_cores = (before.cpu.get("workers", 0) / before.seconds + after.cpu.get("workers", 0) / after.seconds) / 2
    worker_cores_readers = readers.cpu.get("workers", 0) / readers.seconds
    request_cores = readers.cpu.get("request threads", 0) / readers.seconds
    reads = sum(int(m) for m in re.findall(r"(\d+) requests in", "".join(outputs)))
    line(f"training throughput with readers: {readers.rate / baseline:.1%} of alone (mean of before and after), "
         f"a fall of {1 - readers.rate / baseline:.1%}; the workers' CPU went from {worker_cores:.2f} to "
         f"{worker_cores_readers:.2f} cores ({worker_cores_readers - worker_cores:+.2f}) while the readers took "
         f"{request_cores:.2f} cores in the app's request threads ({1000 * request_cores * readers.seconds / max(1, reads):.2f} "
         f"ms of CPU per read) and {wrk_cores:.2f} in wrk, {(request_cores + wrk_cores) / CORES:.1%} of the machine's "
         f"{CORES} cores, plus what PostgreSQL's processes took (listed above)")
    for i in ids:
        call("POST", f"/api/v1/jobs/{i}/cancel")
    for name, output in zip(("status", "curve"), outputs):
        with open(os.path.join(os.environ.get("LOAD_OUT_DIR", "."), f"wrk-{name}.txt"), "w") as f:
            f.write(output)
    return True


def main():
    line(f"lrtune at {BASE} (pid {APP_PID}); load average {open('/proc/loadavg').read().split()[0]}")
    ok = phase_one()
    ok = phase_two() and ok
    line(f"load average at the end {open('/proc/loadavg').read().split()[0]}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
