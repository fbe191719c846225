"""The ``ccm`` and ``ccmsh`` console commands: the binary beside the ccmsh package, under that
name. A top-level module of its own, so a command line imports os and sys only, not the API."""

import os
import sys


def _binary():
    override = os.environ.get("CCMSH_BINARY")
    if override:
        return override
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "ccmsh", "_bin", "ccmsh")


def _exec(name):
    path = _binary()
    try:
        # argv[0] is the name ccmsh reads: as `ccm` it takes scylla-ccm's command lines.
        os.execv(path, [name] + sys.argv[1:])
    except OSError as error:
        sys.stderr.write("%s: error: cannot run %s: %s\n" % (name, path, error.strerror))
        sys.exit(1)


def ccm():
    _exec("ccm")


def ccmsh():
    _exec("ccmsh")
