"""secstats: security indicators on U.S.-Mexico security cooperation, each traceable to its source.

    import secstats
    secstats.tables()                  # the published tables, with one-line descriptions
    secstats.load("homicides")         # a validated pandas DataFrame
    secstats.claims()                  # the claims ledger
    secstats.cite("kloppe-006")        # a citation with the verbatim quote
"""

# Load the submodule secstats.claims before binding the function secstats.claims: importing a
# submodule for the first time sets the package attribute of the same name, which would otherwise
# replace the API function the first time a user's code imported the module.
import secstats.claims  # noqa: F401
from secstats.api import cite, claims, load, tables

__all__ = ["cite", "claims", "load", "tables"]
