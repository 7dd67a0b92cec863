"""The PyTorch examples of the READMEs (the repository's and the client's), run exactly as they are written."""

import math
import os
import re
import subprocess
import sys
import unittest

import support
from support import needs_server, needs_torch

CLIENT_README = os.path.join(os.path.dirname(support.SOURCES), "README.md")

README = os.path.join(os.path.dirname(support.SOURCES), "..", "..", "README.md")


def python_block(path: str) -> str:
    """The first ```python block of a README, verbatim."""
    with open(path, encoding="utf-8") as file:
        match = re.search(r"^```python\n(.*?)^```$", file.read(), re.DOTALL | re.MULTILINE)
    if match is None:
        raise AssertionError(f"{path} has no ```python block")
    return match.group(1)


def run_example(path: str) -> "subprocess.CompletedProcess[str]":
    return subprocess.run([sys.executable, "-c", python_block(path)], capture_output=True, text=True, timeout=900,
                          env=support.subprocess_env())


@needs_server
@needs_torch
class ReadmeExampleTests(unittest.TestCase):

    def test_the_readme_s_pytorch_example_runs_as_written(self) -> None:
        self.assertIn("from lrtune.torch import Scheduler, range_test", python_block(README))
        done = run_example(README)
        self.assertEqual(0, done.returncode, done.stdout + done.stderr)
        self.assertRegex(done.stdout, r"recommended lr: [0-9.e-]+ ")
        job_id = int(re.search(r"/jobs/(\d+)$", done.stdout.strip()).group(1))

        client = support.client()
        training = client.job(job_id)
        self.assertEqual(("succeeded", "spirals one_cycle"), (training["status"], training["name"]))
        curve = client.curve(job_id)
        self.assertEqual(1500, len(curve["iteration"]))
        self.assertEqual(15, len(curve["validation"]["iteration"]))
        planned = client.preview(training["request"]["training"]["schedule"], 1500)["lr"]
        for k, (served, used) in enumerate(zip(planned, curve["lr"])):
            self.assertTrue(math.isclose(served, used, rel_tol=1e-13), f"iteration {k}: {served} and {used}")
        range_tests = client.jobs(runner="client", type="range_test", name="spirals lr_find")["items"]
        self.assertEqual("succeeded", range_tests[0]["status"])

    def test_the_client_readme_s_example_runs_as_written(self) -> None:
        done = run_example(CLIENT_README)
        self.assertEqual(0, done.returncode, done.stdout + done.stderr)
        lines = done.stdout.splitlines()
        self.assertEqual(3, len(lines), done.stdout)
        self.assertTrue(lines[0].startswith("recommended: "), lines[0])
        tracked = support.client().job(int(lines[1].rsplit("/", 1)[1]))
        self.assertEqual(("succeeded", {"project": "demo"}), (tracked["status"], tracked["tags"]))
        self.assertTrue(lines[2].startswith("best: {'type': "), lines[2])
        study = support.client().studies(size=100)["items"]
        self.assertEqual("succeeded", next(s for s in study if s["request"].get("name") == "boundary schedules")["status"])


if __name__ == "__main__":
    unittest.main()
