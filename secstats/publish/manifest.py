"""The output manifest: the SHA-256 of every published file and of the inputs it was built from.

``data/clean/manifest.json`` is written by the build, in the same all-or-nothing replacement as the
outputs it lists. ``secstats check`` compares it with the disk, so a hand edit of any built file, a
file nobody built in a directory the build owns whole (data/clean, figures, site; in docs/ the build
owns only the files it writes, beside hand-written guides), a missing output or an input edited
since the build is reported; ``load`` and ``show`` refuse a table whose bytes are not the ones built
(after validating it again, so the refusal names its bad cells too).

Inputs are the ledger, ``dismissed.csv`` and every file under ``data/raw/`` (the code is not: a code change that
changes outputs is caught by the test that rebuilds them). Paths are written as in a checkout
(``data/clean/homicides.csv``), so an installed copy (``secstats/_data``) reads the same manifest.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from secstats.core.digest import sha256_hex as digest
from secstats.core.paths import Layout
from secstats.core.problems import Problem
from secstats.publish.staging import JOURNAL, FileSystem, pending, replace_outputs

MANIFEST = "manifest.json"
INPUT_PREFIXES = ("data/raw/", "data/ledger/")  # manifest names of inputs; everything else is an output
REBUILD = "run 'make figures' (or 'python -m secstats build')"


def manifest_path(layout: Layout) -> Path:
    """Where the manifest lives: beside the tables it lists, so installs ship it."""
    return layout.clean / MANIFEST


def name_of(layout: Layout, path: Path) -> str:
    """A file's manifest name: 'data/...' for data files, else relative to the project root; an output
    of a build with --out is named relative to that folder (the same names as in a checkout)."""
    if layout.out is not None and path.is_relative_to(layout.out):
        return path.relative_to(layout.out).as_posix()
    if path.is_relative_to(layout.data):
        return f"data/{path.relative_to(layout.data).as_posix()}"
    return path.relative_to(layout.root).as_posix()


def path_of(layout: Layout, name: str) -> Path:
    """The file a manifest name stands for in this layout."""
    if layout.out is not None and not name.startswith(INPUT_PREFIXES):
        return layout.out / name
    return layout.data / name.removeprefix("data/") if name.startswith("data/") else layout.root / name


def input_files(layout: Layout) -> list[Path]:
    """Every hand-made file an output depends on: the ledger, dismissed.csv (it shapes coverage.csv)
    and every file under data/raw/, sorted."""
    dismissed = [layout.dismissed] if layout.dismissed.is_file() else []
    return [layout.ledger, *dismissed, *sorted(path for path in layout.raw.rglob("*") if path.is_file())]


def input_digests(layout: Layout) -> dict[str, str]:
    """{manifest name: sha256} of every input as it is now."""
    return {name_of(layout, path): digest(path.read_bytes()) for path in input_files(layout)}


def manifest_bytes(layout: Layout, outputs: dict[Path, bytes]) -> bytes:
    """The manifest for a build whose outputs are ``outputs`` (the manifest not among them)."""
    manifest = {
        "about": "Written by the secstats build; 'secstats check' verifies every file against it. Do not edit.",
        "inputs": input_digests(layout),
        "outputs": {name_of(layout, path): digest(data) for path, data in sorted(outputs.items())},
    }
    return (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode("utf-8")


def parsed_json(path: Path) -> dict:
    """A JSON file's contents, parsed once per version of the file (loading every table reads the
    manifest and datapackage.json for each: parsing them again each time was a third of the cost).
    A new build replaces them by renaming, so a new version has a new inode."""
    info = path.stat()
    return parsed_version(path, info.st_ino, info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=8)
def parsed_version(path: Path, inode: int, modified: int, size: int) -> dict:
    """(cache of ``parsed_json``, keyed by the file's identity and version)"""
    return json.loads(path.read_text(encoding="utf-8"))


def read_manifest(layout: Layout) -> tuple[dict | None, list[Problem]]:
    """The manifest, or the problem that stops it being read."""
    path = manifest_path(layout)
    if not path.is_file():
        return None, [Problem(name_of(layout, path), "manifest present", f"no output manifest; {REBUILD}")]
    try:
        return parsed_json(path), []
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return None, [Problem(name_of(layout, path), "manifest readable", f"not the JSON the build writes ({error})")]


def journal_problems(layout: Layout) -> list[Problem]:
    """An interrupted build: its outputs may be half replaced until the next build recovers them."""
    if not pending(layout.output_root):
        return []
    return [
        Problem(
            JOURNAL,
            "no interrupted build",
            f"a build was interrupted while replacing the outputs; {REBUILD} to complete or roll it back",
        )
    ]


SHIPPED = "data/"  # the outputs an installed copy holds: the tables and their metadata, not figures, docs or site


def output_problems(layout: Layout, output_dirs: list[Path], prefix: str = "") -> list[Problem]:
    """Every difference between the disk and the manifest: edited or missing outputs, files nobody
    built in a directory the build owns whole (``Layout.owned_dirs``: a hand-written guide in docs/ is
    none), and inputs changed since the build. With ``prefix`` (``SHIPPED`` for an installed copy),
    only the outputs whose manifest names start with it are looked for."""
    manifest, problems = read_manifest(layout)
    problems = journal_problems(layout) + problems
    if manifest is None:
        return problems
    for name, expected in manifest["outputs"].items():
        if not name.startswith(prefix):
            continue
        path = path_of(layout, name)
        if not path.is_file():
            problems.append(Problem(name, "output present", f"listed in the manifest but missing; {REBUILD}"))
        elif digest(path.read_bytes()) != expected:
            problems.append(
                Problem(name, "output as built", f"differs from the build (sha256 {expected[:12]}...): edited by hand? {REBUILD}")
            )
    built = set(manifest["outputs"]) | {name_of(layout, manifest_path(layout))}
    for directory in (directory for directory in output_dirs if directory in layout.owned_dirs):
        for path in sorted(directory.rglob("*")) if directory.is_dir() else ():
            if path.is_file() and not path.name.startswith(".") and name_of(layout, path) not in built:
                problems.append(
                    Problem(
                        name_of(layout, path),
                        "output built",
                        "not written by the build: this directory holds built files only (hand-written guides go in docs/)",
                    )
                )
    now = input_digests(layout)
    for name in sorted(set(now) | set(manifest["inputs"])):
        if now.get(name) != manifest["inputs"].get(name):
            change = "added" if name not in manifest["inputs"] else "removed" if name not in now else "changed"
            problems.append(
                Problem(name, "outputs built from these inputs", f"input {change} since the outputs were built; {REBUILD}")
            )
    return problems


def verify_output(layout: Layout, path: Path) -> list[Problem]:
    """Problems unless a published file's bytes are the ones the build wrote."""
    manifest, problems = read_manifest(layout)
    problems = journal_problems(layout) + problems
    if problems or manifest is None:
        return problems
    name = name_of(layout, path)
    expected = manifest["outputs"].get(name)
    if expected is None:
        return [Problem(name, "output built", "not in the output manifest")]
    if not path.is_file():
        return [Problem(name, "output present", f"missing; {REBUILD}")]
    if digest(path.read_bytes()) != expected:
        return [Problem(name, "output as built", f"differs from the build: edited by hand? {REBUILD}")]
    return []


def publish(layout: Layout, outputs: dict[Path, bytes], fs: FileSystem | None = None) -> None:
    """Replace every output and the manifest together; outputs of the previous build that this one
    no longer makes are removed in the same replacement."""
    manifest, _ = read_manifest(layout)
    files = {**outputs, manifest_path(layout): manifest_bytes(layout, outputs)}
    previous = [path_of(layout, name) for name in (manifest or {}).get("outputs", {})]
    replace_outputs(layout.output_root, files, [path for path in previous if path not in files], fs)
