"""Runs the ccmsh binary: the one place this package starts a process.

Every action of the API is a ccmsh command line (argv list, never a shell string) with
``--config-dir`` and ``--cluster`` given explicitly, so CURRENT and the caller's environment
decide nothing the caller did not ask for.
"""

import os
import signal
import subprocess

from .errors import CCMError

# The binary the wheel ships sits beside the package (ccmsh/_bin/ccmsh); CCMSH_BINARY points at
# another one (a development build).
_BESIDE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_bin", "ccmsh")

# A ccmsh command bounds each of its own waits (420 s per start wait by default, 127 s per stop),
# so this outer limit only catches a hung binary; it is generous enough for a sequential start of
# several nodes.
DEFAULT_TIMEOUT = 3600.0
# After SIGTERM, ccmsh ends its children and exits; this is how long it gets before SIGKILL.
_TERM_GRACE = 30.0


def binary_path():
    """The ccmsh binary this package drives (CCMSH_BINARY, else the one beside the package)."""
    override = os.environ.get("CCMSH_BINARY")
    if override:
        return override
    return _BESIDE


def _checked_binary():
    path = binary_path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise CCMError(
            "the ccmsh binary is missing: %s (install the ccmsh wheel, or set CCMSH_BINARY)" % path,
            argv=[path],
        )
    return path


class Result:
    """A finished ccmsh command: its exit status and both streams."""

    def __init__(self, argv, returncode, stdout, stderr):
        self.argv = argv
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr


def run(words, rest=(), config_dir=None, cluster=None, timeout=None, check=True,
        program="ccmsh"):
    """Runs ``ccmsh WORDS [--config-dir DIR] [--cluster NAME] REST`` and returns its Result.

    ``words`` are the command words (``["node1", "nodetool"]``); ``rest`` are the command's own
    arguments, after ccmsh's options so that none of them is taken for one of ccmsh's. A
    non-zero exit raises CCMError with ccmsh's one-line message when ``check`` is true.
    """
    binary = _checked_binary()
    argv = list(words)
    if config_dir is not None:
        argv += ["--config-dir", os.fspath(config_dir)]
    if cluster is not None:
        argv += ["--cluster", cluster]
    argv += list(rest)
    env = dict(os.environ)
    env.setdefault("NO_COLOR", "1")
    # argv[0] names the program: ccmsh takes scylla-ccm's command lines only when it is `ccm`.
    process = subprocess.Popen(
        [program] + argv,
        executable=binary,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=timeout or DEFAULT_TIMEOUT)
    except BaseException:
        # A timeout or Ctrl-C: ccmsh ends its own children on SIGTERM; then the group goes.
        _terminate(process)
        raise
    result = Result([binary] + argv, process.returncode, out.decode(errors="replace"),
                    err.decode(errors="replace"))
    if check and result.returncode != 0:
        raise CCMError.from_result(result)
    return result


def _terminate(process):
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=_TERM_GRACE)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
