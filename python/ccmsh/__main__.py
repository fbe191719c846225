"""``python -m ccmsh --version`` (the package's and the binary's versions) and
``python -m ccmsh ccmlib enable|disable|status`` (the opt-in ``ccmlib`` module names)."""

import sys

from . import _binary, _ccmlib_names
from ._version import __version__
from .errors import CCMError

_USAGE = "usage: python -m ccmsh --version | ccmlib {enable,disable,status}\n"


def main(argv):
    if argv == ["--version"]:
        try:
            # The binary prints "ccmsh VERSION"; the version is its last word.
            binary = _binary.run(["--version"]).stdout.strip().split()[-1:]
            binary = binary[0] if binary else ""
        except CCMError as error:
            sys.stderr.write("ccmsh: error: %s\n" % error)
            return 1
        print("ccmsh (Python package) %s" % __version__)
        print("ccmsh (binary %s) %s" % (_binary.binary_path(), binary))
        if binary != __version__:
            sys.stderr.write("ccmsh: error: the package (%s) and the binary (%s) differ\n"
                             % (__version__, binary))
            return 1
        return 0
    if len(argv) == 2 and argv[0] == "ccmlib" and argv[1] in ("enable", "disable", "status"):
        if argv[1] == "enable":
            print("ccmlib now means ccmsh here (%s)" % _ccmlib_names.enable())
        elif argv[1] == "disable":
            print("ccmlib no longer means ccmsh here (%s removed)" % _ccmlib_names.disable())
        else:
            real = _ccmlib_names.real_ccmlib()
            print("real ccmlib: %s; ccmsh's ccmlib names: %s"
                  % (real or "none", "enabled" if _ccmlib_names.enabled() else "disabled"))
        return 0
    sys.stderr.write(_USAGE)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
