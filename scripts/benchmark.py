"""Benchmark (not a test): a warm full rebuild against the bare import time of its libraries.

Prints both times and their ratio; the aim is a rebuild within 2x of importing pandas, pandera and
matplotlib, i.e. the build's own work costs no more than loading its tools. Run: make bench
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMPORTS = "import pandas, pandera.pandas, matplotlib.pyplot"


def seconds(command: list[str], runs: int = 3) -> float:
    """Median wall time of a command over a few runs (the first run warms the file cache)."""
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Time the import and a forced rebuild (touching the ledger), then print the ratio."""
    imports = seconds([sys.executable, "-c", IMPORTS])
    rebuild = seconds(["sh", "-c", "touch data/ledger/claims.csv && make --no-print-directory figures"])
    print(f"bare import of pandas, pandera, matplotlib: {imports:.2f} s")
    print(f"warm 'make figures' rebuild:                {rebuild:.2f} s")
    print(f"ratio: {rebuild / imports:.1f}x (aim: at most 2x)")


if __name__ == "__main__":
    main()
