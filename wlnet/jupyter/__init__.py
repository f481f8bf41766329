"""The Jupyter kernel "Wolfram Language (wlnet)": a Session behind ipykernel's Kernel base
class (``kernel``), and the command that registers it with Jupyter (``install``).

    pip install 'wlnet[jupyter]'
    wlnet --install-kernel            (or: python -m wlnet.jupyter install)

Nothing here is imported by the rest of wlnet; ipykernel (the optional ``jupyter``
extra) is imported only when the kernel starts or is installed.
"""

KERNEL_NAME = "wlnet"
DISPLAY_NAME = "Wolfram Language (wlnet)"
MISSING = "The Jupyter kernel needs the optional jupyter extra: pip install 'wlnet[jupyter]'"
