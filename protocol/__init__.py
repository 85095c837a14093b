"""Meldcode stap 5 as one source of truth: the data, its validation and the decision engine.

Standard library only: the same package runs in CPython (tests, build) and in Pyodide (browser).
"""

from .errors import ProtocolError
from .load import default, default_path, load
from .model import Action, Answer, Node, Outcome, Protocol, Question, Section

__all__ = [
    "Action",
    "Answer",
    "Node",
    "Outcome",
    "Protocol",
    "ProtocolError",
    "Question",
    "Section",
    "default",
    "default_path",
    "load",
]
