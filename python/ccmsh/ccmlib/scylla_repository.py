from ccmsh.scylla_repository import setup  # noqa: F401
