"""No number left unaccounted for: every quantity the extractor finds in a registered document is a
ledger claim or a reasoned dismissal in ``data/ledger/dismissed.csv``.

A candidate is claimed when a ledger claim of the same document has the same value and a quote that
overlaps the candidate's quote. It is dismissed when a row of dismissed.csv (source_id, quote_start,
text, reason) covers the number itself. Anything else stops the build with one line naming the
document, the offset and the text.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from secstats.core.paths import Layout
from secstats.core.problems import Problem, raise_if_any
from secstats.core.schemas import DISMISSAL_REASONS, DUPLICATE_REASON, Coverage, Dismissed
from secstats.core.validation import read_csv_for, validate_frame
from secstats.extract.quantities import Candidate, extract
from secstats.raw.sources import published_year, read_document, read_sources

DUPLICATE = re.compile(rf"^{DUPLICATE_REASON}$")


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """True when the half-open spans [a_start, a_end) and [b_start, b_end) share a character."""
    return a_start < b_end and b_start < a_end


@dataclass(frozen=True)
class QuoteIndex:
    """A document's claims ordered by where their quotes start, so the claims whose quotes overlap a span
    are found by bisection, not by a scan of every claim for every number (claims x numbers)."""

    starts: list[int]
    ends: list[int]
    values: list[float]
    ids: list[str]
    positions: list[int]  # order in the ledger: the first matching claim in ledger order is the match
    longest: int


def quote_index(claims: pd.DataFrame) -> QuoteIndex:
    """Index a document's claims by quote start."""
    rows = sorted(
        (int(claim.quote_start), position, len(claim.quote), float(claim.value), claim.claim_id)
        for position, claim in enumerate(claims.itertuples())
    )
    return QuoteIndex(
        [r[0] for r in rows],
        [r[0] + r[2] for r in rows],
        [r[3] for r in rows],
        [r[4] for r in rows],
        [r[1] for r in rows],
        max((r[2] for r in rows), default=0),
    )


def matching_claim(candidate: Candidate, index: QuoteIndex) -> str | None:
    """The id of a claim (of the candidate's document) with the same value and an overlapping quote."""
    start, end = candidate.quote_start, candidate.quote_start + len(candidate.quote)
    # Only a quote starting less than the longest quote's length before the span can reach into it.
    nearby = range(bisect_left(index.starts, start - index.longest), bisect_left(index.starts, end))
    matches = [
        i
        for i in nearby
        if candidate.value is not None
        and overlaps(start, end, index.starts[i], index.ends[i])
        and math.isclose(index.values[i], candidate.value, rel_tol=1e-9)
    ]
    return index.ids[min(matches, key=lambda i: index.positions[i])] if matches else None


def dismissal_for(candidate: Candidate, dismissed: pd.DataFrame) -> str | None:
    """The reason of the dismissal (of the candidate's document) whose text covers the number itself."""
    for row in dismissed.itertuples():
        start = int(row.quote_start)
        if overlaps(candidate.start, candidate.end, start, start + len(row.text)):
            return row.reason
    return None


def read_dismissed(layout: Layout) -> pd.DataFrame:
    """dismissed.csv as text (an absent file dismisses nothing)."""
    if not layout.dismissed.is_file():
        return pd.DataFrame(columns=list(Dismissed.to_schema().columns))
    return read_csv_for(layout.dismissed)


def dismissal_problems(dismissed: pd.DataFrame, texts: dict[str, str], known: set[str], file: str) -> list[Problem]:
    """Rows of dismissed.csv that break the model, quote no text at their offset or name an unknown claim."""
    _, problems = validate_frame(Dismissed, dismissed, file)
    for index, row in dismissed.iterrows():
        line = int(index) + 2
        text = texts.get(row.source_id)
        if text is None:
            problems.append(
                Problem(file, "source_id registered", f"unknown source {row.source_id!r}", column="source_id", row=line)
            )
            continue
        start = int(row.quote_start) if str(row.quote_start).isdigit() else -1
        if text[start : start + len(row.text)] != row.text:
            problems.append(
                Problem(
                    file,
                    "text verbatim at quote_start",
                    f"{row.text!r} is not at offset {row.quote_start}",
                    column="text",
                    row=line,
                )
            )
        if DUPLICATE.match(str(row.reason)) and str(row.reason).split(":", 1)[1] not in known:
            problems.append(
                Problem(file, "duplicate_of names a ledger claim", f"unknown claim in {row.reason!r}", column="reason", row=line)
            )
    return problems


def account(layout: Layout, ledger: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """The coverage table (one row per registered document) and a problem per unaccounted number."""
    register = read_sources(layout)
    texts = {row.source_id: read_document(layout, row.file) for row in register.itertuples()}
    dismissed = read_dismissed(layout)
    dismissed_file = str(layout.dismissed.relative_to(layout.root))
    problems = dismissal_problems(dismissed, texts, set(ledger["claim_id"]), dismissed_file)
    if problems:
        return pd.DataFrame(), problems
    rows = []
    for document in register.itertuples():
        claims = quote_index(ledger[ledger["source_id"] == document.source_id])
        own_dismissals = dismissed[dismissed["source_id"] == document.source_id]
        tally: Counter[str] = Counter()
        for candidate in extract(texts[document.source_id], published_year(document.published)):
            if matching_claim(candidate, claims):
                tally["claimed"] += 1
                continue
            reason = dismissal_for(candidate, own_dismissals)
            if reason is None:
                problems.append(
                    Problem(
                        str((layout.sources_dir / document.file).relative_to(layout.root)),
                        "every quantity claimed or dismissed",
                        f"offset {candidate.quote_start}: {candidate.quote!r} is neither a ledger claim nor in {dismissed_file}",
                    )
                )
                continue
            tally["duplicate" if reason.startswith("duplicate_of:") else reason] += 1
            tally["found_dismissed"] += 1
        found = tally["claimed"] + tally["found_dismissed"]
        rows.append(
            {
                "source_id": document.source_id,
                "file": document.file,
                "found": found,
                "claimed": tally["claimed"],
                "dismissed": tally["found_dismissed"],
                **{f"dismissed_{reason}": tally[reason] for reason in (*DISMISSAL_REASONS, "duplicate")},
            }
        )
    return pd.DataFrame(rows, columns=list(Coverage.to_schema().columns)), problems


def build_coverage(layout: Layout, ledger: pd.DataFrame) -> pd.DataFrame:
    """The coverage table; raise ``BuildError`` naming every number no claim or dismissal accounts for."""
    table, problems = account(layout, ledger)
    raise_if_any(problems)
    return table
