"""The PyTorch example of the repository's README.md, run exactly as it is written there."""

import math
import os
import re
import subprocess
import sys
import unittest

import support
from support import needs_server, needs_torch

README = os.path.join(os.path.dirname(support.SOURCES), "..", "..", "README.md")


def readme_example() -> str:
    """The first ```python block of README.md, verbatim."""
    with open(README, encoding="utf-8") as file:
        match = re.search(r"^```python\n(.*?)^```$", file.read(), re.DOTALL | re.MULTILINE)
    if match is None:
        raise AssertionError("README.md has no ```python block")
    return match.group(1)


@needs_server
@needs_torch
class ReadmeExampleTests(unittest.TestCase):

    def test_the_readme_s_pytorch_example_runs_as_written(self) -> None:
        example = readme_example()
        self.assertIn("from lrtune.torch import Scheduler, range_test", example)
        done = subprocess.run([sys.executable, "-c", example], capture_output=True, text=True, timeout=900,
                              env=support.subprocess_env())
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


if __name__ == "__main__":
    unittest.main()
