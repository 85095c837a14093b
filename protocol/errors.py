"""The one error type for a protocol file that cannot be used."""

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
