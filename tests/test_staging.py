"""All or nothing: a fault at any write, SIGKILL, or a second build leaves outputs all old or all new."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from secstats.publish import staging
from secstats.publish.staging import FileSystem, build_lock, pending, recover, replace_outputs

OLD = {"tables/a.csv": b"old a\n", "tables/b.csv": b"old b\n", "figures/gone.svg": b"old, not rebuilt\n"}
NEW = {"tables/a.csv": b"new a\n", "tables/b.csv": b"new b\n", "figures/c.svg": b"new c\n"}


class Fault(Exception):
    """The injected failure (a full disk, a directory that is not writable)."""


class Crash(BaseException):
    """A process killed mid-write: no handler runs (not an Exception)."""


class FailingAt(FileSystem):
    """A FileSystem whose ``n``-th operation raises ``error``; counts operations."""

    def __init__(self, n: int, error: type[BaseException]) -> None:
        self.n, self.error, self.count = n, error, 0

    def tick(self) -> None:
        self.count += 1
        if self.count == self.n:
            raise self.error(f"operation {self.n} failed")

    def write(self, path: Path, data: bytes) -> None:
        self.tick()
        super().write(path, data)

    def link(self, source: Path, target: Path) -> None:
        self.tick()
        super().link(source, target)

    def replace(self, source: Path, target: Path) -> None:
        self.tick()
        super().replace(source, target)

    def unlink(self, path: Path) -> None:
        self.tick()
        super().unlink(path)

    def sync_directory(self, directory: Path) -> None:
        self.tick()
        super().sync_directory(directory)


def old_tree(root: Path) -> None:
    for name, data in OLD.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root, hidden ones included (a stray staged or backup file is a failure too)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def replace_new(root: Path, fs: FileSystem | None = None) -> None:
    obsolete = [root / name for name in OLD if name not in NEW]
    replace_outputs(root, {root / name: data for name, data in NEW.items()}, obsolete, fs)


def operations_of_a_clean_run(tmp_path: Path) -> int:
    old_tree(tmp_path)
    counter = FailingAt(0, Fault)
    replace_new(tmp_path, counter)
    assert snapshot(tmp_path) == NEW
    return counter.count


def test_a_clean_replacement_leaves_exactly_the_new_outputs(tmp_path: Path) -> None:
    assert operations_of_a_clean_run(tmp_path) > len(NEW) * 2


@pytest.mark.parametrize("error", [Fault, Crash], ids=["exception", "crash"])
def test_a_fault_at_every_operation_leaves_all_old_or_all_new(tmp_path: Path, error: type[BaseException]) -> None:
    total = operations_of_a_clean_run(tmp_path / "count")
    outcomes = set()
    for n in range(1, total + 1):
        root = tmp_path / f"n{n}"
        old_tree(root)
        with pytest.raises(error):
            replace_new(root, FailingAt(n, error))
        if error is Fault:
            # In-process recovery ran: unless the fault hit the recovery itself, nothing is pending.
            outcomes.add("pending" if pending(root) else "settled")
        recover(root)  # what the next build does first
        after = snapshot(root)
        assert after in (OLD, NEW), f"operation {n} of {total}: mixed or stray files {sorted(after)}"
        outcomes.add("old" if after == OLD else "new")
    assert {"old", "new"} <= outcomes  # faults before the commit roll back, after it complete


def test_readers_see_a_pending_replacement(tmp_path: Path) -> None:
    old_tree(tmp_path)
    with pytest.raises(Crash):
        replace_new(tmp_path, FailingAt(6, Crash))
    assert pending(tmp_path)
    assert recover(tmp_path) in ("rolled back", "completed")
    assert not pending(tmp_path)


KILLER = """
import importlib.util, os, signal
from pathlib import Path
# staging.py alone (it needs only the standard library): the package would import pandas.
spec = importlib.util.spec_from_file_location("staging", {src!r})
staging = importlib.util.module_from_spec(spec)
spec.loader.exec_module(staging)

class KillAt(staging.FileSystem):
    count = 0
    def tick(self):
        self.count += 1
        if self.count == {n}:
            os.kill(os.getpid(), signal.SIGKILL)
    def write(self, path, data): self.tick(); super().write(path, data)
    def link(self, a, b): self.tick(); super().link(a, b)
    def replace(self, a, b): self.tick(); super().replace(a, b)
    def unlink(self, path): self.tick(); super().unlink(path)
    def sync_directory(self, path): self.tick(); super().sync_directory(path)

root = Path({root!r})
files = {{root / name: data for name, data in {new!r}.items()}}
staging.replace_outputs(root, files, [root / name for name in {obsolete!r}], KillAt())
"""


def test_sigkill_at_every_operation_leaves_all_old_or_all_new(tmp_path: Path) -> None:
    total = operations_of_a_clean_run(tmp_path / "count")
    src = staging.__file__
    for n in range(1, total + 1):
        root = tmp_path / f"kill{n}"
        old_tree(root)
        script = KILLER.format(src=src, n=n, root=str(root), new=NEW, obsolete=[k for k in OLD if k not in NEW])
        done = subprocess.run([sys.executable, "-c", script], capture_output=True)
        assert done.returncode == -signal.SIGKILL, done.stderr
        recover(root)
        assert snapshot(root) in (OLD, NEW), f"SIGKILL at operation {n}: {sorted(snapshot(root))}"


def test_a_second_build_waits_for_the_first(tmp_path: Path) -> None:
    entered = threading.Event()

    def second() -> None:
        with build_lock(tmp_path):
            entered.set()

    with build_lock(tmp_path):
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.3)
        assert not entered.is_set(), "two builds held the lock at once"
    thread.join(timeout=5)
    assert entered.is_set()


def test_nothing_is_left_behind(tmp_path: Path) -> None:
    old_tree(tmp_path)
    replace_new(tmp_path)
    assert snapshot(tmp_path) == NEW  # no journal, staged or backup file left behind


RACER = """
import importlib.util, sys, time
from pathlib import Path
spec = importlib.util.spec_from_file_location("staging", {src!r})
staging = importlib.util.module_from_spec(spec)
spec.loader.exec_module(staging)

class Slow(staging.FileSystem):
    def write(self, path, data): time.sleep(0.01); super().write(path, data)
    def replace(self, a, b): time.sleep(0.01); super().replace(a, b)

root = Path({root!r})
with staging.build_lock(root):
    staging.recover(root)
    staging.replace_outputs(root, {{root / f"out/{{i}}.csv": {tag!r} * (i + 1) for i in range(8)}}, [], Slow())
"""


def test_two_builds_at_once_leave_one_whole_set(tmp_path: Path) -> None:
    src = staging.__file__
    racers = [
        subprocess.Popen([sys.executable, "-c", RACER.format(src=src, root=str(tmp_path), tag=tag)], stderr=subprocess.PIPE)
        for tag in (b"A", b"B")
    ]
    assert all(racer.wait(timeout=60) == 0 for racer in racers)
    files = snapshot(tmp_path)
    files.pop(staging.LOCK)
    tags = {data[:1] for data in files.values()}
    assert len(files) == 8 and len(tags) == 1, f"two builds interleaved: {sorted(files)} {tags}"
