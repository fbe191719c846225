"""ccmlib's module layout over ccmsh (opt-in: see ccmsh._ccmlib_names).

``import ccmsh.ccmlib as ccmlib`` (the one changed import line) also makes ``from ccmlib.cluster
import …`` work when no real ccmlib is installed.
"""

import warnings

from ccmsh import _ccmlib_names
from ccmsh.ccmlib import common, scylla_repository  # noqa: F401 - ccmlib.common, ccmlib.scylla_repository

_ccmlib_names.install()
if _ccmlib_names.real_ccmlib():
    warnings.warn("a real ccmlib is installed (%s): `from ccmlib… import` gets it, not ccmsh"
                  % _ccmlib_names.real_ccmlib(), stacklevel=2)
