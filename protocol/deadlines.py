"""The dates that follow from a walk: when Veilig Thuis decides, when to check, when the termijn ends."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from .engine import Walk, stage
from .model import Action, Deadline, DeadlineBasis, Outcome, Protocol
from .workdays import OutsideHolidayTable, add_workdays, covered_years, holidays_between, next_workday

BASIS_LABELS: dict[DeadlineBasis, str] = {
    "melding": "de dag van de melding",
    "verwijzing": "de dag dat je doorverwijst",
    "termijn": "de einddatum van de termijn (afweging 4)",
}


@dataclass(frozen=True)
class DueDate:
    deadline: Deadline
    basis: date
    earliest: date
    latest: date
    # Feestdagen on weekdays that the count skipped, and those it counted as werkdag although the
    # Algemene termijnenwet calls them feestdag (see site_src/holiday_table.py): (date, name).
    skipped: tuple[tuple[date, str], ...] = ()
    counted: tuple[tuple[date, str], ...] = ()


def walk_deadlines(protocol: Protocol, w: Walk) -> tuple[Deadline, ...]:
    """The deadlines that apply where the walk stands now, each once, in order: the one date rule
    of the terminal, the self-check, the record and the calendar file.

    Only the current stage counts, not every stage passed. Afweging 5 is answered at the end of the
    agreed termijn, so at its outcome the check after one or two weeks and the end of the termijn
    are behind the person; asking for them again would put past events in the calendar next to
    the one date that is still ahead (calling Veilig Thuis after the melding). The help dates are
    asked where they are ahead: at afweging 5, right after the help was started.
    """
    found: dict[str, Deadline] = {}
    for ident in stage(w):
        node = protocol.node(ident)
        if isinstance(node, Action | Outcome):
            for deadline_id in node.deadlines:
                found.setdefault(deadline_id, protocol.deadline(deadline_id))
    return tuple(found.values())


def needed_bases(protocol: Protocol, w: Walk) -> tuple[DeadlineBasis, ...]:
    """Which dates the person has to give for this walk's deadlines."""
    return tuple(dict.fromkeys(d.basis for d in walk_deadlines(protocol, w)))


def due(deadline: Deadline, basis: date) -> DueDate:
    """One deadline counted from its basis date.

    Werkdagen skip weekends and Dutch public holidays. A span of calendar days (one or two
    weeks) moves forward to a werkdag, since that is when you can call; day 0 is the date agreed.
    Raises OutsideHolidayTable when the count leaves the holiday table (or the calendar).
    """
    if deadline.workdays:
        end = add_workdays(basis, deadline.workdays)
        skipped, counted = holidays_between(basis + timedelta(days=1), end) if end > basis else ([], [])
        return DueDate(deadline, basis, end, end, tuple(skipped), tuple(counted))
    spans: list[date] = []
    skipped, counted = [], []
    for n in deadline.days:
        if n == 0:
            spans.append(basis)
            continue
        try:
            planned = basis + timedelta(days=n)
        except OverflowError:
            raise OutsideHolidayTable(basis, covered_years()) from None
        moved = next_workday(planned)
        found = holidays_between(planned, moved)
        skipped += found[0]
        counted += found[1]
        spans.append(moved)
    if not spans:  # a deadline with neither workdays nor days: the basis date itself
        spans.append(basis)
    return DueDate(deadline, basis, min(spans), max(spans), tuple(dict.fromkeys(skipped)),
                   tuple(dict.fromkeys(counted)))


def due_dates(protocol: Protocol, w: Walk, bases: Mapping[DeadlineBasis, date]) -> tuple[DueDate, ...]:
    """Every deadline of the walk whose basis date is known, in order."""
    return tuple(due(d, bases[d.basis]) for d in walk_deadlines(protocol, w) if d.basis in bases)
