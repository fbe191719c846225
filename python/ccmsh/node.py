"""A node of a ccmsh cluster, with ccmlib's Node names; every action is a ``ccmsh NODE`` command."""

import json
import os
import re
import shlex

from .errors import ArgumentError, CCMError, NodetoolError, TimeoutError

_LOG = "system.log"
# The first word of a log line that starts an error block in ccmlib's grep_log_for_errors.
_ERROR_LINE = re.compile(r"^(ERROR|FATAL)\b|\bERROR\b")


class Node:
    """ccmlib's Node for one ccmsh node (``cluster.nodes['node1']``)."""

    def __init__(self, name, cluster, info=None):
        self.name = name
        self.cluster = cluster
        self._info = info

    # -- what the node is ---------------------------------------------------------------------

    def __repr__(self):
        return "<ccmsh Node %s of %s>" % (self.name, self.cluster.name)

    def _run(self, words, rest=(), **kwargs):
        return self.cluster._run([self.name] + list(words), rest, **kwargs)

    def show(self):
        """``NODE show --json``: ccmsh's view of the node now (status, addresses, container)."""
        self._info = json.loads(self._run(["show"], ["--json"]).stdout)
        return self._info

    def _known(self):
        return self._info if self._info is not None else self.show()

    @property
    def data_center(self):
        return self._known().get("data_center")

    @property
    def rack(self):
        return self._known().get("rack")

    @property
    def network_interfaces(self):
        """``{'storage': (address, port), 'binary': (address, port), 'thrift': None}``."""
        info = self._known()
        return {
            "storage": _interface(info.get("storage")),
            "binary": _interface(info.get("binary")),
            "thrift": None,
        }

    @network_interfaces.setter
    def network_interfaces(self, value):
        raise ArgumentError(
            "%s: a ccmsh node keeps the addresses it was created with; remove the node and "
            "add one with the new address" % self.name)

    def address(self):
        return self.network_interfaces["storage"][0]

    def get_path(self):
        return os.path.join(self.cluster.get_path(), self.name)

    @property
    def pid(self):
        return self.show().get("pid")

    @property
    def status(self):
        return self.show().get("status")

    def is_running(self):
        return bool(self.show().get("live"))

    is_live = is_running

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self, join_ring=True, no_wait=False, verbose=False, update_pid=True,
              wait_other_notice=None, replace_token=None, replace_address=None, jvm_args=None,
              wait_for_binary_proto=None, profile_options=None, use_jna=False, quiet_start=False,
              **kwargs):
        if replace_token is not None:
            raise ArgumentError("%s: replace_token is not supported; use replace_address" % self.name)
        rest = _wait_flags(no_wait, wait_for_binary_proto, wait_other_notice)
        rest += ["--jvm_arg=" + arg for arg in (jvm_args or [])]
        if replace_address:
            rest += ["--replace-address", replace_address]
        if not join_ring:
            rest.append("--dont-join-ring")
        self._run(["start"], rest)
        self._info = None
        return self

    def stop(self, wait=True, wait_other_notice=False, other_nodes=None, gently=True,
             wait_seconds=None, marks=None, **kwargs):
        """Stops the node; True when it was running (as ccmlib's)."""
        was_running = self.is_running()
        rest = [] if gently else ["--not-gently"]
        if wait_seconds is not None:
            rest += ["--stop-timeout", str(int(wait_seconds))]
        self._run(["stop"], rest)
        self._info = None
        return was_running

    def restart(self, **kwargs):
        self._run(["restart"])
        self._info = None

    def pause(self):
        self._run(["pause"])

    def resume(self):
        self._run(["resume"])

    def decommission(self, force=False):
        self._run(["decommission"], ["--force"] if force else [])
        self._info = None
        self.cluster._forget_nodes()

    def clear(self, clear_all=False, only_data=False):
        self._run(["clear"], ["--all"] if clear_all else [])

    def remove(self):
        """Removes this node only (ccmsh's ``NODE remove``)."""
        self._run(["remove"])
        self.cluster._forget_nodes()

    def set_configuration_options(self, values=None, batch_commitlog=None):
        if values:
            self._run(["updateconf"], ["--yaml", json.dumps(values)])
        if batch_commitlog:
            self._run(["updateconf"], ["--batch-cl"])
        return self

    def version(self):
        return self._run(["versionfrombuild"]).stdout.strip()

    get_cassandra_version = version

    # -- tools --------------------------------------------------------------------------------

    def nodetool(self, cmd, capture_output=True, wait=True, timeout=None, verbose=True):
        """``NODE nodetool CMD``; returns (stdout, stderr) and raises NodetoolError on failure."""
        words = shlex.split(cmd) if isinstance(cmd, str) else list(cmd)
        rest = (["--timeout", "%ds" % int(timeout)] if timeout else []) + words
        try:
            result = self._run(["nodetool"], rest)
        except CCMError as error:
            raise NodetoolError(error.message, error.argv, error.returncode, error.diagnostics,
                                error.stdout) from None
        return result.stdout, result.stderr

    def flush(self, options=None):
        return self.nodetool(["flush"] + _words(options))

    def compact(self, keyspace="", tables=(), options=None):
        words = ["compact"] + _words(options) + ([keyspace] if keyspace else []) + list(tables)
        return self.nodetool(words)

    def drain(self, block_on_log=False):
        mark = self.mark_log() if block_on_log else None
        result = self.nodetool(["drain"])
        if block_on_log:
            self.watch_log_for("DRAINED", from_mark=mark)
        return result

    def repair(self, options=(), **kwargs):
        return self.nodetool(["repair"] + _words(options))

    def hostid(self, timeout=60, force_refresh=False):
        """The node's host id: its row of its own ``nodetool status`` (the container address)."""
        info = self.show()
        address = info.get("container_address") or info.get("address")
        out, _ = self.nodetool(["status"])
        for line in out.splitlines():
            fields = line.split()
            if len(fields) >= 7 and fields[1] == address:
                return fields[-2]
        raise CCMError("%s: no row for %s in nodetool status" % (self.name, address))

    # -- logs ---------------------------------------------------------------------------------

    def _check_log(self, filename):
        if filename != _LOG:
            raise ArgumentError("%s: ccmsh keeps one log per node (%s), not %s"
                                % (self.name, _LOG, filename))

    def _log(self, filename):
        self._check_log(filename)
        return self._run(["showlog"]).stdout

    def mark_log(self, filename=_LOG):
        """A mark of the log's end (ccmsh's ``marklog``: the log's size in bytes)."""
        self._check_log(filename)
        return int(self._run(["marklog"]).stdout.strip())

    def grep_log(self, expr, filename=_LOG, from_mark=None):
        """Lines of the log (after ``from_mark``) matching ``expr``: [(line, match), ...]."""
        text = self._log(filename)
        if from_mark:
            text = text.encode()[int(from_mark):].decode(errors="replace")
        pattern = re.compile(expr)
        found = []
        for line in text.splitlines():
            match = pattern.search(line)
            if match:
                found.append((line, match))
        return found

    def grep_log_for_errors(self, filename=_LOG, from_mark=None):
        """ccmsh's ``checklogerror``: a list of error blocks, each a list of lines."""
        self._check_log(filename)
        rest = ["--from", str(from_mark)] if from_mark else []
        result = self._run(["checklogerror"], rest, check=False)
        if result.returncode not in (0, 1) or (result.returncode == 1 and not result.stdout):
            raise CCMError.from_result(result)
        blocks = []
        for line in result.stdout.splitlines():
            if not line.strip():
                continue
            if _ERROR_LINE.search(line) or not blocks:
                blocks.append([line])
            else:
                blocks[-1].append(line)
        return blocks

    def watch_log_for(self, exprs, from_mark=None, timeout=600, process=None, verbose=False,
                      filename=_LOG, **kwargs):
        """Waits (ccmsh's ``watchlog``, its timeout and diagnostics) for each expression after
        the mark; returns (line, match) for one expression, a list of them for a list."""
        self._check_log(filename)
        single = isinstance(exprs, str)
        patterns = [exprs] if single else list(exprs)
        found = []
        for expr in patterns:
            rest = [expr, "--timeout", "%ds" % max(1, int(timeout))]
            if from_mark is not None:
                rest += ["--from", str(from_mark)]
            try:
                result = self._run(["watchlog"], rest)
            except CCMError as error:
                raise TimeoutError(error.message, error.argv, error.returncode,
                                   error.diagnostics, error.stdout) from None
            line = result.stdout.splitlines()[-1] if result.stdout.strip() else ""
            found.append((line, re.search(expr, line)))
        return found[0] if single else found


def _interface(value):
    if not value:
        return None
    return (value.get("address"), value.get("port"))


def _words(options):
    if not options:
        return []
    return shlex.split(options) if isinstance(options, str) else list(options)


def _wait_flags(no_wait, wait_for_binary_proto, wait_other_notice):
    flags = []
    if no_wait:
        flags.append("--no-wait")
    if wait_for_binary_proto:
        flags.append("--wait-for-binary-proto")
    if wait_other_notice:
        flags.append("--wait-other-notice")
    return flags
