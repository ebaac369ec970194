"""How well the claims extractor finds the ledger's claims in the five registered documents, and the
hand-listed quantities of the uncurated documents (tests/extractor_eval/, read from
../shared/documents-uncurated/ when that folder is present).

Prints: claims found among the candidates (same value, overlapping quote), qualifier and family
agreement among them; with --verbose, the misses, the disagreements and (uncurated documents) the
candidates no annotation holds. A report, not a test: tests/test_extract.py holds the thresholds.

    .venv/bin/python scripts/extractor_quality.py [--verbose] [--families]
"""

from __future__ import annotations

import sys

from secstats.claims import read_ledger
from secstats.extraction_quality import ledger_agreement, uncurated_agreement
from secstats.paths import default_layout


def main() -> int:
    layout = default_layout()
    verbose = "--verbose" in sys.argv
    report = ledger_agreement(layout, read_ledger(layout))
    print(f"ledger, five documents: {report.summary()}")
    if verbose:
        print(report.details())
    if "--families" in sys.argv:
        print("family guess, per rule, against the ledger's families:")
        print(report.calibration())
    uncurated = layout.root.parent / "shared" / "documents-uncurated"
    for name, agreement in uncurated_agreement(layout.root / "tests" / "extractor_eval", uncurated).items():
        print(
            f"{name} (hand-listed, no family): {agreement.summary().rsplit(', family', 1)[0]}, "
            f"{len(agreement.extras)} candidates not hand-listed"
        )
        if verbose:
            print(agreement.details())
    return 0


if __name__ == "__main__":
    sys.exit(main())
