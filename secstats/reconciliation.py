"""Stage 3: every claim of the five families beside its official counterpart, with a verdict.

A counterpart is an official (or officially reported) figure for the same measure, period and
geography. The verdict respects the claim's qualifier; the tolerance rule is ``judge`` below, and the
README repeats it. A claim with no counterpart is still listed, with the reason.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

SCALE_WORDS = (1e12, 1e9, 1e6)  # trillion, billion, million
APPROXIMATE_MARGIN = 0.10  # "close to", "some", "about": within 10 percent of the stated value
FAMILIES = ("homicide", "extradition", "merida_funding", "weapons", "overdose")


class NoCounterpart(Exception):
    """Raised by a finder when no official figure matches the claim; the message is the reason."""


@dataclass(frozen=True)
class Counterpart:
    """One official figure for a claim: its value, the series it comes from and how it was derived."""

    value: float
    series: str
    source: str
    derivation: str


# --- the tolerance rule, written once ----------------------------------------------------------

def rounding_unit(value: float) -> float:
    """The unit a stated number is rounded to, read from how documents write it.

    Figures of a million or more are written with a scale word, so they are read in it: "400 million"
    is exact to the million, "2.8 billion" to 100 million. Below that, decimals set the unit
    (2.2 -> 0.1); whole numbers from 1,000 up are rounded to their trailing zeros (64,000 -> 1,000);
    smaller whole numbers are exact to the unit (33 -> 1).
    """
    magnitude = abs(value)
    for scale in SCALE_WORDS:
        if magnitude >= scale:
            return scale * rounding_unit(value / scale)
    if value != int(value):
        return 10.0 ** -len(repr(float(value)).split(".")[1])
    whole, unit = int(magnitude), 1
    if whole < 1000:
        return 1.0
    while whole % 10 == 0:
        whole, unit = whole // 10, unit * 10
    return float(unit)


def allowed_interval(qualifier: str, value: float, value_high: float | None = None) -> tuple[float, float]:
    """The interval of true values a claim's words allow: the tolerance rule, written once.

    exact: half the claim's rounding unit either side. approximate: 10 percent of the claim either
    side (or half its rounding unit, if larger). more_than / at_least: from the claim up; less_than:
    up to the claim. range: between the bounds, each widened by half its rounding unit.
    """
    half = rounding_unit(value) / 2
    if qualifier == "exact":
        return value - half, value + half
    if qualifier == "approximate":
        margin = max(half, APPROXIMATE_MARGIN * abs(value))
        return value - margin, value + margin
    if qualifier in ("more_than", "at_least"):
        return value, math.inf
    if qualifier == "less_than":
        return -math.inf, value
    if qualifier == "range" and value_high is not None and not math.isnan(value_high):
        return value - half, value_high + rounding_unit(value_high) / 2
    raise ValueError(f"no tolerance rule for qualifier {qualifier!r} (value_high {value_high!r})")


def judge(qualifier: str, value: float, value_high: float | None, official: float) -> tuple[str, float, str]:
    """(verdict, tolerance, rule) for one claim against one official figure: is the official figure
    inside the interval the claim allows? "more than" and "less than" exclude their bound."""
    low, high = allowed_interval(qualifier, value, value_high)
    above = official > low if qualifier == "more_than" else official >= low
    below = official < high if qualifier == "less_than" else official <= high
    if qualifier in ("exact", "approximate"):
        tolerance = (high - low) / 2
        rule = f"|official - claim| <= {tolerance:g}" + (" (10% of claim)" if qualifier == "approximate" else "")
    elif qualifier == "range":
        tolerance, rule = rounding_unit(value) / 2, f"{low:g} <= official <= {high:g}"
    else:
        tolerance = 0.0
        sign = {"more_than": ">", "at_least": ">=", "less_than": "<"}[qualifier]
        rule = f"official {sign} claim ({'upper' if qualifier == 'less_than' else 'lower'} bound met)"
    return verdict_of(above and below), tolerance, rule


def verdict_of(holds: bool) -> str:
    """'consistent' or 'inconsistent'."""
    return "consistent" if holds else "inconsistent"


# --- finders: the official figure for a claim's measure ------------------------------------------

Official = Mapping[str, pd.DataFrame]
Finder = Callable[[pd.Series, Official], list[Counterpart]]


def claim_years(claim: pd.Series) -> tuple[int, int]:
    """First and last calendar (or fiscal) year of a claim's period."""
    return int(claim["period_start"][:4]), int(claim["period_end"][:4])


def mexico_homicides(claim: pd.Series, official: Official, compute: Callable[[pd.DataFrame, int, int], tuple[float, str] | None]) -> list[Counterpart]:
    """Apply ``compute`` to each official homicide series covering the claim's years in full."""
    if claim["geography"] != "mexico":
        raise NoCounterpart("geography not covered: the official homicide series are national")
    start, end = claim_years(claim)
    found = []
    for series, rows in official["official_mexico_homicides"].groupby("series", sort=True):
        years = rows[(rows["months_covered"] == 12)].set_index("year")
        if all(year in years.index for year in range(start, end + 1)):
            value, derivation = compute(years, start, end)
            found.append(Counterpart(value, f"official_mexico_homicides ({series})", rows["source"].iloc[0], derivation))
    if not found:
        raise NoCounterpart(f"period not covered: no official homicide series has every year {start}-{end}")
    return found


def homicide_total(years: pd.DataFrame, start: int, end: int) -> tuple[float, str]:
    """Homicides in a year, or summed over a span of years."""
    total = float(years.loc[start:end, "homicides"].sum())
    return total, f"homicides in {start}" if start == end else f"sum of homicides {start}-{end}"


def homicide_rate(years: pd.DataFrame, start: int, end: int) -> tuple[float, str]:
    """The rate per 100,000 secstats computes from the count and CONAPO population."""
    return float(years.loc[start, "rate_per_100k"]), f"homicides / CONAPO mid-year population x 100,000, {start}"


def homicide_change(years: pd.DataFrame, start: int, end: int) -> tuple[float, str]:
    """Percent change between the first and last year."""
    change = (years.loc[end, "homicides"] / years.loc[start, "homicides"] - 1) * 100
    return round(float(change), 2), f"(homicides {end} / homicides {start} - 1) x 100"


def deaths(official: Official, drug: str, year: int) -> float:
    """U.S. overdose deaths involving ``drug`` in ``year``; NoCounterpart when the year is not covered."""
    table = official["official_us_overdose_deaths"]
    rows = table[(table["drug"] == drug) & (table["year"] == year)]
    if rows.empty:
        raise NoCounterpart(f"period not covered: no official count of {drug} deaths for {year}")
    return float(rows["deaths"].iloc[0])


def overdose_source(official: Official, year: int) -> str:
    """The source of the official overdose count for a year."""
    table = official["official_us_overdose_deaths"]
    return table.loc[table["year"] == year, "source"].iloc[0]


def overdose(compute: Callable[[Official, int, int], float], derivation: str) -> Finder:
    """A finder for an overdose measure computed from official deaths by drug."""
    def find(claim: pd.Series, official: Official) -> list[Counterpart]:
        start, end = claim_years(claim)
        value = compute(official, start, end)
        return [Counterpart(round(value, 2), "official_us_overdose_deaths", overdose_source(official, end),
                            derivation.format(start=start, end=end))]
    return find


def reported_extraditions(claim: pd.Series, official: Official) -> list[Counterpart]:
    """Reported figures whose period matches the claim's at the claim's precision (year or month)."""
    table = official["reported_extraditions"]
    start, end = claim["period_start"], claim["period_end"]
    matches = table[(table["period_start"].str[:len(start)] == start) & (table["period_end"].str[:len(end)] == end)]
    if matches.empty:
        raise NoCounterpart(f"period not covered: no reported extradition figure for {start} to {end}")
    return [Counterpart(float(row.extraditions), "reported_extraditions", row.reported_by,
                        f"reported figure ({row.period_start} to {row.period_end}; scope: {row.scope})")
            for row in matches.itertuples()]


def merida_statements(kinds: tuple[str, ...]) -> Finder:
    """A finder for official statements covering the same fiscal years with an amount type in ``kinds``."""
    def find(claim: pd.Series, official: Official) -> list[Counterpart]:
        table = official["official_merida_statements"]
        start, end = claim_years(claim)
        of_kind = table[table["amount_type"].str.startswith(kinds)]
        matches = of_kind[(of_kind["fy_start"] == start) & (of_kind["fy_end"] == end)]
        if matches.empty:
            spans = sorted({f"FY{int(r.fy_start)}-FY{int(r.fy_end)}" for r in of_kind.dropna(subset=["fy_start"]).itertuples()})
            raise NoCounterpart(
                f"period not covered: official statements of {' or '.join(kinds)} amounts cover {', '.join(spans) or 'no dated span'}, "
                f"not FY{start}-FY{end}; ForeignAssistance.gov covers all U.S. aid, a wider scope")
        return [Counterpart(float(row.amount_usd), "official_merida_statements", f"{row.publisher}, {row.document}",
                            f"stated amount ({row.amount_type})") for row in matches.itertuples()]
    return find


def us_origin_shares(official: Official) -> pd.DataFrame:
    """Reported U.S.-origin shares of traced firearms: stated percentages, and U.S.-sourced / traced counts."""
    table = official["reported_firearm_traces"]
    stated = table[table["unit"].str.startswith("percent") & table["metric"].str.contains("U.S.-sourced|originated in the United States")]
    shares = [(row.period_start, row.period_end, row.value, f"stated share ({row.reported_by})") for row in stated.itertuples()]
    counts = table[table["unit"] == "firearms"]
    for (start, end), rows in counts.groupby(["period_start", "period_end"], sort=True):
        traced = rows[rows["metric"].str.contains("traced") & ~rows["metric"].str.startswith("of which")]
        us = rows[rows["metric"] == "of which U.S.-sourced"]
        if len(traced) == 1 and len(us) == 1:
            shares.append((start, end, round(us["value"].iloc[0] / traced["value"].iloc[0] * 100, 1),
                           f"U.S.-sourced / traced = {us['value'].iloc[0]:,.0f} / {traced['value'].iloc[0]:,.0f} x 100 ({us['reported_by'].iloc[0]})"))
    return pd.DataFrame(shares, columns=["period_start", "period_end", "value", "derivation"])


def firearms_origin(claim: pd.Series, official: Official) -> list[Counterpart]:
    """The reported U.S.-origin share for the claim's exact years."""
    if claim["geography"] != "united_states":
        raise NoCounterpart("no series: shares by U.S. state of origin were not found in the reference data")
    shares = us_origin_shares(official).dropna(subset=["period_start"])
    start, end = (str(year) for year in claim_years(claim))
    matches = shares[(shares["period_start"].str[:4] == start) & (shares["period_end"].str[:4] == end)]
    if matches.empty:
        covered = "; ".join(f"{r.period_start[:4]}-{r.period_end[:4]}: {r.value:g}" for r in shares.itertuples())
        raise NoCounterpart(f"period not covered: reported U.S.-origin shares are for {covered} (percent)")
    return [Counterpart(float(row.value), "reported_firearm_traces", row.derivation, row.derivation) for row in matches.itertuples()]


def scope_differs(reason: str) -> Finder:
    """A finder that always explains why a measure has no counterpart."""
    def find(claim: pd.Series, official: Official) -> list[Counterpart]:
        raise NoCounterpart(reason)
    return find


FINDERS: dict[str, Finder] = {
    "homicides": lambda c, o: mexico_homicides(c, o, homicide_total),
    "homicide_rate": lambda c, o: mexico_homicides(c, o, homicide_rate),
    "homicides_percent_change": lambda c, o: mexico_homicides(c, o, homicide_change),
    "deaths_drug_war": scope_differs("scope differs: no official series counts deaths 'in the context of the war on "
                                     "drugs'; the contradiction report compares it with the homicide claims"),
    "extraditions": reported_extraditions,
    "us_security_assistance": merida_statements(("appropriated", "counternarcotics")),
    "merida_funding_allocated": merida_statements(("appropriated",)),
    "merida_funding_disbursed": merida_statements(("delivered", "expended")),
    "firearms_origin_share": firearms_origin,
    "overdose_deaths": overdose(lambda o, s, e: deaths(o, "all_drugs", e), "all drug overdose deaths, {end}"),
    "overdose_deaths_fentanyl": overdose(
        lambda o, s, e: deaths(o, "synthetic_opioids_t404", e),
        "synthetic opioids other than methadone (T40.4, mainly fentanyl), {end}"),
    "overdose_deaths_synthetic_opioids_heroin": overdose(
        lambda o, s, e: deaths(o, "synthetic_opioids_t404", e) + deaths(o, "heroin_without_synthetic", e),
        "synthetic opioids T40.4 + heroin deaths without T40.4 (deaths involving either), {end}"),
    "overdose_deaths_change": overdose(
        lambda o, s, e: deaths(o, "all_drugs", e) / deaths(o, "all_drugs", s),
        "all drug overdose deaths {end} / {start} (times)"),
    "overdose_deaths_synthetic_opioids_change": overdose(
        lambda o, s, e: (deaths(o, "synthetic_opioids_t404", e) / deaths(o, "synthetic_opioids_t404", s) - 1) * 100,
        "(T40.4 deaths {end} / T40.4 deaths {start} - 1) x 100"),
    "overdose_deaths_opioids_share": overdose(
        lambda o, s, e: deaths(o, "any_opioid", e) / deaths(o, "all_drugs", e) * 100,
        "any-opioid deaths / all drug overdose deaths x 100, {end}"),
}


# --- the table -------------------------------------------------------------------------------------

CLAIM_COLUMNS = ["claim_id", "source_id", "family", "measure", "geography", "period_start", "period_end",
                 "year_basis", "unit", "qualifier"]


def reconcile_claim(claim: pd.Series, official: Official) -> list[dict]:
    """One row per counterpart of a claim, or one no_counterpart row with the reason."""
    base = {**claim[CLAIM_COLUMNS].to_dict(), "claim_value": claim["value"], "claim_value_high": claim["value_high"]}
    finder = FINDERS.get(claim["measure"], scope_differs("no series: no official series for this measure in data/raw/reference/"))
    try:
        counterparts = finder(claim, official)
    except NoCounterpart as reason:
        return [{**base, "verdict": "no_counterpart", "reason": str(reason)}]
    rows = []
    high = claim["value_high"] if pd.notna(claim["value_high"]) else None
    for found in counterparts:
        verdict, tolerance, rule = judge(claim["qualifier"], claim["value"], high, found.value)
        difference = claim["value"] - found.value
        rows.append({**base, "official_value": found.value, "official_series": found.series,
                     "official_source": found.source, "official_derivation": found.derivation,
                     "difference": difference,
                     "relative_difference_percent": round(difference / found.value * 100, 2) if found.value else None,
                     "tolerance": tolerance, "rule": rule, "verdict": verdict})
    return rows


def build_reconciliation(ledger: pd.DataFrame, official: Official, columns: list[str]) -> pd.DataFrame:
    """Every claim of the five families, reconciled, in ledger order."""
    claims = ledger[ledger["family"].isin(FAMILIES)]
    rows = [row for _, claim in claims.iterrows() for row in reconcile_claim(claim, official)]
    return pd.DataFrame(rows).reindex(columns=columns)
