"""The extractor measured against people's reading: the ledger's claims, and hand-listed quantities of
documents nobody curated.

Agreement is counted over the claims (or annotations) the extractor finds: a claim is found when a
candidate of its document has the same value and an overlapping quote (``coverage.matching_claim``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from secstats.coverage import overlaps, published_year
from secstats.extract import Candidate, extract
from secstats.paths import Layout
from secstats.sources import read_document, read_sources


@dataclass
class Agreement:
    """Counts of found, qualifier-agreeing and family-agreeing items, with the misses named."""

    total: int = 0
    found: int = 0
    qualifier_agrees: int = 0
    family_agrees: int = 0
    misses: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 1.0

    @property
    def qualifier_rate(self) -> float:
        return self.qualifier_agrees / self.found if self.found else 1.0

    @property
    def family_rate(self) -> float:
        return self.family_agrees / self.found if self.found else 1.0

    def summary(self) -> str:
        """One line of percentages with their counts."""
        return (f"found {self.found}/{self.total} ({100 * self.recall:.1f}%), "
                f"qualifier agrees {self.qualifier_agrees}/{self.found} ({100 * self.qualifier_rate:.1f}%), "
                f"family agrees {self.family_agrees}/{self.found} ({100 * self.family_rate:.1f}%)")

    def details(self) -> str:
        """The misses and the disagreements, one per line."""
        return "\n".join([*(f"  missed: {m}" for m in self.misses), *(f"  differs: {d}" for d in self.disagreements)])


def candidate_for(item_start: int, item_end: int, value: float, candidates: list[Candidate]) -> Candidate | None:
    """The candidate with ``value`` whose quote overlaps [item_start, item_end)."""
    for candidate in candidates:
        if (overlaps(candidate.quote_start, candidate.quote_start + len(candidate.quote), item_start, item_end)
                and math.isclose(candidate.value, value, rel_tol=1e-9)):
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
        family = getattr(item, "family", None)
        if family is None or candidate.family == family:
            agreement.family_agrees += 1
        else:
            differs.append(f"family {candidate.family} (expected {family})")
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
    """The extractor against hand-listed quantities of one document (columns quote, quote_start, value, qualifier)."""
    agreement = Agreement()
    compare(annotations.assign(label=annotations["quote"]), extract(text, published), agreement, label="label")
    return agreement
