from ccmsh.errors import NodetoolError, TimeoutError, ToolError  # noqa: F401
from ccmsh.errors import CCMError as NodeError  # noqa: F401
from ccmsh.node import Node  # noqa: F401
