"""How well the claims extractor finds the ledger's claims in the five registered documents.

Prints, per document and overall: claims found among the candidates (same value, overlapping quote),
qualifier agreement and family agreement among them, and the claims it misses or disagrees on.
A report, not a test: tests/test_extract.py holds the thresholds.

    .venv/bin/python scripts/extractor_quality.py [--verbose]
"""

from __future__ import annotations

import sys

from secstats.claims import read_ledger
from secstats.extraction_quality import ledger_agreement
from secstats.paths import default_layout


def main() -> int:
    layout = default_layout()
    report = ledger_agreement(layout, read_ledger(layout))
    print(report.summary())
    if "--verbose" in sys.argv:
        print(report.details())
    return 0


if __name__ == "__main__":
    sys.exit(main())
