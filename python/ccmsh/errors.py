"""Exceptions: each carries ccmsh's one-line message, never a rewording of it."""

_PREFIX = "ccmsh: error: "


class CCMError(Exception):
    """A ccmsh command failed. ``str()`` is ccmsh's one-line message; ``diagnostics`` holds
    the lines ccmsh printed after it (a wait's last log lines), ``argv`` the command line and
    ``returncode`` its exit status (1 failure, 64 usage error)."""

    def __init__(self, message, argv=None, returncode=None, diagnostics=(), stdout=""):
        super().__init__(message)
        self.message = message
        self.argv = argv or []
        self.returncode = returncode
        self.diagnostics = list(diagnostics)
        self.stdout = stdout

    @classmethod
    def from_result(cls, result):
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        first = next((i for i, line in enumerate(lines) if line.startswith(_PREFIX)), None)
        if first is None:
            message = lines[-1] if lines else "%s exited with status %d" % (
                result.argv[0], result.returncode)
            rest = lines[:-1]
        else:
            message = lines[first][len(_PREFIX):]
            rest = lines[first + 1:]
        kind = ArgumentError if result.returncode == 64 else cls
        return kind(message, argv=result.argv, returncode=result.returncode,
                    diagnostics=[line.strip() for line in rest], stdout=result.stdout)


class ArgumentError(CCMError):
    """ccmsh refused the arguments (exit 64), as ccmlib's ArgumentError."""


class LoadError(CCMError):
    """No cluster of that name in the config dir (ccmlib's common.LoadError)."""


class ToolError(CCMError):
    """A node tool (nodetool) exited non-zero; ``stdout``/``stderr`` are the tool's."""

    def __init__(self, message, argv=None, returncode=None, diagnostics=(), stdout="", stderr=""):
        super().__init__(message, argv, returncode, diagnostics, stdout)
        self.stderr = stderr


class NodetoolError(ToolError):
    """ccmlib's name for a failed nodetool command."""


class TimeoutError(CCMError):  # noqa: A001 - ccmlib's name (ccmlib.node.TimeoutError)
    """A wait ran out of time (``watch_log_for``); the message is ccmsh's."""
