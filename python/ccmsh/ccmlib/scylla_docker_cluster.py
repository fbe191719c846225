from ccmsh.cluster import ScyllaDockerCluster  # noqa: F401
