from ccmsh.cluster import ScyllaCluster  # noqa: F401
