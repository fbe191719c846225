"""python-driver's own harness module (tests/integration/__init__.py of a python-driver checkout
named by PYTHON_DRIVER_DIR), unchanged, with its `cassandra` driver imports stubbed and
ccmlib's names given by `import ccmsh.ccmlib`: use_singledc, its node helpers, remove_cluster and
teardown_package run against ccmsh on each engine."""

import importlib.util
import os
import shutil
import sys
import types

import pytest

from conftest import VERSION

DRIVER = os.environ.get("PYTHON_DRIVER_DIR")
pytestmark = pytest.mark.skipif(not DRIVER, reason="PYTHON_DRIVER_DIR names no python-driver checkout")


class _Session:
    def __init__(self, log):
        self.log = log

    def execute(self, query, *args, **kwargs):
        self.log.append(" ".join(query.split()))


class _Cluster:
    """The driver's Cluster as far as setup_keyspace uses it; it records the statements."""

    executed = []
    connection_class = None

    def __init__(self, **kwargs):
        self.kwargs = kwargs
        self.metadata = types.SimpleNamespace(keyspaces={})

    def connect(self, *args, **kwargs):
        return _Session(self.executed)

    def shutdown(self):
        pass


def _stub_driver(monkeypatch):
    cassandra = types.ModuleType("cassandra")
    for name in ("OperationTimedOut", "ReadTimeout", "ReadFailure", "WriteTimeout", "WriteFailure",
                 "AlreadyExists", "InvalidRequest", "DependencyException"):
        setattr(cassandra, name, type(name, (Exception,), {}))
    cassandra.ProtocolVersion = types.SimpleNamespace(
        MAX_SUPPORTED=5, V3=3, V4=4, V5=5, DSE_V1=65, DSE_V2=66,
        get_lower_supported=lambda v: v - 1, uses_error_code_map=lambda v: v >= 5)
    cluster = types.ModuleType("cassandra.cluster")
    cluster.Cluster = _Cluster
    protocol = types.ModuleType("cassandra.protocol")
    protocol.ConfigurationException = type("ConfigurationException", (Exception,), {})
    tests = types.ModuleType("tests")
    tests.connection_class = None
    tests.EVENT_LOOP_MANAGER = ""
    tests.__path__ = []
    for name, module in [("cassandra", cassandra), ("cassandra.cluster", cluster),
                         ("cassandra.protocol", protocol), ("tests", tests)]:
        monkeypatch.setitem(sys.modules, name, module)


def _load_harness(tmp_path, monkeypatch):
    source = os.path.join(DRIVER, "tests", "integration", "__init__.py")
    copy = tmp_path / "integration"
    copy.mkdir()
    shutil.copy(source, copy / "__init__.py")  # its `path` (the config dir) is beside the file
    monkeypatch.setenv("SCYLLA_VERSION", VERSION)
    import ccmsh.ccmlib  # noqa: F401 - gives `import ccmlib` its names (no real one here)
    spec = importlib.util.spec_from_file_location("tests.integration", copy / "__init__.py",
                                                  submodule_search_locations=[str(copy)])
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "tests.integration", module)
    spec.loader.exec_module(module)
    return module


def test_python_drivers_harness_functions(engine, tmp_path, monkeypatch, nothing_left):
    _stub_driver(monkeypatch)
    harness = _load_harness(tmp_path, monkeypatch)
    nothing_left.append(os.path.basename(str(tmp_path)))
    assert harness.CCMClusterFactory is not None, "the harness did not find ccmlib's names"
    try:
        harness.use_singledc()
        cluster = harness.get_cluster()
        assert cluster.name == harness.CLUSTER_NAME
        assert [n.name for n in cluster.nodelist()] == ["node1", "node2", "node3"]
        assert any(q.startswith("CREATE KEYSPACE test3rf") for q in _Cluster.executed)
        harness.wait_for_node_socket(harness.get_node(1), 60)
        harness.get_node(1).stop()
        harness.get_node(1).start(wait_for_binary_proto=True, wait_other_notice=True)
        harness.get_node(2).pause()
        harness.get_node(2).resume()
        harness.get_node(3).nodetool("ring")
        harness.get_node(3).decommission()
        harness.get_node(3).stop()
        # Same topology again: the harness reuses the running cluster.
        harness.use_singledc()
    finally:
        harness.remove_cluster()
        harness.teardown_package()
    assert harness.CCM_CLUSTER is None
    assert not os.path.exists(os.path.join(harness.path, harness.CLUSTER_NAME))
