"""The package without an engine: versions, errors as ccmsh says them, the opt-in ccmlib names."""

import os
import subprocess
import sys
import textwrap

import pytest

import ccmsh
from ccmsh import ArgumentError, CCMError, ClusterFactory, LoadError, ScyllaCluster, common


def run_python(code, env=None, cwd=None):
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, env=env, cwd=cwd, timeout=120)


def test_version_is_the_binarys_and_python_m_prints_both():
    binary = subprocess.run([ccmsh.binary_path(), "--version"], stdout=subprocess.PIPE,
                            text=True, timeout=60).stdout.strip()
    assert binary == "ccmsh %s" % ccmsh.__version__
    binary = binary.split()[-1]
    out = subprocess.run([sys.executable, "-m", "ccmsh", "--version"], stdout=subprocess.PIPE,
                         text=True, timeout=60)
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert lines[0] == "ccmsh (Python package) %s" % ccmsh.__version__
    assert lines[1].startswith("ccmsh (binary ") and lines[1].endswith(") " + binary)


def test_binary_is_the_one_beside_the_package():
    if os.environ.get("CCMSH_BINARY"):
        pytest.skip("CCMSH_BINARY overrides the binary beside the package")
    assert ccmsh.binary_path() == os.path.join(os.path.dirname(ccmsh.__file__), "_bin", "ccmsh")
    import _ccmsh_launcher
    assert _ccmsh_launcher._binary() == ccmsh.binary_path()


def test_a_ccmsh_failure_is_an_exception_with_its_one_line(config_dir):
    direct = subprocess.run([ccmsh.binary_path(), "create", "--config-dir", config_dir, "a/b"],
                            stderr=subprocess.PIPE, text=True, timeout=60)
    line = direct.stderr.strip().splitlines()[0]
    assert line.startswith("ccmsh: error: ")
    with pytest.raises(ArgumentError) as raised:
        ScyllaCluster(config_dir, "a/b", version="release:2025.1")
    assert str(raised.value) == line[len("ccmsh: error: "):]
    assert raised.value.returncode == 64
    assert os.listdir(config_dir) in ([], [".ccmsh-locks"])


def test_load_of_a_missing_cluster_is_a_load_error(config_dir):
    with pytest.raises(LoadError, match="no cluster 'nothere' in "):
        ClusterFactory.load(config_dir, "nothere")


def test_switch_to_a_missing_cluster_fails_with_ccmshs_message(config_dir):
    with pytest.raises(CCMError) as raised:
        common.switch_cluster(config_dir, "nothere")
    assert "nothere" in str(raised.value)
    assert "\n" not in str(raised.value)


def test_unknown_constructor_arguments_are_refused(config_dir):
    with pytest.raises(ArgumentError, match="does not take dse_version"):
        ScyllaCluster(config_dir, "x", version="2025.1", dse_version="6.8")


HARNESS_IMPORTS = """
    import ccmlib
    from ccmlib.cluster import Cluster as CCMCluster
    from ccmlib.scylla_cluster import ScyllaCluster as CCMScyllaCluster
    from ccmlib.cluster_factory import ClusterFactory as CCMClusterFactory
    from ccmlib import common
    print(CCMScyllaCluster.__module__, CCMClusterFactory.load.__qualname__, common.switch_cluster.__module__)
"""


def test_ccmlib_names_are_opt_in():
    plain = run_python(HARNESS_IMPORTS)
    assert plain.returncode != 0 and "No module named 'ccmlib'" in plain.stderr
    one_line = run_python("import ccmsh.ccmlib as ccmlib\n" + textwrap.dedent(HARNESS_IMPORTS))
    assert one_line.returncode == 0, one_line.stderr
    assert one_line.stdout.split() == ["ccmsh.cluster", "ClusterFactory.load", "ccmsh.common"]


def fake_real_ccmlib(root):
    package = root / "ccmlib"
    package.mkdir()
    (package / "__init__.py").write_text("REAL = True\n")
    (package / "cluster.py").write_text("class Cluster:\n    REAL = True\n")
    return str(root)


def test_a_real_ccmlib_is_never_shadowed(tmp_path):
    env = dict(os.environ, PYTHONPATH=fake_real_ccmlib(tmp_path))
    out = run_python("""
        import warnings
        warnings.simplefilter("ignore")
        import ccmsh.ccmlib
        import ccmlib
        from ccmlib.cluster import Cluster
        print(ccmlib.REAL, Cluster.REAL)
    """, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "True"]
    refused = subprocess.run([sys.executable, "-m", "ccmsh", "ccmlib", "enable"], env=env,
                             stderr=subprocess.PIPE, text=True, timeout=60)
    assert refused.returncode != 0
    assert "a real ccmlib is installed here" in refused.stderr


def test_enable_makes_import_ccmlib_work_unchanged_and_disable_undoes_it(tmp_path):
    # A venv of its own (the package reached through PYTHONPATH), so the .pth lands there.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)
    python = str(venv / "bin" / "python")
    package_root = os.path.dirname(os.path.dirname(ccmsh.__file__))
    env = dict(os.environ, PYTHONPATH=package_root)
    enable = subprocess.run([python, "-m", "ccmsh", "ccmlib", "enable"], env=env,
                            stdout=subprocess.PIPE, text=True, timeout=60)
    assert enable.returncode == 0
    out = subprocess.run([python, "-c", textwrap.dedent(HARNESS_IMPORTS)], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[0] == "ccmsh.cluster"
    subprocess.run([python, "-m", "ccmsh", "ccmlib", "disable"], env=env, check=True, timeout=60)
    gone = subprocess.run([python, "-c", "import ccmlib"], env=env, stderr=subprocess.PIPE,
                          text=True, timeout=60)
    assert gone.returncode != 0
