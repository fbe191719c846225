from ccmsh.cluster import Cluster, ScyllaCluster  # noqa: F401
