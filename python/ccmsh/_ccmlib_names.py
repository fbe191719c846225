"""Opt-in ``ccmlib`` module names for ccmsh's API, never over a real scylla-ccm.

``install()`` adds a finder at the *end* of ``sys.meta_path``: Python's path finder, earlier in
the list, finds a real ``ccmlib`` first whenever one is installed, so this one only answers when
there is none. ``ccmlib.X`` is then ``ccmsh.ccmlib.X``.
"""

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
import sysconfig

PTH_NAME = "ccmsh-ccmlib.pth"
_PTH_LINE = "import ccmsh._ccmlib_names; ccmsh._ccmlib_names.install()\n"


class _Alias(importlib.abc.Loader):
    def __init__(self, target):
        self.target = target

    def create_module(self, spec):
        return importlib.import_module(self.target)

    def exec_module(self, module):
        pass


class CCMLibFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if fullname != "ccmlib" and not fullname.startswith("ccmlib."):
            return None
        target_name = "ccmsh." + fullname
        if importlib.util.find_spec(target_name) is None:
            return None
        return importlib.machinery.ModuleSpec(
            fullname, _Alias(target_name), is_package=fullname == "ccmlib")


def real_ccmlib():
    """Where a real ccmlib is installed (its spec's origin), or None."""
    spec = importlib.machinery.PathFinder.find_spec("ccmlib")
    return (spec.origin or str(spec.submodule_search_locations)) if spec else None


def install():
    if not any(isinstance(finder, CCMLibFinder) for finder in sys.meta_path):
        sys.meta_path.append(CCMLibFinder())


def _pth_path():
    return os.path.join(sysconfig.get_paths()["purelib"], PTH_NAME)


def enable():
    """Writes the .pth that makes ``import ccmlib`` mean ccmsh in this environment."""
    real = real_ccmlib()
    if real:
        raise SystemExit("ccmsh: error: a real ccmlib is installed here (%s); ccmsh will not "
                         "stand in for it (use `import ccmsh.ccmlib as ccmlib`)" % real)
    path = _pth_path()
    with open(path, "w") as f:
        f.write(_PTH_LINE)
    return path


def disable():
    path = _pth_path()
    if os.path.exists(path):
        os.remove(path)
    return path


def enabled():
    return os.path.exists(_pth_path())
