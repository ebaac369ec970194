"""The official series each measure is checked against: one reader per publisher's table.

Each reader (a ``Provider``) takes a claim and the official tables built by ``secstats.clean.official``
and returns the figures the matching in ``secstats.checks.reconciliation`` compares the claim with,
grouped in ``OfficialSeries`` (one publisher, vintage and scope each), or raises ``NoCounterpart``
saying why the reference data has nothing for the claim. The readers know the official tables' names,
columns and values; the matching knows none of them. Each family's entry in ``secstats.clean.families``
names the reader of each of its measures.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from secstats.core.periods import period_months

PUBLIC_LAW = re.compile(r"P\.L\. ?\d+-\d+")  # an appropriation act, as the Mérida statements name it

Official = Mapping[str, pd.DataFrame]
Months = tuple[int, int]


class NoCounterpart(Exception):
    """Raised by a series provider when the reference data has nothing for the claim; the message says why."""


@dataclass(frozen=True)
class Observation:
    """One official or reported figure for a period."""

    value: float
    months: Months
    source: str
    derivation: str = ""
    cut_off: str | None = None  # the last day counted, when a running total stops inside its last month


@dataclass(frozen=True)
class OfficialSeries:
    """Figures of one measure from one publisher, vintage and scope, as the matching reads them.

    ``role`` is 'primary' (the claim's own measure and scope), 'other_vintage', 'component' (parts of
    what the claim counts) or 'other_scope';
    ``combine`` says how annual rows make a span ('sum' for totals, 'mean' for rates, None when they
    cannot); ``totals`` is True when values add up over time (counts, money), False for rates and shares;
    ``nearby`` whether an adjacent year of the series may stand in for the claim's.
    """

    name: str
    observations: tuple[Observation, ...]
    role: str = "primary"
    scope: str = ""
    combine: str | None = "sum"
    totals: bool = True
    nearby: bool = True  # False for a collection of statements, whose rows are not one series over time


Provider = Callable[[pd.Series, Official], list[OfficialSeries]]  # a claim and the official tables -> its series


def annual(observation: Observation) -> bool:
    """Whether an observation covers exactly one calendar (or fiscal) year."""
    first, last = observation.months
    return first % 12 == 0 and last == first + 11


# --- the readers ----------------------------------------------------------------------------------


def year_months(year: int) -> Months:
    """The months of one calendar (or fiscal) year."""
    return year * 12, year * 12 + 11


def yearly(
    rows: pd.DataFrame, value: str, source: str, derivation: str = "", derivation_column: str | None = None
) -> tuple[Observation, ...]:
    """Annual observations from a frame with a ``year`` column; ``source`` (and ``derivation_column``)
    name columns, ``derivation`` is one text for every row."""
    rows = rows.dropna(subset=[value]).sort_values("year", kind="stable")
    return tuple(
        Observation(
            float(row[value]),
            year_months(int(row["year"])),
            row[source],
            row[derivation_column] if derivation_column and pd.notna(row[derivation_column]) else derivation,
        )
        for _, row in rows.iterrows()
    )


def need_mexico(claim: pd.Series) -> None:
    """The Mexican series are national."""
    if claim["geography"] != "mexico":
        raise NoCounterpart("geography not covered: the official Mexican series are national")


def homicide_series(column: str, combine: str, totals: bool, scope: str = "") -> Provider:
    """Mexico's homicide counts or rates: each main series, and (for the claims' own scope) each other
    vintage of INEGI's, with its own population."""

    def provide(claim: pd.Series, official: Official) -> list[OfficialSeries]:
        need_mexico(claim)
        role = "other_scope" if scope else "primary"
        how = "" if totals else "homicides / CONAPO 2023 mid-year population x 100,000 (computed by secstats)"
        main = official["official_mexico_homicides"]
        found = [
            OfficialSeries(
                f"official_mexico_homicides ({name})",
                yearly(rows[rows["months_covered"] == 12], column, "source", how),
                role,
                scope,
                combine,
                totals,
            )
            for name, rows in main.groupby("series", sort=True)
        ]
        if not scope:
            vintages = official["official_mexico_homicide_vintages"]
            found += [
                OfficialSeries(
                    f"official_mexico_homicide_vintages ({name})",
                    yearly(rows, column, "source", derivation_column=None if totals else "rate_derivation"),
                    "other_vintage",
                    "",
                    combine,
                    totals,
                )
                for name, rows in vintages.groupby("vintage", sort=True)
            ]
        return found

    return provide


def extraditions(claim: pd.Series, official: Official) -> list[OfficialSeries]:
    """Reported extradition figures by scope: persons extradited from Mexico to the United States is the
    claims' scope; Mexican nationals only, all destinations, or extraditions authorized are other scopes."""
    need_mexico(claim)
    table = official["reported_extraditions"]
    found = []
    for scope, rows in table.groupby("scope", sort=True):
        observations = tuple(
            Observation(
                float(row.extraditions),
                period_months(row.period_start, row.period_end),
                row.reported_by,
                f"reported figure ({row.period_start} to {row.period_end})",
                cut_off=row.period_end if len(row.period_end) == 10 else None,
            )
            for row in rows.itertuples()
        )
        own = scope == "persons extradited from Mexico to the United States"
        found.append(
            OfficialSeries(
                f"reported_extraditions ({scope})", observations, "primary" if own else "other_scope", "" if own else scope
            )
        )
    return found


def overdose(drugs: tuple[str, ...], how: str, combine: str | None = "sum", percent_of: str | None = None) -> Provider:
    """U.S. overdose deaths involving ``drugs`` (summed), or their share of ``percent_of`` deaths, per year."""

    def provide(claim: pd.Series, official: Official) -> list[OfficialSeries]:
        if claim["geography"] != "united_states":
            raise NoCounterpart("geography not covered: the overdose series are national")
        wide = official["official_us_overdose_deaths"].pivot_table(index="year", columns="drug", values="deaths", aggfunc="first")
        sources = official["official_us_overdose_deaths"].groupby("year")["source"].first()
        needed = [*drugs, *([percent_of] if percent_of else [])]
        wide = (
            wide.dropna(subset=[d for d in needed if d in wide.columns])
            if all(d in wide.columns for d in needed)
            else wide.iloc[0:0]
        )
        values = wide[list(drugs)].sum(axis=1)
        if percent_of:
            values = (values / wide[percent_of] * 100).round(2)
        rows = pd.DataFrame({"year": values.index, "value": values.to_numpy()})
        rows["source"] = rows["year"].map(sources)
        return [
            OfficialSeries(
                "official_us_overdose_deaths", yearly(rows, "value", "source", how), "primary", "", combine, percent_of is None
            )
        ]

    return provide


def endpoint_change(provide: Provider, formula: str) -> Provider:
    """A change between the claim's first and last year of a yearly series: 'times' (end / start) or
    'percent' ((end / start - 1) x 100)."""

    def change(claim: pd.Series, official: Official) -> list[OfficialSeries]:
        start, end = int(claim["period_start"][:4]), int(claim["period_end"][:4])
        found = []
        for series in provide(claim, official):
            values = {o.months[0] // 12: o.value for o in series.observations if annual(o)}
            if start not in values or end not in values or not values[start]:
                continue
            ratio = values[end] / values[start]
            value = round(ratio, 2) if formula == "times" else round((ratio - 1) * 100, 2)
            derivation = (
                f"{values[end]:,.10g} / {values[start]:,.10g}"
                if formula == "times"
                else f"({values[end]:,.10g} / {values[start]:,.10g} - 1) x 100"
            )
            found.append(
                replace(
                    series,
                    observations=(
                        Observation(
                            value,
                            period_months(claim["period_start"], claim["period_end"]),
                            series.observations[0].source,
                            derivation,
                        ),
                    ),
                    combine=None,
                    totals=False,
                )
            )
        return found

    return change


def merida(kinds: tuple[str, ...], aid_type: str) -> Provider:
    """Official Mérida statements whose amount type starts with one of ``kinds`` (primary), and all U.S.
    aid to Mexico of ForeignAssistance.gov's ``aid_type``, per snapshot (a wider scope)."""

    def provide(claim: pd.Series, official: Official) -> list[OfficialSeries]:
        need_mexico(claim)
        statements = official["official_merida_statements"]
        dated = statements[
            statements["amount_type"].str.startswith(kinds)
            & statements["fy_start"].notna()
            & (statements["recipient_scope"] == "Mexico")
        ]
        parts = dated["amount_type"].map(lambda kind: is_part_of_act(kind, dated["amount_type"]))
        found = [
            OfficialSeries(
                "official_merida_statements" + (" (parts of an appropriation act)" if role == "component" else ""),
                tuple(
                    Observation(
                        float(row.amount_usd),
                        (int(row.fy_start) * 12, int(row.fy_end) * 12 + 11),
                        f"{row.publisher}, {row.document}",
                        f"stated amount ({row.amount_type})",
                    )
                    for row in rows.itertuples()
                ),
                role,
                "a part of an appropriation act whose total is also stated" if role == "component" else "",
                combine=None,
                nearby=False,
            )
            for role, rows in (("primary", dated[~parts]), ("component", dated[parts]))
        ]
        aid = official["official_us_assistance"]
        aid = aid[(aid["transaction_type"] == aid_type) & ~aid["transition_quarter"]]
        for snapshot, rows in aid.groupby("snapshot", sort=True):
            rows = rows.assign(year=rows["fiscal_year"])
            found.append(
                OfficialSeries(
                    f"official_us_assistance ({aid_type}, snapshot {snapshot:%Y-%m-%d})",
                    yearly(rows, "amount_usd", "source"),
                    "other_scope",
                    f"all U.S. foreign assistance to Mexico ({aid_type}), not Mérida only",
                )
            )
        return found

    return provide


def is_part_of_act(kind: str, kinds: pd.Series) -> bool:
    """Whether an amount is one part of an appropriation act (P.L. ...) for which a total is also stated:
    "FY2008 supplemental, P.L. 110-252" beside "P.L. 110-252 total for Mexico"."""
    act = PUBLIC_LAW.search(kind)
    if act is None or "total" in kind:
        return False
    return any(act.group(0) in other and "total" in other for other in kinds)


def firearms_origin(claim: pd.Series, official: Official) -> list[OfficialSeries]:
    """Reported U.S.-origin shares of traced firearms: stated percentages, and U.S.-sourced / traced counts."""
    if claim["geography"] != "united_states":
        raise NoCounterpart("no series: shares by U.S. state of origin were not found in the reference data")
    table = official["reported_firearm_traces"].dropna(subset=["period_start"])

    def months(row: Any) -> Months:  # a row of itertuples, or a Series
        return period_months(row.period_start, row.period_end)

    stated = table[
        table["unit"].str.startswith("percent") & table["metric"].str.contains("U.S.-sourced|originated in the United States")
    ]
    observations = [Observation(float(row.value), months(row), row.reported_by, "stated share") for row in stated.itertuples()]
    counts = table[table["unit"].str.startswith("firearms")]
    for _, rows in counts.groupby(["period_start", "period_end"], sort=True):
        traced = rows[rows["metric"].str.contains("traced|submitted") & ~rows["metric"].str.startswith("of which")]
        us = rows[rows["metric"] == "of which U.S.-sourced"]
        if len(traced) == 1 and len(us) == 1 and traced["value"].iloc[0]:
            first = us.iloc[0]
            observations.append(
                Observation(
                    round(first["value"] / traced["value"].iloc[0] * 100, 1),
                    months(first),
                    first["reported_by"],
                    f"U.S.-sourced / traced = {first['value']:,.0f} / {traced['value'].iloc[0]:,.0f} x 100 ({first['unit']})",
                )
            )
    return [OfficialSeries("reported_firearm_traces", tuple(observations), combine=None, totals=False)]
