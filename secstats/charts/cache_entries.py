"""Cache entries that prove their own content: each file's name carries the SHA-256 of its bytes.

A damaged entry (a truncated write, a disk error, a hand edit) no longer matches its name, so it is
deleted and treated as missing: the caller rebuilds it instead of publishing broken bytes.
"""

from __future__ import annotations

from pathlib import Path

from secstats.core.digest import sha256_hex as digest_of
from secstats.core.outputs import write_bytes_atomic


def store(cache: Path, stem: str, extension: str, data: bytes) -> None:
    """Keep ``data`` as ``<stem>.<sha256 of data>.<extension>``."""
    write_bytes_atomic(cache / f"{stem}.{digest_of(data)}.{extension}", data)


def fetch(cache: Path, stem: str, extension: str) -> bytes | None:
    """The bytes stored for ``stem``, if an entry's content still matches its hash; damaged entries
    are removed."""
    for path in sorted(cache.glob(f"{stem}.*.{extension}")):
        recorded = path.name[len(stem) + 1 : -len(extension) - 1]
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            continue  # removed by a build beside this one since the listing
        if digest_of(data) == recorded:
            return data
        path.unlink(missing_ok=True)
    return None
