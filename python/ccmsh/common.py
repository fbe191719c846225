"""ccmlib.common's functions that harnesses call, over ccmsh."""

import os
import socket
import time

from . import _binary, _state
from .errors import ArgumentError, CCMError, LoadError  # noqa: F401 - ccmlib's names

get_default_path = _state.default_config_dir


def switch_cluster(path, new_name):
    """Makes ``new_name`` the current cluster of config dir ``path`` (``ccmsh switch``)."""
    _binary.run(["switch"], [new_name], config_dir=path)


def current_cluster_name(path):
    return _state.current_cluster(path)


def isScylla(install_dir=None):  # noqa: N802 - ccmlib's name
    return True


def get_version_from_build(install_dir=None, node_path=None):
    """The ScyllaDB version of a node (``NODE versionfrombuild``); ``node_path`` is the node's
    directory, ``install_dir`` may be a cluster's directory (its first node answers)."""
    version_file = os.path.join(install_dir or "", "0.version.txt")
    if node_path is None and install_dir is not None and os.path.isfile(version_file):
        # scylla_repository.setup's directory (ccmlib's file for a binary install).
        with open(version_file) as f:
            return f.read().strip()
    if node_path is not None:
        cluster_dir, node = os.path.split(os.path.normpath(node_path))
    elif install_dir is not None and os.path.isfile(os.path.join(install_dir, "cluster.conf")):
        cluster_dir = os.path.normpath(install_dir)
        nodes = _state.top_level(os.path.join(cluster_dir, "cluster.conf")).get("nodes") or []
        if not nodes:
            raise CCMError("cluster %s has no nodes to ask for a version" % cluster_dir)
        node = nodes[0]
    else:
        raise ArgumentError("ccmsh runs versions as images: give a node's directory "
                            "(node_path=) or a cluster's, not %s" % install_dir)
    config_dir, cluster = os.path.split(cluster_dir)
    return _binary.run([node, "versionfrombuild"], config_dir=config_dir,
                       cluster=cluster).stdout.strip()


def check_socket_listening(itf, timeout=60):
    """Whether a TCP connection to ``itf`` (host, port) succeeds within ``timeout`` seconds:
    the caller's own probe, as in ccmlib (ccmsh's waits do their own)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(itf, timeout=2):
                return True
        except OSError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.2)
