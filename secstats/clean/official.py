"""Stage 2b: official and reported series, built from the reference files in ``data/raw/reference/``.

Each reader turns one publisher's file into a tidy table described by its model in ``schemas``; the
caveats from ``PROVENANCE.md`` live in those models' docstrings. The only value secstats computes
here is Mexico's homicide rate (count / CONAPO mid-year population x 100,000).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from secstats.core.paths import Layout
from secstats.core.schemas import (
    OfficialMeridaStatements,
    OfficialMexicoHomicides,
    OfficialMexicoHomicideVintages,
    OfficialMexicoPresidentialTerms,
    OfficialUSAssistance,
    OfficialUSOverdoseDeaths,
    ReportedExtraditions,
    ReportedFirearmTraces,
)
from secstats.raw.provenance import cite_origin, origin_of
from secstats.raw.reference import read_reference

INEGI_FILE = "mexico/inegi_homicides_1990_2023.csv"
SESNSP_FILE = "mexico/sesnsp_homicidio_doloso_victims_2015_2025.csv"
CONAPO_FILE = "mexico/conapo_population_national_1950_2070.csv"
PRESS_FILE = "mexico/inegi_homicides_press_reported.csv"
TERMS_FILE = "mexico/presidential_terms.csv"
NIDA_FILE = "us/us_overdose_deaths_main_series_wide_1999_2021.csv"
NCHS_FILE = "us/us_overdose_nchs_publication_figures_2002_2023.csv"
AID_FILE = "us/mexico_us_foreign_assistance_foreignassistance_gov.csv"
MERIDA_FILE = "us/merida_official_funding_statements.csv"
EXTRADITIONS_FILE = "mexico/mx_to_us_extraditions_reported.csv"
TRACES_FILE = "mexico/firearms_trace_mexico_reported.csv"
TRANSITION_QUARTER_SUFFIX = "tq"
WIDE_DRUG_COLUMNS = {
    "deaths_all_drugs": "all_drugs",
    "deaths_any_opioid": "any_opioid",
    "deaths_synthetic_opioids_T404": "synthetic_opioids_t404",
    "deaths_heroin_T401": "heroin_t401",
    "deaths_heroin_and_synthetic": "heroin_and_synthetic",
    "deaths_heroin_without_synthetic": "heroin_without_synthetic",
    "deaths_prescription_opioids_T402_T403": "prescription_opioids_t402_t403",
    "deaths_cocaine_T405": "cocaine_t405",
    "deaths_psychostimulants_T436": "psychostimulants_t436",
}


# The columns each reader takes from each reference file. A file lacking one is named at its header
# (file, row 1, column) before anything is built: pandas would otherwise fill the gap with empty cells
# (pd.concat does, silently) and the table built from it would be blamed for "bad value nan".
COLUMNS_READ: dict[str, tuple[str, ...]] = {
    INEGI_FILE: (
        "year",
        "value",
        "olap_export_count_vintage2018",
        "microdata_count_mxmortalitydb_2024",
        "population_conapo2023_midyear",
        "population_in_source_table_2018",
    ),
    SESNSP_FILE: ("year", "value", "months_covered"),
    CONAPO_FILE: ("year", "value"),
    PRESS_FILE: ("year", "value", "status", "rate_per_100k_reported", "reported_by_or_cited_source", "publication", "url"),
    TERMS_FILE: tuple(OfficialMexicoPresidentialTerms.to_schema().columns),
    NIDA_FILE: ("year", *WIDE_DRUG_COLUMNS),
    NCHS_FILE: ("year", "category", "measure", "value", "publication"),
    AID_FILE: ("fiscal_year", "transaction_type", "current_amount_usd", "snapshot_committed"),
    MERIDA_FILE: (
        "publisher",
        "document",
        "document_date",
        "recipient_scope",
        "fy_start",
        "fy_end",
        "amount_usd_millions",
        "amount_type",
        "quoted_text",
        "url",
    ),
    EXTRADITIONS_FILE: ("period_start", "period_end", "value", "measure", "reported_by_or_cited_source", "url"),
    TRACES_FILE: ("period_start", "period_end", "metric", "value", "unit", "reported_by_or_cited_source", "url"),
}


def read(layout: Layout, file: str, **options: object) -> pd.DataFrame:
    """A reference file, checked (``read_reference``) with the columns its readers take from it."""
    return read_reference(layout, file, COLUMNS_READ[file], **options)


def cited(layout: Layout, file: str) -> str:
    """A reference file's source as every table and chart names it (secstats.raw.provenance)."""
    return cite_origin(origin_of(layout, file))


def population_by_year(layout: Layout) -> pd.Series:
    """CONAPO 2023 mid-year population of Mexico, indexed by year."""
    return read(layout, CONAPO_FILE).set_index("year")["value"]


def mexico_homicides(layout: Layout) -> pd.DataFrame:
    """INEGI deaths and SESNSP victims per year, with CONAPO population and our rate per 100,000."""
    inegi = read(layout, INEGI_FILE).assign(
        series="inegi_deaths_by_registration", months_covered=12, source=cited(layout, INEGI_FILE)
    )
    sesnsp = read(layout, SESNSP_FILE).assign(series="sesnsp_victims_homicidio_doloso", source=cited(layout, SESNSP_FILE))
    table = pd.concat([inegi, sesnsp], ignore_index=True).rename(columns={"value": "homicides"})
    table["population"] = table["year"].map(population_by_year(layout))
    rate = (table["homicides"] / table["population"] * 100_000).round(2)
    table["rate_per_100k"] = rate.where(table["months_covered"] == 12)
    return table[list(OfficialMexicoHomicides.to_schema().columns)]


def mexico_homicide_vintages(layout: Layout) -> pd.DataFrame:
    """The INEGI vintages the main series does not show: 2024 microdata counts, the 2018 export over its
    own population, and preliminary or definitive figures as reported in the press."""
    inegi = read(layout, INEGI_FILE)
    microdata = inegi.dropna(subset=["microdata_count_mxmortalitydb_2024"])
    microdata = microdata.assign(
        vintage="inegi_microdata_2024",
        homicides=microdata["microdata_count_mxmortalitydb_2024"],
        population=microdata["population_conapo2023_midyear"],
        rate_derivation="homicides / CONAPO 2023 mid-year population x 100,000",
        source=cited(layout, INEGI_FILE) + ": 2024 microdata counts",
    )
    export = inegi.dropna(subset=["olap_export_count_vintage2018", "population_in_source_table_2018"])
    export = export.assign(
        vintage="inegi_olap_export_2018_population_2018",
        homicides=export["olap_export_count_vintage2018"],
        population=export["population_in_source_table_2018"],
        rate_derivation="homicides / population printed in the 2018 source table x 100,000 (an older population vintage)",
        source=cited(layout, INEGI_FILE) + ": 2018 OLAP export, over the population of its source table",
    )
    computed = pd.concat([microdata, export], ignore_index=True)
    computed["rate_per_100k"] = (computed["homicides"] / computed["population"] * 100_000).round(2)
    press = read(layout, PRESS_FILE)
    press = press.assign(
        vintage="inegi_press_" + press["status"].where(press["status"].isin(["preliminary", "definitive"]), "status_not_stated"),
        homicides=press["value"],
        rate_per_100k=press["rate_per_100k_reported"],
        rate_derivation=press["rate_per_100k_reported"].map(lambda rate: None if pd.isna(rate) else "as published by INEGI"),
        source=press["reported_by_or_cited_source"] + ", " + press["publication"] + " (" + press["url"] + ")",
    )
    table = pd.concat([computed, press], ignore_index=True).sort_values(["vintage", "year"], kind="stable")
    return table[list(OfficialMexicoHomicideVintages.to_schema().columns)].reset_index(drop=True)


def presidential_terms(layout: Layout) -> pd.DataFrame:
    """Mexican presidential terms with the page each date was read from."""
    return read(layout, TERMS_FILE, dtype=str)[list(OfficialMexicoPresidentialTerms.to_schema().columns)]


def us_overdose_deaths(layout: Layout) -> pd.DataFrame:
    """Deaths by drug 1999-2021 (NIDA), plus the NCHS totals for the years NIDA's file does not reach."""
    wide = read(layout, NIDA_FILE)
    nida = wide.melt(id_vars="year", value_vars=list(WIDE_DRUG_COLUMNS), var_name="column", value_name="deaths")
    nida = nida.assign(drug=nida["column"].map(WIDE_DRUG_COLUMNS), source=cited(layout, NIDA_FILE))
    published = read(layout, NCHS_FILE)
    totals = published[
        (published["category"] == "all_drug_overdose")
        & (published["measure"] == "deaths")
        & (published["year"] > wide["year"].max())
    ]
    nchs = totals.assign(drug="all_drugs", deaths=totals["value"].astype(int), source="NCHS, " + totals["publication"])
    table = pd.concat([nida, nchs], ignore_index=True).sort_values(["drug", "year"], kind="stable")
    return table[list(OfficialUSOverdoseDeaths.to_schema().columns)].reset_index(drop=True)


def us_assistance(layout: Layout) -> pd.DataFrame:
    """All U.S. foreign assistance to Mexico by fiscal year, transaction type and snapshot."""
    raw = read(layout, AID_FILE, dtype={"fiscal_year": str})
    table = raw.rename(columns={"current_amount_usd": "amount_usd", "snapshot_committed": "snapshot"})
    table["source"] = cited(layout, AID_FILE)  # which copy of the download: the snapshot column
    # The publisher writes the 1976 transition quarter as "1976tq": a year and a flag, so the year stays an integer.
    table["transition_quarter"] = raw["fiscal_year"].str.endswith(TRANSITION_QUARTER_SUFFIX)
    table["fiscal_year"] = raw["fiscal_year"].str.removesuffix(TRANSITION_QUARTER_SUFFIX).astype(int)
    table["snapshot"] = pd.to_datetime(table["snapshot"], format="%Y-%m-%d")
    table = table.sort_values(["snapshot", "transaction_type", "fiscal_year", "transition_quarter"], kind="stable")
    return table[list(OfficialUSAssistance.to_schema().columns)].reset_index(drop=True)


def merida_statements(layout: Layout) -> pd.DataFrame:
    """Official Merida funding statements, amounts in plain U.S. dollars."""
    raw = read(layout, MERIDA_FILE, dtype={"document_date": str})
    table = raw.assign(
        amount_usd=(raw["amount_usd_millions"] * 1_000_000).round().astype("int64"),
        document_date=pd.to_datetime(raw["document_date"], format="%Y-%m-%d"),
        fy_start=raw["fy_start"].astype("Int64"),
        fy_end=raw["fy_end"].astype("Int64"),
    )
    return table[list(OfficialMeridaStatements.to_schema().columns)]


def reported_extraditions(layout: Layout) -> pd.DataFrame:
    """Reported extradition figures, one row per figure and scope."""
    raw = read(layout, EXTRADITIONS_FILE)
    table = raw.rename(columns={"value": "extraditions", "measure": "scope", "reported_by_or_cited_source": "reported_by"})
    return table[list(ReportedExtraditions.to_schema().columns)]


def reported_firearm_traces(layout: Layout) -> pd.DataFrame:
    """Reported firearm trace figures for Mexico."""
    raw = read(layout, TRACES_FILE, dtype={"period_start": str, "period_end": str})
    table = raw.rename(columns={"reported_by_or_cited_source": "reported_by"})
    return table[list(ReportedFirearmTraces.to_schema().columns)]


@dataclass(frozen=True)
class OfficialSpec:
    """One official table: its name in data/clean/, its model, its reader, the reference files it reads
    (whose origin records in data/raw/origins.csv are its sources and licence) and the columns that
    identify a row (its published key)."""

    name: str
    model: type[pa.DataFrameModel]
    read: Callable[[Layout], pd.DataFrame]
    files: tuple[str, ...]
    key: tuple[str, ...]


OFFICIAL_TABLES: tuple[OfficialSpec, ...] = (
    OfficialSpec(
        "official_mexico_homicides",
        OfficialMexicoHomicides,
        mexico_homicides,
        (INEGI_FILE, SESNSP_FILE, CONAPO_FILE),
        key=("series", "year"),
    ),
    OfficialSpec(
        "official_mexico_homicide_vintages",
        OfficialMexicoHomicideVintages,
        mexico_homicide_vintages,
        (INEGI_FILE, PRESS_FILE, CONAPO_FILE),
        key=("vintage", "year"),
    ),
    OfficialSpec(
        "official_mexico_presidential_terms",
        OfficialMexicoPresidentialTerms,
        presidential_terms,
        (TERMS_FILE,),
        key=("president",),
    ),
    OfficialSpec(
        "official_us_overdose_deaths", OfficialUSOverdoseDeaths, us_overdose_deaths, (NIDA_FILE, NCHS_FILE), key=("drug", "year")
    ),
    OfficialSpec(
        "official_us_assistance",
        OfficialUSAssistance,
        us_assistance,
        (AID_FILE,),
        key=("snapshot", "transaction_type", "fiscal_year", "transition_quarter"),
    ),
    OfficialSpec(
        "official_merida_statements",
        OfficialMeridaStatements,
        merida_statements,
        (MERIDA_FILE,),
        key=("document", "document_date", "amount_type"),
    ),
    OfficialSpec(
        "reported_extraditions",
        ReportedExtraditions,
        reported_extraditions,
        (EXTRADITIONS_FILE,),
        key=("period_start", "period_end", "scope", "reported_by"),
    ),
    OfficialSpec(
        "reported_firearm_traces",
        ReportedFirearmTraces,
        reported_firearm_traces,
        (TRACES_FILE,),
        key=("period_end", "metric", "reported_by"),
    ),
)
