"""Register the kernel spec "Wolfram Language (wlnet)" with Jupyter.

The spec runs this Python (``sys.executable -m wlnet.jupyter -f {connection_file}``), so
the kernel uses the wlnet and the libraries of the environment it was installed from.
Where it goes: ``--user`` (the user's Jupyter folder), ``--sys-prefix`` (this environment;
the default inside a virtual environment, else ``--user`` is), or ``--prefix DIR``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile

from . import DISPLAY_NAME, KERNEL_NAME, MISSING

USAGE = "usage: wlnet --install-kernel [--user | --sys-prefix | --prefix DIR]"


def kernel_spec() -> dict:
    return {"argv": [sys.executable, "-m", "wlnet.jupyter", "-f", "{connection_file}"],
            "display_name": DISPLAY_NAME, "language": "wolfram", "interrupt_mode": "signal",
            "metadata": {"debugger": False}}


def install(user: bool = False, prefix: str | None = None) -> str:
    """Install the spec; the folder it went to."""
    from jupyter_client.kernelspec import KernelSpecManager
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "kernel.json"), "w", encoding="utf-8") as f:
            json.dump(kernel_spec(), f, indent=1)
        return KernelSpecManager().install_kernel_spec(folder, KERNEL_NAME, user=user,
                                                       prefix=prefix)


def main(args: list[str]) -> int:
    """The command line: one of --user, --sys-prefix, --prefix DIR (or none)."""
    in_venv = sys.prefix != getattr(sys, "base_prefix", sys.prefix)
    user, prefix = not in_venv, sys.prefix if in_venv else None
    if args == ["--user"]:
        user, prefix = True, None
    elif args == ["--sys-prefix"]:
        user, prefix = False, sys.prefix
    elif len(args) == 2 and args[0] == "--prefix":
        user, prefix = False, args[1]
    elif args:
        sys.stderr.write(USAGE + "\n")
        return 2
    try:
        import ipykernel  # noqa: F401  (the kernel needs it; say so now, not at start)
        folder = install(user=user, prefix=prefix)
    except ImportError:
        sys.stderr.write(MISSING + "\n")
        return 1
    except OSError as problem:
        sys.stderr.write(f"wlnet: cannot install the kernel spec: {problem}\n")
        return 1
    sys.stdout.write(f"Installed the kernel \"{DISPLAY_NAME}\" in {folder}\n")
    return 0
