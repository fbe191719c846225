"""Reads the scylla-ccm-format state files ccmsh writes (CURRENT, cluster.conf's top level).

Only what a caller needs without running a command: which clusters exist, their node names and
the address format. Everything else comes from ccmsh's ``--json`` output.
"""

import os


def default_config_dir():
    return os.environ.get("CCM_CONFIG_DIR") or os.path.join(os.path.expanduser("~"), ".ccm")


def cluster_conf_path(path, name):
    return os.path.join(path, name, "cluster.conf")


def cluster_exists(path, name):
    return os.path.isfile(cluster_conf_path(path, name))


def current_cluster(path):
    try:
        with open(os.path.join(path, "CURRENT")) as f:
            return f.read().strip() or None
    except FileNotFoundError:
        return None


def top_level(conf_path):
    """The top-level keys of a ccm conf file: a scalar, or a list of scalars (``- item``).

    Nested mappings are skipped: the API reads them through ``--json`` instead.
    """
    values = {}
    key = None
    with open(conf_path) as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line.startswith("- ") and key is not None:
                if not isinstance(values.get(key), list):
                    values[key] = []
                values[key].append(_scalar(line[2:]))
                continue
            if line[0] in " \t":
                continue
            name, sep, value = line.partition(":")
            if not sep:
                continue
            key = name.strip()
            values[key] = _scalar(value) if value.strip() else None
    return values


def _scalar(text):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text
