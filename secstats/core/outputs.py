"""Writing outputs safely: every file is written to a temporary sibling and renamed into place.

A rename is atomic on one filesystem, so a reader (or a failed build) never sees half a file, and a
build that fails before writing leaves the previous outputs byte-for-byte as they were.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def csv_bytes(table: pd.DataFrame, float_format: str | None = None) -> bytes:
    """A table as CSV bytes in the project's one format: UTF-8, '\\n' line ends, no index."""
    return table.to_csv(index=False, lineterminator="\n", float_format=float_format).encode("utf-8")
