"""Stage 2: tidy, validated tables in ``data/clean/``, built only from ledger claims.

Each table is declared once, with its family in ``secstats.clean.families``, as a ``TableSpec``: its pandera
model, the ledger measures it takes (with the dimension values each measure implies), the measures of
its family it leaves out and why, and the derivations that compute values the documents imply but do
not state. This module holds the machinery: the derivations and the assembly of a table. Derived rows carry the formula
and the ids of the claims they use, so every number in ``data/clean/`` traces back to a quote.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa

from secstats.core.semantics import rounding_unit

LEDGER_COLUMNS = [
    "measure",
    "geography",
    "period_start",
    "period_end",
    "period_type",
    "year_basis",
    "value",
    "value_high",
    "unit",
    "qualifier",
    "claim_id",
    "source_id",
]

Derivation = Callable[[pd.DataFrame], pd.DataFrame]


@dataclass(frozen=True)
class TableSpec:
    """How one clean table is made from the ledger."""

    name: str
    model: type[pa.DataFrameModel]
    measures: Mapping[str, Mapping[str, str]]  # ledger measure -> dimension values it implies
    left_out: Mapping[str, str] = field(default_factory=dict)  # measure of the family -> why it is not here
    derivations: tuple[Derivation, ...] = ()

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def description(self) -> str:
        return (self.model.__doc__ or "").strip()


# --- derivations: values the documents imply but do not state ------------------------------------


def derived_row(template: pd.Series, inputs: pd.DataFrame, **values: object) -> dict:
    """A derived row: the template's period and place, the inputs' ids, and the new values."""
    row = template.to_dict()
    row.update(
        processing="derived",
        value_high=None,
        claim_id=";".join(inputs["claim_id"]),
        source_id=";".join(inputs["source_id"].unique()),
    )
    row.update(values)
    return row


def rows_by(table: pd.DataFrame, keys: list[str]) -> dict[tuple, pd.DataFrame]:
    """The table's rows grouped by ``keys`` (rows in table order): one pass, then a lookup per claim
    rather than a scan of the ledger per claim, so derivations grow with the ledger, not its square."""
    # not dict(groupby): dict() takes a GroupBy for a mapping and calls its .keys, a list
    return {key: group for key, group in table.groupby(keys, sort=False)}  # noqa: C416


def loosest_qualifier(inputs: pd.DataFrame) -> str:
    """exact only when every input is exact; anything else makes arithmetic on it approximate."""
    return "exact" if (inputs["qualifier"] == "exact").all() else "approximate"


def per_year_averages(stated: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Average per year of totals stated over a span of whole years (2000-2006 counts as 6 years)."""
    whole_years = (stated["period_start"].str.len() == 4) & (stated["period_end"].str.len() == 4)
    spans = stated[(stated["measure"] == measure) & (stated["period_type"] == "span") & whole_years]
    spans = spans[spans["period_end"].astype(int) > spans["period_start"].astype(int)]  # no division by zero years
    rows = []
    for _, total in spans.iterrows():
        years = int(total["period_end"]) - int(total["period_start"])
        figures = significant_figures(total["value"])  # the count of years is exact: the total sets the precision
        rows.append(
            derived_row(
                total,
                total.to_frame().T,
                measure=f"{measure}_per_year_average",
                unit="count_per_year",
                value=round_to_figures(total["value"] / years, figures),
                qualifier=total["qualifier"],
                derivation=f"{total['claim_id']} / {years} years ({total['period_start']}-{total['period_end']} "
                f"as written; a presidential term counts as its 6 calendar years); rounded to {figures} "
                "significant figures, those of the total as written",
            )
        )
    return pd.DataFrame(rows)


def significant_figures(value: float) -> int:
    """How many figures a stated number carries, read from its rounding unit (33 -> 2, 72,000 -> 2, 3 -> 1)."""
    return len(str(round(abs(value) / rounding_unit(value))))


def round_to_figures(value: float, figures: int) -> float:
    """``value`` rounded to ``figures`` significant figures (25,068 to 2 -> 25,000)."""
    if value == 0:
        return 0.0
    return float(round(value, figures - 1 - math.floor(math.log10(abs(value)))))


def implied_earlier_levels(
    stated: pd.DataFrame, change: str, level: str, growth: Callable[[pd.Series], float], wording: str
) -> pd.DataFrame:
    """The earlier level implied by a later level and the stated change between the two years.

    A change is read against the level stated nearest to it in the same document (its own sentence),
    not against every level a document gives for that year.
    """
    rows = []
    levels = rows_by(stated[stated["measure"] == level], ["source_id", "period_start", "period_end"])
    for _, step in stated[stated["measure"] == change].iterrows():
        later = levels.get((step["source_id"], step["period_end"], step["period_end"]))
        if later is None:
            continue
        known = later.loc[(later["quote_start"] - step["quote_start"]).abs().idxmin()]
        inputs = pd.DataFrame([known, step])
        # A quotient is no more precise than its least precise input: "33 percent" gives 2 figures.
        figures = min(significant_figures(known["value"]), significant_figures(step["value"]))
        rows.append(
            derived_row(
                known,
                inputs,
                period_start=step["period_start"],
                period_end=step["period_start"],
                # A zero baseline ("0 times", "-100 percent") implies no earlier level: infinity, which validation reports.
                value=round_to_figures(known["value"] / growth(step), figures) if growth(step) else math.inf,
                qualifier="approximate",
                derivation=f"{known['claim_id']} / {wording.format(change=step['claim_id'])}; rounded to {figures} "
                f"significant figure{'s' if figures > 1 else ''}, the fewest of its inputs (as written); "
                "approximate because the stated figures are rounded",
            )
        )
    return pd.DataFrame(rows)


def share_remainders(stated: pd.DataFrame, measure: str) -> pd.DataFrame:
    """100 minus the shares one source gives for one period: the origins it does not name."""
    rows = []
    shares = stated[stated["measure"] == measure]
    for _, group in shares.groupby(["source_id", "period_start", "period_end"], sort=True):
        named = ", ".join(group["geography"])
        rows.append(
            derived_row(
                group.iloc[0],
                group,
                geography="all_other_origins",
                value=round(100 - group["value"].sum(), 6),
                qualifier=loosest_qualifier(group),
                derivation=f"100 - ({' + '.join(group['claim_id'])}): share of origins other than {named}",
            )
        )
    return pd.DataFrame(rows)


def differences(stated: pd.DataFrame, minuend: str, subtrahend: str, measure: str, dimensions: Mapping[str, str]) -> pd.DataFrame:
    """``minuend - subtrahend`` for claims of one source from one start (e.g. allocated - disbursed: the
    disbursed part may be a running total to a date before the allocated span ends)."""
    rows = []
    keys = ["source_id", "period_start"]
    subtrahends = rows_by(stated[stated["measure"] == subtrahend], keys)
    for _, first in stated[stated["measure"] == minuend].iterrows():
        matches = subtrahends.get(tuple(first[keys]), stated.iloc[:0])
        for _, second in matches.iterrows():
            inputs = pd.DataFrame([first, second])
            rows.append(
                derived_row(
                    first,
                    inputs,
                    measure=measure,
                    value=first["value"] - second["value"],
                    qualifier=loosest_qualifier(inputs),
                    derivation=f"{first['claim_id']} - {second['claim_id']}",
                    **dimensions,
                )
            )
    return pd.DataFrame(rows)


def stated_rows(ledger: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """The ledger claims a table takes, with the dimension values their measure implies."""
    # quote_start is kept for derivations that pair claims by their place in the text; not published.
    rows = ledger.loc[ledger["measure"].isin(list(spec.measures)), [*LEDGER_COLUMNS, "quote_start"]].copy()
    rows["processing"] = "stated"
    rows["derivation"] = None
    for dimension in {d for values in spec.measures.values() for d in values}:
        rows[dimension] = rows["measure"].map(lambda m, d=dimension: spec.measures[m][d])
    return rows


def assemble(ledger: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """Stated rows plus derived rows, in the model's column order, sorted so rebuilds are identical."""
    stated = stated_rows(ledger, spec)
    derived = [derive(stated) for derive in spec.derivations]
    table = pd.concat([stated, *[d for d in derived if not d.empty]], ignore_index=True)
    columns = list(spec.model.to_schema().columns)
    table = table[columns].sort_values(["measure", "period_start", "period_end", "geography", "claim_id"], kind="stable")
    return table.reset_index(drop=True)
