"""A dtest-style scenario: log marks around actions, waits from the mark, the error grep, and
the node tools dtest calls (flush, compact, drain, repair, hostid)."""

import re

import pytest

from ccmsh import ScyllaCluster, TimeoutError, _binary

from conftest import VERSION


def test_marks_waits_errors_and_node_tools(engine, config_dir, cluster_name, nothing_left):
    nothing_left.append(cluster_name)
    cluster = ScyllaCluster(config_dir, cluster_name, version=VERSION)
    try:
        cluster.populate(3, ipformat="127.0.26.%d").start(wait_for_binary_proto=True,
                                                          wait_other_notice=True)
        node1, node2, node3 = cluster.nodelist()

        mark = node1.mark_log()
        assert isinstance(mark, int) and mark > 0
        assert node1.grep_log("is now UP", from_mark=mark) == []
        node2.stop()
        line, match = node1.watch_log_for("is now DOWN", from_mark=mark, timeout=60)
        assert "is now DOWN" in line and match is not None
        node2.start(wait_for_binary_proto=True, wait_other_notice=True)
        found = node1.watch_log_for(["is now UP", "is now DOWN"], from_mark=mark, timeout=60)
        assert [m.group(0) for _, m in found] == ["is now UP", "is now DOWN"]
        assert [l for l, _ in node1.grep_log("is now UP", from_mark=mark)]
        assert node1.grep_log("is now UP", from_mark=node1.mark_log()) == []

        with pytest.raises(TimeoutError) as waited:
            node1.watch_log_for("never logged", from_mark=mark, timeout=2)
        assert str(waited.value).startswith("node1: no log line matching /never logged/ after 2 s")
        assert waited.value.diagnostics, "ccmsh's last log lines come with the timeout"

        assert [node.grep_log_for_errors() for node in cluster.nodelist()] == [[], [], []]

        node1.flush()
        node1.compact()
        cluster.flush()
        cluster.compact()
        node1.repair()
        status, _ = node1.nodetool("status")
        host_id = node1.hostid()
        assert re.fullmatch(r"[0-9a-f-]{36}", host_id) and host_id in status
        drained = node3.mark_log()
        node3.drain(block_on_log=True)
        assert node3.grep_log("DRAINED", from_mark=drained)

        # An error in a node's log: the test image aborts 1 s after CQL is up when told to. The
        # environment is a ccmsh start option, not a ccmlib one: this setup uses the binary.
        node3.stop()
        crashed = node3.mark_log()
        _binary.run(["node3", "start"], ["--env", "SCYLLA_TEST_CRASH_AFTER=1", "--no-wait"],
                    config_dir=config_dir, cluster=cluster_name)
        node3.watch_log_for("Aborting on shard", from_mark=crashed, timeout=120)
        errors = node3.grep_log_for_errors()
        assert errors and all(isinstance(block, list) for block in errors)
        assert any("Aborting on shard 0" in line for block in errors for line in block)
        assert node3.grep_log_for_errors(from_mark=node3.mark_log()) == []
    finally:
        cluster.remove()
