"""Each claim checked two ways: against the record as it stood, and against the source it cites.

Every rule of issue 21 on made-up numbers: the figure of the day, a running total to an earlier cut-off,
a part of an appropriation, percentages in points, the published rate before one we compute, official
publications before press reports, estimates never deciding, and the cited-source check with its
verification. Each test fails when its rule is removed from secstats.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from secstats.checks.reconciliation import AS_WRITTEN, Candidate, claim_rows, match_all, readings
from secstats.checks.verdicts import build_verdicts, decide
from secstats.clean.series import Observation, OfficialSeries, is_part_of_act
from secstats.core.paths import Layout
from secstats.core.periods import Period, on_or_before, period_months
from secstats.core.problems import BuildError
from secstats.core.schemas import CitedFigures, CitedSources, PublishedFigures, Reconciliation, Verdicts
from secstats.ledger.cited import CitedRecord, check_cited, cited_check, empty_record

COLUMNS = list(Reconciliation.to_schema().columns)


def claim(value: float = 1000, start: str = "2010", end: str = "2010", **other: object) -> pd.Series:
    """A made-up ledger claim."""
    row = {
        "claim_id": "made-001",
        "source_id": "doc",
        "family": "homicide",
        "measure": "made_up",
        "geography": "mexico",
        "period_start": start,
        "period_end": end,
        "year_basis": "calendar",
        "unit": "count",
        "qualifier": "exact",
        "value": value,
        "value_high": None,
        "quote": "a figure",
        "period_type": "calendar_year",
        "cited_source": None,
    }
    return pd.Series({**row, **other})


def rows_for(c: pd.Series, *candidates: tuple[str, float, str, str]) -> pd.DataFrame:
    """Reconciliation rows from (match, value, series, derivation) candidates for 2010."""
    found = [
        Candidate(value, match, AS_WRITTEN, period_months("2010", "2010"), series, f"Publisher of {series}", "", how)
        for match, value, series, how in candidates
    ]
    rows = pd.DataFrame(claim_rows(c, found)).reindex(columns=COLUMNS)
    rows["within_tolerance"] = rows["within_tolerance"].astype("boolean")
    return rows


def published(*figures: tuple[float, str, str], qualifier: str = "exact", words: str = "{:g} in 2010") -> pd.DataFrame:
    """Vintages of the made-up measure for 2010 from (value, published, kind), all with one qualifier and wording."""
    return pd.DataFrame(
        [
            {
                "series": "official_made_up",
                "measure": "made_up",
                "geography": "mexico",
                "period_start": "2010",
                "period_end": "2010",
                "year_basis": "calendar",
                "value": value,
                "unit": "count",
                "qualifier": qualifier,
                "published": when,
                "publisher": f"Office {kind}",
                "kind": kind,
                "words": words.format(value),
            }
            for value, when, kind in figures
        ]
    ).reindex(columns=list(PublishedFigures.to_schema().columns))


def verdict_table(
    c: pd.Series,
    rows: pd.DataFrame | None = None,
    vintages: pd.DataFrame | None = None,
    record: CitedRecord | None = None,
    date: str = "2011",
) -> dict:
    """The one verdict row of a made-up claim."""
    table = build_verdicts(
        pd.DataFrame([c]),
        rows if rows is not None else pd.DataFrame(columns=COLUMNS),
        vintages if vintages is not None else published(),
        record or empty_record(),
        {"doc": date},
        list(Verdicts.to_schema().columns),
    )
    Verdicts.validate(table)
    return table.iloc[0].to_dict()


# --- the record as it stood -------------------------------------------------------------------------


def test_a_claim_is_judged_against_the_figure_of_its_day_and_the_revision_is_named() -> None:
    c = claim(1200)
    rows = rows_for(c, ("same_period", 1260, "official_made_up", "as published"))
    row = verdict_table(c, rows, published((1200, "2011-01", "official"), (1260, "2015-06", "official")), date="2011")
    assert row["verdict"] == "matches"  # against 1,260 alone it would be close (4.8% off)
    assert (row["vintage_value"], row["vintage_published"]) == (1200, "2011-01")
    assert (row["latest_value"], row["latest_source"]) == (1260, "Office official (official), published 2015-06")
    assert "revised to 1,260" in row["explanation"] and "not an error of the claim" in row["explanation"]


def test_a_figure_published_after_the_document_is_not_the_figure_of_its_day() -> None:
    c = claim(1200)
    rows = rows_for(c, ("same_period", 1260, "official_made_up", "as published"))
    row = verdict_table(c, rows, published((1200, "2012-01", "official")), date="2011")
    assert row["verdict"] == "close" and pd.isna(row["vintage_value"])


def test_a_revision_never_turns_a_right_claim_wrong() -> None:
    c = claim(1200)
    rows = rows_for(c, ("same_period", 2000, "official_made_up", "as published"))
    row = verdict_table(c, rows, published((1200, "2011-01", "official"), (2000, "2020-01", "official")), date="2011-03")
    assert row["verdict"] == "matches" and row["latest_value"] == 2000


def test_an_official_release_comes_before_a_press_report_of_the_same_day() -> None:
    row = verdict_table(claim(1200), vintages=published((1100, "2011-01", "reported"), (1200, "2011-01", "official")))
    assert (row["verdict"], row["vintage_value"]) == ("matches", 1200)


def test_a_non_official_estimate_never_decides_alone() -> None:
    row = verdict_table(claim(1000), vintages=published((2000, "2011-01", "estimate")))
    assert row["verdict"] == "unverifiable" and row["vintage_source"] == "Office estimate (estimate)"


@pytest.mark.parametrize(
    "value, official, qualifier, words, verdict",
    [
        (1200, 1000, "more_than", "more than {:g} in 2010", "matches"),  # a lower bound: 1,200 is more than 1,000
        (1200, 1000, "exact", "{:g} in 2010", "inconsistent"),  # 1,000 exact (950 to 1,050): 1,200 is 20% above
        (1000, 1100, "approximate", "almost {:g} in 2010", "matches"),  # "almost 1,100" is 990 to 1,150
        (1000, 1100, "exact", "{:g} in 2010", "inconsistent"),  # "1,100" exact is 1,050 to 1,150
        (1200, 1100, "approximate", "almost {:g} in 2010", "inconsistent"),  # "almost" is a ceiling: not 1,200
        (1200, 1100, "approximate", "about {:g} in 2010", "matches"),  # "about" either side: 990 to 1,210
    ],
)
def test_a_published_figure_is_read_with_its_own_qualifier(
    value: float, official: float, qualifier: str, words: str, verdict: str
) -> None:
    row = verdict_table(claim(value), vintages=published((official, "2011-01", "official"), qualifier=qualifier, words=words))
    assert (row["verdict"], row["vintage_value"]) == (verdict, official)
    assert qualifier == "exact" or f"{words.split(' {')[0]} {official:,}" in row["explanation"]  # the cue stays visible


def test_a_published_bound_gives_way_to_the_figure_itself() -> None:
    # "more than 1,000" allows a claim of 2,000, but the series gives the figure: 1,050, and that decides
    c = claim(2000)
    rows = rows_for(c, ("same_period", 1050, "official_made_up", "as published"))
    vintages = published((1000, "2011-01", "official"), qualifier="more_than", words="more than {:g} in 2010")
    row = verdict_table(c, rows, vintages)
    assert (row["verdict"], row["best_value"], row["vintage_value"]) == ("inconsistent", 1050, 1000)
    assert "only a bound was published, more than 1,000" in row["explanation"]


def test_on_or_before_compares_at_the_coarser_precision() -> None:
    assert on_or_before("2019-01-21", "2019") and on_or_before("2019-01", "2019-01-31")
    assert not on_or_before("2019-02", "2019-01") and not on_or_before("2020", "2019-12")


# --- periods with meaning --------------------------------------------------------------------------


def test_a_fiscal_year_starts_in_october_and_a_cut_off_ends_before_its_month() -> None:
    fy = Period("2008", "2008", "fiscal")
    assert (fy.first_day.isoformat(), fy.last_day.isoformat()) == ("2007-10-01", "2008-09-30")
    to_ninth = Period("2020-01-01", "2020-02-09", kind="to_date")
    by_february = Period("2020-01", "2020-02", kind="to_date")
    assert to_ninth.ends_before(by_february) and not by_february.ends_before(to_ninth)
    assert by_february.contains(to_ninth) and not to_ninth.contains(by_february)
    assert to_ninth.words() == "2020-01-01 to 2020-02-09 (running total)"


def running_total(value: float) -> tuple[pd.Series, list[Candidate]]:
    c = claim(value, "2020-01", "2020-02", period_type="to_date")
    count = Observation(14, period_months("2020-01", "2020-02"), "Press count", cut_off="2020-02-09")
    return c, match_all(c, [OfficialSeries("made_up", (count,))], readings(c, None))


def test_a_count_to_an_earlier_cut_off_is_a_lower_bound() -> None:
    c, found = running_total(30)
    assert [f.match for f in found] == ["earlier_cut_off"]  # not the claim's own period
    rows = pd.DataFrame(claim_rows(c, found)).reindex(columns=COLUMNS)
    verdict = decide(rows)
    assert (verdict.verdict, verdict.reason) == ("unverifiable", "period_not_covered")
    assert "lower bound" in verdict.explanation


def test_a_running_total_below_an_earlier_count_is_inconsistent() -> None:
    c, found = running_total(10)
    assert decide(pd.DataFrame(claim_rows(c, found)).reindex(columns=COLUMNS)).verdict == "inconsistent"


def test_a_running_total_of_another_scope_is_never_a_lower_bound() -> None:
    # "since 2010, 500 have died" (a narrower count) beside a wider count of 900 for 2010 alone: the
    # wider count is not an earlier running total of the claim, so it neither bounds nor contradicts it.
    c = claim(500, "2010", "2014", period_type="to_date", qualifier="approximate")
    wider = OfficialSeries(
        "made_up all", (Observation(900, period_months("2010", "2010"), "Census"),), "other_scope", "all deaths"
    )
    found = match_all(c, [wider], readings(c, None))
    assert [f.match for f in found] == ["other_scope"]
    rows = pd.DataFrame(claim_rows(c, found)).reindex(columns=COLUMNS)
    rows["within_tolerance"] = rows["within_tolerance"].astype("boolean")
    verdict = decide(rows)
    assert (verdict.verdict, verdict.reason, verdict.best) == ("unverifiable", "other_scope_only", None)
    assert "not evidence" in verdict.explanation and "900" not in verdict.explanation


def test_a_part_of_an_appropriation_is_a_component_not_a_disagreement() -> None:
    kinds = pd.Series(["appropriated (FY1 supplemental, P.L. 1-2)", "appropriated (P.L. 1-2 total for Mexico)", "requested"])
    assert [is_part_of_act(k, kinds) for k in kinds] == [True, False, False]
    c = claim(400)
    whole = OfficialSeries("made_up", (Observation(400, period_months("2010", "2010"), "Auditor"),), combine=None)
    part = OfficialSeries(
        "made_up parts", (Observation(350, period_months("2010", "2010"), "Analyst"),), "component", combine=None
    )
    found = match_all(c, [whole, part], readings(c, None))
    assert sorted(f.match for f in found) == ["component", "same_period"]
    rows = pd.DataFrame(claim_rows(c, found)).reindex(columns=COLUMNS)
    rows["within_tolerance"] = rows["within_tolerance"].astype("boolean")
    assert decide(rows).verdict == "matches"  # not sources_disagree


# --- comparisons a fact-checker makes --------------------------------------------------------------


@pytest.mark.parametrize(
    "value, official, verdict",
    [
        (10, 9.2, "close"),  # 0.8 point from the claim: close (relative to 9.2, 8.7% would read inconsistent)
        (90, 94, "inconsistent"),  # 4 points from the claim (relative to 94, 4.3% would read close)
    ],
)
def test_percentages_are_compared_in_points(value: float, official: float, verdict: str) -> None:
    c = claim(value, unit="percent")
    result = decide(rows_for(c, ("same_period", official, "official_made_up", "as published")))
    assert (
        result.verdict == verdict
        and "percentage point" in result.explanation
        and "%" not in result.explanation.split("is ")[-1].split(" from")[0]
    )


def test_close_to_is_a_ceiling_in_the_reconciliation() -> None:
    words = claim(1000, qualifier="approximate", quote="claiming close to 1,000 lives")
    either = claim(1000, qualifier="approximate", quote="some 1,000 lives")
    above = ("same_period", 1055, "official_made_up", "as published")
    assert decide(rows_for(words, above)).verdict == "inconsistent" and decide(rows_for(either, above)).verdict == "matches"


def test_the_publishers_own_rate_comes_before_one_we_compute() -> None:
    c = claim(24, unit="per_100000")
    rows = rows_for(
        c,
        ("same_period", 23.4, "official_made_up (deaths)", "deaths / population x 100,000 (computed by secstats)"),
        ("other_vintage", 24.0, "official_made_up (press release)", "as published by the office"),
    )
    result = decide(rows)
    assert result.verdict == "matches" and result.best["official_value"] == 24.0  # not sources_disagree


def test_an_official_publication_comes_before_a_press_report_of_it() -> None:
    c = claim(120)
    rows = rows_for(
        c, ("same_period", 100, "official_made_up", "as published"), ("same_period", 120, "reported_made_up", "reported figure")
    )
    result = decide(rows)
    assert result.verdict == "inconsistent" and result.best["official_value"] == 100


# --- the cited check --------------------------------------------------------------------------------


def record(*figures: dict, status: str = "on_record") -> CitedRecord:
    """A cited record of one made-up source."""
    sources = pd.DataFrame(
        [
            {
                "cited_source_id": "made-report",
                "publisher": "Made Office",
                "title": "A report",
                "date_published": "2010",
                "status": status,
            }
        ]
    ).reindex(columns=list(CitedSources.to_schema().columns))
    rows = pd.DataFrame([{"claim_id": "made-001", "cited_source_id": "made-report", **f} for f in figures])
    return CitedRecord(
        sources.set_index("cited_source_id", drop=False), rows.reindex(columns=list(CitedFigures.to_schema().columns))
    )


def states(value: float, words: str, qualifier: str = "exact", relation: str = "same", **other: object) -> dict:
    return {
        "finding": "states",
        "value": value,
        "unit": "count",
        "qualifier": qualifier,
        "relation": relation,
        "words": words,
        **other,
    }


CITED = claim(2800, cited_source="[1] A report", period_type="to_date")


@pytest.mark.parametrize(
    "figures, status, check, value",
    [
        ([states(2800, "almost 2,800 were counted", "approximate")], "on_record", "agrees", 2800),
        ([states(2500, "2,500 were counted")], "on_record", "differs", 2500),
        ([{"finding": "does_not_state"}], "on_record", "not_in_source", None),
        ([states(2000, "2,000 in the first act", relation="component")], "on_record", "not_in_source", None),
        ([states(3500, "3,500 in all", relation="component")], "on_record", "differs", 3500),
        ([states(2000, "2,000 by 9 June", cut_off="2010-06-09")], "on_record", "not_in_source", None),
        ([states(2800, "2,800 were counted")], "not_consulted", "source_not_on_record", None),
        ([], "on_record", "source_not_on_record", None),
    ],
)
def test_the_cited_check(figures: list[dict], status: str, check: str, value: float | None) -> None:
    found = cited_check(CITED, record(*figures, status=status))
    assert (found.check, found.value) == (check, value), found.explanation


def test_a_claim_without_citation_is_no_citation() -> None:
    assert cited_check(claim(10), empty_record()).check == "no_citation"


def test_the_cited_check_names_the_source_and_quotes_it() -> None:
    found = cited_check(CITED, record(states(2500, "2,500 were counted", location="p. 3")))
    assert (
        found.explanation
        == "The cited source, Made Office, A report (2010): it states \u201c2,500 were counted\u201d (p. 3), not what the claim's words allow."
    )


# --- verification of the cited record ---------------------------------------------------------------


def write_record(root: Path, sources: str, figures: str) -> Layout:
    ledger = root / "data" / "ledger"
    ledger.mkdir(parents=True)
    (ledger / "cited_sources.csv").write_text(
        "cited_source_id,publisher,title,url,date_published,date_accessed,licence,status,read_at,note\n" + sources,
        encoding="utf-8",
    )
    (ledger / "cited_figures.csv").write_text(
        "claim_id,cited_source_id,finding,value,value_high,unit,qualifier,period_start,period_end,year_basis,cut_off,relation,words,location,note\n"
        + figures,
        encoding="utf-8",
    )
    return Layout(root)


def test_empty_cited_files_are_a_valid_record(tmp_path: Path) -> None:
    found = check_cited(write_record(tmp_path, "", ""), {"made-001"})
    assert found.figures.empty and found.sources.empty


def test_a_bad_cited_record_names_file_row_column_and_rule(tmp_path: Path) -> None:
    layout = write_record(
        tmp_path,
        "made-report,Made Office,A report,,2010,2011-01-02,publishers-terms,on_record,,\n",
        'made-001,made-report,states,2800,,count,exact,2010,2010,calendar,,same,"2,900 were counted",p. 1,\n'
        "made-999,made-report,states,5,,count,exact,2010,2010,calendar,,same,five cases,p. 2,\n"
        "made-001,other-report,states,5,,parsecs,exact,2010,2010,calendar,,same,5 cases,p. 3,\n",
    )
    with pytest.raises(BuildError) as error:
        check_cited(layout, {"made-001"})
    report = error.value.report()
    assert "data/ledger/cited_figures.csv: row 2: claim made-001: column value: rule value written in words: 2800" in report
    assert "row 3: claim made-999: column claim_id: rule claim_id in ledger: unknown claim 'made-999'" in report
    assert "row 4: claim made-001: column cited_source_id: rule cited_source_id in cited_sources.csv" in report
    assert "row 4: claim made-001: column unit" in report


def test_an_older_figure_does_not_make_a_claim_the_current_record_bears_out_wrong() -> None:
    c = claim(1200)
    rows = rows_for(c, ("same_period", 1200, "official_made_up", "as published"))
    row = verdict_table(c, rows, published((1300, "2010-06", "reported")), date="2011")
    assert row["verdict"] == "matches" and "The figure when the document was written was 1,300" in row["explanation"]


def test_a_revision_is_the_same_publishers_current_figure() -> None:
    c = claim(1200)
    rows = rows_for(
        c,
        ("same_period", 1500, "official_made_up (other office)", "as published"),
        ("same_period", 1230, "official_made_up (office)", "as published"),
    )
    rows["official_source"] = ["Other Office, a table", "Office official, a table"]
    row = verdict_table(c, rows, published((1200, "2011-01", "official")), date="2011")
    assert (row["latest_value"], row["latest_source"]) == (1230, "Office official, a table")


def test_a_cited_running_total_to_an_earlier_date_bounds_only_a_running_total() -> None:
    earlier = states(2000, "2,000 by 9 June", cut_off="2010-06-09")
    assert cited_check(CITED, record(earlier)).check == "not_in_source"
    span = claim(2000, cited_source="[1] A report", period_type="span")  # the curator relates it as the same thing
    assert cited_check(span, record(earlier)).check == "agrees"


def test_spanish_sources_write_numbers_their_way() -> None:
    from secstats.core.written_numbers import is_written_in

    assert is_written_in("36476", "se registraron 36 mil 476 homicidios") and is_written_in("36000", "36 mil personas")
    assert is_written_in("27199", "fue de 27.199, lo que") and is_written_in("25400000", "25.4 millones de personas")
    assert not is_written_in("27199", "fue de 27.19, lo que")


def test_a_bad_vintages_file_names_file_row_column_and_rule(tmp_path: Path) -> None:
    from secstats.clean.vintages import VINTAGES_FILE, check_vintages

    path = tmp_path / "data" / "raw" / "reference" / VINTAGES_FILE
    path.parent.mkdir(parents=True)
    header = "series,measure,geography,period_start,period_end,year_basis,value,unit,qualifier,published,publisher,kind,words,url,read_at,accessed,licence,note\n"
    path.write_text(
        header
        + "official_made_up,made_up_count,mexico,2010,2010,calendar,1200,count,exact,2011-01,Office,official,1200 in 2010,,,,,\n"
        + "official_other,made_up_count,mexico,2010,2010,calendar,1300,count,exact,2011-02,Office,official,1200 in 2010,,,,,\n"
        + "official_made_up,unmapped,mexico,2010,2010,calendar,5,count,roughly,2011,Office,rumour,5 in 2010,,,,,\n",
        encoding="utf-8",
    )
    layout = Layout(tmp_path)
    with pytest.raises(BuildError) as error:
        check_vintages(layout, ["official_made_up"], {"made_up": ("made_up_count",)})
    report = error.value.report()
    file = "data/raw/reference/vintages/published_figures.csv"
    assert f"{file}: row 3: column value: rule value written in words: 1300" in report
    assert f"{file}: row 3: column series: rule series an official table: unknown series 'official_other'" in report
    assert f"{file}: row 4: column measure: rule measure mapped to the ledger" in report
    assert f"{file}: row 4: column kind" in report and f"{file}: row 4: column published" in report
    assert f"{file}: row 4: column qualifier" in report


def test_no_figure_in_our_data_is_not_no_figure_anywhere() -> None:
    c = claim(2800, cited_source="[1] A report", family="other", measure="made_count")
    found = verdict_table(c, record=record(states(2800, "2,800 were counted")))
    assert (found["verdict"], found["reason"], found["cited_check"]) == ("unverifiable", "no_public_figure", "agrees")
    assert found["explanation"].startswith("No figure in our reference data") and "A figure is published" in found["explanation"]
    alone = verdict_table(claim(2800, family="other", measure="made_count"))
    assert "not established" in alone["explanation"] and "A figure is published" not in alone["explanation"]
