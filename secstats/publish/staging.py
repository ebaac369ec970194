"""All or nothing: the whole set of outputs is replaced together, whatever stops the build.

The method is sqlite's rollback journal, applied to files:

1. One build at a time: ``build_lock`` holds an exclusive ``flock`` on ``.secstats-build.lock``;
   a second build waits, then runs on the first one's result.
2. The journal (``.secstats-journal.json``) is written first, listing every output file, in state
   ``staging``. Each new file is then written, in full and synced, beside its target as
   ``.staged-<name>``: a directory that is not writable or a full disk fails here, before any
   output changed.
3. State ``committing``: each existing output is hard-linked to ``.backup-<name>`` and the staged
   file renamed over it (outputs no longer built are moved to their backup).
4. State ``committed``: the backups are deleted, then the journal.

A failure at any step (an exception, SIGKILL, a power cut) leaves the journal. ``recover`` reads it:
``staging`` -> delete the staged files; ``committing`` -> put every backup back and delete new files
(all old); ``committed`` -> delete the backups (all new). The build recovers at once on an error
and again before it starts; readers refuse outputs while a journal is pending. Every change to the
disk goes through ``FileSystem``, so a test can make the N-th operation fail.
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

JOURNAL = ".secstats-journal.json"
LOCK = ".secstats-build.lock"
STAGED = ".staged-"
BACKUP = ".backup-"


class FileSystem:
    """The disk operations a replacement performs, one method each."""

    def write(self, path: Path, data: bytes) -> None:
        """Write ``data`` to ``path`` and sync it to disk (a rename must never expose half a file)."""
        with open(path, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(path, 0o644)

    def link(self, source: Path, target: Path) -> None:
        os.link(source, target)

    def replace(self, source: Path, target: Path) -> None:
        os.replace(source, target)

    def unlink(self, path: Path) -> None:
        path.unlink(missing_ok=True)

    def sync_directory(self, directory: Path) -> None:
        """Make the renames in ``directory`` durable: without this a power cut may undo them in any order."""
        handle = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def beside(path: Path, prefix: str) -> Path:
    """The staged or backup sibling of an output file."""
    return path.with_name(prefix + path.name)


def write_journal(root: Path, journal: dict, fs: FileSystem) -> None:
    """Replace the journal atomically: a temporary file, synced, renamed."""
    temporary = root / (JOURNAL + ".tmp")
    fs.write(temporary, json.dumps(journal, indent=1, sort_keys=True).encode("utf-8"))
    fs.replace(temporary, root / JOURNAL)
    fs.sync_directory(root)


def read_journal(root: Path) -> dict | None:
    """The pending journal, or None when no replacement is under way."""
    path = root / JOURNAL
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def pending(root: Path) -> bool:
    """True when an interrupted replacement awaits ``recover``."""
    return (root / JOURNAL).is_file()


def replace_outputs(root: Path, files: dict[Path, bytes], obsolete: Sequence[Path] = (), fs: FileSystem | None = None) -> None:
    """Replace every output in ``files`` (absolute paths under ``root``) and remove ``obsolete``,
    all together: on any failure the previous outputs are restored before the error propagates.
    No other file is touched, so hand-written guides beside the generated docs in docs/ stay as they are."""
    fs = fs or FileSystem()
    entries = [{"path": str(path.relative_to(root)), "existed": path.is_file()} for path in files]
    gone = [str(path.relative_to(root)) for path in obsolete if path.is_file()]
    journal = {"state": "staging", "files": entries, "obsolete": gone}
    for path in files:
        path.parent.mkdir(parents=True, exist_ok=True)
    write_journal(root, journal, fs)
    try:
        for path, data in files.items():
            fs.write(beside(path, STAGED), data)
        directories = sorted({path.parent for path in [*files, *(root / name for name in gone)]})
        for directory in directories:
            fs.sync_directory(directory)
        write_journal(root, {**journal, "state": "committing"}, fs)
        for entry in entries:
            target = root / str(entry["path"])
            if entry["existed"]:
                fs.link(target, beside(target, BACKUP))
            fs.replace(beside(target, STAGED), target)
        for name in gone:
            fs.replace(root / name, beside(root / name, BACKUP))
        for directory in directories:
            fs.sync_directory(directory)
        write_journal(root, {**journal, "state": "committed"}, fs)
    except Exception:
        recover(root, fs)  # if this fails too, the journal stays for the next build
        raise
    recover(root, fs)


def recover(root: Path, fs: FileSystem | None = None) -> str | None:
    """Finish or undo an interrupted replacement; return what was done ('rolled back' or
    'completed'), or None when there was nothing to do."""
    fs = fs or FileSystem()
    journal = read_journal(root)
    if (root / (JOURNAL + ".tmp")).exists():
        fs.unlink(root / (JOURNAL + ".tmp"))  # a journal update that never landed
    if journal is None:
        return None
    entries = [(root / entry["path"], entry["existed"]) for entry in journal["files"]]
    entries += [(root / name, True) for name in journal["obsolete"]]
    if journal["state"] == "committed":
        for target, _ in entries:
            fs.unlink(beside(target, BACKUP))
    else:
        for target, existed in entries:
            roll_back(target, existed, fs)
    fs.unlink(root / JOURNAL)
    return "completed" if journal["state"] == "committed" else "rolled back"


def roll_back(target: Path, existed: bool, fs: FileSystem) -> None:
    """Return one output to its state before the replacement began."""
    staged, backup = beside(target, STAGED), beside(target, BACKUP)
    if backup.is_file() and target.is_file() and os.path.samefile(backup, target):
        fs.unlink(backup)  # linked, not yet replaced (rename between two links of one file does nothing)
    elif backup.is_file():
        fs.replace(backup, target)  # the old file back over the new one
    elif not existed and target.is_file() and not staged.is_file():
        fs.unlink(target)  # a new output renamed in: it did not exist before
    fs.unlink(staged)


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the build lock; a second build waits for the first instead of interleaving its writes."""
    with open(root / LOCK, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("waiting for another secstats build to finish", file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
