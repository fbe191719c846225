"""The wheel (CCMSH_WHEEL, from scripts/build-wheel) in a fresh venv: `ccm` and `ccmsh` on its
PATH, and a 3-node `ccm create … -s` that serves, then `ccm remove`."""

import os
import subprocess
import sys

import pytest

from conftest import VERSION

WHEEL = os.environ.get("CCMSH_WHEEL")


@pytest.mark.skipif(not WHEEL, reason="CCMSH_WHEEL names no wheel (scripts/build-wheel makes one)")
def test_pip_install_then_ccm_create_start(engine, tmp_path, cluster_name, nothing_left):
    nothing_left.append(cluster_name)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "--no-index",
                    "--disable-pip-version-check", WHEEL], check=True, timeout=300)
    ccm = str(venv / "bin" / "ccm")
    env = {k: v for k, v in os.environ.items() if k not in ("CCMSH_BINARY", "PYTHONPATH")}
    env["CCM_CONFIG_DIR"] = str(tmp_path / "ccm")

    def run(*args):
        return subprocess.run([ccm] + list(args), env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=900)

    version = subprocess.run([str(venv / "bin" / "ccmsh"), "--version"], env=env,
                             stdout=subprocess.PIPE, text=True, timeout=60).stdout.strip()
    assert version.split()[-1] == subprocess.run([str(venv / "bin" / "python"), "-c",
                                      "import ccmsh; print(ccmsh.__version__)"], env=env,
                                     stdout=subprocess.PIPE, text=True, timeout=60).stdout.strip()
    created = run("create", cluster_name, "-v", VERSION, "-n", "3", "-s")
    try:
        assert created.returncode == 0, created.stderr
        status = run("status")
        assert status.returncode == 0, status.stderr
        assert [line for line in status.stdout.splitlines() if line.endswith(": UP")] == [
            "node1: UP", "node2: UP", "node3: UP"]
    finally:
        removed = run("remove")
    assert removed.returncode == 0, removed.stderr
