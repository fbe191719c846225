# ccmsh's version (Sources/CCMShell/Execution/CCMVersion.swift); scripts/build-wheel refuses to
# build when the two differ.
__version__ = "0.1.0"
