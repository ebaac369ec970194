"""`pip install .` gives a working package without the Makefile: the data ships inside it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_installed_copy_loads_tables_and_cites_without_the_checkout(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for part in ("pyproject.toml", "README.md", "secstats", "data"):
        copy = shutil.copytree if (REPO.root / part).is_dir() else shutil.copy
        copy(REPO.root / part, source / part)
    shutil.rmtree(source / "secstats" / "__pycache__", ignore_errors=True)
    target = tmp_path / "site"
    # The venv already holds the pinned setuptools and every dependency: no network needed.
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--target", str(target), str(source)], check=True, capture_output=True)
    shutil.rmtree(source)  # the installed copy must not lean on the files it was built from
    script = ("import secstats; assert secstats.__file__.startswith(%r); "
              "print(len(secstats.load('homicides'))); print(secstats.cite('kloppe-006'))") % str(target)
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    rows, citation = done.stdout.split("\n", 1)
    assert int(rows) == len(__import__("secstats").load("homicides"))
    assert "Kloppe-Santamaría" in citation
