"""The error types: a protocol file that cannot be used, and input the self-check page sent that
cannot be used."""

from __future__ import annotations


class ProtocolError(Exception):
    """A protocol file is malformed. The message names the file, the place and the fix."""

    def __init__(self, path: str, place: str, problem: str, fix: str) -> None:
        self.path = path
        self.place = place
        self.problem = problem
        self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.path}: {self.place}: {self.problem}\nOplossing: {self.fix}"


class BadRequest(Exception):
    """Input the page sent that cannot be used; the message is Dutch and may be shown."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
