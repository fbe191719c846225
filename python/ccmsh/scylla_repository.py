"""ccmlib.scylla_repository.setup over ccmsh: a version is an image, so "setting it up" is
ccmsh resolving it (``create -v VERSION``, which finds or pulls the image and records the
server version it carries) in a throwaway config dir."""

import os
import re
import shutil
import tempfile

from . import _binary, _state


def setup(version, verbose=False):
    """Returns (directory, version): the directory holds ccmlib's ``0.version.txt`` with the
    image's server version, which common.get_version_from_build(directory) reads."""
    scratch = tempfile.mkdtemp(prefix="ccmsh-version-")
    try:
        _binary.run(["create"], ["--scylla", "--version", str(version), "--no-switch", "probe"],
                    config_dir=scratch)
        try:
            found = _state.top_level(_state.cluster_conf_path(scratch, "probe")).get("image_version")
        finally:
            _binary.run(["remove"], ["probe"], config_dir=scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    found = found or str(version).split(":", 1)[-1]
    directory = os.path.join(tempfile.gettempdir(), "ccmsh-versions",
                             re.sub(r"[^A-Za-z0-9._-]", "_", str(version)))
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "0.version.txt"), "w") as f:
        f.write(found + "\n")
    return directory, found
