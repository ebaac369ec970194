"""Stage 3b: one row per ledger claim, checked two ways.

**The official verdict**: Does the official record bear the figure out? It is reached in this order
(``PRECEDENCE``; the first that applies wins):

0. the figure of the day (``secstats.clean.vintages``): when an official or press-reported figure for the
   claim's period was published on or before its document, the claim is judged against it; a later
   revision is shown beside it and named, never turning a right claim wrong. A non-official estimate
   never decides alone, and a figure of the day that is only a bound ("more than 15 percent") gives way
   to the current series' figure for the claim's own period;
1. otherwise against the current series (the reconciliation's candidates), keeping only the most
   authoritative candidates for the claim's own period (``AUTHORITY``: the publisher's own published
   figure, then a press report of it, then a figure secstats computes, such as a rate over a population
   vintage); for a span written as a term of office, the term's reading is tried first;
2. then the words, in ``PRECEDENCE`` order.

Distances are relative to the official figure (``CLOSE_MARGIN``), except for percentages (shares and
changes), which are compared in percentage points (``CLOSE_POINTS``).

**The cited check** (``secstats.ledger.cited``): does the source the document cites state the figure?
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd

from secstats.checks.contradictions import DURATION_UNITS
from secstats.checks.reconciliation import BOUNDS, NEAR_PERIOD, OWN_PERIOD, candidates_of
from secstats.clean.vintages import Vintages, figure_of_the_day
from secstats.core.periods import Period, describe
from secstats.core.schemas import ClaimBeside
from secstats.core.semantics import POINTS_UNITS, amount, both_true, said_with, stated, words_of
from secstats.ledger.cited import CitedRecord, cited_check

CLOSE_MARGIN = 0.05  # "close": within 5 percent of the official figure ...
CLOSE_POINTS = 1.0  # ... or, for a percentage, within 1 percentage point
# verdict -> when it applies, in precedence order (docs/verdicts.md is generated from this)
PRECEDENCE = {
    "sources_disagree": "candidates for the claim's own period disagree with each other, and the claim matches some "
    "but not all of them, or lies between them",
    "matches": "the figure of the day, or a candidate for the claim's own period and scope, lies inside what the "
    "claim's words allow",
    "close": f"none does, but the nearest is within {CLOSE_MARGIN:.0%} of it (within {CLOSE_POINTS:g} percentage "
    "point for a percentage)",
    "near_period": "the claim matches, or is close to, a figure only for an overlapping or nearby period",
    "inconsistent": "figures for the claim's own period exist and it is further than that from all of them, or it "
    "is below a running total to an earlier date",
    "unverifiable": "no figure for the claim's own period and scope (the reason column says why)",
}
# reason code -> what it means (docs/verdicts.md)
REASONS = {
    "no_public_figure": "no official figure for this measure in our reference data (we do not claim that none "
    "exists anywhere, unless the explanation says so)",
    "other_scope_only": "only figures of another scope (a wider or narrower count, a part of the total) are on record",
    "period_not_covered": "the series we hold do not cover the claim's period, or only a running total to an "
    "earlier date does (a lower bound)",
    "not_a_statistic": "a duration, or a count of the document's own apparatus or of an institution's parts: words, "
    "not a statistic a series could hold",
}
# How much a candidate can be trusted to decide, best first (the tier of each candidate: ``authority``).
AUTHORITY = (
    "published by its publisher",
    "reported by the press",
    "computed by secstats",
)
OPEN_BOUNDS = ("more_than", "at_least", "less_than")  # a figure of the day so qualified bounds, never gives, the figure
NONE_PUBLISHED = "none published:"  # a family counterpart reason that says no figure exists anywhere


@dataclass(frozen=True)
class Verdict:
    """A claim's verdict, the candidate it rests on (None when there is none to show), why, and the
    reason code when unverifiable."""

    verdict: str
    best: pd.Series | None
    explanation: str
    reason: str | None = None


# --- words for the explanation -------------------------------------------------------------------


def figure(row: pd.Series) -> str:
    """A candidate in words: its value, period, source and how it was obtained."""
    reading = "" if row["reading"] == "as written" else f", reading the claim's period as the {row['reading']}"
    period = describe(row["official_period_start"], row["official_period_end"], row["year_basis"] == "fiscal")
    return (
        f"{amount(row['official_value'], row['unit'])} for {period} "
        f"({row['official_source']}; {row['official_derivation']}{reading})"
    )


def claim_words(row: pd.Series) -> str:
    """The claim as stated, with its qualifier: 'exact 211', 'approximate 250,000'."""
    return stated(row["qualifier"], row["claim_value"], row["claim_value_high"], row["unit"])


def in_points(unit: str) -> bool:
    """Percentages (shares and changes) are compared in percentage points."""
    return unit in POINTS_UNITS


def gap_words(gap: float, unit: str) -> str:
    """'0.6 percentage points' for a percentage; '4.2%' of the official figure otherwise."""
    return f"{gap:.2g} percentage points" if in_points(unit) else f"{gap:.1%}"


def margin_words(unit: str) -> str:
    return f"{CLOSE_POINTS:g} percentage point" if in_points(unit) else f"{CLOSE_MARGIN:.0%}"


# --- the rule --------------------------------------------------------------------------------------


def gap(claim: float, claim_high: float | None, official: float, unit: str, allowed: bool) -> float:
    """How far the claim is from a figure: in percentage points for a percentage, else relative to the
    figure; 0 when its words allow it."""
    if allowed:
        return 0.0
    high = claim_high if claim_high is not None and pd.notna(claim_high) else claim
    nearest = min(max(official, claim), high)
    if in_points(unit):
        return abs(nearest - official)
    return abs(nearest - official) / abs(official) if official else float("inf")


def distance(row: pd.Series) -> float:
    """``gap`` for a reconciliation row."""
    return gap(row["claim_value"], row["claim_value_high"], row["official_value"], row["unit"], bool(row["within_tolerance"]))


def is_close(row: pd.Series) -> bool:
    return distance(row) <= (CLOSE_POINTS if in_points(row["unit"]) else CLOSE_MARGIN)


def nearest(rows: pd.DataFrame) -> pd.Series:
    """The candidate closest to the claim (the first listed, on ties)."""
    distances = rows.apply(distance, axis=1)
    return rows.loc[distances.idxmin()]


def authority(row: pd.Series) -> int:
    """The tier of a candidate in ``AUTHORITY``: computed by secstats (a rate over a population we
    chose), reported by the press (a reported_* table, or a press report of a release), or published."""
    derivation, series = str(row["official_derivation"]), str(row["official_series"])
    if "computed by secstats" in derivation or ("x 100,000" in derivation and "as published" not in derivation):
        return 2
    if series.startswith("reported_") or "press" in series:
        return 1
    return 0


def preferred(own: pd.DataFrame) -> pd.DataFrame:
    """The candidates for the claim's own period that decide: those of the most authoritative tier
    present (the publisher's own published rate before a press report of it, before one secstats
    computes). A term of office's reading is listed, and so tried, first."""
    if own.empty:
        return own
    tiers = own.apply(authority, axis=1)
    return own[tiers == tiers.min()]


def disagreeing_period(own: pd.DataFrame) -> pd.DataFrame | None:
    """The first group of same-period candidates that disagree around the claim, or None.

    Figures disagree when they are further apart than the claim's own tolerance: two population
    vintages 0.15 apart do not disagree about a rate stated to the unit.
    """
    for _, group in own.groupby(["official_period_start", "official_period_end"], sort=False):
        if group["official_value"].max() - group["official_value"].min() <= group["tolerance"].iloc[0]:
            continue
        inside = group["within_tolerance"].astype(bool)
        claim = group["claim_value"].iloc[0]
        between = group["official_value"].min() < claim < group["official_value"].max()
        if (inside.any() and not inside.all()) or (not inside.any() and between):
            return group
    return None


def no_candidate(reason: str) -> Verdict:
    """Unverifiable with the reconciliation's reason, in plain words, and its code."""
    if reason.startswith("period not covered"):
        return Verdict(
            "unverifiable", None, f"The official series we hold do not cover the claim's period ({reason}).", "period_not_covered"
        )
    if reason.startswith(NONE_PUBLISHED):
        return Verdict(
            "unverifiable", None, f"No public figure exists: {reason.removeprefix(NONE_PUBLISHED).strip()}.", "no_public_figure"
        )
    why = reason.split(": ", 1)[-1]
    return Verdict(
        "unverifiable",
        None,
        f"No figure in our reference data ({why}); whether one is published elsewhere is not established.",
        "no_public_figure",
    )


def decide_bounds(rows: pd.DataFrame, stated_words: str) -> Verdict | None:
    """A claim with only a running total to an earlier date: a lower bound; below it, inconsistent."""
    earlier = rows[rows["match"] == "earlier_cut_off"]
    if earlier.empty:
        return None
    best = earlier.loc[earlier["official_value"].idxmax()]
    high = best["claim_value_high"] if pd.notna(best["claim_value_high"]) else best["claim_value"]
    period = f"{best['official_period_start']} to {best['official_period_end']}"
    if high < best["official_value"]:
        return Verdict(
            "inconsistent",
            best,
            f"A running total to an earlier date is already {amount(best['official_value'], best['unit'])} "
            f"({period}, {best['official_source']}); the claim ({stated_words}) for a later date is below it.",
        )
    return Verdict(
        "unverifiable",
        best,
        f"Only a running total to an earlier date is on record: {figure(best)}. It is a lower bound, which the "
        f"claim ({stated_words}) respects, not a figure for the claim's own date.",
        "period_not_covered",
    )


def decide(rows: pd.DataFrame) -> Verdict:
    """The verdict for one claim from its reconciliation rows (see the module doc for the precedence)."""
    first = rows.iloc[0]
    said = claim_words(first)
    if rows["match"].isna().all():
        return no_candidate(str(first["reason"]))
    own = preferred(rows[rows["match"].isin(OWN_PERIOD)])
    near = rows[rows["match"].isin(NEAR_PERIOD)]
    group = disagreeing_period(own)
    unit = first["unit"]
    if group is not None:
        inside = group[group["within_tolerance"].astype(bool)]
        best = nearest(inside if len(inside) else group)
        listed = "; ".join(figure(row) for _, row in group.iterrows())
        how = "matches some of them but not all" if len(inside) else "lies between them"
        return Verdict("sources_disagree", best, f"Figures for the same period disagree ({listed}); the claim ({said}) {how}.")
    if len(own) and own["within_tolerance"].astype(bool).any():
        best = nearest(own[own["within_tolerance"].astype(bool)])
        return Verdict("matches", best, f"{figure(best)}: the claim's words ({said}) allow it ({best['rule']}).")
    if len(own) and is_close(best := nearest(own)):
        return Verdict(
            "close",
            best,
            f"The figure for the same period is {figure(best)}. The claim ({said}) is {gap_words(distance(best), unit)} "
            f"from it: outside what its words allow, within {margin_words(unit)}.",
        )
    if len(near) and is_close(best := nearest(near)):
        how = "allow" if best["within_tolerance"] else f"come within {gap_words(distance(best), unit)} of"
        return Verdict(
            "near_period",
            best,
            f"Only a figure for another period bears the claim out: the claim's words ({said}) {how} {figure(best)}.",
        )
    if len(own):
        best = nearest(own)
        return Verdict(
            "inconsistent",
            best,
            f"The figure for the same period is {figure(best)}. The claim ({said}) is {gap_words(distance(best), unit)} "
            f"from it, more than {margin_words(unit)}.",
        )
    if bounded := decide_bounds(rows, said):
        return bounded
    scopes = rows[rows["match"].isin(("other_scope", *BOUNDS))]
    if len(near) == 0 and len(scopes):
        what = "; ".join(dict.fromkeys(str(s) for s in scopes["official_scope"].dropna())) or "another scope"
        return Verdict(
            "unverifiable",
            None,
            f"Only figures of another scope are on record ({what}); they are not evidence for or against the claim.",
            "other_scope_only",
        )
    return Verdict(
        "unverifiable",
        None,
        "No figure for the claim's own period: the figures we hold are for other periods, and none comes close.",
        "period_not_covered",
    )


# --- the figure of the day ----------------------------------------------------------------------


def vintage_words(row: pd.Series) -> str:
    """'33,341, as published by SESNSP on 2019-01-21'; an estimate or a press report says so."""
    kind = {"reported": " (as reported by the press)", "estimate": " (a non-official estimate)"}.get(row["kind"], "")
    said = said_with(row["qualifier"], row["value"], row["unit"], row["words"])
    return f"{said}, as published by {row['publisher']} on {row['published']}{kind}"


def revision_words(vintages: Vintages, current: pd.Series | None) -> str:
    """The sentence naming a later revision, or ''."""
    if vintages.latest is not None:
        return f" It was later revised to {vintage_words(vintages.latest)}: a revision, not an error of the claim."
    if current is not None and vintages.day is not None and current["official_value"] != vintages.day["value"]:
        return (
            f" The series now gives {amount(current['official_value'], current['unit'])} ({current['official_source']}): "
            "a revision, not an error of the claim."
        )
    return ""


def judge_by_the_day(claim: pd.Series, vintages: Vintages, document_date: str, current: pd.Series | None) -> Verdict | None:
    """The verdict against the figure of the day, or None when there is none that may decide (an
    estimate never decides alone)."""
    day = vintages.day
    if day is None or day["kind"] == "estimate":
        return None
    words = words_of(claim)
    said = stated(claim["qualifier"], claim["value"], claim["value_high"], claim["unit"])
    allowed = both_true(claim, day)
    distance_now = gap(claim["value"], words["value_high"], day["value"], claim["unit"], allowed)
    period = Period(claim["period_start"], claim["period_end"], claim["year_basis"]).words()
    before = f"The figure for {period} when the document was written ({document_date}) was {vintage_words(day)}."
    revised = revision_words(vintages, current)
    if allowed:
        # a figure published as "about" or "more than" is not allowed by the claim: the two can both be true
        agree = "allow it" if day["qualifier"] == "exact" else "and the published words can both be true"
        return Verdict("matches", None, f"{before} The claim's words ({said}) {agree}.{revised}")
    close = distance_now <= (CLOSE_POINTS if in_points(claim["unit"]) else CLOSE_MARGIN)
    word = "close" if close else "inconsistent"
    how = f"within {margin_words(claim['unit'])}" if close else f"more than {margin_words(claim['unit'])}"
    return Verdict(
        word, None, f"{before} The claim ({said}) is {gap_words(distance_now, claim['unit'])} from it, {how}.{revised}"
    )


# --- the table -------------------------------------------------------------------------------------

CLAIM_COLUMNS = list(ClaimBeside.to_schema().columns)


def beside(claim: pd.Series) -> dict:
    """The claim columns every verdict row starts with."""
    row = {column: claim.get(column) for column in CLAIM_COLUMNS}
    return {**row, "claim_value": claim["value"], "claim_value_high": claim["value_high"]}


def unchecked(claim: pd.Series, not_statistics: frozenset[str]) -> Verdict:
    """The official verdict of a claim outside the five families: never set against a series."""
    if claim["unit"] in DURATION_UNITS or claim["measure"] in not_statistics:
        return Verdict(
            "unverifiable",
            None,
            "Not a statistic: a duration or a count of the document's own apparatus or of an institution's parts.",
            "not_a_statistic",
        )
    return Verdict(
        "unverifiable",
        None,
        "No figure in our reference data: secstats holds official series only for its five families; whether one "
        "is published elsewhere is not established.",
        "no_public_figure",
    )


def best_columns(best: pd.Series | None) -> dict:
    """The columns naming the candidate a verdict rests on."""
    if best is None:
        return {}
    relative = best["relative_difference_percent"] if not in_points(best["unit"]) else None
    return {
        "best_value": best["official_value"],
        "best_match": best["match"],
        "best_period_start": best["official_period_start"],
        "best_period_end": best["official_period_end"],
        "best_source": best["official_source"],
        "best_reading": best["reading"],
        "difference": best["difference"],
        "relative_difference_percent": relative,
    }


def vintage_columns(vintages: Vintages, current: pd.Series | None) -> dict:
    """The figure of the day and the latest figure beside it."""
    day, latest = vintages.day, vintages.latest
    if day is None:
        return {}
    columns = {
        "vintage_value": day["value"],
        "vintage_published": day["published"],
        "vintage_source": f"{day['publisher']} ({day['kind']})",
    }
    if latest is not None:
        columns.update(
            latest_value=latest["value"],
            latest_source=f"{latest['publisher']} ({latest['kind']}), published {latest['published']}",
        )
    elif current is not None and current["official_value"] != day["value"]:
        columns.update(latest_value=current["official_value"], latest_source=current["official_source"])
    return columns


def current_figure(rows: pd.DataFrame | None, day: pd.Series | None) -> pd.Series | None:
    """The current release of the series the figure of the day belongs to: among the published (not
    computed) same-period candidates of its table and publisher, the one nearest to it (a revision
    moves a figure less than two series differ)."""
    if rows is None or day is None:
        return None
    publisher = rows["official_source"].str.split(",").str[0].str.strip()
    same = rows[
        (rows["match"] == "same_period")
        & rows["official_series"].str.startswith(day["series"])
        & publisher.map(lambda name: bool(name) and name in str(day["publisher"]))
    ]
    same = same[same.apply(authority, axis=1) < AUTHORITY.index("computed by secstats")] if len(same) else same
    if same.empty:
        return None
    return same.loc[(same["official_value"] - day["value"]).abs().idxmin()]


def verdict_of_record(
    claim: pd.Series, by_the_day: Verdict | None, current: Verdict | None, day: pd.Series | None
) -> Verdict | None:
    """The figure of the day decides first; a claim the current record bears out is not made wrong by
    an older figure that differs from it (a press report's round number, a preliminary count). A figure
    of the day that is only a bound ("more than 15 percent") says what the figure was not: when the
    current series gives the figure itself for the claim's own period, that decides."""
    if (
        by_the_day is not None
        and day is not None
        and by_the_day.verdict == "matches"
        and day["qualifier"] in OPEN_BOUNDS
        and current is not None
        and current.verdict in ("sources_disagree", "matches", "close", "inconsistent")
    ):
        return replace(
            current,
            explanation=f"{current.explanation} When the document was written only a bound was published, "
            f"{vintage_words(day)}: the claim's words respect it, but it does not give the figure.",
        )
    if by_the_day is None or by_the_day.verdict == "matches" or current is None or current.verdict != "matches":
        return by_the_day or current
    said = stated(claim["qualifier"], claim["value"], claim["value_high"], claim["unit"])
    return Verdict(
        current.verdict,
        current.best,
        f"{current.explanation} The figure when the document was written was {vintage_words(day)}, which the claim's "
        f"words ({said}) do not allow; the current record bears the claim out.",
    )


def verdict_row(
    claim: pd.Series,
    rows: pd.DataFrame | None,
    vintages: pd.DataFrame,
    record: CitedRecord,
    document_date: str,
    not_statistics: frozenset[str],
    vintage_measures: Mapping[str, tuple[str, ...]],
) -> dict:
    """One row of the verdicts table for one ledger claim."""
    day = figure_of_the_day(
        claim, vintages, document_date, vintage_measures.get(claim["measure"], ()), lambda figure: both_true(claim, figure)
    )
    current = current_figure(rows, day.day)
    decided = verdict_of_record(
        claim, judge_by_the_day(claim, day, document_date, current), decide(rows) if rows is not None else None, day.day
    ) or unchecked(claim, not_statistics)
    cited = cited_check(claim, record)
    if decided.reason == "no_public_figure" and cited.check in ("agrees", "differs"):
        # "not in our reference data" is not "published nowhere": the cited source gives one
        decided = replace(
            decided,
            explanation=f"{decided.explanation} A figure is published, though: the source the document cites gives one (see the cited check).",
        )
    return {
        **beside(claim),
        "verdict": decided.verdict,
        "reason": decided.reason,
        **best_columns(decided.best),
        "candidates": int(rows["match"].notna().sum()) if rows is not None else 0,
        "explanation": decided.explanation,
        **vintage_columns(day, current),
        "cited_check": cited.check,
        "cited_value": cited.value,
        "cited_source": cited.source,
        "cited_explanation": cited.explanation,
    }


def build_verdicts(
    ledger: pd.DataFrame,
    reconciliation: pd.DataFrame,
    vintages: pd.DataFrame,
    record: CitedRecord,
    document_dates: Mapping[str, str],
    columns: list[str],
    not_statistics: frozenset[str] = frozenset(),
    vintage_measures: Mapping[str, tuple[str, ...]] | None = None,
) -> pd.DataFrame:
    """One row per ledger claim, in ledger order. ``vintage_measures`` maps a ledger measure to the
    measures of the published figures that speak to it (by default, each to itself)."""
    groups = dict(list(candidates_of(reconciliation)))
    mapping = vintage_measures if vintage_measures is not None else {m: (m,) for m in ledger["measure"]}
    rows = [
        verdict_row(
            claim,
            groups.get(claim["claim_id"]),
            vintages,
            record,
            document_dates.get(claim["source_id"], ""),
            not_statistics,
            mapping,
        )
        for _, claim in ledger.iterrows()
    ]
    return pd.DataFrame(rows).reindex(columns=columns)


# --- the rules, documented once --------------------------------------------------------------------


def excerpt(doc: str | None, after: str = "", before: str | None = None) -> str:
    """A module docstring's text between two markers, dedented: its paragraphs and lists stay Markdown."""
    text = inspect.cleandoc(doc or "")
    text = text.split(after, 1)[1] if after else text
    return (text.split(before, 1)[0] if before else text).strip()


def markdown_rows(pairs: Mapping[str, str] | list[tuple[str, str]]) -> list[str]:
    """'| `key` | text |' lines."""
    items = pairs.items() if isinstance(pairs, Mapping) else pairs
    return [f"| `{key}` | {' '.join(str(text).split())} |" for key, text in items]


def rules_document() -> str:
    """docs/verdicts.md: the two axes, their words, precedence and rules, generated from this module's
    constants (and those of secstats.ledger.cited, reconciliation, semantics and vintages) so that it cannot
    drift from the code."""
    import secstats.checks.reconciliation as reconciliation
    import secstats.clean.vintages as vintages
    import secstats.core.semantics as semantics
    from secstats.ledger.cited import CITED_CHECK_MEANINGS

    lines = [
        "# How secstats checks a claim",
        "",
        "Generated from the package's verdict rules (and the rules they name) by `make figures`; do not edit by hand.",
        "Every ledger claim has one row in `data/clean/verdicts.csv`, checked two ways.",
        "",
        "## 1. The official verdict (`verdict`, `reason`)",
        "",
        excerpt(__doc__, "**The official verdict**: ", "**The cited check**"),
        "",
        "| verdict | when (the first that applies wins) |",
        "| --- | --- |",
        *markdown_rows(PRECEDENCE),
        "",
        "An `unverifiable` claim has a `reason`:",
        "",
        "| reason | meaning |",
        "| --- | --- |",
        *markdown_rows(REASONS),
        "",
        "Which candidate decides, most trusted first: " + "; ".join(AUTHORITY) + ". Distances: within "
        f"{CLOSE_MARGIN:.0%} of the official figure is `close`; a percentage is compared in percentage points "
        f"(within {CLOSE_POINTS:g} point).",
        "",
        "### The figure of the day (`vintage_*`, `latest_*`)",
        "",
        excerpt(vintages.__doc__),
        "",
        "### Candidates (`match` in `reconciliation.csv`)",
        "",
        excerpt(reconciliation.__doc__, "", "Each measure names its series once"),
        "",
        "### What a claim's words allow",
        "",
        excerpt(semantics.__doc__, "The tolerance rule. ", "Periods are described once"),
        "",
        "## 2. The cited check (`cited_check`, `cited_value`, `cited_source`, `cited_explanation`)",
        "",
        excerpt(cited_doc()),
        "",
        "| cited_check | meaning (with several cited sources, the first that applies wins) |",
        "| --- | --- |",
        *markdown_rows(CITED_CHECK_MEANINGS),
        "",
    ]
    return "\n".join(lines)


def cited_doc() -> str:
    """The cited record's description (secstats.ledger.cited's docstring)."""
    import secstats.ledger.cited as cited

    return cited.__doc__ or ""
