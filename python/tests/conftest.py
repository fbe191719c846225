"""Fixtures for the Python API's tests: one private config dir per test, each engine in turn,
and a check that a test leaves no container or network of its cluster behind."""

import os
import shutil
import subprocess
import uuid

import pytest

import ccmsh

ENGINES = [e for e in os.environ.get("CCMSH_TEST_ENGINES", "podman docker").replace(",", " ").split()]
REQUIRE = os.environ.get("CCMSH_REQUIRE_ENGINES") == "1"
# Versions resolve to the test node image's tags (localhost/ccmsh-test-node:2025.1), as in the
# repo's harness replays.
REPOSITORY = "localhost/ccmsh-test-node"
VERSION = "release:2025.1"


def _answers(engine):
    if shutil.which(engine) is None:
        return False
    try:
        return subprocess.run([engine, "version"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=30).returncode == 0
    except subprocess.TimeoutExpired:
        return False


def pytest_report_header(config):
    return "ccmsh package %s from %s, binary %s" % (
        ccmsh.__version__, os.path.dirname(ccmsh.__file__), ccmsh.binary_path())


@pytest.fixture(params=ENGINES)
def engine(request, monkeypatch):
    name = request.param
    if not _answers(name):
        if REQUIRE:
            pytest.fail("%s does not answer and CCMSH_REQUIRE_ENGINES=1" % name)
        pytest.skip("%s does not answer" % name)
    monkeypatch.setenv("CCM_CONTAINER_RUNTIME", name)
    monkeypatch.setenv("SCYLLA_DOCKER_REPOSITORY", REPOSITORY)
    monkeypatch.delenv("SCYLLA_DOCKER_IMAGE", raising=False)
    return name


@pytest.fixture
def config_dir(tmp_path):
    path = tmp_path / "ccm"
    path.mkdir()
    return str(path)


@pytest.fixture
def cluster_name():
    return "py%s" % uuid.uuid4().hex[:8]


def leftovers(engine, marker):
    """Containers and networks of ``engine`` whose name holds ``marker`` (a cluster name)."""
    found = []
    for argv in ([engine, "ps", "-a", "--format", "{{.Names}}"],
                 [engine, "network", "ls", "--format", "{{.Name}}"],
                 [engine, "volume", "ls", "--format", "{{.Name}}"]):
        out = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             timeout=60, text=True).stdout
        found += [line for line in out.split() if marker in line]
    return found


@pytest.fixture
def nothing_left(engine):
    """Yields a list the test appends its cluster names to; afterwards none may be on the engine."""
    names = []
    yield names
    left = [item for name in names for item in leftovers(engine, name)]
    assert left == [], "left on %s: %s" % (engine, left)
