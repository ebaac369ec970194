"""The site in a real browser: headless Chromium (Debian's ``chromium``) driven by playwright.

The site is built in memory from the current code and ledger into a scratch folder, then every page
is opened once (one browser for the whole session). Screenshots of the index and a document page, at
desktop width and at 390 px, go to ``.cache/screenshots/`` for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
from collections import deque
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd
import pytest

from secstats.charts.figures import CHARTS
from secstats.publish.catalog import publish_tables, table_files
from secstats.publish.metadata import metadata_files
from secstats.site.claim_checks import VERDICT_TABLE
from secstats.site.pages import site_files
from tests.conftest import REPO

CHROMIUM = next((found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None)
REQUIRED = bool(os.environ.get("SECSTATS_REQUIRE_BROWSER"))  # set by .ci/run: there, no browser is a failure
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not REQUIRED,
    reason="no chromium on PATH: install the Debian package 'chromium' (.ci/run does) to run the browser tests",
)
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
SCREENSHOTS = REPO.root / ".cache" / "screenshots"
# What a test reads off a page, computed by the browser from a document: its links and resources as
# the browser resolves them, its ids, quote, verdict and the labels of its inline charts.
FACTS_OF = """doc => ({
  links: Array.from(doc.querySelectorAll('a[href]'), a => a.href),
  resources: Array.from(doc.querySelectorAll('link[href], script[src], img[src]'), e => e.href || e.src),
  ids: Array.from(doc.querySelectorAll('[id]'), e => e.id),
  quote: (doc.querySelector('.quote-text') || {}).textContent || null,
  verdict: (doc.querySelector('#claim-verdict') || {dataset: {}}).dataset.verdict || null,
  charts: Array.from(doc.querySelectorAll('svg[role=img]'), svg =>
    svg.getAttribute('aria-labelledby').split(' ').map(id => (doc.getElementById(id) || {}).textContent)),
  template: doc.body.dataset.template || null,
  scripted: Boolean(doc.querySelector('script')) || Array.from(doc.querySelectorAll('*')).some(
    e => Array.from(e.attributes).some(a => a.name.startsWith('on'))),
})"""
PAGE_FACTS = f"() => ({FACTS_OF})(document)"
# Every page parsed by the browser's own HTML parser, in one call: a <base> gives each its own address,
# so links resolve as they would where the page lives. Navigating costs ~50 ms a page; parsing, ~1 ms.
PARSED_FACTS = f"""pages => pages.map(([url, html]) => {{
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const base = doc.createElement('base');
  base.href = url;
  doc.head.prepend(base);
  return ({FACTS_OF})(doc);
}})"""


@pytest.fixture(scope="session")
def site_root(tmp_path_factory: pytest.TempPathFactory, built: dict[str, pd.DataFrame]) -> Path:
    """The site as the build makes it now, written to a scratch folder (charts from the committed SVGs,
    whose freshness tests/test_build.py checks)."""
    root = tmp_path_factory.mktemp("built") / "site"
    published = publish_tables(REPO, built)
    downloads = {**table_files(REPO, published), **metadata_files(REPO, published)}
    figures = {path.name: path.read_bytes() for path in sorted(REPO.figures.iterdir())}
    for path, data in site_files(REPO, built, downloads, figures).items():  # made in memory, written elsewhere
        target = root / path.relative_to(REPO.site)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    if CHROMIUM is None:
        pytest.fail("SECSTATS_REQUIRE_BROWSER is set but no chromium is on PATH (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield chromium
        chromium.close()


def pages_to_open(parsed: dict[Path, dict]) -> list[Path]:
    """The pages a test opens for real: every page that runs a script (an element or an event
    handler), and the first page made from each template (the ``data-template`` of its body)."""
    first_of_template: dict[str, Path] = {}
    for path, facts in sorted(parsed.items()):
        first_of_template.setdefault(facts["template"], path)
    return sorted({path for path, facts in parsed.items() if facts["scripted"]} | set(first_of_template.values()))


@pytest.fixture(scope="session")
def crawl(site_root: Path, browser) -> dict[Path, dict]:
    """Every page of the site as the browser reads it: links, ids, quote, verdict, template of every
    page (parsed by the browser), and for the pages ``pages_to_open`` names, as shown after their
    scripts ran, with the console errors they logged ("errors" is None for a page parsed, not opened)."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    pages = sorted(site_root.rglob("*.html"))
    parsed = page.evaluate(PARSED_FACTS, [[path.as_uri(), path.read_text(encoding="utf-8")] for path in pages])
    facts = {path: {**found, "errors": None} for path, found in zip(pages, parsed)}
    for path in pages_to_open(facts):
        errors.clear()
        page.goto(path.as_uri())
        facts[path] = {**page.evaluate(PAGE_FACTS), "errors": list(errors)}
    page.close()
    return facts


def opened(crawl: dict[Path, dict]) -> set[Path]:
    return {path for path, facts in crawl.items() if facts["errors"] is not None}


def local_target(url: str) -> tuple[Path, str]:
    """(file, fragment) of a file:// link."""
    parts = urlsplit(url)
    return Path(unquote(parts.path)), unquote(parts.fragment)


def test_no_page_logs_a_console_error(crawl: dict[Path, dict]) -> None:
    templates = {facts["template"] for facts in crawl.values()}
    assert len(crawl) > 100 and None not in templates, "every page names its template"
    assert {crawl[path]["template"] for path in opened(crawl)} == templates, "a page of each template is opened"
    assert {path for path, facts in crawl.items() if facts["scripted"]} <= opened(crawl), "every scripted page is opened"
    assert {str(path): facts["errors"] for path, facts in crawl.items() if facts["errors"]} == {}


def test_a_page_parsed_reads_as_the_same_page_opened(browser, crawl: dict[Path, dict]) -> None:
    """The parsed facts stand in for opening most pages: for every page opened they must equal what
    the opened page shows (a link made by a script would differ, and then every page must be opened)."""
    page = browser.new_page()
    for path in sorted(opened(crawl)):
        [parsed] = page.evaluate(PARSED_FACTS, [[path.as_uri(), path.read_text(encoding="utf-8")]])
        shown = {key: value for key, value in crawl[path].items() if key != "errors"}
        assert parsed == shown, path.name
    page.close()


def test_every_internal_link_resolves_to_a_file_and_anchor(site_root: Path, crawl: dict[Path, dict]) -> None:
    broken = []
    for path, facts in crawl.items():
        for url in facts["resources"]:  # stylesheets and scripts: from the site itself, no CDN
            if not url.startswith("data:") and not local_target(url)[0].is_file():
                broken.append((path.name, url))
        for url in facts["links"]:
            if url.startswith(("https://", "http://")):
                continue  # a document's original on the web: outside the site, not checked here
            target, fragment = local_target(url)
            outside = not target.is_file() or site_root not in target.parents
            if outside or (fragment and target.suffix == ".html" and fragment not in crawl[target]["ids"]):
                broken.append((path.name, url))
    assert broken == []


def test_every_ledger_claim_is_reachable_from_the_index_and_shows_its_quote(site_root: Path, crawl: dict[Path, dict]) -> None:
    reached, queue = {site_root / "index.html"}, deque([site_root / "index.html"])
    while queue:
        for url in crawl[queue.popleft()]["links"]:
            target, _ = local_target(url)
            if target.suffix == ".html" and target not in reached and target in crawl:
                reached.add(target)
                queue.append(target)
    ledger = pd.read_csv(REPO.ledger, dtype=str, keep_default_na=False)
    for claim in ledger.itertuples():
        page = site_root / "claims" / f"{claim.claim_id}.html"
        assert page in reached, f"{claim.claim_id} cannot be reached from the index"
        assert crawl[page]["quote"] == claim.quote
        document = site_root / "documents" / f"{claim.source_id}.html"
        assert claim.claim_id in crawl[document]["ids"], f"{claim.claim_id} is not marked in its document"


def test_a_claim_page_shows_the_verdict_its_table_gives(site_root: Path, crawl: dict[Path, dict]) -> None:
    table = pd.read_csv(site_root / "data" / f"{VERDICT_TABLE}.csv", dtype=str, keep_default_na=False)
    assert len(table) > 0
    for row in table.itertuples():
        assert crawl[site_root / "claims" / f"{row.claim_id}.html"]["verdict"] == row.verdict, row.claim_id


def test_a_table_page_sorts_and_filters_its_rows(site_root: Path, browser) -> None:
    table = pd.read_csv(site_root / "data" / f"{VERDICT_TABLE}.csv", dtype=str, keep_default_na=False)
    word = table["verdict"].value_counts().index[-1]  # the rarest verdict: a filter that hides most rows
    expected = int(table.apply(lambda r: word in " ".join(r), axis=1).sum())
    url = (site_root / "tables" / VERDICT_TABLE).with_suffix(".html").as_uri()
    page = browser.new_page()
    page.goto(url)
    visible = page.locator("#rows tbody tr:not([hidden])")
    assert visible.count() == len(table)
    page.fill("#filter", word)
    assert 0 < visible.count() == expected < len(table)
    page.goto(f"{url}?filter={word}")  # how claim pages link to official rows
    assert visible.count() == expected
    page.fill("#filter", "")
    heading = page.locator("#rows thead th[data-key='claim_value']")
    heading.locator("button").click()
    column = page.evaluate(
        "Array.from(document.querySelectorAll('#rows thead th')).findIndex(h => h.dataset.key === 'claim_value')"
    )
    values = f"Array.from(document.querySelectorAll('#rows tbody tr td:nth-child({column + 1})'), c => parseFloat(c.dataset.value ?? c.textContent))"
    ascending = page.evaluate(values)
    assert "sort=claim_value" in page.url and "order=ascending" in page.url  # the view is kept in the address
    heading.locator("button").click()
    descending = page.evaluate(values)
    assert ascending == sorted(ascending) and descending == sorted(ascending, reverse=True)
    page.close()


def test_a_table_page_counts_facets_says_when_nothing_matches_and_exports_what_it_shows(
    site_root: Path, browser, tmp_path: Path
) -> None:
    table = pd.read_csv(site_root / "data" / f"{VERDICT_TABLE}.csv", dtype=str, keep_default_na=False)
    counts = table["verdict"].value_counts()
    verdict = counts.index[-1]
    page = browser.new_page()
    page.goto((site_root / "tables" / f"{VERDICT_TABLE}.html").as_uri())
    options = page.locator("#facet-verdict option").all_inner_texts()
    assert f"{verdict.replace('_', ' ')} ({counts[verdict]})" in options
    page.select_option("#facet-verdict", verdict)
    visible = page.locator("#rows tbody tr:not([hidden])")
    assert visible.count() == counts[verdict] and f"verdict={verdict}" in page.url
    assert page.locator("#empty").is_hidden()
    with page.expect_download() as download:
        page.click("#export")
    exported = pd.read_csv(download.value.path(), dtype=str, keep_default_na=False)
    expected = table[table["verdict"] == verdict]
    assert sorted(exported["claim_id"]) == sorted(expected["claim_id"])
    assert set(exported.columns) == set(table.columns)
    row = expected.iloc[0]
    assert exported.set_index("claim_id").loc[row["claim_id"], "claim_value"] == row["claim_value"]  # unformatted
    page.fill("#filter", "no-such-text-anywhere")
    assert visible.count() == 0 and page.locator("#empty").is_visible()
    page.goto(page.url)  # a reload shows the same view
    assert page.input_value("#filter") == "no-such-text-anywhere" and page.input_value("#facet-verdict") == verdict
    page.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_table_page_puts_the_key_columns_first_and_fits_a_phone(site_root: Path, browser, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto((site_root / "tables" / f"{VERDICT_TABLE}.html").as_uri())
    keys = page.evaluate("Array.from(document.querySelectorAll('#rows thead th'), h => h.dataset.key)")
    assert keys[:3] == ["claim_id", "claim_value", "verdict"]
    headers = page.locator("#rows thead th").all_text_contents()
    assert not any("_" in header for header in headers), headers
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()


def test_every_chart_on_the_index_is_labelled_for_screen_readers(site_root: Path, crawl: dict[Path, dict]) -> None:
    """Each inline chart names a title and a description that exist on the page (ids prefixed per chart)."""
    charts = crawl[site_root / "index.html"]["charts"]
    assert len(charts) == 2 * len(CHARTS)  # each drawn wide and narrow
    assert all(title and description for title, description in charts), charts


@pytest.mark.parametrize("width", [1280, 390])
def test_pages_fit_the_screen_and_are_saved_for_a_person_to_look_at(
    site_root: Path, browser, built: dict[str, pd.DataFrame], width: int
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900})
    checked = built[VERDICT_TABLE]  # the document with the most checked claims, at its first one
    source_id = checked["source_id"].value_counts().sort_index().idxmax()
    ledger = built["claims"].sort_values("quote_start")
    first = ledger[ledger["claim_id"].isin(checked["claim_id"]) & (ledger["source_id"] == source_id)]["claim_id"].iloc[0]
    document = (site_root / "documents" / f"{source_id}.html").as_uri()
    for name, url, whole in (
        ("index", (site_root / "index.html").as_uri(), True),
        ("document", document, False),
        ("document-claim", f"{document}#{first}", False),
    ):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways at {width} px"
        # JPEG: the index, 11,000 px tall, is saved with about a third less CPU than as PNG; only a person reads it
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.jpeg"), full_page=whole, type="jpeg", quality=85)
    page.close()


def test_no_page_repeats_an_id(crawl: dict[Path, dict]) -> None:
    repeated = {path.name: sorted({i for i in facts["ids"] if facts["ids"].count(i) > 1}) for path, facts in crawl.items()}
    assert {name: ids for name, ids in repeated.items() if ids} == {}


def test_a_reader_goes_from_a_chart_to_a_claim_to_its_sentence_and_its_official_figure(
    site_root: Path, browser, built: dict[str, pd.DataFrame]
) -> None:
    """The issue's journey, by clicks: chart caption -> claim page -> its sentence in the document, and
    back -> the official figure's table, filtered to the period."""
    checked = built[VERDICT_TABLE]
    claim_id = checked[checked["best_value"].notna()]["claim_id"].iloc[0]
    page = browser.new_page()
    page.goto((site_root / "index.html").as_uri())
    page.locator(f"figure.chart figcaption a[href='claims/{claim_id}.html']").first.click()
    assert page.url.endswith(f"claims/{claim_id}.html")
    quote = page.locator(".quote-text").inner_text()
    page.get_by_role("link", name="Read it in the full document").click()
    assert page.url.endswith(f"#{claim_id}")
    highlight = page.locator(f"#{claim_id} + a.claim")
    assert highlight.is_visible() and quote.startswith(highlight.inner_text())
    page.go_back()
    page.locator("details.checked summary").click()  # the official figures it was set against
    page.locator(".candidate.best a[href*='../tables/']").first.click()
    assert "?filter=" in page.url and page.locator("#rows tbody tr:not([hidden])").count() > 0
    page.close()


def test_a_claim_page_names_only_the_charts_whose_marks_draw_it(
    site_root: Path, crawl: dict[Path, dict], rendered: dict[str, bytes]
) -> None:
    """A chart is listed on a claim page when one of its marks draws the claim (the SVG's element ids),
    never because it draws the table holding the claim or marks verdicts for others."""
    drawn_by = {chart.name: marked_claims(rendered[f"{chart.name}.svg"]) for chart in CHARTS}
    ledger = pd.read_csv(REPO.ledger, dtype=str, keep_default_na=False)
    for claim_id in ledger["claim_id"]:
        listed = {
            local_target(url)[1].removeprefix("chart-")
            for url in crawl[site_root / "claims" / f"{claim_id}.html"]["links"]
            if local_target(url)[1].startswith("chart-")
        }
        assert listed == {name for name, claims in drawn_by.items() if claim_id in claims}, claim_id


def marked_claims(svg: bytes) -> set[str]:
    """The claims named by the ids of a chart's marks ('drawn-a-001_a-002.5': claims a-001 and a-002, row 5)."""
    return {c for found in re.findall(rb'id="drawn-([^"]+)\.[0-9]+"', svg) for c in found.decode().split("_")}


# Every chart as shown: the smallest text (font size times the chart's scale on screen, in CSS px), how far
# it sticks out of the page, and whether its right edge is cut off by its frame.
CHART_TEXT = """() => Array.from(document.querySelectorAll('figure.chart svg')).filter(svg => svg.getClientRects().length).map(svg => {
  const texts = Array.from(svg.querySelectorAll('text')).filter(t => t.textContent.trim());
  const sizes = texts.map(t => {
    const m = t.getScreenCTM();
    const size = parseFloat(getComputedStyle(t).fontSize);
    return size * Math.hypot(m.a, m.b);
  });
  const box = svg.getBoundingClientRect(), frame = svg.parentElement.getBoundingClientRect();
  return {narrow: svg.parentElement.classList.contains('chart-narrow'), smallest: Math.min(...sizes), right: box.right, frame: frame.right, page: document.documentElement.clientWidth,
          captions: svg.closest('figure').querySelectorAll('figcaption .drawn a').length};
})"""


@pytest.mark.parametrize("width", [390, 1280])
def test_every_chart_is_readable_and_whole_at_the_width_it_is_shown(site_root: Path, browser, width: int) -> None:
    """At 390 px no chart text is under 11 CSS px and no chart is cut off or scrolls; at 1280 px the
    wide drawing is shown (its text legible at that size too)."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto((site_root / "index.html").as_uri())
    shown = page.evaluate(CHART_TEXT)
    page.close()
    assert len(shown) == len(CHARTS)
    assert all(chart["narrow"] == (width < 600) for chart in shown), shown
    small = [round(chart["smallest"], 1) for chart in shown if chart["smallest"] < 11]
    assert small == []
    assert all(chart["right"] <= chart["frame"] + 0.5 <= chart["page"] + 0.5 for chart in shown), shown


def test_captions_list_exactly_the_claims_each_chart_draws(site_root: Path, browser, rendered: dict[str, bytes]) -> None:
    page = browser.new_page()
    page.goto((site_root / "index.html").as_uri())
    captions = page.evaluate(
        """() => Object.fromEntries(Array.from(document.querySelectorAll('figure.chart'), f =>
             [f.id.replace('chart-', ''), Array.from(f.querySelectorAll('figcaption .drawn a'), a => a.textContent)]))"""
    )
    page.close()
    assert {name: set(claims) for name, claims in captions.items()} == {
        chart.name: marked_claims(rendered[f"{chart.name}.svg"]) for chart in CHARTS
    }


# Every element with its own text, against the background it is painted on: WCAG 2 contrast ratio.
CONTRAST = """() => {
  const rgb = text => (text.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = element => {
    for (let e = element; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) { return c.slice(0, 3); }
    }
    return [255, 255, 255];
  };
  const low = [];
  for (const e of document.querySelectorAll('body *')) {
    if (e.closest('svg, .skip, .why') || !e.getClientRects().length) { continue; }
    const own = Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) { continue; }
    const style = getComputedStyle(e);
    if (style.visibility === 'hidden' || style.display === 'none') { continue; }
    const [a, b] = [lum(rgb(style.color).slice(0, 3)), lum(background(e))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < needed) { low.push(`${e.tagName}.${e.className}: ${ratio.toFixed(2)} '${e.textContent.trim().slice(0, 30)}'`); }
  }
  return {low, h1: document.querySelectorAll('h1').length, h2: document.querySelectorAll('h2').length,
          skip: (document.querySelector('a.skip') || {}).hash || null, main: Boolean(document.getElementById('content'))};
}"""


def test_every_page_type_meets_aa_contrast_has_headings_and_a_skip_link(
    site_root: Path, browser, crawl: dict[Path, dict]
) -> None:
    page = browser.new_page()
    found = {}
    for path in sorted(opened(crawl)):
        page.goto(path.as_uri())
        found[crawl[path]["template"]] = page.evaluate(CONTRAST)
    page.close()
    assert {template: facts["low"] for template, facts in found.items() if facts["low"]} == {}
    assert all(facts["h1"] == 1 and facts["h2"] >= 1 for facts in found.values()), found
    assert all(facts["skip"] == "#content" and facts["main"] for facts in found.values()), found


def test_why_a_number_was_dismissed_shows_on_keyboard_focus_and_on_a_tap(site_root: Path, browser) -> None:
    pages = sorted((site_root / "documents").glob("*.html"))
    document = next(path for path in pages if 'class="dismissed"' in path.read_text(encoding="utf-8"))
    page = browser.new_page(has_touch=True)
    page.goto(document.as_uri())
    number = page.locator(".fulltext .dismissed").first
    why = number.locator(".why")
    assert why.is_hidden()
    page.keyboard.press("Tab")  # the skip link first
    for _ in range(400):  # tab through the page's links until the number has the focus
        if number.evaluate("element => element === document.activeElement"):
            break
        page.keyboard.press("Tab")
    assert why.is_visible() and why.inner_text().startswith("Not in the ledger:")
    page.goto(document.as_uri())
    number.tap()
    assert why.is_visible()
    page.close()


def test_every_link_from_a_claim_to_an_official_table_shows_rows(site_root: Path, browser, crawl: dict[Path, dict]) -> None:
    """A claim page opens an official table filtered to the period of a figure it was set against: the
    filter must find that figure's rows (a year shown as '2,011' would hide them all)."""
    targets = sorted(
        {url for path, facts in crawl.items() if path.parent.name == "claims" for url in facts["links"] if "?filter=" in url}
    )
    assert targets
    page = browser.new_page()
    empty = []
    for url in targets:
        page.goto(url)
        if page.locator("#rows tbody tr:not([hidden])").count() == 0:
            empty.append(url.rsplit("/", 1)[-1])
    page.close()
    assert empty == []
