"""The static site, without a browser: marks in a document, escaping, inline charts, figures as quoted."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser

import pandas as pd
import pytest

from secstats.core import schemas
from secstats.site.claim_checks import VERDICT_TABLE, VERDICT_TONES, ClaimVerdict, claim_ids_in, contradictions_of, is_best
from secstats.site.document_marks import Mark, blocks_of, marked_paragraphs, paragraphs_around, unowned
from secstats.site.pages import (
    Site,
    chart_title,
    cited_counts,
    claim_page,
    claims_checked_against,
    document_page,
    environment,
    figure_text,
    inline_svg,
    period_of,
)

# --- marks: every claim highlighted where it sits ----------------------------------------------------


def test_paragraphs_split_at_blank_lines_and_keep_every_character_of_their_text() -> None:
    text = "First line\nstill first.\n\n  \nSecond 10 here.\n"
    paragraphs = marked_paragraphs(text, [Mark(text.index("10"), text.index("10") + 2, "x-001", "claim")])
    assert ["".join(p.text for p in paragraph) for paragraph in paragraphs] == ["First line\nstill first.", "Second 10 here.\n"]
    assert [(p.text, p.mark.key if p.mark else None) for p in paragraphs[1]] == [
        ("Second ", None),
        ("10", "x-001"),
        (" here.\n", None),
    ]


def test_nested_marks_link_each_piece_to_the_shortest_span_and_anchor_both() -> None:
    text = "a total of 20 in 2010"
    outer, inner = Mark(2, 21, "x-001", "claim"), Mark(11, 13, "x-002", "claim")
    [pieces] = marked_paragraphs(text, [inner, outer])
    assert [(p.text, p.mark.key if p.mark else None) for p in pieces] == [
        ("a ", None),
        ("total of ", "x-001"),
        ("20", "x-002"),
        (" in 2010", "x-001"),
    ]
    assert [a.key for p in pieces for a in p.anchors] == ["x-001", "x-002"]
    assert unowned([pieces], [inner, outer]) == []


def test_a_span_hidden_under_shorter_ones_is_reported_so_it_gets_its_own_link() -> None:
    same = [Mark(0, 2, "x-002", "claim"), Mark(0, 2, "x-001", "claim")]
    paragraphs = marked_paragraphs("20 things", same)
    assert [m.key for m in unowned(paragraphs, same)] == ["x-002"]


def test_a_mark_across_paragraphs_is_anchored_once() -> None:
    text = "ends with 10\n\nmore words"
    mark = Mark(10, 18, "x-001", "claim")
    paragraphs = marked_paragraphs(text, [mark])
    assert sum(len(p.anchors) for paragraph in paragraphs for p in paragraph) == 1
    assert len(paragraphs_around(text, mark)) == 2


def test_a_mark_over_three_paragraphs_owns_every_piece_no_shorter_mark_holds() -> None:
    """The sweep down the document keeps a long mark open through a paragraph it spans whole, and a
    short mark inside takes its own words only."""
    text = "one 1\n\ntwo 22 two\n\nthree 3"
    long, short = Mark(4, 26, "x-001", "claim"), Mark(11, 13, "x-002", "claim")
    paragraphs = marked_paragraphs(text, [short, long])
    assert [[(p.text, p.mark.key if p.mark else None) for p in paragraph] for paragraph in paragraphs] == [
        [("one ", None), ("1", "x-001")],
        [("two ", "x-001"), ("22", "x-002"), (" two", "x-001")],
        [("three 3", "x-001")],
    ]
    assert [a.key for paragraph in paragraphs for p in paragraph for a in p.anchors] == ["x-001", "x-002"]


def test_a_mark_outside_its_document_is_an_error_naming_it() -> None:
    with pytest.raises(ValueError, match="x-001"):
        marked_paragraphs("short", [Mark(3, 9, "x-001", "claim")])


# --- escaping: made-up text with markup characters cannot break a page --------------------------------

NASTY = "a <b>bold</b> & \"double\" 'single' 10 <script>alert(1)</script>"


ATTRIBUTES = {
    "lang",
    "charset",
    "name",
    "content",
    "rel",
    "href",
    "class",
    "id",
    "title",
    "aria-label",
    "aria-labelledby",
    "data-verdict",
    "data-template",
    "type",
    "src",
    "download",
    "scope",
    "role",
    "tabindex",
}


class Collector(HTMLParser):
    """Tags and text of a page, to see what a browser would build from it."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(page: bytes) -> Collector:
    collector = Collector()
    collector.feed(page.decode("utf-8"))
    return collector


def made_up_site() -> tuple[Site, pd.Series]:
    """One made-up document quoting one made-up claim, every text field full of markup characters."""
    quote_start = NASTY.index("10")
    ledger = pd.DataFrame(
        [
            {
                "claim_id": "fake-001",
                "source_id": "fake<doc>",
                "family": "homicide",
                "measure": "homicides",
                "quantity": "homicides",
                "value": 10.0,
                "value_high": float("nan"),
                "unit": "count",
                "qualifier": "exact",
                "period_start": "2000",
                "period_end": "2000",
                "period_type": "calendar_year",
                "year_basis": "calendar",
                "geography": "mexico",
                "quote": "10",
                "quote_start": quote_start,
                "cited_source": NASTY,
                "note": NASTY,
            }
        ]
    )
    register = pd.DataFrame(
        [
            {
                "source_id": "fake<doc>",
                "file": "x.txt",
                "title": NASTY,
                "author": "A & B",
                "publisher": '"P"',
                "published": "2000",
                "kind": "<kind>",
                "url": 'https://example.org/?a=1&b="2"',
                "accessed": "2000-01-01",
            }
        ]
    ).set_index("source_id")
    verdict_rows = pd.DataFrame([{"claim_id": "fake-001", "verdict": "unverifiable", "explanation": NASTY}])
    tables = {"claims": ledger, VERDICT_TABLE: verdict_rows}
    verdicts = {"fake-001": ClaimVerdict("unverifiable", NASTY)}
    dismissed = pd.DataFrame(
        [
            {
                "source_id": "fake<doc>",
                "quote_start": str(NASTY.index("<script>")),
                "text": "<script>",
                "reason": "not_a_quantity",
                "note": NASTY,
            }
        ]
    )
    return Site(tables, {}, register, {"fake<doc>": NASTY}, verdicts, {}, dismissed), ledger.iloc[0]


def test_markup_in_quotes_titles_and_notes_stays_text() -> None:
    site, claim = made_up_site()
    env = environment()
    checks = {"candidates": {}, "contradictions": {}}
    for page in (document_page(env, site, "fake<doc>"), claim_page(env, site, claim, (None, None), checks)):
        seen = parsed(page)
        assert "script" not in seen.tags and "b" not in seen.tags
        assert NASTY in "".join(seen.text)
        assert {name for name, _ in seen.attributes} <= ATTRIBUTES  # a stray quote would make up new ones
        assert b"<script>alert" not in page


def test_a_document_page_links_every_claim_and_colours_it_by_verdict() -> None:
    site, _ = made_up_site()
    page = document_page(environment(), site, "fake<doc>").decode("utf-8")
    assert '<span class="anchor" id="fake-001"></span><a class="claim tone-none" href="../claims/fake-001.html"' in page
    assert page.count('class="claim ') == 1


def test_numbers_the_ledger_leaves_out_are_marked_but_not_linked() -> None:
    site, _ = made_up_site()
    page = document_page(environment(), site, "fake<doc>").decode("utf-8")
    assert '<span class="dismissed" tabindex="0" title="Not in the ledger: not a quantity: a &lt;b&gt;' in page
    assert '<span class="why" role="tooltip">Not in the ledger: not a quantity: a &lt;b&gt;' in page  # for touch and keys
    assert '&lt;script&gt;<span class="why"' in page


def test_a_claim_keeps_its_link_where_a_dismissed_number_overlaps_it() -> None:
    claim, left_out = Mark(0, 8, "x-001"), Mark(0, 2, "dismissed-0", "dismissed", "a date")
    [pieces] = marked_paragraphs("20 items here", [claim, left_out])
    assert [(p.text, p.mark.key if p.mark else None) for p in pieces] == [("20", "x-001"), (" items", "x-001"), (" here", None)]
    assert [a.key for p in pieces for a in p.anchors] == ["x-001"]


# --- charts inline and figures as quoted --------------------------------------------------------------

SVG = (
    '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg width="10pt" height="5pt" viewBox="0 0 10 5" xmlns="http://www.w3.org/2000/svg" '
    'role="img" aria-labelledby="t d"><title id="t">Big &amp; &lt;bold&gt;</title><desc id="d">Says what it shows.</desc>'
    '<metadata>rdf</metadata><defs><path id="m1"/><clipPath id="c1"/></defs><g id="figure_1" clip-path="url(#c1)">'
    '<use xlink:href="#m1"/><text style="font-size: 12px">Big</text></g></svg>\n'
)


def test_inline_svg_prefixes_ids_and_every_reference_to_them() -> None:
    svg = str(inline_svg(SVG, "chart-a"))
    assert svg.startswith("<svg") and "metadata" not in svg and 'width="10pt"' not in svg and 'viewBox="0 0 10 5"' in svg
    assert 'id="chart-a-m1"' in svg and 'href="#chart-a-m1"' in svg and "url(#chart-a-c1)" in svg
    assert 'id="chart-a-figure_1"' in svg and 'id="m1"' not in svg
    assert 'aria-labelledby="chart-a-t chart-a-d"' in svg and 'id="chart-a-t"' in svg


def test_a_chart_is_titled_by_its_own_svg_title() -> None:
    assert chart_title(SVG) == "Big & <bold>"


def test_figures_read_as_a_reader_should_quote_them() -> None:
    def row(value: float, unit: str, qualifier: str, high: float = float("nan")) -> pd.Series:
        return pd.Series({"value": value, "value_high": high, "unit": unit, "qualifier": qualifier})

    assert figure_text(row(1000, "count", "approximate")) == "~1,000"
    assert figure_text(row(10, "percent", "range", 20)) == "10-20%"
    assert figure_text(row(2000000, "usd", "more_than")) == ">US$2,000,000"
    assert figure_text(row(1.5, "per_100000", "exact")) == "1.5 per 100,000"
    assert figure_text(row(3, "times", "at_least")) == "≥3 times"


def test_every_verdict_word_has_a_colour_and_a_meaning() -> None:
    assert set(VERDICT_TONES) == set(schemas.VERDICTS)


def test_the_candidate_a_verdict_rests_on_is_found_even_with_empty_cells() -> None:
    best = {
        "best_value": 10.0,
        "best_match": "same_period",
        "best_period_start": "2000",
        "best_period_end": "2000",
        "best_source": None,
    }
    verdict = ClaimVerdict("matches", "", best)
    candidate = pd.Series(
        {
            "official_value": 10.0,
            "match": "same_period",
            "official_period_start": "2000",
            "official_period_end": "2000",
            "official_source": float("nan"),
        }
    )
    assert is_best(candidate, verdict)
    assert not is_best(candidate.replace({10.0: 20.0}), verdict)
    assert not is_best(candidate, ClaimVerdict("unverifiable", ""))


def test_claim_ids_in_cells_and_contradictions_found_for_every_party() -> None:
    assert claim_ids_in("a-001;a-002") == ["a-001", "a-002"] and claim_ids_in(float("nan")) == []
    pairs = pd.DataFrame({"claim_a": ["a-001", "a-002"], "claim_b": ["b-001+b-002", "a-003"]})
    found = contradictions_of({"contradictions": pairs})
    assert sorted(found) == ["a-001", "a-002", "a-003", "b-001", "b-002"]
    assert list(found["b-002"]["claim_a"]) == ["a-001"]


def test_a_document_keeps_its_headings_and_lists_and_marks_page_debris() -> None:
    text = "free hit counter\ntop of page\nstrip.jpg\n\nKey Recommendations\n\n- Cut 10 things.\n- Add more.\n\nA sentence, with 12 in it."
    mark = Mark(text.index("10"), text.index("10") + 2, "x-001", "claim")
    blocks = blocks_of(marked_paragraphs(text, [mark]))
    assert [block.kind for block in blocks] == ["boilerplate", "heading", "list", "text"]
    items = blocks[2].lines
    assert ["".join(piece.text for piece in item) for item in items] == ["- Cut 10 things.", "- Add more."]
    assert [piece.mark.key for piece in items[0] if piece.mark] == ["x-001"] and items[0][1].anchors == (mark,)


def test_an_official_row_lists_the_claims_set_against_it() -> None:
    """A named series links every row of its years (a sum reads them all); an unnamed one only the row
    that holds its figure; other tables and other series link nothing."""
    table = pd.DataFrame(
        {"year": ["2000", "2001", "2001"], "series": ["a", "a", "b"], "deaths": ["10", "20", "30"], "source": ["x"] * 3}
    )
    candidates = pd.DataFrame(
        [
            ("c-001", "official_t (a)", "2000-01-01", "2001-12-31", "30.0"),
            ("c-002", "official_t", "2001-01-01", "2001-12-31", "30.0"),
            ("c-003", "official_t", "2000-01-01", "2001-12-31", "1.5"),
            ("c-004", "other_table (a)", "2000-01-01", "2001-12-31", "10"),
        ],
        columns=["claim_id", "official_series", "official_period_start", "official_period_end", "official_value"],
    )
    assert claims_checked_against("official_t", table, candidates) == [["c-001"], ["c-001"], ["c-002"]]


def test_a_claim_page_says_what_the_check_of_its_cited_source_found_once_the_verdicts_carry_it() -> None:
    site, claim = made_up_site()
    env = environment()
    checks = {"candidates": {}, "contradictions": {}}
    before = claim_page(env, site, claim, (None, None), checks).decode("utf-8")
    assert 'id="cited-check"' not in before  # the verdicts table has no cited_check column yet
    verdicts = site.tables[VERDICT_TABLE].assign(cited_check="differs", cited_value=12.0, cited_explanation="the report says 12")
    site = replace(site, tables={**site.tables, VERDICT_TABLE: verdicts})
    after = claim_page(env, site, claim, (None, None), checks).decode("utf-8")
    assert "The source it cites gives a different figure (12): the report says 12" in after
    assert after.index('id="cited-check"') < after.index('id="in-context"')  # at the top, before the quote


def test_a_claim_page_with_no_citation_says_so_once() -> None:
    """The explanation of a claim with no citation only repeats the summary: it is not printed twice."""
    site, claim = made_up_site()
    verdicts = site.tables[VERDICT_TABLE].assign(
        cited_check="no_citation", cited_value=None, cited_explanation="The document cites no source for this figure."
    )
    site = replace(site, tables={**site.tables, VERDICT_TABLE: verdicts})
    page = claim_page(environment(), site, claim, (None, None), {"candidates": {}, "contradictions": {}}).decode("utf-8")
    line = page[page.index('id="cited-check"') :].split("</p>")[0]
    assert line.endswith("It cites no source for this figure.")
    assert "cites no source" not in line.split("It cites no source for this figure.")[0]
    assert line.lower().count("cites no source") == 1


def test_a_document_page_shows_both_checks_of_each_claim_in_its_tooltip_and_in_its_list() -> None:
    site, _ = made_up_site()
    verdicts = site.tables[VERDICT_TABLE].assign(cited_check="agrees", cited_value=10.0, cited_explanation="it says 10")
    site = replace(
        site,
        tables={**site.tables, VERDICT_TABLE: verdicts},
        verdicts={"fake-001": ClaimVerdict("unverifiable", "x", reason="other_scope_only")},
    )
    page = document_page(environment(), site, "fake<doc>").decode("utf-8")
    mark = page[page.index('<a class="claim') :]
    tooltip = mark[mark.index('title="') : mark.index('">')]
    assert "unverifiable" in tooltip and "only figures of another scope" in tooltip  # the verdict and why
    assert "Cited source: the source it cites gives the same figure (10)" in tooltip
    listed = page[page.index('id="checks"') :]  # for touch and keyboard readers, after the text
    assert "only figures of another scope" in listed
    assert "Cited source: the source it cites gives the same figure (10)." in listed


def test_a_document_page_says_a_claim_was_not_checked_against_its_cited_source_before_that_check_exists() -> None:
    site, _ = made_up_site()
    page = document_page(environment(), site, "fake<doc>").decode("utf-8")
    assert "Cited source: not checked." in page
    assert "Cited source:" not in page[: page.index('id="checks"')]  # no tooltip claims a check that was not made


def test_a_claim_page_says_in_words_why_a_claim_is_unverifiable() -> None:
    site, claim = made_up_site()
    checks = {"candidates": {}, "contradictions": {}}
    plain = claim_page(environment(), site, claim, (None, None), checks).decode("utf-8")
    assert 'id="verdict-reason"' not in plain  # no reason, no line
    site = replace(site, verdicts={"fake-001": ClaimVerdict("unverifiable", "x", reason="period_not_covered")})
    page = claim_page(environment(), site, claim, (None, None), checks).decode("utf-8")
    assert "<strong>Why:</strong> the series we hold do not cover the claim&#39;s period" in page
    assert "period_not_covered" not in page  # the code never shows
    assert page.index('id="verdict-reason"') < page.index('id="in-context"')


def test_the_front_page_counts_what_the_cited_source_check_found_in_words() -> None:
    site, _ = made_up_site()
    verdicts = pd.DataFrame({"claim_id": ["a-001", "a-002", "a-003"], "cited_check": ["agrees", "no_citation", "agrees"]})
    site = replace(site, tables={**site.tables, VERDICT_TABLE: verdicts})
    assert cited_counts(site) == [("the source it cites gives the same figure", 2), ("it cites no source for this figure", 1)]


def test_a_running_total_says_so_where_a_span_does_not() -> None:
    claim = pd.Series({"period_start": "2006", "period_end": "2020", "year_basis": "calendar", "period_type": "to_date"})
    assert period_of(claim) == "2006-2020, running total"
    assert period_of(claim.replace("to_date", "span")) == "2006-2020"
