"""python-driver's integration harness flow (tests/integration/__init__.py: use_cluster,
start_cluster_wait_for_up, its node helpers, remove_cluster), call for call, on each engine."""

import time
import pytest

from ccmsh import CCMError, ClusterFactory, LoadError, ScyllaCluster, common

from conftest import VERSION


def use_cluster(path, name, nodes, ipformat=None):
    """use_cluster's creation path with SCYLLA_VERSION set: CCM_KWARGS is cassandra_version."""
    with pytest.raises(LoadError):
        ClusterFactory.load(path, name)
    cluster = ScyllaCluster(path, name, cassandra_version=VERSION)
    cluster.set_configuration_options({"experimental_features": ["lwt", "udf"],
                                       "start_native_transport": True})
    cluster.set_configuration_options({"skip_wait_for_gossip_to_settle": 0})
    cluster.set_configuration_options({"strict_is_not_null_in_views": False})
    cluster.set_configuration_options({"enable_user_defined_functions": True})
    common.switch_cluster(path, name)
    cluster.set_configuration_options({})
    cluster.populate(nodes, ipformat=ipformat)
    cluster.start(jvm_args=[], wait_for_binary_proto=True, wait_other_notice=True)
    for node in cluster.nodes.values():
        assert common.check_socket_listening(node.network_interfaces["binary"], timeout=60)
    return cluster


def test_default_addresses_stop_start_pause_decommission_nodetool_remove(
        engine, config_dir, cluster_name, nothing_left):
    nothing_left.append(cluster_name)
    cluster = use_cluster(config_dir, cluster_name, [3])
    try:
        assert cluster.name == cluster_name
        assert [n.name for n in cluster.nodelist()] == ["node1", "node2", "node3"]
        assert common.current_cluster_name(config_dir) == cluster_name
        # ccmlib's default format, 127.0.0.%d, published on loopback.
        assert [n.network_interfaces["binary"] for n in cluster.nodelist()] == [
            ("127.0.0.%d" % i, 9042) for i in (1, 2, 3)]
        assert cluster.nodes["node2"].address() == "127.0.0.2"
        assert cluster.nodes["node2"].network_interfaces["storage"] == ("127.0.0.2", 7000)
        assert len({n.data_center for n in cluster.nodelist()}) == 1

        node1 = cluster.nodes["node1"]
        assert node1.stop(wait_other_notice=True, gently=False) is True
        assert not node1.is_running()
        assert not common.check_socket_listening(node1.network_interfaces["binary"], timeout=1) \
            or engine == "docker"  # docker-proxy accepts on a published port of a stopped server
        node1.start(wait_for_binary_proto=True, wait_other_notice=True)
        assert node1.is_running()

        node2 = cluster.nodes["node2"]
        node2.pause()
        assert node2.show()["paused"] is True
        node2.resume()
        assert node2.show()["paused"] is False

        ring, _ = cluster.nodes["node3"].nodetool("ring")
        assert ring.strip()
        status, _ = node1.nodetool("status")
        assert status.count("UN ") == 3

        node3 = cluster.nodes["node3"]
        node3.decommission()
        node3.stop()
        # A peer's view of a node that left lags behind the leave (gossip), as on the real
        # server: poll node1's ring until it shows the two nodes left, within a deadline.
        deadline = time.monotonic() + 60
        status, _ = node1.nodetool("status")
        while status.count("UN ") != 2 and time.monotonic() < deadline:
            time.sleep(1)
            status, _ = node1.nodetool("status")
        assert status.count("UN ") == 2, status

        # The harness's reuse path: load, clear, same version.
        loaded = ClusterFactory.load(config_dir, cluster_name)
        assert [n.name for n in loaded.nodelist()] == [n.name for n in cluster.nodelist()]
        loaded.set_install_dir(cassandra_version=VERSION)
        with pytest.raises(CCMError, match="remove it and create it again"):
            loaded.set_install_dir(cassandra_version="release:2025.4")
        loaded.stop()
        loaded.clear()
        # remove_cluster: check_log_error, then remove.
        for node in loaded.nodelist():
            node.grep_log_for_errors()
    finally:
        cluster.remove()
    with pytest.raises(LoadError):
        ClusterFactory.load(config_dir, cluster_name)


def test_populate_with_an_ipformat(engine, config_dir, cluster_name, nothing_left):
    nothing_left.append(cluster_name)
    cluster = use_cluster(config_dir, cluster_name, 1, ipformat="127.0.25.%d")
    try:
        node1 = cluster.nodelist()[0]
        assert node1.network_interfaces["binary"] == ("127.0.25.1", 9042)
        assert node1.is_running()
    finally:
        cluster.remove()
