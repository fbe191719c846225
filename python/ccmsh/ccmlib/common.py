from ccmsh.common import *  # noqa: F401,F403
from ccmsh.common import (ArgumentError, CCMError, LoadError, check_socket_listening,  # noqa: F401
                      get_default_path, get_version_from_build, isScylla, switch_cluster)
