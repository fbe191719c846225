"""ccmlib's names over ccmsh clusters: every action is a ccmsh command (``--config-dir``,
``--cluster``, ``--json``) or a read of the state files it writes.

    from ccmsh import ScyllaCluster, ClusterFactory, common
    cluster = ScyllaCluster(path, "t", version="release:2025.1")
    cluster.populate(3).start(wait_for_binary_proto=True, wait_other_notice=True)

ccmlib's own module names (``import ccmlib``) are opt-in: ``import ccmsh.ccmlib as ccmlib``, or
``python -m ccmsh ccmlib enable`` (docs/migrating-from-ccm.md).
"""

from . import common
from ._binary import binary_path
from ._version import __version__
from .cluster import Cluster, ScyllaCluster, ScyllaDockerCluster
from .cluster_factory import ClusterFactory
from .errors import ArgumentError, CCMError, LoadError, NodetoolError, TimeoutError, ToolError
from .node import Node

__all__ = [
    "ArgumentError", "CCMError", "Cluster", "ClusterFactory", "LoadError", "Node",
    "NodetoolError", "ScyllaCluster", "ScyllaDockerCluster", "TimeoutError", "ToolError",
    "__version__", "binary_path", "common",
]
