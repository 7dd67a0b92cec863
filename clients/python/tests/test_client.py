"""The client's requests and errors: against a stub server for what it sends, and against lrtune for what it reads."""

import json
import threading
import unittest
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional, Tuple

import support
from support import needs_server

import lrtune


class StubServer:
    """A local HTTP server answering queued (status, headers, body) replies and recording each request."""

    def __init__(self) -> None:
        self.replies: List[Tuple[int, Dict[str, str], Optional[bytes]]] = []
        self.requests: List[Dict[str, Any]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                stub.requests.append({"method": self.command, "path": self.path, "headers": self.headers,
                                      "body": body})
                status, headers, payload = stub.replies.pop(0)
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload or b"")))
                self.end_headers()
                if payload:
                    self.wfile.write(payload)

            do_GET = do_POST = do_DELETE = _answer

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def reply(self, status: int, body: Any = None, headers: Optional[Dict[str, str]] = None,
              content_type: str = "application/json") -> None:
        payload = None if body is None else json.dumps(body).encode()
        all_headers = dict(headers or {})
        if payload is not None:
            all_headers["Content-Type"] = content_type
        self.replies.append((status, all_headers, payload))

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class ClientRequestTests(unittest.TestCase):

    def setUp(self) -> None:
        self.stub = StubServer()
        self.addCleanup(self.stub.close)
        self.client = lrtune.Client(self.stub.url + "/", api_key="key1")

    def test_a_problem_becomes_an_api_error_with_its_status_title_detail_and_field_errors(self) -> None:
        self.stub.reply(400, {"type": "about:blank", "title": "Invalid request", "status": 400,
                              "detail": "schedule.maxLr: must be at least baseLr (0.01), was 0.001",
                              "errors": [{"field": "schedule.maxLr", "message": "must be at least baseLr (0.01), was 0.001"},
                                         {"field": "steps", "message": "must be greater than 0"}]},
                        content_type="application/problem+json")
        with self.assertRaises(lrtune.ApiError) as raised:
            self.client.preview({"type": "cyclic", "baseLr": 0.01, "maxLr": 0.001}, 0)
        error = raised.exception
        self.assertEqual(400, error.status)
        self.assertEqual("Invalid request", error.title)
        self.assertEqual("schedule.maxLr: must be at least baseLr (0.01), was 0.001", error.detail)
        self.assertEqual([lrtune.FieldError("schedule.maxLr", "must be at least baseLr (0.01), was 0.001"),
                          lrtune.FieldError("steps", "must be greater than 0")], error.errors)
        self.assertIn("400 Invalid request: schedule.maxLr", str(error))

    def test_a_429_carries_its_retry_after(self) -> None:
        self.stub.reply(429, {"title": "Too Many Requests", "status": 429, "detail": "The queue is full"},
                        headers={"Retry-After": "7"})
        with self.assertRaises(lrtune.ApiError) as raised:
            self.client.submit({"type": "training"})
        self.assertEqual((429, 7.0, []), (raised.exception.status, raised.exception.retry_after,
                                          raised.exception.errors))

    def test_a_body_that_is_not_a_problem_is_kept_as_the_detail(self) -> None:
        self.stub.replies.append((502, {"Content-Type": "text/plain"}, b"Bad gateway"))
        with self.assertRaises(lrtune.ApiError) as raised:
            self.client.job(1)
        self.assertEqual((502, None, "Bad gateway"), (raised.exception.status, raised.exception.title,
                                                      raised.exception.detail))

    def test_requests_carry_the_api_key_json_and_the_query(self) -> None:
        self.stub.reply(200, {"items": []})
        self.client.jobs(runner="client", name="resnet", tags={"project": "cifar10", "gpu": "a100"})
        request = self.stub.requests[0]
        self.assertEqual("key1", request["headers"]["X-API-Key"])
        self.assertEqual("/api/v1/jobs?runner=client&name=resnet&page=0&size=20&tag=project%3Acifar10&tag=gpu%3Aa100",
                         request["path"])

    def test_a_non_finite_loss_is_sent_as_null(self) -> None:
        self.stub.reply(200, {"recommendedLr": None})
        self.client.analyze([1e-3, 1e-2, 1e-1], [2.0, float("nan"), float("inf")], smoothing=0)
        self.assertEqual({"lr": [1e-3, 1e-2, 1e-1], "loss": [2.0, None, None], "smoothing": 0},
                         json.loads(self.stub.requests[0]["body"]))

    def test_asking_a_study_answers_the_trial_none_with_the_wait_or_raises_once_it_ended(self) -> None:
        self.stub.replies.append((204, {"Retry-After": "3"}, None))
        self.stub.reply(409, {"title": "Conflict", "status": 409, "detail": "Study 4 has ended"})
        self.assertEqual((None, 3.0), self.client.ask_or_wait(4))
        with self.assertRaises(lrtune.StudyEnded) as raised:
            self.client.ask(4)
        self.assertEqual((409, "Study 4 has ended"), (raised.exception.status, raised.exception.detail))
        self.assertEqual(["/api/v1/studies/4/ask"] * 2, [r["path"] for r in self.stub.requests])


class ClientWaitTests(unittest.TestCase):
    """:meth:`Client.wait` and ``recommendation(wait=)`` waiting on the server, against a stub server."""

    def setUp(self) -> None:
        self.stub = StubServer()
        self.addCleanup(self.stub.close)
        self.client = lrtune.Client(self.stub.url)

    def paths(self) -> List[str]:
        return [request["path"] for request in self.stub.requests]

    def test_waiting_is_one_request_the_server_holds_until_the_job_ends(self) -> None:
        self.stub.reply(200, {"id": 5, "status": "succeeded"})
        self.assertEqual("succeeded", self.client.wait(5)["status"])
        self.assertEqual(["/api/v1/jobs/5?wait=30"], self.paths())

    def test_a_timeout_shorter_than_a_slice_is_the_servers_wait_and_a_job_still_running_then_times_out(self) -> None:
        for _ in range(2):  # a stub answers at once: the client then looks once more when the time is up
            self.stub.reply(200, {"id": 5, "status": "running"})
        with self.assertRaises(TimeoutError):
            self.client.wait(5, timeout=0.25)
        self.assertEqual("/api/v1/jobs/5?wait=0.25", self.paths()[0])

    def test_a_server_that_refuses_wait_is_polled(self) -> None:
        self.stub.reply(400, {"title": "Invalid request", "status": 400, "detail": "wait: must be more than 0",
                              "errors": [{"field": "wait", "message": "must be more than 0"}]})
        self.stub.reply(200, {"id": 5, "status": "running"})
        self.stub.reply(200, {"id": 5, "status": "cancelled"})
        self.assertEqual("cancelled", self.client.wait(5, poll=0.01)["status"])
        self.assertEqual(["/api/v1/jobs/5?wait=30", "/api/v1/jobs/5", "/api/v1/jobs/5"], self.paths())

    def test_a_recommendation_waited_for_is_one_request(self) -> None:
        self.stub.reply(200, {"recommendedLr": 0.01})
        self.assertEqual(0.01, self.client.recommendation(3, wait=10)["recommendedLr"])
        self.assertEqual(["/api/v1/jobs/3/recommendation?wait=10"], self.paths())

    def test_a_409_at_once_of_a_job_that_cannot_get_a_recommendation_is_raised(self) -> None:
        self.stub.reply(409, {"title": "Conflict with the job's status", "status": 409,
                              "detail": "Job 3 is a training job; recommendations come from range_test and lr_search jobs."})
        self.stub.reply(200, {"id": 3, "type": "training", "status": "running"})
        with self.assertRaises(lrtune.ApiError) as raised:
            self.client.recommendation(3, wait=10)
        self.assertEqual(409, raised.exception.status)
        self.assertEqual(["/api/v1/jobs/3/recommendation?wait=10", "/api/v1/jobs/3"], self.paths())


@needs_server
class ClientEndToEndTests(unittest.TestCase):

    def setUp(self) -> None:
        self.client = support.client()

    def test_an_invalid_schedule_is_an_api_error_naming_the_field(self) -> None:
        with self.assertRaises(lrtune.ApiError) as raised:
            self.client.preview({"type": "cyclic", "baseLr": 0.01, "maxLr": 0.001}, 10)
        self.assertEqual(400, raised.exception.status)
        self.assertIn("schedule.maxLr", [e.field for e in raised.exception.errors])

    def test_an_unknown_job_is_a_404(self) -> None:
        with self.assertRaises(lrtune.ApiError) as raised:
            self.client.job(987654321)
        self.assertEqual(404, raised.exception.status)
        self.assertIn("987654321", raised.exception.detail)

    def test_the_schedules_are_listed_and_previewed(self) -> None:
        types = [entry["type"] for entry in self.client.schedules()]
        self.assertIn("one_cycle", types)
        preview = self.client.preview({"type": "step", "lr": 0.1, "gamma": 0.5, "stepSize": 3}, 7)
        self.assertEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025], preview["lr"])

    def test_a_curve_brought_by_the_client_is_analysed(self) -> None:
        answer = self.client.analyze(
            [1e-5, 3.16e-5, 1e-4, 3.16e-4, 1e-3, 3.16e-3, 1e-2, 3.16e-2, 1e-1, 3.16e-1, 1],
            [2.30, 2.30, 2.29, 2.26, 2.15, 1.90, 1.52, 1.20, 1.35, 2.70, float("nan")], smoothing=0)
        self.assertEqual(0.0316, answer["minLossLr"])
        self.assertEqual(0.316, answer["divergenceLr"])

    def test_an_uploaded_dataset_trains_a_server_job_whose_curve_and_recommendation_are_read(self) -> None:
        rows = "\n".join(f"{x / 10},{(x * 7) % 5 / 10},{int(x % 3 == 0)}" for x in range(60))
        dataset = self.client.upload_dataset("a,b,label\n" + rows + "\n", name="client-test", target="label")
        self.assertEqual(60, dataset["rows"])
        job = self.client.submit({"type": "range_test", "dataset": str(dataset["id"]), "model": {"type": "logistic"},
                                  "rangeTest": {"startLr": 1e-4, "endLr": 10, "iterations": 40}})
        finished = self.client.wait(job["id"], timeout=300, poll=0.2)
        self.assertEqual("succeeded", finished["status"])
        curve = self.client.curve(job["id"], max_points=20)
        self.assertLessEqual(len(curve["iteration"]), 20)
        self.assertIn("recommendedLr", self.client.recommendation(job["id"]))

    def test_a_range_tests_recommendation_is_answered_by_one_request_that_waits_for_its_end(self) -> None:
        job = self.client.submit({"type": "range_test", "dataset": "synthetic:moons?samples=300&seed=4",
                                  "model": {"type": "logistic"}, "rangeTest": {"iterations": 60}})
        recommendation = self.client.recommendation(job["id"], wait=60)
        finished = self.client.job(job["id"])
        self.assertEqual("succeeded", finished["status"])
        self.assertEqual(finished["result"]["recommendation"]["recommendedLr"], recommendation["recommendedLr"])

    def test_jobs_are_found_by_name_and_tags(self) -> None:
        tag = uuid.uuid4().hex
        with self.client.track(name=f"find me {tag}", iterations=1, tags={"run": tag},
                               schedule={"type": "constant", "lr": 0.1}) as run:
            run.log(0, 1.0)
        found = self.client.jobs(runner="client", tags={"run": tag})
        self.assertEqual([run.id], [job["id"] for job in found["items"]])
        self.assertEqual(run.id, self.client.jobs(name=tag)["items"][0]["id"])


if __name__ == "__main__":
    unittest.main()
