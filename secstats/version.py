"""The installed version of secstats: pyproject.toml is the one place it is written."""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, version


@cache  # read from the installed metadata once: every site page prints it
def package_version() -> str:
    """The version pip installed (editable or not); 'unreleased' when secstats is run from a bare copy."""
    try:
        return version("secstats")
    except PackageNotFoundError:
        return "unreleased"
