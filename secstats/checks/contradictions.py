"""Stage 3c: claims that cannot both hold, found from the ledger's quantity key.

Claims are compared when they share ``quantity`` and ``unit`` and their geographies are the same or one
holds the other (``united_states`` holds ``united_states_texas``). A pair is listed only when the two
claims cannot both be true within their stated precision (secstats.core.semantics: the interval each
claim's words allow); figures that are merely different but compatible are not noise to publish.

1. Same period: the intervals the two claims allow do not meet.
2. Nested periods of totals (counts, money): a total over a period inside another exceeds the
   larger period's total even at the ends of both intervals.
3. Parts and whole: one document's parts of a geography for one period, summed, exceed the whole.

Durations ("two decades", "a quarter-century") and counts of things at a moment (committees,
countries, units: ``point`` periods) are rhetorical or institutional, not statistics over time: they
are compared only when both state the same period. A pair whose claims measure different scopes of
one quantity (deaths in the drug war and all homicides) is ``differs``, not ``incompatible``: the scope
may explain the gap, and the explanation says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations
from typing import Any

import pandas as pd

from secstats.core.periods import period_bounds
from secstats.core.semantics import allowed_interval, intervals_meet, stated, words_of

DURATION_UNITS = {"years", "months", "hours"}
TOTAL_UNITS = {"count", "usd"}
Claim = Mapping[str, Any]  # one ledger row: a pandas Series or a plain record


def bounds(claim: Claim) -> tuple[float, float]:
    """The interval a claim allows, by the tolerance rule."""
    return allowed_interval(**words_of(claim))


def months(claims: pd.DataFrame) -> pd.DataFrame:
    """Each claim's period as comparable first and last months."""
    start, end = period_bounds(claims["period_start"], claims["period_end"])
    return claims.assign(first_month=start, last_month=end)


def period_text(claim: Claim) -> str:
    """'2006-2018', or '2018' for one year."""
    return (
        claim["period_start"]
        if claim["period_start"] == claim["period_end"]
        else f"{claim['period_start']}-{claim['period_end']}"
    )


def words(claim: Claim) -> str:
    """'taskforce-006 (approximate 250,000, 2006-2018)'."""
    return f"{claim['claim_id']} ({stated(claim['qualifier'], claim['value'], claim['value_high'], claim['unit'])}, {period_text(claim)})"


def comparable_only_in_same_period(claim: Claim) -> bool:
    """Durations and counts at a moment are compared only when both claims state the same period."""
    return claim["unit"] in DURATION_UNITS or claim["period_type"] == "point"


def pair_row(
    a: Claim,
    b: Claim,
    reason: str,
    value_b: float | None = None,
    claim_b: str | None = None,
    qualifier_b: str | None = None,
    b_words: str | None = None,
) -> dict:
    """One row of the report: the pair, the size of the gap, and one sentence that explains it."""
    value_b = b["value"] if value_b is None else value_b
    difference = a["value"] - value_b
    same_period = period_text(b) == period_text(a)
    scope_differs = a["measure"] != b["measure"]
    differs = [
        name
        for name, different in (("value", a["value"] != value_b), ("period", not same_period), ("scope", scope_differs))
        if different
    ]
    explanation = f"{words(a)} and {b_words or words(b)} cannot both hold: {reason}"
    if scope_differs:
        explanation += f"; but they measure different scopes ({a['measure']} and {b['measure']}), which may explain the gap"
    return {
        "quantity": a["quantity"],
        "geography": a["geography"],
        "claim_a": a["claim_id"],
        "claim_b": claim_b or b["claim_id"],
        "same_document": a["source_id"] == b["source_id"],
        "value_a": a["value"],
        "value_b": value_b,
        "unit": a["unit"],
        "qualifier_a": a["qualifier"],
        "qualifier_b": qualifier_b or b["qualifier"],
        "period_a": period_text(a),
        "period_b": period_text(b),
        "differs": "; ".join(differs),
        "difference": difference,
        "relative_difference_percent": round(difference / value_b * 100, 2) if value_b else None,
        "verdict": "differs" if scope_differs else "incompatible",
        "explanation": explanation + ".",
    }


def same_geography_pair(a: Claim, b: Claim) -> dict | None:
    """Rules 1 and 2 for two claims about the same quantity and place; None when both can hold."""
    inner, outer = (a, b) if a["first_month"] >= b["first_month"] and a["last_month"] <= b["last_month"] else (b, a)
    if inner["first_month"] < outer["first_month"] or inner["last_month"] > outer["last_month"]:
        return None  # periods that merely overlap (two presidential terms) hold different quantities
    same_period = (a["first_month"], a["last_month"]) == (b["first_month"], b["last_month"])
    if same_period:
        if intervals_meet(bounds(a), bounds(b)):
            return None
        return pair_row(a, b, "for the same period, the values their words allow do not meet")
    if comparable_only_in_same_period(a) or comparable_only_in_same_period(b):
        return None
    totals = a["unit"] in TOTAL_UNITS and "span" in (a["period_type"], b["period_type"])
    if totals and bounds(inner)[0] > bounds(outer)[1]:
        return pair_row(
            inner,
            outer,
            f"the total over {period_text(inner)} exceeds the total over {period_text(outer)}, a longer period that contains it",
        )
    return None


def same_place_pairs(claims: pd.DataFrame) -> list[dict]:
    """Rules 1 and 2 over every pair of claims with the same quantity, unit and geography."""
    rows = []
    keys = ["quantity", "unit", "geography"]
    shared = claims[claims.duplicated(keys, keep=False)]  # a claim alone with its key has no pair
    # Plain records grouped in one pass: pandas' per-group and per-row objects would cost more than the rules.
    groups: dict[tuple, list[dict]] = {}
    for claim in shared.to_dict("records"):
        groups.setdefault(tuple(claim[key] for key in keys), []).append(claim)
    for key in sorted(groups):
        for a, b in combinations(groups[key], 2):
            row = same_geography_pair(a, b)
            if row:
                rows.append(row)
    return rows


def enclosing(geography: str) -> list[str]:
    """The geographies that hold this one: 'united_states_texas' -> ['united', 'united_states']."""
    words = geography.split("_")
    return ["_".join(words[:count]) for count in range(1, len(words))]


def rows_with_keys(table: pd.DataFrame, columns: list[str], keys: set[tuple]) -> pd.DataFrame:
    """The rows whose values in ``columns`` form one of ``keys`` (a set lookup per row, not a scan per key)."""
    found = [key in keys for key in zip(*(table[column] for column in columns))]
    return table[pd.Series(found, index=table.index, dtype=bool)]


def part_groups(claims: pd.DataFrame) -> dict[tuple[str, str, str], list[pd.DataFrame]]:
    """(quantity, unit, whole geography) -> one document's parts of that whole for one period, as groups
    ordered by document and period. Grouped once, so the cost grows with the ledger, not its square."""
    parts = claims.assign(whole=claims["geography"].map(enclosing)).explode("whole").dropna(subset=["whole"])
    parts = rows_with_keys(
        parts, ["quantity", "unit", "whole"], set(zip(claims["quantity"], claims["unit"], claims["geography"]))
    )
    groups: dict[tuple[str, str, str], list[pd.DataFrame]] = {}
    keys = ["quantity", "unit", "whole", "source_id", "period_start", "period_end"]
    for (quantity, unit, whole, *_), group in parts.groupby(keys):
        groups.setdefault((quantity, unit, whole), []).append(group)
    return groups


def parts_and_wholes(claims: pd.DataFrame) -> list[dict]:
    """Rule 3: one document's parts of a geography, summed, when they exceed a whole claim for it."""
    rows = []
    groups = part_groups(claims)
    for _, whole in rows_with_keys(claims, ["quantity", "unit", "geography"], set(groups)).iterrows():
        for group in groups[(whole["quantity"], whole["unit"], whole["geography"])]:
            total = float(group["value"].sum())
            lowest = sum(allowed_interval(**words_of(p))[0] for p in group.itertuples())
            if lowest <= bounds(whole)[1]:
                continue
            first = group.iloc[0]
            ids = "+".join(group["claim_id"])
            rows.append(
                pair_row(
                    whole,
                    first,
                    f"the parts of {whole['geography']} ({', '.join(group['geography'])}) add up to more than the whole",
                    value_b=total,
                    claim_b=ids,
                    qualifier_b="; ".join(sorted(set(group["qualifier"]))),
                    b_words=f"{ids} (together {stated('exact', total, None, whole['unit'])}, {period_text(first)})",
                )
            )
    return rows


def find_contradictions(ledger: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Every pair of claims that cannot both hold, ordered by quantity and claim ids."""
    claims = months(ledger)
    rows = same_place_pairs(claims) + parts_and_wholes(claims)
    table = pd.DataFrame(rows).reindex(columns=columns)
    return table.sort_values(["quantity", "claim_a", "claim_b"]).reset_index(drop=True)  # the three make a key
