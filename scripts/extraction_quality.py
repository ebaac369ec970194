"""The extractor measured against people's reading: the ledger's claims, and hand-listed quantities of
documents nobody curated.

Agreement is counted over the claims (or annotations) the extractor finds: a claim is found when a
candidate of its document has the same value and an overlapping quote (``coverage.matching_claim``).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from secstats.core.paths import Layout
from secstats.extract.family_guess import RULE_CONFIDENCE
from secstats.extract.quantities import Candidate, extract
from secstats.ledger.coverage import overlaps
from secstats.raw.sources import published_year, read_document, read_sources


@dataclass
class Agreement:
    """Counts of found, qualifier-agreeing and family-agreeing items, with the misses named."""

    total: int = 0
    found: int = 0
    qualifier_agrees: int = 0
    family_agrees: int = 0
    misses: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)  # candidates no annotation holds (uncurated documents only)
    unit_agrees: int = 0
    family_rules: dict[str, list[int]] = field(default_factory=dict)  # family rule -> [guesses, right]

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 1.0

    @property
    def qualifier_rate(self) -> float:
        return self.qualifier_agrees / self.found if self.found else 1.0

    @property
    def family_rate(self) -> float:
        return self.family_agrees / self.found if self.found else 1.0

    @property
    def unit_rate(self) -> float:
        return self.unit_agrees / self.found if self.found else 1.0

    def calibration(self) -> str:
        """Per family rule: guesses, right, the share right and the confidence the extractor states."""
        return "\n".join(
            f"  {rule}: {right}/{guesses} right ({right / guesses:.2f}); stated confidence {RULE_CONFIDENCE[rule]:.2f}"
            for rule, (guesses, right) in sorted(self.family_rules.items())
        )

    def summary(self) -> str:
        """One line of percentages with their counts."""
        return (
            f"found {self.found}/{self.total} ({100 * self.recall:.1f}%), "
            f"qualifier agrees {self.qualifier_agrees}/{self.found} ({100 * self.qualifier_rate:.1f}%), "
            f"family agrees {self.family_agrees}/{self.found} ({100 * self.family_rate:.1f}%)"
        )

    def details(self) -> str:
        """The misses and the disagreements, one per line."""
        return "\n".join(
            [
                *(f"  missed: {m}" for m in self.misses),
                *(f"  differs: {d}" for d in self.disagreements),
                *(f"  extra: {e}" for e in self.extras),
            ]
        )


def candidate_for(item_start: int, item_end: int, value: float, candidates: list[Candidate]) -> Candidate | None:
    """The candidate with ``value`` whose quote overlaps [item_start, item_end)."""
    for candidate in candidates:
        if overlaps(candidate.quote_start, candidate.quote_start + len(candidate.quote), item_start, item_end) and math.isclose(
            candidate.value, value, rel_tol=1e-9
        ):
            return candidate
    return None


def compare(items: pd.DataFrame, candidates: list[Candidate], agreement: Agreement, label: str = "claim_id") -> None:
    """Add each item (claim or annotation: quote, quote_start, value, qualifier[, family]) to ``agreement``."""
    for item in items.itertuples():
        start = int(item.quote_start)
        agreement.total += 1
        candidate = candidate_for(start, start + len(item.quote), float(item.value), candidates)
        name = f"{getattr(item, label)} {item.quote!r}"
        if candidate is None:
            agreement.misses.append(name)
            continue
        agreement.found += 1
        differs = []
        if candidate.qualifier == item.qualifier:
            agreement.qualifier_agrees += 1
        else:
            differs.append(f"qualifier {candidate.qualifier} (expected {item.qualifier})")
        unit = getattr(item, "unit", None)
        if unit is None or candidate.unit == unit:
            agreement.unit_agrees += 1
        else:
            differs.append(f"unit {candidate.unit} (expected {unit})")
        family = getattr(item, "family", None)
        if family is None or candidate.family == family:
            agreement.family_agrees += 1
        else:
            differs.append(f"family {candidate.family} (expected {family})")
        if family is not None:
            tally = agreement.family_rules.setdefault(candidate.family_rule, [0, 0])
            tally[0], tally[1] = tally[0] + 1, tally[1] + (candidate.family == family)
        if differs:
            agreement.disagreements.append(f"{name}: {'; '.join(differs)}")


def ledger_agreement(layout: Layout, ledger: pd.DataFrame) -> Agreement:
    """The extractor against every ledger claim of the registered documents."""
    agreement = Agreement()
    for document in read_sources(layout).itertuples():
        candidates = extract(read_document(layout, document.file), published_year(document.published))
        compare(ledger[ledger["source_id"] == document.source_id], candidates, agreement)
    return agreement


def annotation_agreement(text: str, annotations: pd.DataFrame, published: int | None) -> Agreement:
    """The extractor against hand-listed quantities of one document (columns quote, quote_start, value,
    qualifier); candidates that no annotation holds are listed as extras."""
    agreement = Agreement()
    candidates = extract(text, published)
    compare(annotations.assign(label=annotations["quote"]), candidates, agreement, label="label")
    spans = [(int(a.quote_start), int(a.quote_start) + len(a.quote)) for a in annotations.itertuples()]
    agreement.extras = [
        f"{c.quote!r} at {c.quote_start}"
        for c in candidates
        if not any(overlaps(c.start, c.end, start, end) for start, end in spans)
    ]
    return agreement


def uncurated_agreement(annotation_dir: Path, documents_dir: Path) -> dict[str, Agreement]:
    """{document: agreement} for every annotated document present in ``documents_dir`` with its pinned
    sha256 (annotation_dir/documents.csv: file, published, sha256; one <file stem>.csv per document,
    with the quote, or only its offsets quote_start and quote_end for documents whose licence does not
    let their words into the repository)."""
    results = {}
    for document in pd.read_csv(annotation_dir / "documents.csv", dtype=str).itertuples():
        path = documents_dir / document.file
        if not path.is_file():
            continue
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != document.sha256:
            raise ValueError(f"{path}: not the annotated version (sha256 differs from {annotation_dir / 'documents.csv'})")
        annotations = pd.read_csv(annotation_dir / f"{Path(document.file).stem}.csv", dtype={"quote": str}, keep_default_na=False)
        text = data.decode("utf-8")
        if "quote" not in annotations.columns:  # offsets only: the document's words stay out of the repository
            annotations["quote"] = [text[int(a.quote_start) : int(a.quote_end)] for a in annotations.itertuples()]
        results[document.file] = annotation_agreement(text, annotations, int(document.published))
    return results
