"""secstats: security indicators on U.S.-Mexico security cooperation, each traceable to its source.

import secstats
secstats.tables()                  # the published tables, with one-line descriptions
secstats.load("homicides")         # a typed pandas DataFrame, the bytes the build validated
secstats.claims()                  # the claims ledger
secstats.cite("kloppe-006")        # a citation with the verbatim quote (format="bibtex", "csl-json", "ris")
secstats.describe("homicides")     # its metadata: columns, units, keys, sources, licence
"""

from secstats.api import cite, claims, describe, load, tables
from secstats.version import package_version

__version__ = package_version()
__all__ = ["__version__", "cite", "claims", "describe", "load", "tables"]
