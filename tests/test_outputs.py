"""Published outputs: the manifest catches hand edits, a failing build changes nothing, damaged cache
entries are redrawn, and text from documents cannot attack the terminal, the SVG or a spreadsheet."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from secstats import cli, pipeline
from secstats.api import load
from secstats.charts.render import render_charts
from secstats.core.escaping import for_html, show_controls
from secstats.core.paths import Layout
from secstats.core.problems import BuildError
from secstats.ledger.claims import check_ledger
from secstats.publish import staging
from secstats.publish.catalog import build_clean_tables
from secstats.publish.manifest import output_problems, publish
from tests.conftest import REPO, edit_ledger
from tests.test_build import outputs


def problems_of(layout: Layout) -> str:
    return "\n".join(map(str, output_problems(layout, list(layout.output_dirs))))


# --- the manifest -----------------------------------------------------------------------------------


def test_the_committed_outputs_match_their_manifest() -> None:
    assert problems_of(REPO) == ""


def test_check_catches_a_hand_edit_of_a_clean_table(scratch: Layout, monkeypatch, capsys) -> None:
    table = scratch.clean / "homicides.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(",exact,", ",approximate,", 1), encoding="utf-8")
    monkeypatch.setattr(cli, "default_layout", lambda: scratch)
    assert cli.main(["check"]) == 1
    err = capsys.readouterr().err
    assert "data/clean/homicides.csv: rule output as built" in err and "Traceback" not in err


def test_load_refuses_a_hand_edited_table_even_a_valid_one(scratch: Layout) -> None:
    table = scratch.clean / "extraditions.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(",exact,", ",approximate,", 1), encoding="utf-8")
    with pytest.raises(BuildError, match=re.escape("extraditions.csv: rule output as built")):
        load("extraditions", scratch)


@pytest.mark.parametrize(
    "change, rule",
    [
        (lambda layout: (layout.figures / "overview.svg").write_bytes(b"<svg/>"), "figures/overview.svg: rule output as built"),
        (lambda layout: (layout.docs / "data-dictionary.md").unlink(), "docs/data-dictionary.md: rule output present"),
        (lambda layout: (layout.clean / "extra.csv").write_text("a\n1\n"), "data/clean/extra.csv: rule output built"),
        (lambda layout: (layout.site / "notes.html").write_text("<p>made up</p>"), "site/notes.html: rule output built"),
        (
            lambda layout: (layout.docs / "verdicts.md").write_text("# Verdicts, edited by hand\n"),
            "docs/verdicts.md: rule output as built",
        ),
        (
            lambda layout: edit_ledger(layout, 0, "note", "edited after the build"),
            "data/ledger/claims.csv: rule outputs built from these inputs",
        ),
    ],
)
def test_check_catches_every_difference_from_the_build(scratch: Layout, change, rule: str) -> None:
    change(scratch)
    assert rule in problems_of(scratch)


def write_guides(layout: Layout) -> dict[Path, bytes]:
    """Made-up hand-written guides in docs/ (one in a subfolder), as a contributor would add them."""
    guides = {layout.docs / "my-guide.md": b"# A guide written by hand\n", layout.docs / "images" / "step.png": b"made up"}
    for path, data in guides.items():
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
    return guides


def test_a_hand_written_guide_in_docs_passes_check_and_a_generated_doc_is_still_guarded(
    scratch: Layout, monkeypatch, capsys
) -> None:
    """docs/ is shared: the build owns only the files it writes there."""
    write_guides(scratch)
    monkeypatch.setattr(cli, "default_layout", lambda: scratch)
    assert problems_of(scratch) == ""
    assert cli.main(["check"]) == 0
    generated = scratch.docs / "data-dictionary.md"
    generated.write_text(generated.read_text(encoding="utf-8") + "\nA line added by hand.\n", encoding="utf-8")
    [problem] = problems_of(scratch).splitlines()  # the edit, and nothing of the guides
    assert problem.startswith("docs/data-dictionary.md: rule output as built: ")
    assert cli.main(["check"]) == 1
    assert "docs/data-dictionary.md: rule output as built" in capsys.readouterr().err


def test_a_build_rewrites_the_generated_docs_and_leaves_hand_written_guides_alone(scratch: Layout) -> None:
    guides = write_guides(scratch)
    (scratch.docs / "verdicts.md").write_text("# Verdicts, edited by hand\n", encoding="utf-8")
    pipeline.run_build(scratch)
    assert {path: path.read_bytes() for path in guides} == guides
    assert "edited by hand" not in (scratch.docs / "verdicts.md").read_text(encoding="utf-8")
    assert "my-guide.md" not in (scratch.clean / "manifest.json").read_text(encoding="utf-8")
    assert problems_of(scratch) == ""


def test_readers_refuse_outputs_while_a_build_is_interrupted(scratch: Layout) -> None:
    (scratch.root / staging.JOURNAL).write_text('{"state": "committing", "files": [], "obsolete": []}')
    with pytest.raises(BuildError, match="interrupted"):
        load("homicides", scratch)


# --- a failing build leaves every output as it was ------------------------------------------------


class NotWritable(staging.FileSystem):
    """Writes into one directory fail, as in a read-only figures/ or a full disk there."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def write(self, path: Path, data: bytes) -> None:
        if path.parent == self.directory:
            raise PermissionError(13, "Permission denied", str(path))
        super().write(path, data)


def test_a_figures_directory_that_is_not_writable_changes_no_output(scratch: Layout, monkeypatch, capsys) -> None:
    before = outputs(scratch)
    edit_ledger(scratch, 0, "note", "an edit that changes claims.csv")
    monkeypatch.setattr(staging, "FileSystem", lambda: NotWritable(scratch.figures))
    monkeypatch.setattr(cli, "default_layout", lambda: scratch)
    assert cli.main(["build"]) == 1
    err = capsys.readouterr().err
    assert "Permission denied" in err and "figures" in err and "Traceback" not in err
    assert outputs(scratch) == before
    assert not staging.pending(scratch.root)


def test_a_build_interrupted_mid_commit_is_rolled_back_by_the_next(scratch: Layout, monkeypatch) -> None:
    before = outputs(scratch)
    edit_ledger(scratch, 0, "note", "an edit that changes claims.csv")

    class KilledAtTheTenthRename(staging.FileSystem):
        count = 0

        def replace(self, source: Path, target: Path) -> None:
            KilledAtTheTenthRename.count += 1
            if KilledAtTheTenthRename.count == 10:
                raise KeyboardInterrupt  # no handler runs: as SIGKILL
            super().replace(source, target)

    monkeypatch.setattr(staging, "FileSystem", KilledAtTheTenthRename)
    with pytest.raises(KeyboardInterrupt):
        pipeline.run_build(scratch)
    assert staging.pending(scratch.root)
    monkeypatch.undo()
    assert staging.recover(scratch.root) == "rolled back"
    assert outputs(scratch) == before


def test_a_fault_at_every_operation_of_publishing_the_real_outputs(scratch: Layout, monkeypatch, tmp_path_factory) -> None:
    """The N-th disk operation of publishing the real output set fails (an exception at odd N, a crash
    with no handler at even N): after recovery the outputs and their manifest are the old set or the
    new set, never a mix. About 20 N spread evenly (every 5th at least) and the last, to keep the suite
    quick however many files the site adds: test_staging tries every N on a small made-up set."""
    from tests.test_staging import Crash, FailingAt, Fault

    monkeypatch.setattr(os, "fsync", lambda fd: None)  # durability is not under test here; speed is
    edit_ledger(scratch, 0, "note", "an edit that changes claims.csv and the manifest")
    new = pipeline.make_outputs(scratch)
    pristine = tmp_path_factory.mktemp("pristine")  # the old outputs, restored before each round
    for directory in scratch.output_dirs:
        shutil.copytree(directory, pristine / directory.name)
    old = outputs(scratch)
    counter = FailingAt(0, Fault)
    publish(scratch, new, counter)
    built = outputs(scratch)
    assert built != old and problems_of(scratch) == ""
    for n in sorted({*range(1, counter.count + 1, max(5, counter.count // 20)), counter.count}):
        error = Fault if n % 2 else Crash
        for directory in scratch.output_dirs:
            shutil.rmtree(directory)
            # hard links: publishing replaces files by renaming, never writes into one, so the pristine
            # copy cannot be changed through them (were it, the next round would fail, not pass)
            shutil.copytree(pristine / directory.name, directory, copy_function=os.link)
        with pytest.raises(error):
            publish(scratch, new, FailingAt(n, error))
        staging.recover(scratch.root)
        assert outputs(scratch) in (old, built), f"{error.__name__} at operation {n}: outputs mixed"


# --- the render cache -------------------------------------------------------------------------------


def test_a_damaged_cache_entry_is_redrawn_not_published(scratch: Layout, built: dict[str, pd.DataFrame]) -> None:
    fresh = render_charts(scratch, built)  # the scratch copy's inputs are the checkout's
    cache = scratch.root / ".cache" / "charts"
    for entry in cache.glob("overview.*.svg"):
        entry.write_bytes(entry.read_bytes()[:100])  # truncated, as by a full disk
    assert render_charts(scratch, built) == fresh


# --- text that attacks its reader ----------------------------------------------------------------


def test_cite_prints_no_raw_control_characters(monkeypatch, capsys) -> None:
    monkeypatch.setattr(cli, "cite", lambda claim_id, format="text": "a quote \x1b[2J\x1b]0;owned\x07 with escapes")
    assert cli.main(["cite", "any-001"]) == 0
    printed = capsys.readouterr().out
    assert "\x1b" not in printed and "\x07" not in printed and "\\x1b[2J" in printed


@pytest.mark.parametrize("on_terminal", [True, False])
def test_show_csv_escapes_control_characters_only_on_a_terminal(monkeypatch, capsys, on_terminal: bool) -> None:
    monkeypatch.setattr(cli, "published_bytes", lambda name: b"quote\nred \x1b[31m text\n")
    monkeypatch.setattr(cli.sys.stdout, "isatty", lambda: on_terminal)
    assert cli.main(["show", "claims", "--csv"]) == 0
    printed = capsys.readouterr().out
    assert ("\x1b" in printed) != on_terminal and ("\\x1b[31m" in printed) == on_terminal


def test_html_and_terminal_escapes() -> None:
    assert show_controls("a\x1bb\tc\n") == "a\\x1bb\tc\n"
    assert for_html('<b onmouseover="x">\x07') == "&lt;b onmouseover=&quot;x&quot;&gt;\\x07"


def test_a_formula_like_cell_stops_the_build(scratch: Layout) -> None:
    edit_ledger(scratch, 0, "note", '=HYPERLINK("http://example.com","click")')
    with pytest.raises(BuildError) as error:
        check_ledger(scratch)
    assert "row 2" in str(error.value) and "column note" in str(error.value) and "formula" in str(error.value)


def test_a_formula_like_cell_in_a_built_table_stops_the_build(scratch: Layout, monkeypatch) -> None:
    from secstats.publish import catalog

    original = catalog.assemble

    def with_a_formula(ledger: pd.DataFrame, spec) -> pd.DataFrame:
        table = original(ledger, spec)
        table.loc[0, "source_id"] = "@SUM(A1:A9)"
        return table

    monkeypatch.setattr(catalog, "assemble", with_a_formula)
    with pytest.raises(BuildError) as error:
        build_clean_tables(scratch, check_ledger(scratch))
    assert "rule no formula-like cell" in str(error.value) and "column source_id" in str(error.value)


# --- make rebuilds on content, not on modification times -------------------------------------------


def make_figures(root: Path) -> str:
    """`make figures` in a copy of the Makefile whose build only records that it ran."""
    done = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "figures",
            "VENV_READY=",
            f"OUTPUTS={root / 'built'}",
            f"PY=sh -c 'date +%N > {root / 'built'}; echo BUILT' sh",
        ],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_make_rebuilds_on_content_and_on_deletion_whatever_the_times(tmp_path: Path) -> None:
    (tmp_path / "Makefile").write_bytes((REPO.root / "Makefile").read_bytes())
    for name in ("data/ledger/claims.csv", "data/raw/reference/x/a.csv", "secstats/m.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("1\n")
    assert "BUILT" in make_figures(tmp_path)
    assert "BUILT" not in make_figures(tmp_path)
    ledger = tmp_path / "data/ledger/claims.csv"
    times = ledger.stat()
    ledger.write_text("2\n")
    os.utime(ledger, ns=(times.st_atime_ns, times.st_mtime_ns - 10**12))  # restored with an old time, as cp -p
    assert "BUILT" in make_figures(tmp_path)
    (tmp_path / "data/raw/reference/x/a.csv").unlink()
    assert "BUILT" in make_figures(tmp_path)
    assert "BUILT" not in make_figures(tmp_path)
