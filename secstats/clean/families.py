"""The indicator families, each declared once: everything secstats knows about one kind of claim.

A family is one entry of ``FAMILIES``: its claim table (model, measures, derivations), for each measure
the official series its claims are checked against (or why there is none), the official tables those
series read, and its chart. Adding a family is one entry here plus its data: its measures in
``vocabulary.FAMILY_MEASURES`` (which the ledger check reads too), its claims in the ledger, its table
model in ``schemas``, its chart in ``figures``; the readers of its official series go in ``series``. ``registry_problems`` checks at every build
that no part is missing, so a half-declared family stops the build with one line per gap instead of
silently missing a table, a verdict or a chart.

Claims of family ``other`` (committees, durations, rhetoric) belong to no table and get no verdict;
they are still verified against their documents and compared with each other.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import partial

import pandas as pd

from secstats.clean.indicators import TableSpec, differences, implied_earlier_levels, per_year_averages, share_remainders
from secstats.clean.series import (
    Provider,
    endpoint_change,
    extraditions,
    firearms_origin,
    homicide_series,
    merida,
    overdose,
)
from secstats.core import vocabulary
from secstats.core.problems import Problem, UnknownName
from secstats.core.schemas import Extraditions, Homicides, MeridaFunding, OverdoseDeaths, WeaponOrigins
from secstats.core.vocabulary import FAMILY_MEASURES, LEFT_OUT

OTHER = vocabulary.OTHER  # claims that belong to no family: verified and compared, never tabled or judged
NO_SERIES = "no series: no official series for this measure in data/raw/reference/"
# Measures of family 'other' that count a document's own apparatus or an institutional arrangement
# (experts convened, pillars, member countries): words, not statistics a series could hold.
NOT_STATISTICS = frozenset(
    {
        "administrations_with_change_mandate",
        "binational_commission_meetings_per_year",
        "chapter_recommendations",
        "coordination_group_cabinet_members_per_country",
        "cooperative_efforts",
        "examples_cited",
        "experts_convened",
        "financial_intelligence_units",
        "financial_intelligence_units_pgr",
        "financial_intelligence_units_shcp",
        "merida_pillars",
        "policy_action_categories",
        "prior_administrations_compared",
        "proposed_mechanism_parties",
        "recommendations",
        "security_cooperation_priority_goals",
        "security_strategy_pillars",
        "security_strategy_pillars_underperforming",
        "spp_member_countries",
        "vetting_frequency",
    }
)


@dataclass(frozen=True)
class Family:
    """One indicator family: its ledger name, claim table, counterparts, official tables and chart."""

    name: str
    table: TableSpec
    counterparts: Mapping[str, Provider | str]  # measure -> the series to check it against, or why there is none
    official: tuple[str, ...]  # the official tables its counterparts read
    chart: str  # the figure that draws its table


FAMILIES: tuple[Family, ...] = (
    Family(
        "homicide",
        TableSpec(
            "homicides",
            Homicides,
            measures=vocabulary.FAMILY_MEASURES["homicide"],
            derivations=(
                partial(
                    implied_earlier_levels,
                    change="homicides_percent_change",
                    level="homicides",
                    growth=lambda step: 1 + step["value"] / 100,
                    wording="(1 + {change}/100)",
                ),
            ),
        ),
        counterparts={
            "homicides": homicide_series("homicides", "sum", True),
            "homicide_rate": homicide_series("rate_per_100k", "mean", False),
            "homicides_percent_change": endpoint_change(homicide_series("homicides", "sum", True), "percent"),
            "deaths_drug_war": homicide_series(
                "homicides",
                "sum",
                True,
                scope="all homicides (INEGI deaths or SESNSP "
                "victims), a wider scope than deaths 'in the context of the war on drugs'",
            ),
            "impunity_rate": NO_SERIES,
            "impunity_rate_journalist_killings": NO_SERIES,
        },
        official=("official_mexico_homicides", "official_mexico_homicide_vintages", "official_mexico_presidential_terms"),
        chart="homicides",
    ),
    Family(
        "extradition",
        TableSpec(
            "extraditions",
            Extraditions,
            measures=vocabulary.FAMILY_MEASURES["extradition"],
            derivations=(partial(per_year_averages, measure="extraditions"),),
        ),
        counterparts={"extraditions": extraditions},
        official=("reported_extraditions", "official_mexico_presidential_terms"),
        chart="extraditions",
    ),
    Family(
        "merida_funding",
        TableSpec(
            "merida_funding",
            MeridaFunding,
            measures=vocabulary.FAMILY_MEASURES["merida_funding"],
            derivations=(
                partial(
                    differences,
                    minuend="merida_funding_allocated",
                    subtrahend="merida_funding_disbursed",
                    measure="merida_funding_undisbursed",
                    dimensions={"transaction": "undisbursed"},
                ),
            ),
        ),
        counterparts={
            "us_security_assistance": merida(("appropriated", "counternarcotics"), "Appropriated and Planned"),
            "merida_funding_allocated": merida(("appropriated",), "Appropriated and Planned"),
            "merida_funding_disbursed": merida(("delivered", "expended"), "Disbursements"),
        },
        official=("official_merida_statements", "official_us_assistance"),
        chart="merida_funding",
    ),
    Family(
        "weapons",
        TableSpec(
            "weapon_origins",
            WeaponOrigins,
            measures=vocabulary.FAMILY_MEASURES["weapons"],
            left_out=vocabulary.LEFT_OUT["weapons"],
            derivations=(partial(share_remainders, measure="firearms_origin_share"),),
        ),
        counterparts={
            "firearms_origin_share": firearms_origin,
            "firearms_trafficking_annual_profit": NO_SERIES,
            "firearms_trafficked_share_of_us_sales": NO_SERIES,
        },
        official=("reported_firearm_traces",),
        chart="weapon_origins",
    ),
    Family(
        "overdose",
        TableSpec(
            "overdose_deaths",
            OverdoseDeaths,
            measures=vocabulary.FAMILY_MEASURES["overdose"],
            derivations=(
                partial(
                    implied_earlier_levels,
                    change="overdose_deaths_change",
                    level="overdose_deaths",
                    growth=lambda step: step["value"],
                    wording="{change} (read as 'N times as many'; 'three times more' could also mean 4x)",
                ),
            ),
        ),
        counterparts={
            "overdose_deaths": overdose(("all_drugs",), "all drug overdose deaths"),
            "overdose_deaths_opioids": overdose(("any_opioid",), "overdose deaths involving any opioid"),
            "overdose_deaths_fentanyl": overdose(
                ("synthetic_opioids_t404",), "synthetic opioids other than methadone (T40.4, mainly fentanyl)"
            ),
            "overdose_deaths_synthetic_opioids_heroin": overdose(
                ("synthetic_opioids_t404", "heroin_without_synthetic"),
                "synthetic opioids T40.4 + heroin deaths without T40.4 (deaths involving either)",
            ),
            "overdose_deaths_change": endpoint_change(overdose(("all_drugs",), "all drug overdose deaths"), "times"),
            "overdose_deaths_synthetic_opioids_change": endpoint_change(
                overdose(("synthetic_opioids_t404",), "synthetic opioids other than methadone (T40.4)"), "percent"
            ),
            "overdose_deaths_opioids_share": overdose(
                ("any_opioid",), "any-opioid deaths / all drug overdose deaths x 100", None, percent_of="all_drugs"
            ),
        },
        official=("official_us_overdose_deaths",),
        chart="overdose_deaths_official",  # issue 23: the claims-only chart was merged into it
    ),
)

# The measures of data/raw/reference/vintages/published_figures.csv (named for their series, as the
# publishers count them) that speak to each ledger measure: a claim is judged against their figures of
# the day. A vintage measure not listed here stops the build (secstats.clean.vintages).
VINTAGE_MEASURES: dict[str, tuple[str, ...]] = {
    "homicides": ("homicides_inegi", "homicidio_doloso_victims_sesnsp"),
    "homicide_rate": ("homicide_rate_inegi",),
    "homicides_percent_change": ("homicidio_doloso_victims_sesnsp_change",),
    "overdose_deaths": ("deaths_all_drugs", "deaths_all_drugs_provisional"),
    "overdose_deaths_opioids": ("deaths_any_opioid",),
    "overdose_deaths_opioids_share": ("share_of_overdose_deaths_involving_opioids",),
    "overdose_deaths_fentanyl": ("deaths_synthetic_opioids_t404", "deaths_synthetic_opioids_t404_provisional"),
    "merida_funding_allocated": ("merida_funding_appropriated",),
    "merida_funding_disbursed": ("merida_funding_delivered",),
    "extraditions": ("extraditions_mexico_to_us",),
}

TABLES: tuple[TableSpec, ...] = tuple(family.table for family in FAMILIES)
COUNTERPARTS: dict[str, Provider | str] = {m: c for family in FAMILIES for m, c in family.counterparts.items()}


def table_spec(name: str) -> TableSpec:
    """The spec of one claim table; an unknown name lists the valid ones."""
    for spec in TABLES:
        if spec.name == name:
            return spec
    raise UnknownName(f"unknown table {name!r}; valid tables: {', '.join(s.name for s in TABLES)}")


def family_claims(ledger: pd.DataFrame) -> pd.DataFrame:
    """The claims of the registered families: those that are tabled and get a verdict."""
    return ledger[ledger["family"] != OTHER]


# --- checks: a family declared in full, and every claim in one ------------------------------------


def registry_problems(official_tables: Collection[str], publishers: Collection[str], charts: Collection[str]) -> list[Problem]:
    """Every part a family declares but the project lacks: a measure without counterparts (or a reason),
    a table whose measures are not the vocabulary's (or a family of the vocabulary without an entry), an official table that is not built or has no publisher, a chart that is not drawn."""
    where = "secstats/clean/families.py"
    problems = []
    for family in FAMILIES:

        def gap(rule: str, text: str, family: Family = family) -> None:
            problems.append(Problem(where, rule, f"family {family.name!r}: {text}"))

        for measure in [*family.table.measures, *family.table.left_out]:
            if measure not in family.counterparts:
                gap("measure has counterparts", f"measure {measure!r} names no counterpart series and no reason it has none")
        for name in family.official:
            if name not in official_tables:
                gap("official table built", f"official table {name!r} is not among the tables secstats builds")
            elif name not in publishers:
                gap(
                    "official table has a publisher",
                    f"official table {name!r} reads a reference file with no origin "
                    "record (publisher, URL, licence) in data/raw/origins.csv",
                )
        if family.chart not in charts:
            gap("family has a chart", f"chart {family.chart!r} is not among the figures secstats draws")
        if family.table.measures != FAMILY_MEASURES.get(family.name) or family.table.left_out != LEFT_OUT.get(family.name, {}):
            gap(
                "family's measures from the vocabulary",
                "its table's measures are not those of FAMILY_MEASURES and LEFT_OUT in secstats/core/vocabulary.py",
            )
    registered = [family.name for family in FAMILIES]
    problems += [
        Problem(where, "vocabulary family registered", f"family {name!r} of secstats/core/vocabulary.py has no entry in FAMILIES")
        for name in FAMILY_MEASURES
        if name not in registered
    ]
    return problems
