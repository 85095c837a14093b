"""The corpus of realistic notes (tests/data/notities.toml) and how the personal-data check scores on it.

Recall: the share of expected findings the check reports (same kind, overlapping text). False alarm:
a note for which the check reports something that is not an expected finding (the person gets a
warning for nothing, or for the wrong thing).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from protocol import note_check

CORPUS = Path(__file__).resolve().parent / "data" / "notities.toml"
TODAY = date(2026, 12, 24)


@dataclass(frozen=True)
class Note:
    text: str
    expected: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Score:
    notes: int
    expected: int
    found: int
    false_alarm_notes: int
    misses: tuple[tuple[str, str, str], ...]  # (note, kind, text)
    false_alarms: tuple[tuple[str, str, str], ...]

    @property
    def recall(self) -> float:
        return self.found / self.expected

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarm_notes / self.notes


def notes() -> list[Note]:
    data = tomllib.loads(CORPUS.read_text(encoding="utf-8"))
    return [Note(n["text"], tuple((k, t) for k, t in n["find"])) for n in data["note"]]


def _matches(kind: str, text: str, finding: note_check.Finding) -> bool:
    return finding.kind == kind and (text in finding.text or finding.text in text)


def score() -> Score:
    corpus = notes()
    expected = found = alarm_notes = 0
    misses: list[tuple[str, str, str]] = []
    alarms: list[tuple[str, str, str]] = []
    for note in corpus:
        findings = note_check.personal_data(note.text, TODAY)
        for kind, text in note.expected:
            expected += 1
            if any(_matches(kind, text, f) for f in findings):
                found += 1
            else:
                misses.append((note.text, kind, text))
        spurious = [f for f in findings if not any(_matches(k, t, f) for k, t in note.expected)]
        alarms += [(note.text, f.kind, f.text) for f in spurious]
        alarm_notes += bool(spurious)
    return Score(len(corpus), expected, found, alarm_notes, tuple(misses), tuple(alarms))


if __name__ == "__main__":
    s = score()
    for m in s.misses:
        print("MIS ", m)
    for a in s.false_alarms:
        print("VALS", a)
    print(f"{s.notes} notities, {s.expected} verwacht; recall {s.recall:.3f}, "
          f"vals alarm {s.false_alarm_rate:.3f} ({s.false_alarm_notes} notities)")
