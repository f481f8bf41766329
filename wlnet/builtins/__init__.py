"""Every builtin module of this package and its topic subpackages, imported once so that
their builtins register."""

import importlib
import pkgutil

for _module in pkgutil.walk_packages(__path__, prefix=f"{__name__}."):
    importlib.import_module(_module.name)
