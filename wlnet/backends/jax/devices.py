"""Which devices a ``TargetDevice`` setting names, and how arrays are placed on them.

The builtins read the Wolfram setting into a ``Target`` (a platform and device numbers);
``place(target)`` finds the devices and gives a ``Placement``, or raises ``DeviceError``
whose tag is Wolfram's message for it (``General::trgdevnogpu``, ``trgdevgpumax``) or
wlnet's (``nojax``, ``trgdevcpumax``).

A GPU can only come to JAX through a plugin (``jax-cuda12-plugin`` and the like, found
under the ``jax_plugins`` namespace or entry points), so without one the answer is known
without starting JAX: its thread pools must not start in a process that forks later
(the REPL's tests do), just to learn that there is no GPU.
"""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass


class DeviceError(Exception):
    """The devices cannot be used; ``tag`` names the message, ``index`` the (0-based)
    device that could not be used, ``count`` how many devices of the platform there are
    (for ``trgdevgpumax``/``trgdevcpumax``)."""

    def __init__(self, tag: str, index: int | None = None, count: int | None = None):
        super().__init__(tag)
        self.tag, self.index, self.count = tag, index, count


@dataclass(frozen=True)
class Target:
    """A platform ("cpu" or "gpu") and its 0-based device numbers (None: all of them)."""

    platform: str
    indices: tuple | None = (0,)


def jax_installed() -> bool:
    return importlib.util.find_spec("jax") is not None


def gpu_plugin_installed() -> bool:
    """Whether a JAX GPU plugin is installed, found without importing JAX."""
    import importlib.metadata   # imported here: start-up does not pay for it
    import pkgutil
    if any(True for _ in importlib.metadata.entry_points(group="jax_plugins")):
        return True
    spec = importlib.util.find_spec("jax_plugins")
    return bool(spec and spec.submodule_search_locations and
                any(True for _ in pkgutil.iter_modules(spec.submodule_search_locations)))


def devices(target: Target, should_stop=None) -> list:
    """The JAX devices of a target, or DeviceError (Interrupted when ``should_stop`` says
    so while JAX is first imported)."""
    if not jax_installed():
        raise DeviceError("nojax")
    first = 0 if target.indices is None else target.indices[0]
    if target.platform == "gpu" and not gpu_plugin_installed():
        raise DeviceError("trgdevnogpu", first)
    from . import load
    jax = load(should_stop)
    try:
        found = jax.devices(target.platform)
    except RuntimeError:
        found = []
    if not found:
        raise DeviceError("trgdevnogpu", first)
    if target.indices is None:
        return found
    beyond = [i for i in target.indices if i >= len(found)]
    if beyond:
        raise DeviceError("trgdevgpumax" if target.platform == "gpu" else "trgdevcpumax",
                          beyond[0], len(found))
    return [found[i] for i in target.indices]


class Placement:
    """Where a computation runs: a one-dimensional mesh of the devices, its axis "batch".
    Arrays are replicated on every device; inside a computation ``split`` spreads a batch
    over the devices (data parallel: XLA then sums the gradients across them). On one
    device it is a plain placement."""

    def __init__(self, devices: list):
        import numpy as np
        from jax.sharding import Mesh, NamedSharding, PartitionSpec
        self.devices = devices
        self.mesh = Mesh(np.array(devices), ("batch",))
        self.replicated = NamedSharding(self.mesh, PartitionSpec())
        self._split = NamedSharding(self.mesh, PartitionSpec("batch")) \
            if len(devices) > 1 else None
        self.key = tuple((d.platform, d.id) for d in devices)

    def put(self, tree):
        """Host arrays (any tree of them) copied to every device."""
        import jax
        return jax.device_put(tree, self.replicated)

    def split(self, x):
        """Inside a traced computation: x with its first (batch) axis spread over the
        devices."""
        if self._split is None:
            return x
        from jax import lax
        return lax.with_sharding_constraint(x, self._split)


_PLACEMENTS: dict = {}


def place(target: Target, should_stop=None) -> Placement:
    """The Placement of a target (made once per target: devices stay for the process)."""
    if target not in _PLACEMENTS:
        _PLACEMENTS[target] = Placement(devices(target, should_stop))
    return _PLACEMENTS[target]
