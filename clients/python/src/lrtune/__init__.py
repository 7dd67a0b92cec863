"""lrtune: learning-rate range tests, schedules and live-tracked training runs, from Python.

The service plans the rates, stores every curve, says when to stop and analyses range tests; your code trains::

    import lrtune
    client = lrtune.Client("http://localhost:8080")
    client.preview({"type": "one_cycle", "maxLr": 0.1, "totalSteps": 100}, steps=100)["lr"]

PyTorch helpers (``lrtune.torch.range_test``, ``lrtune.torch.Scheduler``) live in :mod:`lrtune.torch`.
"""

from .client import TERMINAL_STATUSES, Client
from .errors import ApiError, FieldError, StudyEnded
from .run import Run
from .study import Trial, study_worker

__version__ = "0.1.0"

__all__ = ["Client", "ApiError", "FieldError", "StudyEnded", "Run", "Trial", "study_worker", "TERMINAL_STATUSES",
           "__version__"]
