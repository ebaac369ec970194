"""`pip install .` gives a working package without the Makefile: the data ships inside it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
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
    for cache in (source / "secstats").rglob("__pycache__"):
        shutil.rmtree(cache)
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


# One process of the installed copy does most of what a user would, in turn (each process pays for
# importing pandas again): load and cite, then build into the package and into ./out. The refusal
# without --out runs as `python -m secstats build` in a process of its own (the entry point, and
# nothing printed while importing).
USER_SESSION = """
import contextlib, io, json, sys
import secstats
from secstats.cli import main
from secstats.site.pages import TEMPLATES


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return {"code": code, "stdout": out.getvalue(), "stderr": err.getvalue()}


print(json.dumps({
    "file": secstats.__file__,
    "templates": (TEMPLATES / "index.html").is_file(),
    "rows": len(secstats.load("homicides")),
    "citation": secstats.cite("kloppe-006"),
    "into_package": run("build", "--out", sys.argv[1]),
    "built": run("build", "--out", "out"),
    "checked": run("check"),
    "add_source": run("add-source", sys.argv[2], "--title", "T", "--publisher", "P", "--date", "2021"),
}))
"""


@dataclass
class Session:
    target: Path  # the installed site folder
    cwd: Path  # where the user ran it
    before: list[Path]  # the installed files before the session
    said: dict  # what the session printed


@pytest.fixture(scope="module")
def session(installed: Path, tmp_path_factory: pytest.TempPathFactory, rendered: dict[str, bytes]) -> Session:
    cwd = tmp_path_factory.mktemp("user")
    before = installed_files(installed)
    # The checkout's render cache but the overview's entries: the installed copy draws that chart itself
    # (with its own installed code) and serves the others only if its keys match the checkout's.
    seed_render_cache(cwd / "out")
    for entry in (cwd / "out" / ".cache" / "charts").glob("overview.*"):
        entry.unlink()
    memo = cwd / "memo.txt"
    memo.write_text("Some 12 agents took part.\n", encoding="utf-8")
    done = run_installed(installed, cwd, "-c", USER_SESSION, str(installed / "secstats" / "here"), str(memo))
    assert done.returncode == 0, done.stderr
    refused = run_installed(installed, cwd, "-m", "secstats", "build")
    said = {
        **json.loads(done.stdout),
        "refused": {"code": refused.returncode, "stdout": refused.stdout, "stderr": refused.stderr},
    }
    return Session(installed, cwd, before, said)


def run_installed(target: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Python with only the installed copy on its path, as a user's shell would run it."""
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    )


def installed_files(target: Path) -> list[Path]:
    return sorted(p.relative_to(target) for p in target.rglob("*") if "__pycache__" not in p.parts)


def test_installed_copy_loads_tables_and_cites_without_the_checkout(session: Session) -> None:
    said = session.said
    assert said["file"].startswith(str(session.target)) and said["templates"], "templates not installed"
    assert said["rows"] == len(__import__("secstats").load("homicides"))
    assert "Kloppe-Santamaría" in said["citation"]


def test_installed_build_writes_only_where_the_user_says(session: Session, rendered: dict[str, bytes]) -> None:
    """Without --out an installed secstats refuses in one line; with it, it builds the package's outputs there."""
    refused, into_package, built = (session.said[step] for step in ("refused", "into_package", "built"))
    assert refused["code"] == 1 and refused["stdout"] == ""
    assert refused["stderr"].count("\n") == 1 and "--out" in refused["stderr"] and "Traceback" not in refused["stderr"]
    assert into_package["code"] == 1 and "inside the installed package" in into_package["stderr"]
    assert built["code"] == 0, built["stderr"]
    out = session.cwd / "out"
    for name in ("homicides.csv", "derivation_inputs.csv", "datapackage.json"):
        assert (out / "data" / "clean" / name).read_bytes() == (REPO.clean / name).read_bytes()
    assert (out / "figures" / "overview.svg").read_bytes() == rendered["overview.svg"]  # drawn by the installed code
    assert list((out / ".cache" / "charts").iterdir())
    assert installed_files(session.target) == session.before  # nothing written into the installed package


def test_installed_check_verifies_the_packaged_tables_and_says_so(session: Session) -> None:
    checked = session.said["checked"]
    assert checked["code"] == 0, checked["stderr"]
    assert "installed copy" in checked["stdout"] and "every packaged table is the one its manifest lists" in checked["stdout"]


def test_installed_add_source_refuses_in_one_line(session: Session) -> None:
    refused = session.said["add_source"]
    assert refused["code"] == 1 and refused["stderr"].count("\n") == 1
    assert "add-source does not write" in refused["stderr"] and "--project" in refused["stderr"]
    assert installed_files(session.target) == session.before


def test_build_out_writes_only_what_its_help_names(session: Session) -> None:
    from secstats.cli import build_parser

    written = {path.name for path in (session.cwd / "out").iterdir()}
    assert written == {"data", "figures", "docs", "site", ".cache", ".secstats-build.lock"}
    help_text = " ".join(build_parser()._subparsers._group_actions[0].choices["build"].format_help().split())
    for name in ("data/clean/", "figures/", "docs/", "site/", ".cache/charts/", ".secstats-build.lock"):
        assert name in help_text, name


def test_the_venv_step_says_what_it_is_doing_before_each_slow_step(tmp_path: Path) -> None:
    """A python that cannot run stops scripts/venv.sh at once; by then it has said what it was doing."""
    done = subprocess.run(
        ["sh", "scripts/venv.sh", "/bin/false", str(tmp_path / "venv")], cwd=REPO.root, capture_output=True, text=True
    )
    assert done.returncode != 0
    steps = [line for line in done.stderr.splitlines() if line.startswith("venv: ")]
    assert steps[0].startswith("venv: creating") and len(steps) >= 2, done.stderr
