"""What the tests share: the package under test on the path, the server to test against, torch if present."""

import importlib.util
import os
import sys
import time
import unittest
from typing import Any, Callable

SOURCES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src")
if SOURCES not in sys.path:
    sys.path.insert(0, SOURCES)

import lrtune  # noqa: E402

#: The lrtune service the end-to-end tests talk to (the Maven build starts one and sets it).
URL = os.environ.get("LRTUNE_URL")

#: The service's lrtune.client-runs.lease in seconds (the Maven build starts one with a lease of a few seconds).
LEASE_SECONDS = float(os.environ.get("LRTUNE_LEASE_SECONDS", "600"))

#: Whether torch is installed, found without importing it (about a second of CPU): the modules that use it import it.
HAS_TORCH = importlib.util.find_spec("torch") is not None

needs_server = unittest.skipUnless(URL, "LRTUNE_URL is not set: no lrtune service to test against")
needs_torch = unittest.skipUnless(HAS_TORCH, "torch is not installed: the PyTorch helpers are not tested")


def client() -> lrtune.Client:
    """A client of the service under test."""
    return lrtune.Client(URL or "http://localhost:8080")


def subprocess_env() -> dict:
    """The environment for a Python subprocess that imports the package under test."""
    env = dict(os.environ)
    env["PYTHONPATH"] = SOURCES + os.pathsep + env.get("PYTHONPATH", "")
    return env


def eventually(condition: Callable[[], Any], timeout: float = 120.0, poll: float = 0.2) -> Any:
    """Polls ``condition`` until it answers something truthy, which it returns; fails after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {condition}")
        time.sleep(poll)
