"""The single description of every table: pandera ``DataFrameModel`` classes.

Column types, units (``metadata={"unit": ...}``), allowed values and descriptions live here and nowhere
else; validation reports, the data dictionary and ``datapackage.json`` are generated from these classes.

Row-level rules that involve several columns are ``dataframe_check``s; ``ROW_RULES`` says for each
which column the user must fix and what the rule is, so a failure report can name both.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from secstats.core import vocabulary
from secstats.core.periods import period_bounds

QUALIFIERS = vocabulary.QUALIFIERS
UNITS = list(vocabulary.UNITS)  # one list, shared with the extractor
PERIOD_TYPES = ["calendar_year", "fiscal_year", "span", "to_date", "point"]
YEAR_BASES = ["calendar", "fiscal"]

PERIOD_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2]))?$"
ANY_PERIOD_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"  # reference files also give days
SNAKE_CASE = r"^[a-z][a-z0-9_]*$"


# dataframe_check function name -> "<column to fix>: <rule>"
ROW_RULES = {
    "period_in_order": "period_end: not before period_start",
    "value_high_for_ranges": "value_high: set only for ranges, and above value",
    "fiscal_years_are_fiscal": "year_basis: fiscal for every fiscal_year period",
    "counterpart_or_reason": "official_value: present exactly when there is a candidate, else a reason",
    "best_or_unverifiable": "best_value: present (or vintage_value) for every verdict but unverifiable",
    "one_row_per_claim": "claim_id: one verdict per claim",
    "shares_at_most_100": "value: shares (percent, not a change) between 0 and 100",
    "derived_rows_say_how": "derivation: present exactly for derived rows",
    "every_quantity_accounted": "found: claimed plus dismissed, and dismissed the sum of its reasons",
    "states_a_figure": "value: a value, unit, qualifier, relation and words when finding is states; no value or words otherwise",
    "one_row_per_claim_and_source": "cited_source_id: one row per claim and cited source",
    "reason_for_unverifiable": "reason: set exactly when the verdict is unverifiable",
    "cited_value_when_stated": "cited_value: present exactly when cited_check is agrees or differs",
}


class StrictTable(pa.DataFrameModel):
    """Every secstats table: exactly the declared columns, in order, coerced to their types."""

    class Config:
        strict = True
        coerce = True
        ordered = True


class FigureRules(StrictTable):
    """Row rules shared by the ledger and every clean table (both hold figures with periods and bounds)."""

    @pa.dataframe_check
    def period_in_order(cls, df: pd.DataFrame) -> pd.Series:
        start, end = period_bounds(df["period_start"], df["period_end"])
        return start <= end

    @pa.dataframe_check
    def fiscal_years_are_fiscal(cls, df: pd.DataFrame) -> pd.Series:
        return (df["period_type"] != "fiscal_year") | (df["year_basis"] == "fiscal")


class ClaimsLedger(FigureRules):
    """The claims ledger: one row per numeric statement in a source document, with its verbatim quote."""

    claim_id: Series[str] = pa.Field(
        title="Claim",
        unique=True,
        str_matches=r"^[a-z]+-\d{3}$",
        description="Stable unique id of the claim: source short name and a 3-digit number.",
    )
    source_id: Series[str] = pa.Field(title="Document", description="Id of the source document in data/raw/sources/sources.csv.")
    family: Series[str] = pa.Field(
        title="Family",
        isin=vocabulary.family_names(),
        str_matches=SNAKE_CASE,
        description="Indicator family the claim belongs to: one of the families secstats declares, or 'other'.",
    )
    measure: Series[str] = pa.Field(
        title="What is counted",
        str_matches=SNAKE_CASE,
        description="What is counted, snake_case; the same name across documents.",
    )
    quantity: Series[str] = pa.Field(
        title="Quantity compared",
        str_matches=SNAKE_CASE,
        description="The quantity the measure estimates: claims with the same quantity and geography are compared "
        "with each other (deaths in the drug war and all homicides are both estimates of homicides).",
    )
    value: Series[float] = pa.Field(
        title="Value", description="The number stated, in base units (see unit).", metadata={"unit": "see the unit column"}
    )
    value_high: Series[float] = pa.Field(
        title="Upper value", nullable=True, description="Upper bound when qualifier is 'range'; empty otherwise."
    )
    unit: Series[str] = pa.Field(title="Unit", isin=UNITS, description="Unit of value: percent points, plain USD, counts...")
    qualifier: Series[str] = pa.Field(
        title="Qualifier", isin=QUALIFIERS, description="How the words bound the number: exact, approximate, at_least, ..."
    )
    period_start: Series[str] = pa.Field(
        title="From", str_matches=PERIOD_PATTERN, description="First year (or month), YYYY or YYYY-MM."
    )
    period_end: Series[str] = pa.Field(
        title="To", str_matches=PERIOD_PATTERN, description="Last year (or month), YYYY or YYYY-MM."
    )
    period_type: Series[str] = pa.Field(
        title="Kind of period",
        isin=PERIOD_TYPES,
        description="calendar_year, fiscal_year (U.S. federal, Oct-Sep), span, to_date (a running total to the end month) or point (a stock).",
    )
    year_basis: Series[str] = pa.Field(
        title="Year basis",
        isin=YEAR_BASES,
        description="Whether period years are calendar years or U.S. federal fiscal years (Oct-Sep).",
    )
    geography: Series[str] = pa.Field(title="Where", str_matches=SNAKE_CASE, description="Where the number applies.")
    quote: Series[str] = pa.Field(title="Quote", str_length={"min_value": 1}, description="Verbatim fragment of the document.")
    quote_start: Series[int] = pa.Field(
        title="Position in text (characters)", ge=0, description="0-based character offset of quote in the document."
    )
    cited_source: Series[str] = pa.Field(
        title="Cited source", nullable=True, description="Endnote or attribution the document gives."
    )
    note: Series[str] = pa.Field(title="Note", nullable=True, description="Curator's note: source errors, repeats, readings.")

    @pa.dataframe_check
    def value_high_for_ranges(cls, df: pd.DataFrame) -> pd.Series:
        is_range = df["qualifier"] == "range"
        return (is_range & (df["value_high"] > df["value"])) | (~is_range & df["value_high"].isna())


# ---------------------------------------------------------------------------------------------
# Clean indicator tables. Every table shares the IndicatorTable columns; each family adds its own
# dimension and rules. The claim_id check against the ledger is added at validation time (the
# ledger is data, not schema): see ``validate_frame(known_claims=...)``.

PROCESSING = ["stated", "derived"]
TABLE_UNITS = [*UNITS, "count_per_year"]
TABLED_QUALIFIERS = [q for q in QUALIFIERS if q != "range"]


class IndicatorTable(FigureRules):
    """Columns every clean table shares: the figure, its bounds, its period and where it came from."""

    measure: Series[str] = pa.Field(
        title="What is counted", str_matches=SNAKE_CASE, description="What is counted (the ledger's measure, or a derived one)."
    )
    geography: Series[str] = pa.Field(title="Where", str_matches=SNAKE_CASE, description="Where the number applies.")
    period_start: Series[str] = pa.Field(
        title="From", str_matches=PERIOD_PATTERN, description="First year (or month), YYYY or YYYY-MM."
    )
    period_end: Series[str] = pa.Field(
        title="To", str_matches=PERIOD_PATTERN, description="Last year (or month), YYYY or YYYY-MM."
    )
    period_type: Series[str] = pa.Field(
        title="Kind of period",
        isin=PERIOD_TYPES,
        description="calendar_year, fiscal_year, span (cumulative), to_date (a running total to the end month) or point (a stock).",
    )
    year_basis: Series[str] = pa.Field(
        title="Year basis", isin=YEAR_BASES, description="calendar years, or U.S. federal fiscal years (October-September)."
    )
    value: Series[float] = pa.Field(
        title="Value",
        ge=0,
        description="The figure, in the row's unit; a lower bound when qualifier is more_than or at_least.",
        metadata={"unit": "see the unit column"},
    )
    unit: Series[str] = pa.Field(title="Unit", isin=TABLE_UNITS, description="Unit of value.")
    # No value_high column: no range claim is tabled, and a column that is always empty is read as
    # text by DuckDB and polars. A range claim of a family fails this check, naming its row.
    qualifier: Series[str] = pa.Field(
        title="Qualifier",
        isin=TABLED_QUALIFIERS,
        description="How the source's words bound the figure; derived rows inherit the loosest input qualifier. Ranges are kept in the claims table only.",
    )
    processing: Series[str] = pa.Field(
        title="Stated or derived",
        isin=PROCESSING,
        description="stated: written in a source; derived: computed from stated claims by the formula in derivation.",
    )
    derivation: Series[str] = pa.Field(
        title="How derived",
        nullable=True,
        description="For derived rows, the formula and the claims it uses; empty for stated rows.",
    )
    claim_id: Series[str] = pa.Field(
        title="Claim", description="Ledger claim(s) the row rests on; several ids joined by ';' for derived rows."
    )
    source_id: Series[str] = pa.Field(title="Document", description="Source document(s) of those claims, joined by ';'.")

    @pa.dataframe_check
    def shares_at_most_100(cls, df: pd.DataFrame) -> pd.Series:
        is_share = (df["unit"] == "percent") & ~df["measure"].str.endswith("_change")
        return ~is_share | (df["value"] <= 100)

    @pa.dataframe_check
    def derived_rows_say_how(cls, df: pd.DataFrame) -> pd.Series:
        return (df["processing"] == "derived") == df["derivation"].notna()


class Homicides(IndicatorTable):
    """Mexico homicides as the documents state them: counts, rates per 100,000 inhabitants, changes and impunity shares."""

    unit: Series[str] = pa.Field(
        title="Unit", isin=["count", "per_100000", "percent"], description="count (people), per_100000 (inhabitants) or percent."
    )


class Extraditions(IndicatorTable):
    """Extraditions from Mexico to the United States: totals per period and derived per-year averages."""

    unit: Series[str] = pa.Field(
        title="Unit",
        isin=["count", "count_per_year"],
        description="count (people extradited) or count_per_year (derived average).",
    )


class MeridaFunding(IndicatorTable):
    """U.S. Merida Initiative and security assistance to Mexico by U.S. fiscal year; allocated and disbursed kept apart."""

    transaction: Series[str] = pa.Field(
        title="Transaction",
        isin=["allocated", "disbursed", "undisbursed", "unspecified"],
        description="allocated (appropriated by Congress), disbursed (delivered), undisbursed (derived: allocated minus disbursed) "
        "or unspecified (the document does not say which).",
    )
    unit: Series[str] = pa.Field(title="Unit", isin=["usd"], description="Current U.S. dollars, not adjusted for inflation.")
    year_basis: Series[str] = pa.Field(
        title="Year basis", isin=["fiscal"], description="Always U.S. federal fiscal years (FY2008 = Oct 2007 - Sep 2008)."
    )


class WeaponOrigins(IndicatorTable):
    """Shares of firearms seized in Mexico and traced (eTrace) by place of origin in the United States."""

    geography: Series[str] = pa.Field(
        title="Where",
        str_matches=SNAKE_CASE,
        description="Origin of the firearms: united_states, a U.S. state (united_states_texas), or a derived remainder.",
    )
    unit: Series[str] = pa.Field(title="Unit", isin=["percent"], description="Percent of traced firearms (percent points).")


class OverdoseDeaths(IndicatorTable):
    """U.S. drug overdose deaths as the documents state them, by drug; changes and shares kept with their units."""

    drug: Series[str] = pa.Field(
        title="Drug",
        isin=["all_drugs", "opioids", "synthetic_opioids", "synthetic_opioids_or_heroin", "fentanyl"],
        description="Drug involved; categories overlap (a death may involve several drugs).",
    )
    unit: Series[str] = pa.Field(
        title="Unit",
        isin=["count", "percent", "times"],
        description="count (deaths), percent (share or change) or times (multiple).",
    )


# ---------------------------------------------------------------------------------------------
# Official and reported series, built from data/raw/reference/ (see its PROVENANCE.md files).


class OfficialMexicoHomicides(StrictTable):
    """Mexico's homicides per calendar year from two official series, with the rate we compute.

    INEGI counts deaths by homicide from death certificates, by year of REGISTRATION (not of
    occurrence; 1990-2016 from INEGI's 2018 OLAP export, 2017-2023 from INEGI microdata via
    mxmortalitydb). SESNSP counts victims of homicidio doloso in state prosecutors' files (new
    methodology, 2015 on); SESNSP revises back years with each monthly release, and feminicidio is
    counted apart. Population is CONAPO's 2023 mid-year series. The rate is ours, not published.
    """

    year: Series[int] = pa.Field(title="Year", ge=1990, le=2100, description="Calendar year (of registration for INEGI).")
    series: Series[str] = pa.Field(
        title="Series",
        isin=["inegi_deaths_by_registration", "sesnsp_victims_homicidio_doloso"],
        description="Which official series the count belongs to.",
    )
    homicides: Series[int] = pa.Field(
        title="Homicides (count)",
        ge=0,
        description="Homicides: INEGI deaths, or SESNSP victims (persons).",
        metadata={"unit": "persons"},
    )
    months_covered: Series[int] = pa.Field(
        title="Months covered",
        ge=1,
        le=12,
        description="Months of the year the count covers (12 unless the year is partial).",
        metadata={"unit": "months"},
    )
    population: Series[int] = pa.Field(
        title="Population (persons)",
        gt=0,
        description="CONAPO 2023 mid-year population of Mexico (persons).",
        metadata={"unit": "persons"},
    )
    rate_per_100k: Series[float] = pa.Field(
        title="Rate per 100,000 people",
        nullable=True,
        ge=0,
        description="homicides / population x 100,000, rounded to 0.01; empty for partial years. Computed by secstats.",
        metadata={"unit": "homicides per 100,000 inhabitants"},
    )
    source: Series[str] = pa.Field(title="Source", description="Publisher, dataset and vintage of the count.")


class OfficialUSOverdoseDeaths(StrictTable):
    """U.S. drug overdose deaths per calendar year by drug involved, 1999-2023.

    1999-2021: NIDA's workbook of CDC WONDER final mortality data (January 2023 vintage); underlying
    causes X40-X44, X60-X64, X85, Y10-Y14, drugs by ICD-10 T-code. 2022-2023: NCHS Data Briefs 491 and
    522 (totals only; counts by drug for those years were not found). Drug categories overlap: a death
    involving heroin and fentanyl counts in both.
    """

    year: Series[int] = pa.Field(title="Year", ge=1999, le=2100, description="Calendar year of death.")
    drug: Series[str] = pa.Field(
        title="Drug",
        isin=[
            "all_drugs",
            "any_opioid",
            "synthetic_opioids_t404",
            "heroin_t401",
            "heroin_and_synthetic",
            "heroin_without_synthetic",
            "prescription_opioids_t402_t403",
            "cocaine_t405",
            "psychostimulants_t436",
        ],
        description="Drug involved (ICD-10 code in the name; t404 is synthetic opioids other than methadone, mainly fentanyl).",
    )
    deaths: Series[int] = pa.Field(title="Deaths (count)", ge=0, description="Deaths (persons).", metadata={"unit": "persons"})
    source: Series[str] = pa.Field(title="Source", description="Publisher, dataset and vintage.")


class OfficialUSAssistance(StrictTable):
    """All U.S. foreign assistance to Mexico by U.S. fiscal year and transaction type (ForeignAssistance.gov).

    NOT Merida-only: every agency and account in the dataset. Two snapshots of the same download are
    kept apart (recent years are revised upward and incomplete). Current U.S. dollars.
    """

    fiscal_year: Series[int] = pa.Field(
        title="Fiscal year",
        ge=1900,
        le=2100,
        description="U.S. federal fiscal year (FY2008 = Oct 2007 - Sep 2008); for the 1976 transition quarter, 1976.",
    )
    transition_quarter: Series[bool] = pa.Field(
        title="Transition quarter",
        description="True for the 1976 transition quarter (July-September 1976, between FY1976 and FY1977), which the publisher labels 1976tq.",
    )
    transaction_type: Series[str] = pa.Field(
        title="Transaction type",
        isin=["Appropriated and Planned", "Obligations", "Disbursements", "Initial Allocations", "President's Budget Requests"],
        description="ForeignAssistance.gov transaction type.",
    )
    amount_usd: Series[int] = pa.Field(
        title="Amount (USD)",
        description="Current U.S. dollars (negative for de-obligations).",
        metadata={"unit": "current U.S. dollars"},
    )
    snapshot: Series[pd.Timestamp] = pa.Field(
        title="Snapshot date", description="Date the snapshot was committed to its repository."
    )
    source: Series[str] = pa.Field(title="Source", description="Publisher, dataset and the repository the snapshot came from.")


class OfficialMeridaStatements(StrictTable):
    """Merida Initiative funding figures as stated in official documents (CRS, GAO, U.S. Embassy).

    Not a series: each row is one sentence of one document. Requested, appropriated, delivered and
    obligated are different things; amount_type keeps each figure's own meaning.
    """

    publisher: Series[str] = pa.Field(title="Publisher", description="CRS, GAO or U.S. Embassy Mexico City (Dept. of State).")
    document: Series[str] = pa.Field(title="Document", description="Document title and number.")
    document_date: Series[pd.Timestamp] = pa.Field(
        title="Document date", nullable=True, description="Publication date; empty when undated."
    )
    recipient_scope: Series[str] = pa.Field(title="Recipient", description="Mexico, or Mexico and Central America.")
    fy_start: Series[pd.Int64Dtype] = pa.Field(
        title="First fiscal year", nullable=True, description="First U.S. fiscal year covered (empty when not stated)."
    )
    fy_end: Series[pd.Int64Dtype] = pa.Field(
        title="Last fiscal year", nullable=True, description="Last U.S. fiscal year covered (empty when not stated)."
    )
    amount_usd: Series[int] = pa.Field(
        title="Amount (USD)",
        ge=0,
        description="Amount in current U.S. dollars (the statement's millions x 1,000,000).",
        metadata={"unit": "current U.S. dollars"},
    )
    amount_type: Series[str] = pa.Field(
        title="Amount type",
        description="What the amount is: requested, appropriated, delivered, ... with the statement's own wording.",
    )
    quoted_text: Series[str] = pa.Field(title="Quoted words", description="The sentence of the document that gives the amount.")
    url: Series[str] = pa.Field(title="Address (URL)", description="Where the statement was read.")


class ReportedExtraditions(StrictTable):
    """Extraditions from Mexico as reported by officials or the press: figures, not an official series.

    Sources disagree (2008 is given as 85 and as 95) and scopes differ: all persons, Mexican nationals
    only, all destination countries, extraditions authorized. Do not read the rows as one series.
    """

    period_start: Series[str] = pa.Field(title="From", str_matches=ANY_PERIOD_PATTERN, description="First day covered.")
    period_end: Series[str] = pa.Field(title="To", str_matches=ANY_PERIOD_PATTERN, description="Last day covered.")
    extraditions: Series[int] = pa.Field(
        title="Extraditions (count)",
        ge=0,
        description="Persons extradited in the period, in the row's scope.",
        metadata={"unit": "persons"},
    )
    scope: Series[str] = pa.Field(title="Scope", description="Who is counted, in the report's words.")
    reported_by: Series[str] = pa.Field(title="Reported by", description="Who gave the figure (and who quoted it).")
    url: Series[str] = pa.Field(title="Address (URL)", description="Where the figure was read.")


class ReportedFirearmTraces(StrictTable):
    """Firearms seized in Mexico and traced by ATF, as reported by GAO, ATF and the press (aggregates only).

    eTrace counts only the firearms Mexico asked the U.S. to trace, not all firearms seized.
    """

    period_start: Series[str] = pa.Field(
        title="From",
        nullable=True,
        str_matches=ANY_PERIOD_PATTERN,
        description="First year, month or day covered; empty when the report gives none.",
    )
    period_end: Series[str] = pa.Field(title="To", str_matches=ANY_PERIOD_PATTERN, description="Last year, month or day covered.")
    metric: Series[str] = pa.Field(title="Metric", description="What the figure counts, in the report's words.")
    value: Series[float] = pa.Field(
        title="Value", ge=0, description="The figure, in unit.", metadata={"unit": "see the unit column"}
    )
    unit: Series[str] = pa.Field(title="Unit", description="firearms, percent or traces, with the report's qualifier.")
    reported_by: Series[str] = pa.Field(title="Reported by", description="Who gave the figure.")
    url: Series[str] = pa.Field(title="Address (URL)", description="Where the figure was read.")


class OfficialMexicoHomicideVintages(StrictTable):
    """Other vintages of Mexico's INEGI homicide counts and rates: each is a candidate counterpart of a claim.

    The main series (official_mexico_homicides) joins INEGI's 2018 OLAP export (1990-2016) and the 2024
    microdata counts (2017-2023), with CONAPO 2023 population. Here are the vintages it does not show:
    the 2024 microdata counts for 2004-2016 (they differ from the export by 0-3 deaths a year), the
    export's counts over the population printed in its own 2018 source table (an older population
    vintage), and INEGI's preliminary and definitive figures as reported in the press. Rates are
    computed by secstats except the press-reported ones, which are INEGI's as published.
    """

    year: Series[int] = pa.Field(title="Year", ge=1990, le=2100, description="Calendar year of registration.")
    vintage: Series[str] = pa.Field(
        title="Vintage (date published)",
        isin=[
            "inegi_microdata_2024",
            "inegi_olap_export_2018_population_2018",
            "inegi_press_preliminary",
            "inegi_press_definitive",
            "inegi_press_status_not_stated",
        ],
        description="Which vintage (data file and population, or press release status) the figures come from.",
    )
    homicides: Series[pd.Int64Dtype] = pa.Field(
        title="Homicides (count)",
        nullable=True,
        ge=0,
        description="Deaths by homicide in that vintage; empty when only a rate was reported.",
        metadata={"unit": "persons"},
    )
    rate_per_100k: Series[float] = pa.Field(
        title="Rate per 100,000 people",
        nullable=True,
        ge=0,
        description="Homicides per 100,000 inhabitants, in that vintage's population; empty when none.",
        metadata={"unit": "homicides per 100,000 inhabitants"},
    )
    rate_derivation: Series[str] = pa.Field(
        title="How the rate was derived",
        nullable=True,
        description="How the rate was obtained: computed by secstats (with the population used), or as published.",
    )
    source: Series[str] = pa.Field(
        title="Source", description="Publisher, dataset and vintage (and the page, for press reports)."
    )


class OfficialMexicoPresidentialTerms(StrictTable):
    """Mexican presidential terms, used to read claims written as a term of office ("under Vicente Fox").

    A claim whose period is a term's calendar years and whose quote names its president is tried both
    as written and without the term's partial first year. Not a statistic: calendar knowledge, each row
    with the page it comes from (data/raw/reference/mexico/PROVENANCE.md, C1).
    """

    president: Series[str] = pa.Field(title="President", description="Full name.")
    surname: Series[str] = pa.Field(
        title="Surname", description="The name a document uses for the term ('under Fox'), matched in quotes without accents."
    )
    term_start: Series[str] = pa.Field(title="Term began", str_matches=r"^\d{4}-\d{2}-\d{2}$", description="First day in office.")
    term_end: Series[str] = pa.Field(title="Term ended", str_matches=r"^\d{4}-\d{2}-\d{2}$", description="Last day in office.")
    source: Series[str] = pa.Field(title="Source", description="Where the dates were read.")
    url: Series[str] = pa.Field(title="Address (URL)", description="The page.")


# ---------------------------------------------------------------------------------------------
# Checks of the claims: against official series, and against each other.

MATCH_KINDS = [
    "same_period",
    "aggregated",
    "other_vintage",
    "overlapping_period",
    "nearby_period",
    "earlier_cut_off",
    "component",
    "other_scope",
]
VERDICTS = ["matches", "close", "near_period", "sources_disagree", "inconsistent", "unverifiable"]
UNVERIFIABLE_REASONS = ["no_public_figure", "other_scope_only", "period_not_covered", "not_a_statistic"]
CITED_CHECKS = ["agrees", "differs", "not_in_source", "source_not_on_record", "no_citation"]
CITED_STATUSES = ["on_record", "not_public", "not_consulted"]
FINDINGS = ["states", "does_not_state"]
RELATIONS = ["same", "component", "total", "other_scope"]
FIGURE_KINDS = ["official", "reported", "estimate"]
DAY_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
MONTH_OR_DAY_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$"
SLUG = r"^[a-z0-9][a-z0-9-]*$"


# The cited record (data/ledger/cited_*.csv): what each source a document cites says, hand-curated.


class CitedSources(StrictTable):
    """The sources the documents cite, one row each, consulted or not: the origin record of the cited check."""

    cited_source_id: Series[str] = pa.Field(
        title="Cited source", unique=True, str_matches=SLUG, description="Stable id of the cited source, a lowercase slug."
    )
    publisher: Series[str] = pa.Field(title="Publisher", description="Who published the cited source.")
    title: Series[str] = pa.Field(title="Title", description="Its title (and authors).")
    url: Series[str] = pa.Field(title="Address (URL)", nullable=True, description="Where it is published; empty when not public.")
    date_published: Series[str] = pa.Field(
        title="Published",
        nullable=True,
        str_matches=ANY_PERIOD_PATTERN,
        description="When it was published: YYYY, YYYY-MM or YYYY-MM-DD.",
    )
    date_accessed: Series[str] = pa.Field(
        title="Accessed", nullable=True, str_matches=DAY_PATTERN, description="When its text was read, YYYY-MM-DD."
    )
    licence: Series[str] = pa.Field(
        title="Licence", nullable=True, description="The terms of the source (a licence name of secstats.raw.provenance)."
    )
    status: Series[str] = pa.Field(
        title="Status",
        isin=CITED_STATUSES,
        description="on_record (its text was read and its figures recorded), not_public, or not_consulted (not yet read).",
    )
    read_at: Series[str] = pa.Field(
        title="Where it was read", nullable=True, description="Where its text was read (a page address, a stored copy)."
    )
    note: Series[str] = pa.Field(title="Note", nullable=True, description="Curator's note.")


class CitedFigures(StrictTable):
    """What a cited source says about one claim: the figure in its own words, or that it states none."""

    claim_id: Series[str] = pa.Field(
        title="Claim", str_matches=r"^[a-z]+-\d{3}$", description="The ledger claim whose document cites the source."
    )
    cited_source_id: Series[str] = pa.Field(
        title="Cited source", str_matches=SLUG, description="The cited source (cited_sources.csv)."
    )
    finding: Series[str] = pa.Field(
        title="Finding", isin=FINDINGS, description="states (the source gives a figure for it) or does_not_state."
    )
    value: Series[float] = pa.Field(
        title="Figure stated",
        nullable=True,
        description="The figure the source states, in base units.",
        metadata={"unit": "see the unit column"},
    )
    value_high: Series[float] = pa.Field(
        title="Upper value",
        nullable=True,
        description="Upper bound of a range the source states.",
        metadata={"unit": "see the unit column"},
    )
    unit: Series[str] = pa.Field(title="Unit", nullable=True, isin=UNITS, description="Unit of value (the ledger's units).")
    qualifier: Series[str] = pa.Field(
        title="Qualifier", nullable=True, isin=QUALIFIERS, description="How the source's words bound the figure."
    )
    period_start: Series[str] = pa.Field(
        title="From", nullable=True, str_matches=ANY_PERIOD_PATTERN, description="First year, month or day the figure covers."
    )
    period_end: Series[str] = pa.Field(
        title="To", nullable=True, str_matches=ANY_PERIOD_PATTERN, description="Last year, month or day the figure covers."
    )
    year_basis: Series[str] = pa.Field(
        title="Year basis", nullable=True, isin=YEAR_BASES, description="calendar or U.S. fiscal years."
    )
    cut_off: Series[str] = pa.Field(
        title="Cut-off date",
        nullable=True,
        str_matches=DAY_PATTERN,
        description="The day a running total runs to, or a stock is counted at; empty for a flow over the period.",
    )
    relation: Series[str] = pa.Field(
        title="Relation to the claim",
        nullable=True,
        isin=RELATIONS,
        description="What the figure is to the claim: same thing, a component of it, the total it is part of, or another scope.",
    )
    words: Series[str] = pa.Field(
        title="Words as written", nullable=True, description="Verbatim from the cited source; holds the value as written."
    )
    location: Series[str] = pa.Field(
        title="Where in the source", nullable=True, description="Page, section or table of the source."
    )
    note: Series[str] = pa.Field(title="Note", nullable=True, description="Curator's note.")

    @pa.dataframe_check
    def states_a_figure(cls, df: pd.DataFrame) -> pd.Series:
        states = df["finding"] == "states"
        figure = df[["value", "unit", "qualifier", "relation", "words"]].notna().all(axis=1)
        silent = df["value"].isna() & df["words"].isna()
        return (states & figure) | (~states & silent)

    @pa.dataframe_check
    def one_row_per_claim_and_source(cls, df: pd.DataFrame) -> pd.Series:
        return ~df.duplicated(["claim_id", "cited_source_id"], keep=False)


class PublishedFigures(StrictTable):
    """Figures of official series as first published, with their date: the vintages a claim is judged against.

    data/raw/reference/vintages/published_figures.csv: one row per figure and publication date
    (press-reported first releases count, labelled 'reported'; non-official estimates 'estimate').
    """

    series: Series[str] = pa.Field(title="Series", description="The official clean table the figure is a vintage of.")
    measure: Series[str] = pa.Field(
        title="What is counted", str_matches=SNAKE_CASE, description="The ledger measure the figure counts."
    )
    geography: Series[str] = pa.Field(
        title="Where", str_matches=SNAKE_CASE, description="Where it applies (the ledger's geographies)."
    )
    period_start: Series[str] = pa.Field(
        title="From", str_matches=ANY_PERIOD_PATTERN, description="First year, month or day covered."
    )
    period_end: Series[str] = pa.Field(title="To", str_matches=ANY_PERIOD_PATTERN, description="Last year, month or day covered.")
    year_basis: Series[str] = pa.Field(title="Year basis", isin=YEAR_BASES, description="calendar or U.S. fiscal years.")
    value: Series[float] = pa.Field(
        title="Figure", description="The figure as published.", metadata={"unit": "see the unit column"}
    )
    unit: Series[str] = pa.Field(title="Unit", isin=UNITS, description="Unit of value (the ledger's units).")
    qualifier: Series[str] = pa.Field(
        title="Qualifier",
        isin=TABLED_QUALIFIERS,
        description="How the words bound the figure (the ledger's qualifiers): exact, approximate ('about', 'nearly', "
        "'almost'), more_than ('more than', 'surpassed'), ...",
    )
    published: Series[str] = pa.Field(
        title="Published", str_matches=MONTH_OR_DAY_PATTERN, description="When this figure was published: YYYY-MM-DD or YYYY-MM."
    )
    publisher: Series[str] = pa.Field(title="Publisher", description="Who published it (or reported it).")
    kind: Series[str] = pa.Field(
        title="Kind",
        isin=FIGURE_KINDS,
        description="official (the publisher's own release), reported (by the press) or estimate (non-official).",
    )
    words: Series[str] = pa.Field(
        title="Words as written", description="Verbatim from where it was read; holds the value as written."
    )
    url: Series[str] = pa.Field(title="Address (URL)", nullable=True, description="Where it was read.")
    read_at: Series[str] = pa.Field(
        title="Where it was read", nullable=True, description="How it was read (a stored copy, an archive)."
    )
    accessed: Series[str] = pa.Field(
        title="Accessed", nullable=True, str_matches=DAY_PATTERN, description="When it was read, YYYY-MM-DD."
    )
    licence: Series[str] = pa.Field(title="Licence", nullable=True, description="The terms of the page.")
    note: Series[str] = pa.Field(title="Note", nullable=True, description="Curator's note.")


class ClaimBeside(StrictTable):
    """The claim columns the reconciliation and the verdicts share: a claim as stated, before what it is set beside."""

    claim_id: Series[str] = pa.Field(title="Claim", description="The ledger claim.")
    source_id: Series[str] = pa.Field(title="Document", description="The document the claim is quoted from.")
    family: Series[str] = pa.Field(
        title="Family",
        isin=vocabulary.family_names(),
        str_matches=SNAKE_CASE,
        description="Indicator family of the claim (one of the families secstats declares).",
    )
    measure: Series[str] = pa.Field(title="What is counted", str_matches=SNAKE_CASE, description="What the claim counts.")
    geography: Series[str] = pa.Field(title="Where", str_matches=SNAKE_CASE, description="Where the claim applies.")
    period_start: Series[str] = pa.Field(
        title="From", str_matches=PERIOD_PATTERN, description="First year (or month) of the claim."
    )
    period_end: Series[str] = pa.Field(title="To", str_matches=PERIOD_PATTERN, description="Last year (or month) of the claim.")
    year_basis: Series[str] = pa.Field(title="Year basis", isin=YEAR_BASES, description="calendar or U.S. fiscal years.")
    unit: Series[str] = pa.Field(title="Unit", isin=UNITS, description="Unit of the claim's and the official values.")
    qualifier: Series[str] = pa.Field(title="Qualifier", isin=QUALIFIERS, description="How the document bounds the claim.")
    claim_value: Series[float] = pa.Field(
        title="Claim's value", description="The value the document states.", metadata={"unit": "see the unit column"}
    )
    claim_value_high: Series[float] = pa.Field(
        title="Claim's upper value",
        nullable=True,
        description="Upper bound of a range claim.",
        metadata={"unit": "see the unit column"},
    )


class Reconciliation(ClaimBeside):
    """Every candidate official counterpart of each claim of the five families, one row per candidate.

    A candidate is an official or reported figure for the claim's measure and geography, found one of
    six ways (match): same_period; aggregated (the sum, or mean, of annual rows over the claim's span,
    every year present); other_vintage (same period, another vintage or population); overlapping_period;
    nearby_period (an adjacent period, tried when a series does not cover the claim's); other_scope (a
    related figure of a wider or narrower scope). Spans written as a term of office are tried as the
    term's calendar years and without its partial first year (reading). within_tolerance applies the
    qualifier-aware rule of secstats.core.semantics; the verdict per claim is in the verdicts table. A claim
    with no candidate has one row with the reason. Official series differ from the documents' sources
    in vintage and definition (INEGI by year of registration, SESNSP revisions, overlapping drug
    categories, all U.S. aid vs Merida): read official_derivation.
    """

    match: Series[str] = pa.Field(
        title="Match",
        nullable=True,
        isin=MATCH_KINDS,
        description="How the candidate was found (see the table description); empty when there is none.",
    )
    reading: Series[str] = pa.Field(
        title="Claim's period read as",
        nullable=True,
        description="How the claim's period was read for this candidate: 'as written', or a labelled reading of a term of office.",
    )
    official_value: Series[float] = pa.Field(
        title="Official value",
        nullable=True,
        description="The candidate figure; empty when there is none.",
        metadata={"unit": "see the unit column"},
    )
    official_period_start: Series[str] = pa.Field(
        title="Official from",
        nullable=True,
        str_matches=PERIOD_PATTERN,
        description="First year (or month) the candidate covers.",
    )
    official_period_end: Series[str] = pa.Field(
        title="Official to", nullable=True, str_matches=PERIOD_PATTERN, description="Last year (or month) the candidate covers."
    )
    official_series: Series[str] = pa.Field(
        title="Official series", nullable=True, description="The secstats table (and series or vintage) the candidate comes from."
    )
    official_source: Series[str] = pa.Field(
        title="Official source", nullable=True, description="Publisher and dataset (or reporter) of the candidate."
    )
    official_scope: Series[str] = pa.Field(
        title="Official scope",
        nullable=True,
        description="What the candidate counts, when it differs from or qualifies the claim's measure.",
    )
    official_derivation: Series[str] = pa.Field(
        title="How the official figure was derived",
        nullable=True,
        description="How the candidate was read or computed (sums with their terms, ratios, rates).",
    )
    difference: Series[float] = pa.Field(
        title="Difference (claim minus figure)",
        nullable=True,
        description="claim_value - official_value, in unit.",
        metadata={"unit": "see the unit column"},
    )
    relative_difference_percent: Series[float] = pa.Field(
        title="Difference (% of the figure)",
        nullable=True,
        description="difference / official_value x 100, to 0.01.",
        metadata={"unit": "percent"},
    )
    tolerance: Series[float] = pa.Field(
        title="Tolerance",
        nullable=True,
        ge=0,
        description="Largest |difference| the claim's words allow (0 for bounds).",
        metadata={"unit": "see the unit column"},
    )
    rule: Series[str] = pa.Field(title="Test", nullable=True, description="The tolerance rule applied, with its numbers.")
    within_tolerance: Series[pd.BooleanDtype] = pa.Field(
        title="Within tolerance",
        nullable=True,
        description="True when the claim's words allow the candidate figure; empty when there is no candidate.",
    )
    reason: Series[str] = pa.Field(
        title="Why no test",
        nullable=True,
        description="Why there is no candidate (no series, period not covered, geography not covered).",
    )

    @pa.dataframe_check
    def counterpart_or_reason(cls, df: pd.DataFrame) -> pd.Series:
        no_candidate = df["match"].isna()
        return (no_candidate == df["official_value"].isna()) & (no_candidate == df["reason"].notna())


class Verdicts(ClaimBeside):
    """One row per ledger claim, checked two ways: against the official record, and against the source it cites.

    The official verdict (matches, close, near_period, sources_disagree, inconsistent, unverifiable with
    a reason) is reached first against the figure of the day (the latest vintage published on or before
    the document's date), then against the current series; a later revision is shown beside it
    (vintage_* and latest_* columns) and never turns a right claim wrong. The cited check says whether
    the source the document cites states the figure. The rules and their precedence are in
    docs/verdicts.md, generated from secstats.checks.verdicts.
    """

    verdict: Series[str] = pa.Field(
        title="Verdict",
        isin=VERDICTS,
        description="matches, close, near_period, sources_disagree, inconsistent or unverifiable (docs/verdicts.md).",
    )
    reason: Series[str] = pa.Field(
        title="Why unverifiable",
        nullable=True,
        isin=UNVERIFIABLE_REASONS,
        description="Why an unverifiable claim is: no_public_figure, other_scope_only, period_not_covered or not_a_statistic.",
    )
    best_value: Series[float] = pa.Field(
        title="Figure the verdict rests on",
        nullable=True,
        description="The candidate the verdict rests on; empty when there is none.",
        metadata={"unit": "see the unit column"},
    )
    best_match: Series[str] = pa.Field(
        title="Its match", nullable=True, isin=MATCH_KINDS, description="How that candidate was found."
    )
    best_period_start: Series[str] = pa.Field(
        title="Its period from",
        nullable=True,
        str_matches=PERIOD_PATTERN,
        description="First year (or month) that candidate covers.",
    )
    best_period_end: Series[str] = pa.Field(
        title="Its period to",
        nullable=True,
        str_matches=PERIOD_PATTERN,
        description="Last year (or month) that candidate covers.",
    )
    best_source: Series[str] = pa.Field(
        title="Its source", nullable=True, description="Publisher and dataset (or reporter) of that candidate."
    )
    best_reading: Series[str] = pa.Field(
        title="Claim's period read as", nullable=True, description="How the claim's period was read for that candidate."
    )
    difference: Series[float] = pa.Field(
        title="Difference (claim minus figure)",
        nullable=True,
        description="claim_value - best_value, in unit.",
        metadata={"unit": "see the unit column"},
    )
    relative_difference_percent: Series[float] = pa.Field(
        title="Difference (% of the figure)",
        nullable=True,
        description="difference / best_value x 100, to 0.01; empty for percentages, whose difference is in points.",
        metadata={"unit": "percent"},
    )
    candidates: Series[int] = pa.Field(
        title="Figures compared (count)",
        ge=0,
        description="How many candidate counterparts the reconciliation table lists for the claim.",
    )
    explanation: Series[str] = pa.Field(
        title="Explanation",
        str_length={"min_value": 1},
        description="One or two plain sentences a reader can check: the official verdict and why.",
    )
    vintage_value: Series[float] = pa.Field(
        title="Figure of the day",
        nullable=True,
        description="The figure of the day: the latest vintage for the claim's period published on or before its document.",
        metadata={"unit": "see the unit column"},
    )
    vintage_published: Series[str] = pa.Field(
        title="Figure of the day published",
        nullable=True,
        str_matches=MONTH_OR_DAY_PATTERN,
        description="When the figure of the day was published.",
    )
    vintage_source: Series[str] = pa.Field(
        title="Figure of the day's source", nullable=True, description="Who published the figure of the day, and its kind."
    )
    latest_value: Series[float] = pa.Field(
        title="Latest figure",
        nullable=True,
        description="The latest figure for the same period, when it was revised after the figure of the day.",
        metadata={"unit": "see the unit column"},
    )
    latest_source: Series[str] = pa.Field(
        title="Latest figure's source",
        nullable=True,
        description="Who published the revision, and when when the record says (else the current release of a series we hold).",
    )
    cited_check: Series[str] = pa.Field(
        title="Cited-source check",
        isin=CITED_CHECKS,
        description="agrees, differs, not_in_source, source_not_on_record or no_citation: does the cited source state the figure?",
    )
    cited_value: Series[float] = pa.Field(
        title="Cited source's figure",
        nullable=True,
        description="The figure the cited source states for the claim.",
        metadata={"unit": "see the unit column"},
    )
    cited_source: Series[str] = pa.Field(
        title="Cited source", nullable=True, description="The cited source, as data/ledger/cited_sources.csv names it."
    )
    cited_explanation: Series[str] = pa.Field(
        title="Cited-source explanation",
        str_length={"min_value": 1},
        description="One plain sentence: what the cited source says.",
    )

    @pa.dataframe_check
    def reason_for_unverifiable(cls, df: pd.DataFrame) -> pd.Series:
        return (df["verdict"] == "unverifiable") == df["reason"].notna()

    @pa.dataframe_check
    def cited_value_when_stated(cls, df: pd.DataFrame) -> pd.Series:
        return df["cited_check"].isin(["agrees", "differs"]) == df["cited_value"].notna()

    @pa.dataframe_check
    def one_row_per_claim(cls, df: pd.DataFrame) -> pd.Series:
        return ~df["claim_id"].duplicated(keep=False)

    @pa.dataframe_check
    def best_or_unverifiable(cls, df: pd.DataFrame) -> pd.Series:
        return (df["verdict"] == "unverifiable") | df["best_value"].notna() | df["vintage_value"].notna()


class Contradictions(StrictTable):
    """Pairs of claims about the same quantity and geography that cannot both hold within their stated precision.

    Found from the ledger's quantity key (secstats.checks.contradictions): for the same period, the values the
    two claims' words allow do not meet; a total over a period inside another exceeds the larger
    period's total; or a document's parts of a place add up to more than the whole. Compatible pairs
    are not listed; durations and counts at a moment are compared only for the same period.
    incompatible: same measure; differs: different scopes of one quantity, which may explain the gap.
    Claim b may be a sum of several claims (ids joined by '+').
    """

    quantity: Series[str] = pa.Field(
        title="Quantity compared",
        str_matches=SNAKE_CASE,
        description="The quantity both claims estimate (ledger column quantity).",
    )
    geography: Series[str] = pa.Field(
        title="Where", str_matches=SNAKE_CASE, description="Geography of claim a (claim b may be its parts)."
    )
    claim_a: Series[str] = pa.Field(title="Claim A", description="First claim id.")
    claim_b: Series[str] = pa.Field(title="Claim B", description="Second claim id, or several joined by '+' when summed.")
    same_document: Series[bool] = pa.Field(title="Same document", description="True when both claims come from one document.")
    value_a: Series[float] = pa.Field(title="Value A", description="Value of claim a.", metadata={"unit": "see the unit column"})
    value_b: Series[float] = pa.Field(
        title="Value B", description="Value of claim b (the sum, for several).", metadata={"unit": "see the unit column"}
    )
    unit: Series[str] = pa.Field(title="Unit", isin=UNITS, description="Unit of both values.")
    qualifier_a: Series[str] = pa.Field(title="Qualifier A", isin=QUALIFIERS, description="Qualifier of claim a.")
    qualifier_b: Series[str] = pa.Field(title="Qualifier B", description="Qualifier(s) of claim b.")
    period_a: Series[str] = pa.Field(title="Period A", description="Period of claim a (start-end).")
    period_b: Series[str] = pa.Field(title="Period B", description="Period of claim b.")
    differs: Series[str] = pa.Field(title="Differs", description="What differs: value, period and/or scope, joined by '; '.")
    difference: Series[float] = pa.Field(
        title="Difference (A minus B)", description="value_a - value_b, in unit.", metadata={"unit": "see the unit column"}
    )
    relative_difference_percent: Series[float] = pa.Field(
        title="Difference (% of B)", nullable=True, description="difference / value_b x 100.", metadata={"unit": "percent"}
    )
    verdict: Series[str] = pa.Field(
        title="Finding",
        isin=["incompatible", "differs"],
        description="incompatible (same measure) or differs (different scopes; see the table description).",
    )
    explanation: Series[str] = pa.Field(
        title="Explanation", description="One sentence: both claims in words, and why they cannot both hold."
    )


# ---------------------------------------------------------------------------------------------
# Coverage: every quantity of every registered document is a claim or a reasoned dismissal.

DISMISSAL_REASONS = ["out_of_scope", "rhetorical", "not_a_quantity"]
DUPLICATE_REASON = r"duplicate_of:[a-z]+-\d{3}"  # a repeat of a ledger claim


class Dismissed(StrictTable):
    """Numbers of the registered documents that the extractor finds and the ledger leaves out, each with its reason."""

    source_id: Series[str] = pa.Field(title="Document", description="Id of the source document in data/raw/sources/sources.csv.")
    quote_start: Series[int] = pa.Field(
        title="Position in text (characters)", ge=0, description="0-based character offset of text in the document."
    )
    text: Series[str] = pa.Field(
        title="Number as written", str_length={"min_value": 1}, description="Verbatim fragment holding the number."
    )
    reason: Series[str] = pa.Field(
        title="Why left out",
        str_matches=rf"^(?:{'|'.join(DISMISSAL_REASONS)}|{DUPLICATE_REASON})$",
        description="out_of_scope, rhetorical, not_a_quantity, or duplicate_of:<claim_id> (a repeat of a ledger claim).",
    )
    note: Series[str] = pa.Field(title="Note", nullable=True, description="Why the number is left out, in the curator's words.")


class Coverage(StrictTable):
    """Per registered document: the quantities the extractor finds, how many are ledger claims, and how many are dismissed, by reason."""

    source_id: Series[str] = pa.Field(title="Document", unique=True, description="Id of the source document.")
    file: Series[str] = pa.Field(title="File", description="The document's file in data/raw/sources/.")
    found: Series[int] = pa.Field(
        title="Numbers found (count)",
        ge=0,
        description="Quantities the extractor finds in the document (years, dates, endnotes and other non-quantities excluded).",
        metadata={"unit": "quantities"},
    )
    claimed: Series[int] = pa.Field(
        title="In the ledger (count)",
        ge=0,
        description="Found quantities that are a ledger claim (same value, overlapping quote).",
        metadata={"unit": "quantities"},
    )
    dismissed: Series[int] = pa.Field(
        title="Left out (count)",
        ge=0,
        description="Found quantities listed in data/ledger/dismissed.csv.",
        metadata={"unit": "quantities"},
    )
    dismissed_out_of_scope: Series[int] = pa.Field(
        title="Left out: out of scope (count)",
        ge=0,
        description="Dismissed as outside the indicators' scope.",
        metadata={"unit": "quantities"},
    )
    dismissed_rhetorical: Series[int] = pa.Field(
        title="Left out: rhetorical (count)",
        ge=0,
        description="Dismissed as a figure of speech, not a measurement.",
        metadata={"unit": "quantities"},
    )
    dismissed_not_a_quantity: Series[int] = pa.Field(
        title="Left out: not a quantity (count)",
        ge=0,
        description="Dismissed as a number that counts nothing (a reference, a label).",
        metadata={"unit": "quantities"},
    )
    dismissed_duplicate: Series[int] = pa.Field(
        title="Left out: repeats (count)",
        ge=0,
        description="Dismissed as a repeat of a ledger claim (duplicate_of:<claim_id>).",
        metadata={"unit": "quantities"},
    )

    @pa.dataframe_check
    def every_quantity_accounted(cls, df: pd.DataFrame) -> pd.Series:
        reasons = df[["dismissed_out_of_scope", "dismissed_rhetorical", "dismissed_not_a_quantity", "dismissed_duplicate"]]
        return (df["found"] == df["claimed"] + df["dismissed"]) & (df["dismissed"] == reasons.sum(axis=1))


# ---------------------------------------------------------------------------------------------
# Published only: the link between derived rows and the claims they rest on (see secstats.publish.publication).


class DerivationInputs(StrictTable):
    """The claims each derived row rests on: one row per (table, row, input claim), instead of ids joined in a cell.

    Derived rows of the claim tables list their inputs (role input); every row of contradictions lists
    claim a (role claim_a) and each claim summed into claim b (role claim_b).
    """

    table: Series[str] = pa.Field(title="Table", description="The published table that holds the row.")
    row_id: Series[str] = pa.Field(title="Row", description="The row's key (row_id) in that table.")
    claim_id: Series[str] = pa.Field(title="Claim", str_matches=r"^[a-z]+-\d{3}$", description="A ledger claim the row rests on.")
    role: Series[str] = pa.Field(
        title="Role",
        isin=["input", "claim_a", "claim_b"],
        description="input (of a derivation), or the side of a contradiction the claim is on.",
    )
