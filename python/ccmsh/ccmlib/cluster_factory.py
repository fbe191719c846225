from ccmsh.cluster_factory import ClusterFactory  # noqa: F401
