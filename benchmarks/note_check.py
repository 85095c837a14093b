"""`make bench` (first part): how long the note check takes on a pasted 50 KB text, in CPython.

A proxy for the browser, where the same Python runs in Pyodide (expect it a few times slower there).
The text is the note corpus (tests/data/notities.toml) repeated to 50,000 characters, plus a few
hostile pastes (one long word, a run of names, many '@'), which must stay linear. It reports the
median and the best of several runs as CPU time of this process (time.process_time), so a busy
machine (other jobs on the same cores) does not inflate it, and the wall time beside it. It also
times the first call, which reads the name lists. With a built site and Node, it also times the
same call in Pyodide, started as the page starts it (benchmarks/note_pyodide.mjs, CPU time too).
It prints; it never fails on a time.

    python -m benchmarks.note_check [--runs 9] [--site site]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from protocol import note_check
from tests.note_corpus import notes

SIZE = 50_000
TODAY = date(2026, 12, 24)


def pasted() -> str:
    base = "\n".join(n.text for n in notes()) + "\n"
    return (base * (SIZE // len(base) + 1))[:SIZE]


HOSTILE = {
    "een woord": "a" * SIZE,
    "namen": ("Daan " * SIZE)[:SIZE],
    "hoofdletters": ("Aa " * SIZE)[:SIZE],
    "apenstaartjes": ("a@" * SIZE)[:SIZE],
    "cijfers": ("1 " * SIZE)[:SIZE],
}


def timed(run: Callable[[], object], runs: int) -> tuple[float, float, float]:
    """(median CPU ms, best CPU ms, median wall ms)."""
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(runs):
        c, w = time.process_time(), time.perf_counter()
        run()
        cpu.append((time.process_time() - c) * 1000)
        wall.append((time.perf_counter() - w) * 1000)
    return statistics.median(cpu), min(cpu), statistics.median(wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--site", default="site", help="the built site, for the Pyodide timing")
    args = parser.parse_args()
    text = pasted()
    c = time.process_time()
    note_check.personal_data("Daan", TODAY)  # the first call reads the name lists
    first = (time.process_time() - c) * 1000
    median, best, wall = timed(lambda: note_check.personal_data(text, TODAY), args.runs)
    print(f"notitie 50 KB: mediaan {median:.1f} ms CPU (beste {best:.1f}, wand {wall:.1f}); "
          f"eerste aanroep (namenlijsten lezen) {first:.1f} ms")
    results = [f"note_50kb_ms={median:.1f}", f"note_lists_ms={first:.1f}"]
    for name, hostile in HOSTILE.items():
        def check(h: str = hostile) -> object:
            return note_check.personal_data(h, TODAY)

        m, _, _ = timed(check, max(3, args.runs // 3))
        print(f"  vijandig ({name}): {m:.1f} ms CPU")
        results.append(f"note_{name.replace(' ', '_')}_ms={m:.1f}")
    node = shutil.which("node")
    if node and (Path(args.site) / "assets" / "zelfcheck" / "engine.js").is_file():
        script = str(Path(__file__).with_name("note_pyodide.mjs"))
        done = subprocess.run([node, script, args.site, str(args.runs)], input=text, capture_output=True,
                              text=True, timeout=300, check=True)
        timing = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"notitie 50 KB in Pyodide (Node): mediaan {timing['median']:.1f} ms CPU (beste "
              f"{timing['best']:.1f}, wand {timing['wall']:.1f}); eerste aanroep {timing['first']:.1f} ms")
        results.append(f"note_50kb_pyodide_ms={timing['median']:.1f}")
    print(" ".join(results))


if __name__ == "__main__":
    main()
