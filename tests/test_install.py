"""`pip install .` gives a working package without the Makefile: the data ships inside it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, seed_render_cache


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package pip installed once for this module's tests (which only read it)."""
    return install(tmp_path_factory.mktemp("install"))


def install(tmp_path: Path) -> Path:
    """pip install a copy of the checkout into tmp_path/site, then delete the copy; return the site folder."""
    source = tmp_path / "source"
    source.mkdir()
    for part in ("pyproject.toml", "README.md", "secstats", "data"):
        copy = shutil.copytree if (REPO.root / part).is_dir() else shutil.copy
        copy(REPO.root / part, source / part)
    shutil.rmtree(source / "secstats" / "__pycache__", ignore_errors=True)
    target = tmp_path / "site"
    # The venv already holds the pinned setuptools and every dependency: no network needed.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    shutil.rmtree(source)  # the installed copy must not lean on the files it was built from
    return target


def run_installed(target: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    )


def test_installed_copy_loads_tables_and_cites_without_the_checkout(installed: Path, tmp_path: Path) -> None:
    target = installed
    script = (
        f"import secstats; assert secstats.__file__.startswith({str(target)!r}); "
        "from secstats.site import TEMPLATES; assert (TEMPLATES / 'index.html').is_file(), 'templates not installed'; "
        "print(len(secstats.load('homicides'))); print(secstats.cite('kloppe-006'))"
    )
    done = run_installed(target, tmp_path, "-c", script)
    assert done.returncode == 0, done.stderr
    rows, citation = done.stdout.split("\n", 1)
    assert int(rows) == len(__import__("secstats").load("homicides"))
    assert "Kloppe-Santamaría" in citation


def test_installed_build_writes_only_where_the_user_says(installed: Path, tmp_path: Path) -> None:
    """Without --out an installed secstats refuses in one line; with it, it builds the package's outputs there."""
    target = installed
    package = target / "secstats"
    before = sorted(p.relative_to(target) for p in target.rglob("*") if "__pycache__" not in p.parts)
    refused = run_installed(target, tmp_path, "-m", "secstats", "build")
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and "--out" in refused.stderr and "Traceback" not in refused.stderr
    into_package = run_installed(target, tmp_path, "-m", "secstats", "build", "--out", str(package / "here"))
    assert into_package.returncode == 1 and "inside the installed package" in into_package.stderr
    seed_render_cache(tmp_path / "out")  # the installed chart code must give the same keys to be served
    built = run_installed(target, tmp_path, "-m", "secstats", "build", "--out", "out")
    assert built.returncode == 0, built.stderr
    out = tmp_path / "out"
    for name in ("homicides.csv", "derivation_inputs.csv", "datapackage.json"):
        assert (out / "data" / "clean" / name).read_bytes() == (REPO.clean / name).read_bytes()
    assert (out / "figures" / "overview.svg").read_bytes() == (REPO.figures / "overview.svg").read_bytes()
    assert list((out / ".cache" / "charts").iterdir())
    after = sorted(p.relative_to(target) for p in target.rglob("*") if "__pycache__" not in p.parts)
    assert after == before  # nothing written into the installed package, not even the render cache
