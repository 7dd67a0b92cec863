#!/usr/bin/env python3
"""The ingest load client, against an lrtune already started by bench/ingest.sh (which documents the settings).

INGEST_CLIENTS client threads each create a client-run training job and post its points in batches of INGEST_BATCH
iterations (iteration, lr and loss columns, as a PyTorch client would), one post after the other, as fast as the
answers come: first a warm-up round on jobs of their own (not measured), then the measured round. Reports points/s,
the latency of a post, and the CPU that the application, PostgreSQL's processes and this client took per point. The
client's own CPU is printed so that one can see it is not the bottleneck: the bodies are encoded once, before the
clock starts, and a thread only sends bytes and reads the small answer.

Only the standard library.
"""
import http.client
import json
import math
import os
import resource
import sys
import threading
import time
import urllib.parse

BASE = os.environ["INGEST_BASE_URL"]
APP_PID = int(os.environ["INGEST_APP_PID"])
API_KEY = os.environ.get("LRTUNE_API_KEY", "")
CLIENTS = int(os.environ.get("INGEST_CLIENTS", "8"))
BATCH = int(os.environ.get("INGEST_BATCH", "1000"))
BATCHES = int(os.environ.get("INGEST_BATCHES", "100"))
WARMUP_BATCHES = int(os.environ.get("INGEST_WARMUP_BATCHES", "100"))
SERVER_RATE = float(os.environ.get("INGEST_SERVER_RATE", "0"))
LABEL = os.environ.get("INGEST_LABEL", "")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

url = urllib.parse.urlsplit(BASE)


def headers(content_type=None):
    result = {"Accept": "application/json"}
    if content_type:
        result["Content-Type"] = content_type
    if API_KEY:
        result["X-API-Key"] = API_KEY
    return result


def body(batch):
    """The post of batch `batch`: a decaying loss with noise, as doubles with all their digits."""
    first = batch * BATCH
    iterations = range(first, first + BATCH)
    loss = [2.3 * math.exp(-i / 50_000) + 0.05 * math.sin(i * 0.7) for i in iterations]
    lr = [0.1 * (1 + 1e-6 * i) for i in iterations]
    return json.dumps({"iteration": list(iterations), "lr": lr, "loss": loss}).encode()


def create_job(conn, iterations):
    job = {"type": "training", "runner": "client", "name": "ingest benchmark",
           "training": {"iterations": iterations, "schedule": {"type": "constant", "lr": 0.1}}}
    conn.request("POST", "/api/v1/jobs", body=json.dumps(job).encode(), headers=headers("application/json"))
    response = conn.getresponse()
    payload = response.read()
    if response.status != 201:
        raise SystemExit(f"POST /api/v1/jobs answered {response.status}: {payload[:300]!r}")
    return json.loads(payload)["id"]


def app_cpu():
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


def group(thread):
    if thread.startswith("http-nio"):
        return "request threads"
    if "GC" in thread or thread.startswith("G1"):
        return "GC"
    if "Compiler" in thread or thread.startswith("C1") or thread.startswith("C2"):
        return "JIT"
    return "other"


def by_group(before, after):
    """CPU seconds by group between two app_cpu() readings, per thread (one that ended does not count negative)."""
    groups = {}
    for (name, tid), seconds in after.items():
        groups[name] = groups.get(name, 0) + seconds - before.get((name, tid), 0)
    return groups


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
            processes[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return processes


def client_cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def round_of(bodies, batches):
    """CLIENTS threads, each on a job of its own, post `batches` batches; returns (seconds, latencies, failures)."""
    latencies = []
    failures = []
    lock = threading.Lock()
    ready = threading.Barrier(CLIENTS + 1)

    def client():
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
        job = create_job(conn, batches * BATCH)
        path = f"/api/v1/jobs/{job}/points"
        mine = []
        ready.wait()
        for batch in range(batches):
            start = time.perf_counter()
            conn.request("POST", path, body=bodies[batch], headers=headers("application/json"))
            response = conn.getresponse()
            payload = response.read()
            mine.append(time.perf_counter() - start)
            if response.status != 200:
                with lock:
                    failures.append(f"job {job} batch {batch}: {response.status} {payload[:200]!r}")
                break
        stored = json.loads(payload).get("iteration") if response.status == 200 else None
        if stored != batches * BATCH - 1:
            with lock:
                failures.append(f"job {job}: the last answer says iteration {stored}")
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for t in threads:
        t.start()
    ready.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    return time.perf_counter() - start, latencies, failures


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def main():
    bodies = [body(b) for b in range(max(BATCHES, WARMUP_BATCHES))]
    print(f"{LABEL}{CLIENTS} clients x {BATCHES} posts of {BATCH} points ({len(bodies[0]) / 1024:.0f} KiB of JSON "
          f"each), after a warm-up of {WARMUP_BATCHES} posts each; load average "
          f"{open('/proc/loadavg').read().split()[0]}", flush=True)
    if WARMUP_BATCHES:
        round_of(bodies, WARMUP_BATCHES)
    before = (app_cpu(), postgres_cpu(), client_cpu())
    seconds, latencies, failures = round_of(bodies, BATCHES)
    after = (app_cpu(), postgres_cpu(), client_cpu())
    points = CLIENTS * BATCHES * BATCH
    rate = points / seconds
    groups = by_group(before[0], after[0])
    app = sum(groups.values())
    client = after[2] - before[2]
    # per process, so that one that ended in the window does not count negative (one that started counts whole)
    postgres = sum(seconds - before[1].get(pid, 0) for pid, seconds in after[1].items())
    ratio = f"; {rate / SERVER_RATE:.2f} x the server-job path's {SERVER_RATE:,.0f} points/s" if SERVER_RATE else ""
    print(f"{LABEL}{rate:,.0f} points/s ({points:,} points in {seconds:.2f} s){ratio}; post latency p50 "
          f"{1000 * percentile(latencies, 50):.1f} ms, p99 {1000 * percentile(latencies, 99):.1f} ms", flush=True)
    detail = ", ".join(f"{g} {1e6 * c / points:.2f}" for g, c in sorted(groups.items(), key=lambda e: -e[1]))
    print(f"{LABEL}CPU: application {app / seconds:.2f} cores ({1e6 * app / points:.2f} us per point: {detail}), PostgreSQL "
          f"processes {postgres / seconds:.2f} cores ({1e6 * postgres / points:.2f} us per point), this client "
          f"{client / seconds:.2f} cores; load average {open('/proc/loadavg').read().split()[0]}", flush=True)
    for failure in failures:
        print(f"{LABEL}FAILED: {failure}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
