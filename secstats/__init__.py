"""secstats: security indicators on U.S.-Mexico security cooperation, each traceable to its source.

import secstats
secstats.tables()                  # the published tables, with one-line descriptions
secstats.load("homicides")         # a validated pandas DataFrame
secstats.claims()                  # the claims ledger
secstats.cite("kloppe-006")        # a citation with the verbatim quote (format="bibtex", "csl-json", "ris")
secstats.describe("homicides")     # its metadata: columns, units, keys, sources, licence
"""

# Load the submodule secstats.claims before binding the function secstats.claims: importing a
# submodule for the first time sets the package attribute of the same name, which would otherwise
# replace the API function the first time a user's code imported the module.
import secstats.claims  # noqa: F401
from secstats.api import cite, claims, describe, load, tables
from secstats.version import package_version

__version__ = package_version()
__all__ = ["__version__", "cite", "claims", "describe", "load", "tables"]
