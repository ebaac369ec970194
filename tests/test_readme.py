"""The README is a few screens that still work: its commands run, it links every page of docs/ and
every link of the documentation resolves; it holds no count a curator would have to edit by hand, no
dated measurement and no path of one machine."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest

from secstats import cli
from tests.conftest import REPO

README = REPO.root / "README.md"
LINK = re.compile(r"\]\(([^)\s]+)\)")


def readme() -> str:
    return README.read_text(encoding="utf-8")


def code_blocks(text: str, language: str) -> list[str]:
    """The fenced code blocks of one language, in order."""
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.M | re.S)


def documentation() -> list[Path]:
    """The README, every page of docs/ (written by hand or generated) and the ledger's conventions."""
    return [README, *sorted(REPO.docs.glob("*.md")), REPO.data / "ledger" / "README.md"]


def anchor(heading: str) -> str:
    """The anchor a Markdown renderer (GitHub's rule) gives a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def broken_links(page: Path) -> list[str]:
    """Links of a page whose file (or heading, after '#') does not exist; web addresses are left out."""
    broken = []
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target):
            continue
        name, _, fragment = target.partition("#")
        linked = (page.parent / name).resolve() if name else page
        if not linked.is_file():
            broken.append(target)
        elif fragment and linked.suffix == ".md":
            headings = re.findall(r"^#+ (.+)$", linked.read_text(encoding="utf-8"), flags=re.M)
            if fragment not in {anchor(heading) for heading in headings}:
                broken.append(target)
    return broken


def test_anchor_follows_the_renderers_rule() -> None:
    assert anchor("The tolerance rule (`secstats.core.semantics`)") == "the-tolerance-rule-secstatscoresemantics"
    assert anchor("First run") == "first-run"


def test_broken_links_finds_a_missing_file_and_a_missing_heading(tmp_path: Path) -> None:
    (tmp_path / "other.md").write_text("# Present\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(
        "[a](other.md) [b](other.md#present) [c](missing.md) [d](other.md#absent) [e](https://example.org/x)",
        encoding="utf-8",
    )
    assert broken_links(page) == ["missing.md", "other.md#absent"]


def test_the_readme_links_every_page_of_docs() -> None:
    linked = {(README.parent / target.partition("#")[0]).resolve() for target in LINK.findall(readme())}
    pages = sorted(REPO.docs.glob("*.md"))
    assert len(pages) >= 7  # the five guides and the two generated pages
    assert [page.name for page in pages if page.resolve() not in linked] == []


@pytest.mark.parametrize("page", documentation(), ids=lambda page: page.name)
def test_every_link_of_the_documentation_resolves(page: Path) -> None:
    assert broken_links(page) == []


@pytest.mark.parametrize("page", documentation(), ids=lambda page: page.name)
def test_no_page_types_a_count_a_new_document_would_change(page: Path) -> None:
    """Adding a document as docs/curation.md says must not mean editing the documentation: no hand-kept
    table of verdict counts (they are the build's), no folder of the machine a page was written on."""
    text = page.read_text(encoding="utf-8")
    assert "<!-- verdict-counts -->" not in text
    assert not re.search(r"^\| (matches|close|inconsistent|unverifiable) \| \d+ \|$", text, flags=re.M)
    assert "/work/" not in text and "/home/" not in text


def test_the_readme_is_a_few_screens_with_no_dated_measurement() -> None:
    """Measurements go stale: they live, dated, in docs/performance.md and docs/curation.md."""
    text = readme()
    assert len(text.splitlines()) <= 150
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text), "a date in the README: move the measurement to docs/"
    assert not re.search(r"\d\s?(s|ms|MB/s)\b|load average|\d+(\.\d+)?x\b", text), "a timing in the README"


def test_the_two_commands_are_shown_and_are_targets_of_the_makefile() -> None:
    shown = [line.split("#")[0].strip() for block in code_blocks(readme(), "sh") for line in block.splitlines()]
    makefile = (REPO.root / "Makefile").read_text(encoding="utf-8")
    for command in ("make figures", "make test"):
        assert command in shown
        assert re.search(rf"^{command.split()[1]}:", makefile, flags=re.M), f"{command}: no such target"


def test_the_python_quick_start_runs() -> None:
    [block] = code_blocks(readme(), "python")
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        exec(compile(block, "README.md", "exec"), {})
    assert "kloppe-006" in shown.getvalue()  # the citation it prints


def test_the_command_line_quick_start_runs(capsys: pytest.CaptureFixture[str]) -> None:
    commands = [
        shlex.split(line, comments=True)
        for block in code_blocks(readme(), "sh")
        for line in block.splitlines()
        if line.startswith("secstats ")
    ]
    assert len(commands) >= 4
    for command in commands:
        try:
            status = cli.main(command[1:])
        except SystemExit as exit:  # --version and --help end through argparse
            status = exit.code
        assert status == 0, f"{shlex.join(command)}: {capsys.readouterr().err}"


def test_the_changelogs_latest_release_is_the_one_citation_cff_gives() -> None:
    import yaml

    citation = yaml.safe_load((REPO.root / "CITATION.cff").read_text(encoding="utf-8"))
    changelog = (REPO.root / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", changelog, flags=re.M)
    assert releases[0] == (citation["version"], str(citation["date-released"]))
