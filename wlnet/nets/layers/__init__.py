"""Every layer of wlnet, one module per layer or small family, each registering its
definitions with ``@register`` (``wlnet.nets.layer``). Importing this package imports
them all, so a new module here is a new layer everywhere: builtins, InputForm, files,
NetInitialize and the generic layer tests. See docs/adding-a-layer.md."""

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__, prefix=f"{__name__}."):
    importlib.import_module(_module.name)
