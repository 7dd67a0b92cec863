"""The HTTP client of an lrtune service, on the standard library alone."""

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from .errors import ApiError, StudyEnded

if TYPE_CHECKING:
    from .run import Run

JsonObject = Dict[str, Any]

#: Job statuses after which a job never changes again.
TERMINAL_STATUSES = frozenset({"succeeded", "failed", "cancelled", "diverged"})

#: The longest one request waits on the server for a job's end (``?wait=``); a longer wait is sent in slices. The
#: server's ``lrtune.jobs.max-wait`` is 60 s by default.
WAIT_SLICE_SECONDS = 30.0


class Client:
    """A connection to an lrtune service.

    Every method answers the JSON the service serves, as dicts and lists (field names as in the API:
    ``recommendedLr``, ``lrPlan``), and raises :class:`~lrtune.ApiError` for an HTTP error.

    Args:
        url: the service's base URL, without ``/api/v1``.
        api_key: sent as ``X-API-Key`` when the service requires API keys.
        timeout: seconds to wait for each answer.
    """

    def __init__(self, url: str = "http://localhost:8080", api_key: Optional[str] = None,
                 timeout: float = 30.0) -> None:
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        #: whether the server holds a request until a job ends (``?wait=``); false once it refused one
        self._server_waits = True

    def __repr__(self) -> str:
        return f"Client(url={self.url!r})"

    # ---------------------------------------------------------------- schedules and analysis

    def schedules(self) -> List[JsonObject]:
        """Every schedule type with its parameters, defaults and formula (``GET /schedules``)."""
        return self.request("GET", "/schedules")

    def preview(self, schedule: Mapping[str, Any], steps: int, metrics: Optional[Sequence[Optional[float]]] = None,
                iterations_per_epoch: Optional[int] = None) -> JsonObject:
        """The rate (and cycled momentum) of ``schedule`` at steps ``0 … steps-1``: ``{"lr": [...]}``.

        Args:
            schedule: a schedule object such as ``{"type": "cosine", "lr": 0.1, "tMax": 100}``.
            steps: how many steps to evaluate.
            metrics: for ``plateau`` (or a schedule nesting one), the validation loss at the end of each step,
                ``None`` where none was measured; ``steps`` entries.
            iterations_per_epoch: how many steps make an epoch, for schedules with ``"interval": "epoch"``.
        """
        body: JsonObject = {"schedule": dict(schedule), "steps": steps}
        if metrics is not None:
            body["metrics"] = list(metrics)
        if iterations_per_epoch is not None:
            body["iterationsPerEpoch"] = iterations_per_epoch
        return self.request("POST", "/schedules/preview", body)

    def analyze(self, lr: Sequence[float], loss: Sequence[Optional[float]], smoothing: Optional[float] = None,
                skip_start: Optional[int] = None, skip_end: Optional[int] = None) -> JsonObject:
        """lrtune's recommendation for a range-test curve measured elsewhere (``POST /range-tests/analyze``).

        ``loss`` holds ``None`` (or a NaN) for a non-finite loss; ``smoothing=0`` uses the losses as given.
        """
        body: JsonObject = {"lr": [float(x) for x in lr], "loss": [finite_or_none(x) for x in loss]}
        for key, value in (("smoothing", smoothing), ("skipStart", skip_start), ("skipEnd", skip_end)):
            if value is not None:
                body[key] = value
        return self.request("POST", "/range-tests/analyze", body)

    # ---------------------------------------------------------------- datasets

    def upload_dataset(self, csv: Union[str, bytes, "os.PathLike[str]"], *, name: Optional[str] = None,
                       target: Optional[str] = None, task: Optional[str] = None, missing: Optional[str] = None,
                       standardize: Optional[bool] = None, exclude: Optional[Iterable[str]] = None) -> JsonObject:
        """Uploads a CSV: its text, its bytes, or the path of a file (a ``str`` naming an existing file, or a path).

        Answers the stored dataset (``id``, ``rows``, ``features``, ``task``, ...).
        """
        if isinstance(csv, bytes):
            data = csv
        elif isinstance(csv, str) and not os.path.isfile(csv):
            data = csv.encode("utf-8")
        else:
            with open(csv, "rb") as file:
                data = file.read()
        query = {"name": name, "target": target, "task": task, "missing": missing,
                 "standardize": None if standardize is None else str(bool(standardize)).lower(),
                 "exclude": None if exclude is None else ",".join(exclude)}
        return self.request("POST", "/datasets", raw=data, content_type="text/csv", query=query)

    def datasets(self) -> Any:
        """The uploaded datasets (``GET /datasets``)."""
        return self.request("GET", "/datasets")

    def dataset(self, dataset_id: int) -> JsonObject:
        """One uploaded dataset."""
        return self.request("GET", f"/datasets/{int(dataset_id)}")

    def delete_dataset(self, dataset_id: int) -> None:
        """Deletes an uploaded dataset (a 409 while a queued or running job uses it)."""
        self.request("DELETE", f"/datasets/{int(dataset_id)}")

    # ---------------------------------------------------------------- jobs

    def submit(self, job: Mapping[str, Any]) -> JsonObject:
        """Submits a job (``POST /jobs``) as the API's JSON body and answers the job as created.

        A server job (``range_test``, ``training``, ``lr_search``) answers queued; read it with :meth:`wait`.
        For a job your own code trains, use :meth:`track` instead.
        """
        return self.request("POST", "/jobs", dict(job))

    def job(self, job_id: int) -> JsonObject:
        """The job: status, progress, request, result, error, ``lrPlan`` for a client-run job."""
        return self.request("GET", f"/jobs/{int(job_id)}")

    def jobs(self, *, status: Optional[str] = None, type: Optional[str] = None, study_id: Optional[int] = None,
             runner: Optional[str] = None, name: Optional[str] = None, tags: Optional[Mapping[str, str]] = None,
             page: int = 0, size: int = 20) -> JsonObject:
        """A page of jobs, newest first: ``{"items": [...], "totalItems": ...}``; ``tags`` must all match."""
        query: Dict[str, Any] = {"status": status, "type": type, "studyId": study_id, "runner": runner,
                                 "name": name, "page": page, "size": size}
        if tags:
            query["tag"] = [f"{key}:{value}" for key, value in tags.items()]
        return self.request("GET", "/jobs", query=query)

    def wait(self, job_id: int, timeout: Optional[float] = None, poll: float = 1.0) -> JsonObject:
        """Waits until the job has finished and answers it.

        The server holds each request until the job ends (``GET /jobs/{id}?wait=``, at most
        :data:`WAIT_SLICE_SECONDS` a request), so this returns as soon as the job has ended. A server that refuses
        ``wait`` (one older than it, or whose ``lrtune.jobs.max-wait`` is shorter than a slice) is polled every
        ``poll`` seconds instead.

        Raises:
            TimeoutError: when ``timeout`` seconds pass first.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        path = f"/jobs/{int(job_id)}"
        while True:
            remaining = None if deadline is None else deadline - time.monotonic()
            if (remaining is not None and remaining <= 0) or not self._server_waits:
                job, early = self.job(job_id), True
            else:
                job, error, early = self._waited(path, remaining)
                if error is not None:
                    raise error
                if job is None:  # the server refuses wait: poll
                    continue
            if job["status"] in TERMINAL_STATUSES:
                return job
            if deadline is not None and time.monotonic() >= deadline:
                raise TimeoutError(f"job {job_id} is still {job['status']} after {timeout} s")
            if early:
                # polling, or a server that answered before the wait was over (one that ignores wait, or stopping)
                time.sleep(poll if deadline is None else max(0.0, min(poll, deadline - time.monotonic())))

    def _waited(self, path: str, remaining: Optional[float]) -> Tuple[Any, Optional[ApiError], bool]:
        """``GET path?wait=`` for one slice of the time left.

        Answers ``(body, None, early)``, or ``(None, error, early)`` for an HTTP error, where ``early`` says whether
        the answer came before the wait was over (the job had ended, or the server ignores ``wait``). When the server
        refuses ``wait`` (a 400 naming it), answers ``(None, None, True)`` and this client polls from then on.
        """
        seconds = WAIT_SLICE_SECONDS if remaining is None else min(WAIT_SLICE_SECONDS, remaining)
        seconds = max(0.001, round(seconds, 3))
        started = time.monotonic()
        try:
            answer = self._exchange("GET", path, query={"wait": f"{seconds:g}"}, timeout=seconds + self.timeout)[1]
            error = None
        except ApiError as refused:
            if refused.status == 400 and any(field.field == "wait" for field in refused.errors):
                self._server_waits = False
                return None, None, True
            answer, error = None, refused
        return answer, error, time.monotonic() - started < seconds

    def cancel(self, job_id: int) -> JsonObject:
        """Asks the job to stop; a client-run job's client learns it from its next post."""
        return self.request("POST", f"/jobs/{int(job_id)}/cancel")

    def delete_job(self, job_id: int) -> None:
        """Deletes a finished job and its curve."""
        self.request("DELETE", f"/jobs/{int(job_id)}")

    def curve(self, job_id: int, *, start: Optional[int] = None, end: Optional[int] = None,
              max_points: Optional[int] = None, smoothing: Optional[float] = None) -> JsonObject:
        """The job's curve as columns: ``iteration``, ``lr``, ``loss`` (``momentum``), ``validation``.

        Args:
            start: the first iteration (``from``); end: the last, inclusive (``to``).
            max_points: downsample to at most this many points, keeping the curve's shape.
            smoothing: an EMA β with bias correction applied to the loss.
        """
        query = {"from": start, "to": end, "maxPoints": max_points, "smoothing": smoothing}
        return self.request("GET", f"/jobs/{int(job_id)}/curve", query=query)

    def recommendation(self, job_id: int, wait: Optional[float] = None) -> JsonObject:
        """A finished range test's (or lr_search's) recommendation: ``recommendedLr``, ``suggestions``, ...

        Args:
            wait: seconds the server may wait for the job to end before it answers (``?wait=``): the recommendation
                comes as soon as the job has ended. ``None`` answers at once.

        Raises:
            ApiError: 409 when the job has no recommendation (yet): a training job, a job that ended without one, or
                one still running after ``wait`` seconds.
        """
        path = f"/jobs/{int(job_id)}/recommendation"
        if wait is None:
            return self.request("GET", path)
        deadline = time.monotonic() + wait
        while self._server_waits:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            answer, error, early = self._waited(path, remaining)
            if error is not None:
                if error.status != 409 or time.monotonic() >= deadline:
                    raise error
                if early:
                    # at once: the job cannot get a recommendation, or the server ignores wait (then it is polled)
                    job = self.job(job_id)
                    if job["status"] in TERMINAL_STATUSES or job["type"] == "training":
                        raise error
                    self._server_waits = False
                continue  # the slice ended with the job still running
            if answer is not None:
                return answer
        try:
            self.wait(job_id, timeout=max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            pass  # the recommendation's own 409 says that the job has not run
        return self.request("GET", path)

    def post_points(self, job_id: int, points: Mapping[str, Any]) -> JsonObject:
        """Posts columnar points to a client-run job; answers ``{"stop", "reason", "lr", "iteration"}``.

        :meth:`track` does this in the background; call it yourself only to post by hand.
        """
        return self.request("POST", f"/jobs/{int(job_id)}/points", dict(points))

    def finish(self, job_id: int, error: Optional[str] = None) -> JsonObject:
        """Ends a client-run job: succeeded (a range test gets its recommendation), or failed with ``error``."""
        body = None if error is None else {"status": "failed", "error": error}
        return self.request("POST", f"/jobs/{int(job_id)}/finish", body)

    def track(self, type: str = "training", *, name: Optional[str] = None,
              schedule: Optional[Mapping[str, Any]] = None, iterations: Optional[int] = None,
              tags: Optional[Mapping[str, str]] = None, params: Optional[Mapping[str, Any]] = None,
              evaluate_every: Optional[int] = None, range_test: Optional[Mapping[str, Any]] = None,
              flush_interval: float = 1.0, max_unanswered: Optional[int] = None) -> "Run":
        """Starts a client-run job that your own training loop reports to, and answers its :class:`Run`.

        Args:
            type: ``"training"`` or ``"range_test"``.
            name, tags, params: kept with the job (tags are string to string; params any JSON object).
            schedule: for training, the schedule whose rates the job plans (``run.lr`` reads them).
            iterations: how many iterations the run lasts (a range test's ramp length).
            evaluate_every: for training, how often you evaluate (kept as your intent).
            range_test: for a range test, its settings (``startLr``, ``endLr``, ``mode``, ``smoothing``,
                ``divergenceFactor``).
            flush_interval: seconds between background posts; 0 posts as soon as points wait.
            max_unanswered: when set, ``log`` waits while more points than this lack the service's answer (a loop
                that must stop promptly when told, as a range test); by default ``log`` never waits.
        """
        from .run import Run

        body: JsonObject = {"type": type, "runner": "client"}
        if name is not None:
            body["name"] = name
        if tags:
            body["tags"] = dict(tags)
        if params:
            body["params"] = dict(params)
        if type == "range_test":
            settings = dict(range_test or {})
            if iterations is not None:
                settings["iterations"] = iterations
            body["rangeTest"] = settings
        else:
            training: JsonObject = {}
            if iterations is not None:
                training["iterations"] = iterations
            if schedule is not None:
                training["schedule"] = dict(schedule)
            if evaluate_every is not None:
                training["evaluateEvery"] = evaluate_every
            body["training"] = training
        return Run(self, self.request("POST", "/jobs", body), flush_interval=flush_interval,
                   max_unanswered=max_unanswered)

    # ---------------------------------------------------------------- studies

    def create_study(self, study: Mapping[str, Any]) -> JsonObject:
        """Creates a study (``POST /studies``) from the API's JSON body; ``"runner": "client"`` for ask and tell."""
        return self.request("POST", "/studies", dict(study))

    def study(self, study_id: int) -> JsonObject:
        """The study: status, trials ranked, and ``best`` once it has finished."""
        return self.request("GET", f"/studies/{int(study_id)}")

    def studies(self, page: int = 0, size: int = 20) -> JsonObject:
        """A page of studies, newest first."""
        return self.request("GET", "/studies", query={"page": page, "size": size})

    def cancel_study(self, study_id: int) -> JsonObject:
        """Ends the study and cancels its trials still queued or running."""
        return self.request("POST", f"/studies/{int(study_id)}/cancel")

    def ask(self, study_id: int) -> Optional[JsonObject]:
        """Asks a client-run study for a trial: the trial's job, or ``None`` while every remaining trial is in flight.

        Raises:
            StudyEnded: the study has ended (409).
        """
        return self.ask_or_wait(study_id)[0]

    def ask_or_wait(self, study_id: int) -> Tuple[Optional[JsonObject], float]:
        """As :meth:`ask`, with the seconds to wait before asking again when no trial was handed out."""
        try:
            status, body, headers = self._exchange("POST", f"/studies/{int(study_id)}/ask")
        except ApiError as error:
            if error.status == 409:
                raise StudyEnded(error.status, error.title, error.detail, error.errors, error.problem) from None
            raise
        if status == 204:
            return None, retry_after_seconds(headers.get("Retry-After")) or 1.0
        return body, 0.0

    # ---------------------------------------------------------------- HTTP

    def request(self, method: str, path: str, body: Any = None, *, query: Optional[Mapping[str, Any]] = None,
                raw: Optional[bytes] = None, content_type: Optional[str] = None) -> Any:
        """Sends one request to ``/api/v1`` + ``path`` and answers the decoded JSON (``None`` for no body)."""
        return self._exchange(method, path, body, query=query, raw=raw, content_type=content_type)[1]

    def _exchange(self, method: str, path: str, body: Any = None, *, query: Optional[Mapping[str, Any]] = None,
                  raw: Optional[bytes] = None, content_type: Optional[str] = None, timeout: Optional[float] = None
                  ) -> Tuple[int, Any, Mapping[str, str]]:
        url = self.url + "/api/v1" + path
        if query:
            pairs = [(key, value) for key, value in query.items() if value is not None]
            if pairs:
                url += "?" + urllib.parse.urlencode(pairs, doseq=True)
        headers = {"Accept": "application/json"}
        data = raw
        if raw is None and body is not None:
            data = json.dumps(body, allow_nan=False).encode("utf-8")
            content_type = "application/json"
        if content_type:
            headers["Content-Type"] = content_type
        if self.api_key:
            headers["X-API-Key"] = self.api_key
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout if timeout is None else timeout) as response:
                return response.status, _decode(response.read()), response.headers
        except urllib.error.HTTPError as error:
            with error:
                payload = _decode(error.read())
            raise ApiError.from_problem(error.code, payload,
                                        retry_after_seconds(error.headers.get("Retry-After"))) from None


def _decode(payload: bytes) -> Any:
    if not payload:
        return None
    text = payload.decode("utf-8")
    try:
        return json.loads(text)
    except ValueError:
        return text


def retry_after_seconds(value: Optional[str]) -> Optional[float]:
    """The seconds of a ``Retry-After`` header given in seconds, else ``None``."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def finite_or_none(value: Any) -> Optional[float]:
    """``value`` as a float, or ``None`` when it is missing, NaN or infinite (the API's non-finite loss)."""
    if value is None:
        return None
    number = float(value)
    return number if number - number == 0 else None
