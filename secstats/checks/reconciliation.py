"""Stage 3: every candidate official counterpart of each claim of the five families.

A fact-checker does not stop at the one official figure whose period string matches. For each claim
this module lists every figure the reference data supports, and says how it was found (``match``):

- ``same_period``: a figure for exactly the claim's period;
- ``aggregated``: the sum (totals) or mean (rates, shares) of a series' annual rows over the claim's
  span, every year present;
- ``other_vintage``: the same period in another vintage of the series, or with another population;
- ``overlapping_period``: a figure whose period overlaps the claim's (totals only when the two periods
  share at least ``TOTALS_MIN_OVERLAP`` of their months: a five-year total says nothing of one year);
- ``nearby_period``: a figure for an adjacent period of the same length, tried only when the series
  does not cover the claim's own period;
- ``other_scope``: a related figure of a wider or narrower scope (all U.S. aid for Mérida money, all
  homicides for deaths in the drug war, Mexican nationals for all persons extradited).

- ``earlier_cut_off``: a running total of the claim's own scope from the claim's start to a day before the claim's own cut-off
  (a count to 9 February for a claim "by February"): a lower bound of the claim, not a figure for its
  period;
- ``component``: a part of what the claim counts (the FY2008-designated part of an appropriation act
  whose total is also stated): not a disagreement when the claim is larger.

Spans written as a term of office ("under Vicente Fox (2000-2006)") are read as the term first (its
calendar years without the partial first year in which it began), then as written (``reading``). Each measure names its series once, in its family's
entry of ``secstats.clean.families``; the readers of those series live beside the official tables they
read (``secstats.clean.series``), and the matching here is the same for all. The verdict per claim is
made from these rows by ``secstats.checks.verdicts``.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from secstats.clean.series import Months, NoCounterpart, Observation, Official, OfficialSeries, Provider, annual
from secstats.core.periods import (
    Period,
    describe_period,
    gap_months,
    month_index,
    month_text,
    overlap_share,
    period_months,
    period_of,
    period_strings,
)
from secstats.core.schemas import MATCH_KINDS
from secstats.core.semantics import allows, rule_text, words_of

TOTALS_MIN_OVERLAP = 0.8  # share of their combined months two periods must share for totals to compare
NEARBY_MAX_GAP_MONTHS = 12  # an adjacent period: no more than a year between the two
MAX_COMBINATIONS = 8  # years given twice (two reports of one year) multiply the sums; list at most this many
AS_WRITTEN = "as written"
TERM_READING = "term of office of"
MATCH_ORDER = tuple(MATCH_KINDS)  # also the order of a claim's rows in the table
OWN_PERIOD = MATCH_ORDER[:3]  # figures for the claim's own period and scope
NEAR_PERIOD = MATCH_ORDER[3:5]
BOUNDS = MATCH_ORDER[5:7]  # earlier_cut_off (a lower bound), component (a part of the claim's whole)


@dataclass(frozen=True)
class Reading:
    """One way to read a claim's period: its label and months."""

    label: str
    months: Months


@dataclass(frozen=True)
class Candidate:
    """One candidate counterpart of a claim."""

    value: float
    match: str
    reading: str
    months: Months
    series: str
    source: str
    scope: str
    derivation: str


# --- reading the claim's period --------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents: 'Calderón' and 'Calderon' are one name in a quote."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def readings(claim: pd.Series, terms: pd.DataFrame | None) -> list[Reading]:
    """The claim's period as written; for a span written as a term of office, the term first (its
    calendar years without the partial first year, a term that began in December), then as written."""
    months = period_months(claim["period_start"], claim["period_end"])
    found = [Reading(AS_WRITTEN, months)]
    if terms is None or claim["year_basis"] != "calendar" or claim["period_type"] != "span":
        return found
    quote = fold(claim["quote"])
    for term in terms.itertuples():
        term_months = (month_index(term.term_start), month_index(term.term_end))
        same_years = (months[0] // 12, months[1] // 12) == (term_months[0] // 12, term_months[1] // 12)
        if same_years and fold(term.surname) in quote and term_months[0] % 12 != 0:
            found = [
                Reading(f"{TERM_READING} {term.president} without its partial first year", (months[0] + 12, months[1])),
                Reading(f"{TERM_READING} {term.president}: its calendar years, as written", months),
            ]
    return found


# --- matching: the same for every measure ---------------------------------------------------------


def aggregates(series: OfficialSeries, months: Months) -> list[tuple[float, str, str]]:
    """(value, source, derivation) for each way the series' annual rows cover a span of whole years."""
    first_year, last_year = months[0] // 12, months[1] // 12
    if series.combine is None or last_year == first_year or months[0] % 12 or months[1] % 12 != 11:
        return []
    by_year: dict[int, list[Observation]] = {}
    for observation in filter(annual, series.observations):
        by_year.setdefault(observation.months[0] // 12, []).append(observation)
    years = range(first_year, last_year + 1)
    if any(year not in by_year for year in years):
        return []
    found = []
    for choice in itertools.islice(itertools.product(*(by_year[year] for year in years)), MAX_COMBINATIONS):
        values = [observation.value for observation in choice]
        value = sum(values) if series.combine == "sum" else sum(values) / len(values)
        terms = " + ".join(f"{v:,.10g}" for v in values)
        how = (
            f"sum of the {len(values)} annual figures {first_year}-{last_year} ({terms})"
            if series.combine == "sum"
            else f"mean of the {len(values)} annual figures {first_year}-{last_year} ({terms}) / {len(values)}"
        )
        sources = "; ".join(dict.fromkeys(observation.source for observation in choice))
        found.append((round(value, 4), sources, how))
    return found


def kind_for(series: OfficialSeries, period_kind: str) -> str:
    """The match label: a series of another scope is always 'other_scope', one of parts 'component',
    whatever its period (an earlier cut-off included: only the claim's own scope bounds it); another
    vintage of the same period is 'other_vintage'; otherwise the period relation."""
    if series.role in ("other_scope", "component"):
        return series.role
    if series.role == "other_vintage" and period_kind in ("same_period", "aggregated"):
        return "other_vintage"
    return period_kind


def own_period(series: OfficialSeries, claim_readings: list[Reading], claim: Period) -> list[Candidate]:
    """Candidates for the claim's own period, under each reading: same period, or aggregated; a running
    total from the same start to an earlier day is an earlier cut-off (a lower bound)."""
    found = []
    for reading in claim_readings:
        for o in series.observations:
            if o.months == reading.months or cut_short(o, reading, claim):
                # a figure of another scope is never a lower bound: kind_for labels it by its scope first
                kind = kind_for(series, "earlier_cut_off" if cut_short(o, reading, claim) else "same_period")
                found.append(
                    Candidate(
                        o.value,
                        kind,
                        reading.label,
                        o.months,
                        series.name,
                        o.source,
                        series.scope,
                        o.derivation or "as published",
                    )
                )
        found += [
            Candidate(
                value, kind_for(series, "aggregated"), reading.label, reading.months, series.name, source, series.scope, how
            )
            for value, source, how in aggregates(series, reading.months)
        ]
    return found


def cut_short(observation: Observation, reading: Reading, claim: Period) -> bool:
    """A count from the claim's start to a day before the claim's cut-off: the same months but an earlier
    last day, or, for a claim that is a running total, an earlier last month."""
    if observation.months[0] != reading.months[0] or reading.label != AS_WRITTEN:
        return False
    last_day = (
        observation.cut_off or Period(month_text(observation.months[1]), month_text(observation.months[1])).last_day.isoformat()
    )
    earlier = last_day < claim.last_day.isoformat()
    return earlier and (
        observation.months == reading.months or (claim.kind == "to_date" and observation.months[1] < reading.months[1])
    )


def other_periods(series: OfficialSeries, claim_readings: list[Reading], claim: Period, nearby: bool) -> list[Candidate]:
    """Candidates for an overlapping period (totals only when most months are shared) and, when
    ``nearby``, for an adjacent period of the same length; both against the period as written (the
    last reading)."""
    written = claim_readings[-1].months
    # The annual rows a sum or mean was made of are inside it already; listing each again is noise.
    summed = [r.months for r in claim_readings if aggregates(series, r.months)]
    found = []
    for o in series.observations:
        if any(o.months == reading.months or cut_short(o, reading, claim) for reading in claim_readings) or (
            annual(o) and any(first <= o.months[0] and o.months[1] <= last for first, last in summed)
        ):
            continue
        share = overlap_share(o.months, written)
        if share > 0 and (not series.totals or share >= TOTALS_MIN_OVERLAP):
            kind = "overlapping_period"
        elif (
            nearby
            and series.nearby
            and series.role == "primary"
            and share == 0
            and gap_months(o.months, written) <= NEARBY_MAX_GAP_MONTHS
            and o.months[1] - o.months[0] == written[1] - written[0]
        ):
            kind = "nearby_period"
        else:
            continue
        found.append(
            Candidate(
                o.value,
                kind_for(series, kind),
                claim_readings[-1].label,
                o.months,
                series.name,
                o.source,
                series.scope,
                o.derivation or "as published",
            )
        )
    return found


# --- the table -------------------------------------------------------------------------------------

CLAIM_COLUMNS = [
    "claim_id",
    "source_id",
    "family",
    "measure",
    "geography",
    "period_start",
    "period_end",
    "year_basis",
    "unit",
    "qualifier",
]


def find_candidates(claim: pd.Series, official: Official, counterpart: Provider | str) -> list[Candidate]:
    """Every candidate counterpart of one claim, in a stable order; NoCounterpart when there is none.

    ``counterpart`` is the claim's measure's entry in the family registry: the series to check it
    against, or the reason there is none.
    """
    if isinstance(counterpart, str):
        raise NoCounterpart(counterpart)
    return match_all(claim, counterpart(claim, official), readings(claim, official.get("official_mexico_presidential_terms")))


def match_all(claim: pd.Series, all_series: list[OfficialSeries], claim_readings: list[Reading]) -> list[Candidate]:
    """The candidates every series offers for the claim's readings; NoCounterpart when none does."""
    own = [c for series in all_series for c in own_period(series, claim_readings, period_of(claim))]
    # An adjacent year stands in only when no series speaks to the claim's own period.
    nearby = not any(c.match in OWN_PERIOD for c in own)
    labels = [reading.label for reading in claim_readings]
    found = dict.fromkeys(
        own + [c for series in all_series for c in other_periods(series, claim_readings, period_of(claim), nearby)]
    )
    if not found:
        covered = [
            describe_period((min(o.months[0] for o in s.observations), max(o.months[1] for o in s.observations)))
            for s in all_series
            if s.observations
        ]
        raise NoCounterpart(
            f"period not covered: the series for {claim['measure']} cover "
            f"{', '.join(sorted(set(covered))) or 'no period'}, not {describe_period(period_months(claim['period_start'], claim['period_end']))}"
        )
    return sorted(
        found, key=lambda c: (MATCH_ORDER.index(c.match), labels.index(c.reading), c.months, c.series, c.source, c.value)
    )


def candidate_row(claim: pd.Series, found: Candidate) -> dict:
    """One row of the table: the claim beside one candidate, with the tolerance rule applied."""
    words = words_of(claim)
    tolerance, rule = rule_text(**words)
    difference = claim["value"] - found.value
    start, end = period_strings(found.months)
    return {
        "match": found.match,
        "reading": found.reading,
        "official_value": found.value,
        "official_period_start": start,
        "official_period_end": end,
        "official_series": found.series,
        "official_source": found.source,
        "official_scope": found.scope or None,
        "official_derivation": found.derivation,
        "difference": difference,
        "relative_difference_percent": round(difference / found.value * 100, 2) if found.value else None,
        "tolerance": tolerance,
        "rule": rule,
        "within_tolerance": allows(official=found.value, **words),
    }


def claim_rows(claim: pd.Series, candidates: list[Candidate], reason: str | None = None) -> list[dict]:
    """The table's rows for one claim: one per candidate, or one with the reason there is none."""
    base = {**claim[CLAIM_COLUMNS].to_dict(), "claim_value": claim["value"], "claim_value_high": claim["value_high"]}
    return [{**base, **candidate_row(claim, found)} for found in candidates] or [{**base, "reason": reason}]


def reconcile_claim(claim: pd.Series, official: Official, counterpart: Provider | str) -> list[dict]:
    """One row per candidate of a claim, or one row with the reason there is none."""
    try:
        return claim_rows(claim, find_candidates(claim, official, counterpart))
    except NoCounterpart as reason:
        return claim_rows(claim, [], str(reason))


def build_reconciliation(
    claims: pd.DataFrame, official: Official, counterparts: Mapping[str, Provider | str], columns: list[str]
) -> pd.DataFrame:
    """Every candidate of every claim given (those of the indicator families), in their order."""
    rows = [row for _, claim in claims.iterrows() for row in reconcile_claim(claim, official, counterparts[claim["measure"]])]
    table = pd.DataFrame(rows).reindex(columns=columns)
    table["within_tolerance"] = table["within_tolerance"].astype("boolean")
    return table


def candidates_of(table: pd.DataFrame) -> Iterable[tuple[str, pd.DataFrame]]:
    """The reconciliation rows grouped by claim, in table order."""
    return table.groupby("claim_id", sort=False)
