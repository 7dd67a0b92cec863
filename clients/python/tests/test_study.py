"""An ask-and-tell study served by two worker processes running lrtune.study_worker."""

import json
import subprocess
import sys
import textwrap
import unittest

import support
from support import needs_server

#: A worker: SGD on a one-feature linear regression (y = 2x + noise) in plain Python, at the trial's rates.
WORKER = textwrap.dedent("""
    import json, random, sys, time
    import lrtune

    trained = []

    def train(trial):
        trained.append(trial.job_id)
        data = random.Random(trial.candidate)
        w = 0.0
        for k in range(trial.iterations):
            x = data.uniform(-1, 1)
            y = 2 * x + data.gauss(0, 0.1)
            loss = (w * x - y) ** 2
            w -= trial.lr_at(k) * 2 * (w * x - y) * x
            val_loss = (w - 2) ** 2 / 3 + 0.01 if k % 10 == 9 or trial.is_rung(k) else None
            time.sleep(0.002)  # a step of real training takes a while: the other worker asks meanwhile
            if trial.report(k, loss, val_loss=val_loss):
                return

    study = lrtune.study_worker(lrtune.Client(sys.argv[1]), int(sys.argv[2]), train)
    print(json.dumps({"trained": trained, "status": study["status"]}))
""")


@needs_server
class StudyWorkerTests(unittest.TestCase):

    def test_two_worker_processes_share_the_trials_and_the_study_ends_with_a_best(self) -> None:
        client = support.client()
        rates = [0.003, 0.03, 0.1, 0.3, 0.9, 1.4]
        study = client.create_study({
            "runner": "client", "name": "two workers", "iterations": 90, "objective": "best",
            "candidates": [{"type": "constant", "lr": lr} for lr in rates],
            "strategy": {"type": "successive_halving", "eta": 3, "minIterations": 10}})
        workers = [subprocess.Popen([sys.executable, "-c", WORKER, support.URL, str(study["id"])],
                                    stdout=subprocess.PIPE, text=True, env=support.subprocess_env())
                   for _ in range(2)]
        reports = []
        for worker in workers:
            out, _ = worker.communicate(timeout=600)
            self.assertEqual(0, worker.returncode, out)
            reports.append(json.loads(out.strip().splitlines()[-1]))

        trained = [job for report in reports for job in report["trained"]]
        self.assertTrue(all(report["trained"] for report in reports), f"each worker trained a trial: {reports}")
        self.assertEqual(len(trained), len(set(trained)), "each trial went to one worker")
        self.assertEqual(len(rates), len(trained))
        self.assertEqual(["succeeded", "succeeded"], [report["status"] for report in reports])
        finished = client.study(study["id"])
        self.assertEqual("succeeded", finished["status"])
        best = finished["best"]
        self.assertIsNotNone(best)
        self.assertIn(best["schedule"]["lr"], rates)
        self.assertIn(best["jobId"], trained)
        self.assertTrue(any(trial["pruned"] for trial in finished["trials"]), "successive halving pruned some")
        with self.assertRaises(support.lrtune.StudyEnded):
            client.ask(study["id"])


if __name__ == "__main__":
    unittest.main()
