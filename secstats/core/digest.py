"""The one digest of secstats: SHA-256, for the raw files' checksums, the output manifest and the render cache.

Its own module so that checking raw files, publishing outputs and caching charts share it without
one stage borrowing it from another.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return sha256_hex(path.read_bytes())
