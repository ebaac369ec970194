"""How well the claims extractor finds the ledger's claims in the five registered documents, and the
hand-listed quantities of the uncurated documents (tests/extractor_eval/, read from
../shared/documents-uncurated/ when that folder is present; tests/extractor_eval/es/, offsets only,
read from ../shared/documents-uncurated-es/), per document and per language: recall, qualifier and
unit agreement, and the candidates no hand list holds (non-quantities taken).

Prints: claims found among the candidates (same value, overlapping quote), qualifier and family
agreement among them; with --verbose, the misses, the disagreements and (uncurated documents) the
candidates no annotation holds. A report, not a test: tests/test_extract.py holds the thresholds.

    .venv/bin/python scripts/extractor_quality.py [--verbose] [--families]
"""

from __future__ import annotations

import sys

from extraction_quality import Agreement, ledger_agreement, uncurated_agreement

from secstats.core.paths import default_layout
from secstats.ledger.claims import read_ledger


def extra_line(agreement: Agreement) -> str:
    """Units agreeing, and the candidates no hand list holds (non-quantities taken)."""
    return (
        f"unit agrees {agreement.unit_agrees}/{agreement.found} ({100 * agreement.unit_rate:.1f}%), "
        f"{len(agreement.extras)} candidates not hand-listed"
    )


def counts(agreement: Agreement) -> str:
    """The summary, with the family only when the hand lists give one."""
    return agreement.summary() if agreement.family_rules else agreement.summary().rsplit(", family", 1)[0]


def pooled(agreements: list[Agreement]) -> str:
    """One line for several documents: their counts added."""
    total = Agreement(
        total=sum(a.total for a in agreements),
        found=sum(a.found for a in agreements),
        qualifier_agrees=sum(a.qualifier_agrees for a in agreements),
        unit_agrees=sum(a.unit_agrees for a in agreements),
        family_agrees=sum(a.family_agrees for a in agreements),
        extras=[e for a in agreements for e in a.extras],
        family_rules={rule: tally for a in agreements for rule, tally in a.family_rules.items()},
    )
    return f"{counts(total)}, {extra_line(total)}"


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
    for language, folder, hand_lists in (
        ("en", "documents-uncurated", "tests/extractor_eval"),
        ("es", "documents-uncurated-es", "tests/extractor_eval/es"),
    ):
        results = uncurated_agreement(layout.root / hand_lists, layout.root.parent / "shared" / folder)
        for name, agreement in results.items():
            print(f"{name} (hand-listed): {counts(agreement)}, {extra_line(agreement)}")
            if verbose:
                print(agreement.details())
        if results:
            print(f"{language}, all {len(results)} documents: {pooled(list(results.values()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
