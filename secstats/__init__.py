"""secstats: security indicators on U.S.-Mexico security cooperation, each traceable to its source.

import secstats
secstats.tables()                  # the published tables, with one-line descriptions
secstats.load("homicides")         # a typed pandas DataFrame, the bytes the build validated
secstats.claims()                  # the claims ledger
secstats.cite("kloppe-006")        # a citation with the verbatim quote (format="bibtex", "csl-json", "ris")
secstats.describe("homicides")     # its metadata: columns, units, keys, sources, licence
"""

import sys
import types

from secstats.api import cite, claims, describe, load, tables
from secstats.version import package_version


class Package(types.ModuleType):
    """The package, whose ``claims`` stays the API function: importing the submodule secstats.claims
    (the ledger checks, which need pandera) would otherwise set the attribute to that module. The
    submodule is imported only when used, so ``import secstats`` and a citation stay light."""

    @property
    def claims(self) -> types.FunctionType:
        return claims

    @claims.setter
    def claims(self, module: types.ModuleType) -> None:
        pass  # the submodule stays in sys.modules["secstats.claims"], where imports find it


sys.modules[__name__].__class__ = Package
__version__ = package_version()
__all__ = ["__version__", "cite", "claims", "describe", "load", "tables"]
