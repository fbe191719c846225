from ccmsh.node import Node as ScyllaNode  # noqa: F401
