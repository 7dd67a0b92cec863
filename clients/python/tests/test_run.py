"""client.track: points posted in the background, retries, stopping, finishing, and a client that dies."""

import json
import math
import signal
import subprocess
import sys
import textwrap
import time
import unittest

import support
from support import needs_server
from test_client import StubServer

import lrtune


class RunRetryTests(unittest.TestCase):

    def setUp(self) -> None:
        self.stub = StubServer()
        self.addCleanup(self.stub.close)
        self.client = lrtune.Client(self.stub.url)

    def created(self, **job: object) -> None:
        self.stub.reply(201, {"id": 5, "type": "training", "status": "running", "runner": "client",
                              "lrPlan": [0.1, 0.1, 0.05], **job})

    def test_a_post_that_meets_a_busy_server_is_sent_again_unchanged(self) -> None:
        self.created()
        self.stub.reply(503, {"title": "Service Unavailable", "status": 503}, headers={"Retry-After": "0"})
        self.stub.reply(200, {"stop": False, "reason": None, "lr": 0.05, "iteration": 1})
        self.stub.reply(200, {"id": 5, "status": "succeeded"})
        with self.client.track(name="retried", iterations=3, flush_interval=60) as run:
            run.log(0, 2.5)
            run.log(1, float("nan"), val_loss=1.25, accuracy=0.5)
        posts = [r for r in self.stub.requests if r["path"] == "/api/v1/jobs/5/points"]
        self.assertEqual(2, len(posts))
        self.assertEqual(posts[0]["body"], posts[1]["body"])
        self.assertEqual({"iteration": [0, 1], "lr": [0.1, 0.1], "loss": [2.5, None],
                          "validation": {"iteration": [1], "loss": [1.25], "accuracy": [0.5]}},
                         json.loads(posts[0]["body"]))
        self.assertEqual("/api/v1/jobs/5/finish", self.stub.requests[-1]["path"])
        self.assertEqual(b"", self.stub.requests[-1]["body"])

    def test_a_refused_post_stops_posting_and_fails_the_job_when_it_finishes(self) -> None:
        self.created()
        self.stub.reply(400, {"title": "Invalid request", "status": 400, "detail": "lr[0]: must be >= 0",
                              "errors": [{"field": "lr[0]", "message": "must be >= 0"}]})
        self.stub.reply(200, {"id": 5, "status": "failed"})
        run = self.client.track(iterations=3, flush_interval=60)
        run.log(0, 1.0, lr=-1)
        run.log(1, 1.0)
        with self.assertRaises(lrtune.ApiError) as raised, self.assertLogs("lrtune", "ERROR") as logged:
            run.finish()
        self.assertIn("points refused, no more will be posted", logged.output[0])
        self.assertEqual(["lr[0]"], [e.field for e in raised.exception.errors])
        finish = self.stub.requests[-1]
        self.assertEqual("/api/v1/jobs/5/finish", finish["path"])
        self.assertEqual("failed", json.loads(finish["body"])["status"])
        self.assertEqual(1, sum(r["path"].endswith("/points") for r in self.stub.requests))

    def test_an_iteration_logged_again_starts_a_post_of_its_own(self) -> None:
        self.created()
        self.stub.reply(200, {"stop": False, "reason": None, "lr": 0.05, "iteration": 2})
        self.stub.reply(200, {"stop": False, "reason": None, "lr": 0.05, "iteration": 2})
        self.stub.reply(200, {"id": 5, "status": "succeeded"})
        with self.client.track(iterations=3, flush_interval=60) as run:
            run.log(0, 3, lr=1)
            run.log(1, 2.0, lr=0.5, momentum=0.9)
            run.log(2, float("inf"))
            run.log(1, 1.5, lr=0.5)
            run.log(2, 1.0)
        posts = [r["body"].decode() for r in self.stub.requests if r["path"] == "/api/v1/jobs/5/points"]
        self.assertEqual(['{"iteration":[0,1,2],"lr":[1.0,0.5,0.05],"loss":[3.0,2.0,null],"momentum":[null,0.9,null]}',
                          '{"iteration":[1,2],"lr":[0.5,0.05],"loss":[1.5,1.0]}'], posts)

    def test_iterations_are_logged_without_gaps(self) -> None:
        self.created()
        self.stub.reply(200, {"id": 5, "status": "succeeded"})
        with self.client.track(iterations=3, flush_interval=60) as run:
            with self.assertRaisesRegex(ValueError, "without gaps: 2 after -1"):
                run.log(2, 1.0)


@needs_server
class RunEndToEndTests(unittest.TestCase):

    def setUp(self) -> None:
        self.client = support.client()

    def test_every_logged_point_is_stored_at_the_planned_rate(self) -> None:
        schedule = {"type": "cosine", "lr": 0.1, "tMax": 500}
        losses = [2.0 / (1 + k) for k in range(500)]
        with self.client.track(name="logged", schedule=schedule, iterations=500, evaluate_every=100,
                               tags={"test": "run"}, params={"batchSize": 64}, flush_interval=0.05) as run:
            for k, loss in enumerate(losses):
                rate = run.lr
                run.log(k, loss, val_loss=loss * 1.1 if k % 100 == 99 else None)
                self.assertEqual(rate, run.lr_at(k))
        job = self.client.job(run.id)
        self.assertEqual(("succeeded", "client", {"batchSize": 64}), (job["status"], job["runner"], job["params"]))
        curve = self.client.curve(run.id)
        self.assertEqual(list(range(500)), curve["iteration"])
        self.assertEqual(losses, curve["loss"])
        self.assertEqual(self.client.preview(schedule, 500)["lr"], curve["lr"])
        self.assertEqual([99, 199, 299, 399, 499], curve["validation"]["iteration"])
        self.assertIsNone(run.lr)

    def test_a_plateau_run_follows_the_rate_the_server_answers(self) -> None:
        schedule = {"type": "plateau", "lr": 0.1, "patience": 0, "factor": 0.5}
        with self.client.track(schedule=schedule, iterations=30, flush_interval=60) as run:
            self.assertIsNone(run.plan)
            self.assertEqual(0.1, run.lr)
            answered = []
            for k in range(30):
                evaluated = k % 10 == 9
                run.log(k, 1.0, val_loss=1.0 if evaluated else None)
                if evaluated:
                    run.flush()
                    answered.append(run.lr)
            self.assertEqual([0.1, 0.05, None], answered)
            self.assertEqual("complete", run.stop_reason)
        self.assertEqual([0.1] * 20 + [0.05] * 10, self.client.curve(run.id)["lr"])

    def test_an_exception_in_the_block_fails_the_job_with_its_message_and_keeps_the_points(self) -> None:
        with self.assertRaises(RuntimeError):
            with self.client.track(name="raises", schedule={"type": "constant", "lr": 0.1}, iterations=10) as run:
                run.log(0, 1.0)
                run.log(1, 0.9)
                raise RuntimeError("CUDA out of memory")
        job = self.client.job(run.id)
        self.assertEqual("failed", job["status"])
        self.assertEqual("RuntimeError: CUDA out of memory", job["error"])
        self.assertEqual([1.0, 0.9], self.client.curve(run.id)["loss"])

    def test_a_cancelled_run_is_told_to_stop(self) -> None:
        with self.client.track(schedule={"type": "constant", "lr": 0.1}, iterations=1000, flush_interval=0) as run:
            run.log(0, 1.0)
            run.flush()
            self.client.cancel(run.id)
            k = 1
            while not run.should_stop:
                run.log(k, 1.0)
                run.flush()
                k += 1
            self.assertEqual("cancelled", run.stop_reason)
        self.assertEqual("cancelled", self.client.job(run.id)["status"])

    def test_a_non_finite_loss_is_stored_as_null_and_the_training_diverges(self) -> None:
        with self.client.track(schedule={"type": "constant", "lr": 10.0}, iterations=5, flush_interval=0) as run:
            run.log(0, 3.0)
            run.log(1, math.inf)
            run.flush()
            self.assertEqual("diverged", run.stop_reason)
        self.assertEqual([3.0, None], self.client.curve(run.id)["loss"])
        self.assertEqual("diverged", self.client.job(run.id)["status"])

    def test_points_still_queued_when_the_interpreter_exits_are_posted(self) -> None:
        script = textwrap.dedent("""
            import sys, lrtune
            run = lrtune.Client(sys.argv[1]).track(schedule={"type": "constant", "lr": 0.1}, iterations=100,
                                                   flush_interval=3600)
            for k in range(40):
                run.log(k, 1.0 / (k + 1))
            print(run.id)
        """)
        done = subprocess.run([sys.executable, "-c", script, support.URL], capture_output=True, text=True,
                              env=support.subprocess_env(), timeout=120)
        self.assertEqual(0, done.returncode, done.stderr)
        curve = self.client.curve(int(done.stdout))
        self.assertEqual([1.0 / (k + 1) for k in range(40)], curve["loss"])

    def test_a_client_killed_mid_run_leaves_a_job_that_fails_once_its_lease_passes(self) -> None:
        script = textwrap.dedent("""
            import sys, time, lrtune
            run = lrtune.Client(sys.argv[1]).track(name="killed", schedule={"type": "constant", "lr": 0.1},
                                                   iterations=100000, flush_interval=0.05)
            for k in range(50):
                run.log(k, 1.0 / (k + 1))
            run.flush()
            print(run.id, flush=True)
            k = 50
            while True:
                run.log(k, 0.01)
                k += 1
                time.sleep(0.01)
        """)
        process = subprocess.Popen([sys.executable, "-c", script, support.URL], stdout=subprocess.PIPE, text=True,
                                   env=support.subprocess_env())
        self.addCleanup(process.wait)
        job_id = int(process.stdout.readline())
        support.eventually(lambda: len(self.client.curve(job_id)["iteration"]) > 60)
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdout.close()
        failed = support.eventually(lambda: (lambda job: job if job["status"] != "running" else None)(
            self.client.job(job_id)), timeout=support.LEASE_SECONDS + 120, poll=0.5)
        self.assertEqual("failed", failed["status"])
        self.assertIn("stopped reporting", failed["error"])
        self.assertGreater(len(self.client.curve(job_id)["iteration"]), 60)


if __name__ == "__main__":
    unittest.main()
