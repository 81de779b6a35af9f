"""The one exception the emulator's request handling raises to answer with an API error."""

from __future__ import annotations


class ApiError(Exception):
    """An error answer: HTTP ``status`` with the body ``{"error": message}`` (docs: Errors).

    Attributes:
        status: the HTTP status code, e.g. 400, 402, 404, 422.
        message: the human-readable ``error`` text, exactly as the docs spell it.
    """

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status} {message}")
        self.status = status
        self.message = message
