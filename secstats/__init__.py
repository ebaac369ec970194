"""secstats: security indicators on U.S.-Mexico security cooperation, each traceable to its source."""

__version__ = "0.1.0"
