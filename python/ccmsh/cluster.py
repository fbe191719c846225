"""A ccmsh cluster with ccmlib's Cluster/ScyllaCluster names; every action is a ccmsh command."""

import collections
import json
import os

from . import _binary, _state
from .errors import ArgumentError, CCMError, LoadError
from .node import Node, _wait_flags

# ccmlib's address format when populate gets neither ipprefix nor ipformat.
DEFAULT_IPFORMAT = "127.0.0.%d"

# ccmlib constructor arguments that mean nothing for container nodes: accepted, no effect.
_NO_EFFECT = {"verbose", "force_wait_for_cluster_start", "manager", "skip_manager_server",
              "snitch", "derived_cassandra_version"}


class ScyllaCluster:
    """ccmlib's ScyllaCluster over ccmsh: ``ScyllaCluster(path, name, version=...)`` creates the
    cluster (``ccmsh create NAME --no-switch``) in config dir ``path``."""

    def __init__(self, path, name, partitioner=None, install_dir=None, create_directory=True,
                 version=None, verbose=False, docker_image=None, container_runtime=None,
                 **kwargs):
        self.path = os.fspath(path)
        self.name = name
        self._nodes = None
        version = kwargs.pop("cassandra_version", None) or version
        unknown = sorted(k for k, v in kwargs.items() if k not in _NO_EFFECT and v)
        if unknown:
            raise ArgumentError("ccmsh's ScyllaCluster does not take %s" % ", ".join(unknown))
        if not create_directory:
            if not _state.cluster_exists(self.path, name):
                raise LoadError("no cluster '%s' in %s" % (name, self.path))
            return
        words = []
        if version:
            words += ["--scylla", "--version", str(version)]
        if install_dir:
            words += ["--install-dir", os.fspath(install_dir)]
        if docker_image:
            words += ["--docker-image", docker_image]
        if container_runtime:
            words += ["--container-runtime", container_runtime]
        if partitioner:
            words += ["--partitioner", partitioner]
        # Created without CURRENT changing, as ccmlib's constructor (common.switch_cluster does it).
        _binary.run(["create"], words + ["--no-switch", name], config_dir=self.path)

    def __repr__(self):
        return "<ccmsh ScyllaCluster %s in %s>" % (self.name, self.path)

    def _run(self, words, rest=(), **kwargs):
        return _binary.run(words, rest, config_dir=self.path, cluster=self.name, **kwargs)

    def get_path(self):
        return os.path.join(self.path, self.name)

    def _conf(self):
        try:
            return _state.top_level(_state.cluster_conf_path(self.path, self.name))
        except FileNotFoundError:
            raise LoadError("no cluster '%s' in %s" % (self.name, self.path)) from None

    @property
    def ipprefix(self):
        return self._conf().get("ipprefix")

    @property
    def partitioner(self):
        return self._conf().get("partitioner")

    # -- nodes --------------------------------------------------------------------------------

    def _forget_nodes(self):
        self._nodes = None

    @property
    def nodes(self):
        """An OrderedDict name -> Node, in cluster.conf's order."""
        names = self._conf().get("nodes") or []
        known = self._nodes or {}
        self._nodes = collections.OrderedDict(
            (name, known.get(name) or Node(name, self)) for name in names)
        return self._nodes

    def nodelist(self):
        return list(self.nodes.values())

    def seeds(self):
        return [self.nodes[name] for name in self._conf().get("seeds") or [] if name in self.nodes]

    def populate(self, nodes, debug=False, tokens=None, use_vnodes=False, ipprefix=None,
                 ipformat=None, **kwargs):
        """``populate -n N[:M...]`` with ccmlib's default address format, 127.0.0.%d."""
        count = ":".join(str(n) for n in nodes) if isinstance(nodes, (list, tuple)) else str(nodes)
        rest = ["--nodes", count]
        if ipformat:
            rest += ["--ip-format", ipformat]
        elif ipprefix:
            rest += ["--ipprefix", ipprefix]
        elif self.ipprefix:
            rest += ["--ipprefix", self.ipprefix]
        else:
            rest += ["--ip-format", DEFAULT_IPFORMAT]
        if use_vnodes:
            rest.append("--vnodes")
        if tokens:
            raise ArgumentError("ccmsh gives each node a balanced token; tokens= is not taken")
        self._run(["populate"], rest)
        self._forget_nodes()
        return self

    # -- configuration ------------------------------------------------------------------------

    def set_configuration_options(self, values=None, batch_commitlog=None):
        """``updateconf --yaml`` for every node (a JSON mapping is YAML)."""
        if values:
            self._run(["updateconf"], ["--yaml", json.dumps(values)])
        if batch_commitlog:
            self._run(["updateconf"], ["--batch-cl"])
        return self

    def set_dse_configuration_options(self, values=None):
        if values:
            raise ArgumentError("ccmsh runs ScyllaDB only; DSE options are not taken")
        return self

    def set_install_dir(self, install_dir=None, version=None, verbose=False, **kwargs):
        """Keeps the cluster's image when the version asked for is the one it runs; ccmsh does not
        change a cluster's image in place (remove the cluster and create it again)."""
        version = kwargs.pop("cassandra_version", None) or version
        conf = self._conf()
        if install_dir and os.fspath(install_dir) != (conf.get("install_dir") or ""):
            raise ArgumentError("cluster '%s' cannot move to %s: remove it and create it again"
                                % (self.name, install_dir))
        if version:
            wanted = str(version).split(":", 1)[-1]
            running = conf.get("image_version") or ""
            image = conf.get("docker_image") or ""
            if not (running.startswith(wanted) or image.endswith(":" + wanted)):
                raise ArgumentError(
                    "cluster '%s' runs %s (version %s), not %s: remove it and create it again"
                    % (self.name, image or "?", running or "?", version))
        return self

    def version(self):
        nodes = self.nodelist()
        if not nodes:
            raise CCMError("cluster '%s' has no nodes" % self.name)
        return nodes[0].version()

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self, no_wait=False, verbose=False, wait_for_binary_proto=None,
              wait_other_notice=None, jvm_args=None, profile_options=None, quiet_start=False,
              allow_root=False, parallel=False, **kwargs):
        """Starts every node (one by one, as ccmlib; ``parallel=True``: all at once)."""
        rest = _wait_flags(no_wait, wait_for_binary_proto, wait_other_notice)
        rest += ["--jvm_arg=" + arg for arg in (jvm_args or [])]
        if parallel:
            rest.append("--parallel")
        self._run(["start"], rest)
        return self.nodelist()

    def stop(self, wait=True, gently=True, wait_other_notice=False, other_nodes=None,
             wait_seconds=None):
        rest = [] if gently else ["--not-gently"]
        if wait_seconds is not None:
            rest += ["--stop-timeout", str(int(wait_seconds))]
        self._run(["stop"], rest)
        return True

    def clear(self):
        self._run(["clear"])

    def remove(self, node=None):
        """Removes the cluster (its containers, network and directory), or one node."""
        if node is not None:
            node.remove()
            return
        _binary.run(["remove"], [self.name], config_dir=self.path)
        self._forget_nodes()

    def flush(self):
        self._run(["flush"])

    def compact(self):
        self._run(["compact"])

    def nodetool(self, cmd):
        for node in self.nodelist():
            if node.is_running():
                node.nodetool(cmd)
        return self

    def grep_log_for_errors(self):
        return {node.name: node.grep_log_for_errors() for node in self.nodelist()}


# ccmlib's names for the same thing: Cluster (python-driver's Cassandra path) and the docker one.
Cluster = ScyllaCluster
ScyllaDockerCluster = ScyllaCluster
