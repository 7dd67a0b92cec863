"""Errors raised by the lrtune client."""

from typing import Any, Dict, List, Optional


class FieldError:
    """One invalid field of a refused request, as the server names it (``schedule.maxLr``, ``loss[0]``)."""

    __slots__ = ("field", "message")

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message

    def __repr__(self) -> str:
        return f"FieldError(field={self.field!r}, message={self.message!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FieldError) and (self.field, self.message) == (other.field, other.message)


class ApiError(Exception):
    """An HTTP error answered by the server, carrying its RFC 9457 problem details.

    Attributes:
        status: the HTTP status code (400, 404, 409, ...).
        title: the problem's short summary (``"Invalid request"``).
        detail: the problem's explanation, naming the field or the job.
        errors: the invalid fields of a 400, each a :class:`FieldError` (empty for other problems).
        problem: the whole problem body as served (``{}`` when the body was not JSON).
        retry_after: seconds from a ``Retry-After`` header (a 429 or 503), else ``None``.
    """

    def __init__(self, status: int, title: Optional[str], detail: Optional[str],
                 errors: Optional[List[FieldError]] = None, problem: Optional[Dict[str, Any]] = None,
                 retry_after: Optional[float] = None) -> None:
        self.status = status
        self.title = title
        self.detail = detail
        self.errors: List[FieldError] = list(errors or [])
        self.problem: Dict[str, Any] = dict(problem or {})
        self.retry_after = retry_after
        super().__init__(self._message())

    def _message(self) -> str:
        text = f"{self.status} {self.title or 'HTTP error'}"
        if self.detail:
            text += f": {self.detail}"
        return text

    @classmethod
    def from_problem(cls, status: int, body: Any, retry_after: Optional[float] = None) -> "ApiError":
        """Builds the error from a problem body (a dict), or from any other body the server answered."""
        if not isinstance(body, dict):
            text = body if isinstance(body, str) and body.strip() else None
            return cls(status, None, text, retry_after=retry_after)
        errors = [FieldError(str(e.get("field")), str(e.get("message")))
                  for e in body.get("errors") or [] if isinstance(e, dict)]
        return cls(status, body.get("title"), body.get("detail"), errors, body, retry_after)


class StudyEnded(ApiError):
    """``POST /studies/{id}/ask`` answered 409: the study has ended and hands out no more trials."""
