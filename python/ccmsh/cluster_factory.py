"""ccmlib's ClusterFactory: a cluster that exists in a config dir."""

from .cluster import ScyllaCluster


class ClusterFactory:
    @staticmethod
    def load(path, name):
        """The cluster ``name`` of config dir ``path``; LoadError when there is none."""
        return ScyllaCluster(path, name, create_directory=False)
