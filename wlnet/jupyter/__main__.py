"""``python -m wlnet.jupyter install [--user | --sys-prefix | --prefix DIR]`` registers the
kernel; ``python -m wlnet.jupyter -f CONNECTION_FILE`` (what Jupyter runs) starts it."""

import sys

from . import MISSING


def main(argv=None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["install"]:
        from .install import main as install_main
        return install_main(args[1:])
    try:
        from ipykernel.kernelapp import IPKernelApp
    except ImportError:
        sys.stderr.write(MISSING + "\n")
        return 1
    from .kernel import WlnetKernel
    IPKernelApp.launch_instance(argv=args, kernel_class=WlnetKernel)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
