"""Shared fixtures: a scratch copy of the project's data, so tests can break inputs safely."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from secstats.core.paths import Layout, default_layout
from secstats.core.problems import BuildError
from secstats.raw.sources import verify_raw

REPO = default_layout()


RAM_DISK = Path("/dev/shm")
RAM_DISK_SPARE = 4 * 2**30  # the suite's scratch projects take about 1 GB at their peak
RAM_DISK_KEY = pytest.StashKey[Path]()
RAM_DISK_PREFIX = "secstats-pytest-"


def pytest_configure(config: pytest.Config) -> None:
    """Scratch projects go to a RAM disk when the machine has one with room to spare: the suite makes
    thousands of small files, which a disk makes several times slower. A new folder for each run (two
    runs at once never share one), named by the run's process; ``--basetemp`` still decides when given."""
    if config.option.basetemp or hasattr(config, "workerinput"):  # xdist workers inherit the main process's
        return
    if RAM_DISK.is_dir() and os.access(RAM_DISK, os.W_OK) and shutil.disk_usage(RAM_DISK).free > RAM_DISK_SPARE:
        remove_abandoned_runs()
        basetemp = Path(tempfile.mkdtemp(prefix=f"{RAM_DISK_PREFIX}{os.getpid()}-", dir=RAM_DISK))
        config.option.basetemp = str(basetemp)
        config.stash[RAM_DISK_KEY] = basetemp


def remove_abandoned_runs() -> None:
    """The RAM-disk folders of runs that were killed before they could remove their own."""
    for folder in RAM_DISK.glob(f"{RAM_DISK_PREFIX}*"):
        pid = folder.name.removeprefix(RAM_DISK_PREFIX).split("-")[0]
        if folder.is_dir() and folder.stat().st_uid == os.getuid() and pid.isdigit() and not running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # a process of another user
    return True


def pytest_unconfigure(config: pytest.Config) -> None:
    """Give the RAM back: the scratch projects of a run on the RAM disk are removed when it ends."""
    if (basetemp := config.stash.get(RAM_DISK_KEY, None)) is not None:
        shutil.rmtree(basetemp, ignore_errors=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use the whole in-memory build are marked 'pipeline', so a quick run can skip them."""
    for item in items:
        if "built" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.pipeline)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Every test run verifies the raw checksums first: no test may read a document that changed."""
    try:
        verify_raw(REPO)
    except BuildError as error:
        pytest.exit(f"raw files do not match their checksums; no test was run.\n{error.report()}", returncode=1)


def link_or_copy(source: str, target: str) -> None:
    """A hard link where source and target share a file system, else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def copy_project(root: Path) -> Layout:
    """A copy of data/ (and figures/, docs/, site/) under root, with no render cache."""
    shutil.copytree(REPO.root / "data", root / "data")
    for built in (REPO.figures, REPO.docs):
        if built.is_dir():
            shutil.copytree(built, root / built.name)
    # The site's 190 files are only ever replaced whole (renamed into place), never edited in place by a
    # test, so hard links stand in for copies: the same bytes for a fraction of the disk work.
    if REPO.site.is_dir():
        shutil.copytree(REPO.site, root / REPO.site.name, copy_function=link_or_copy)
    return Layout(root)


def seed_render_cache(root: Path) -> None:
    """Give root the checkout's render cache (filled by the ``rendered`` fixture). Sound: an entry is
    keyed by everything its chart's bytes depend on, and test_two_builds_are_byte_identical draws every
    chart afresh and compares it with what the cache gave."""
    shutil.copytree(REPO.cache / "charts", root / ".cache" / "charts", dirs_exist_ok=True)


@pytest.fixture
def scratch(tmp_path: Path, rendered: dict[str, bytes]) -> Layout:
    """A copy of data/ (and figures/, docs/, site/) under tmp_path, with a filled render cache (charts
    whose inputs a test leaves alone are not drawn again); tests edit it, never the repo."""
    layout = copy_project(tmp_path)
    seed_render_cache(tmp_path)
    return layout


def edit_ledger(layout: Layout, row: int, column: str, value: str) -> str:
    """Set one cell of the scratch ledger (row counted from 0); return that row's claim_id."""
    ledger = pd.read_csv(layout.ledger, dtype=str, keep_default_na=False)
    ledger.loc[row, column] = value
    ledger.to_csv(layout.ledger, index=False)
    return ledger.loc[row, "claim_id"]


@pytest.fixture(scope="session")
def built() -> dict[str, pd.DataFrame]:
    """Every table built in memory from the ledger and the reference files, as the build makes them."""
    from secstats.ledger.claims import check_ledger
    from secstats.publish.catalog import build_clean_tables

    return build_clean_tables(REPO, check_ledger(REPO))


@pytest.fixture(scope="session")
def rendered(built: dict[str, pd.DataFrame]) -> dict[str, bytes]:
    """Every chart drawn from the in-memory build, as {file name: bytes}. The checkout's render cache
    serves the charts whose code and inputs are unchanged and keeps the ones drawn, for the scratch
    projects to copy."""
    from secstats.charts.render import render_charts

    return render_charts(REPO, built)
