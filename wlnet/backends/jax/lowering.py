"""A net as a JAX function, read from its one definition.

Every net has a pure forward, ``Net.evaluate(xp, arrays, inputs, training, rng)``: a
layer runs its ``forward``, a container composes its children's by its structure (a
chain's order, a graph's wires, a fold's steps as ``arrayapi.scan``). Lowering a net is
running that with ``xp`` = ``Namespace`` (``jax.numpy``, with ``scan`` as ``lax.scan``)
and ``rng`` = ``KeyRng`` (random draws from a JAX key) under ``jax.jit``; JAX's ``grad``
of it is the backward pass. No layer or container has JAX code of its own.

Compiled functions are cached by the net's structure (``signature``: heads, parameters,
port and array shapes, wiring; not the arrays' values), so NetTrain and ``net[x]`` called
again on a net of the same structure reuse what was compiled.
"""
from __future__ import annotations

import time
from collections import OrderedDict

import numpy as np

from ...nets.base import Net
from ...nets.stopping import abandon_on_stop
from . import load


class Namespace:
    """``jax.numpy`` as a pure forward's ``xp``, with ``scan`` (``nets.arrayapi``) run as
    ``lax.scan``; the key of ``rng`` travels through the steps in the scan's carry, so
    each step draws fresh numbers."""

    def __init__(self, rng=None):
        import jax.numpy as jnp
        self._jnp, self.rng = jnp, rng

    def __getattr__(self, name):
        return getattr(self._jnp, name)

    def scan(self, step, carry, xs):
        from jax import lax
        rng = self.rng
        if rng is None:
            return lax.scan(step, carry, xs)

        def body(both, x):
            inner, rng.key = both
            inner, y = step(inner, x)
            return (inner, rng.key), y

        (carry, rng.key), ys = lax.scan(body, (carry, rng.key), xs)
        return carry, ys


class KeyRng:
    """The generator a pure forward draws from (``rng.random(shape)``, as it would from
    NumPy's), over a JAX key that every draw splits."""

    def __init__(self, key):
        self.key = key

    def _next(self):
        import jax
        self.key, sub = jax.random.split(self.key)
        return sub

    def random(self, size=None, dtype=None):
        import jax
        return jax.random.uniform(self._next(), _shape(size), dtype or _float())

    def standard_normal(self, size=None, dtype=None):
        import jax
        return jax.random.normal(self._next(), _shape(size), dtype or _float())


def _shape(size):
    if size is None:
        return ()
    return tuple(size) if isinstance(size, (tuple, list)) else (int(size),)


def _float():
    import jax.numpy as jnp
    return jnp.zeros(()).dtype


def run(net: Net, arrays: dict, inputs: dict, training: bool, key=None, updates=None):
    """The net's outputs (and final states) traced with ``jax.numpy``; ``key`` feeds the
    random draws of training, ``updates`` receives the auxiliary arrays it changes."""
    rng = KeyRng(key) if key is not None else None
    return net.evaluate(Namespace(rng), arrays, inputs, training, rng, updates)


# -- the structure of a net, and the cache of what was compiled for it ------------------
def signature(net: Net):
    """A hashable description of everything about a net but its arrays' values: two nets
    with the same signature compute the same function of (arrays, inputs)."""
    args, options = net.constructor()
    return (type(net).__qualname__, net.head, _frozen(args), _frozen(options),
            _frozen(net.input_ports()), _frozen(net.output_ports()),
            _frozen(net.state_ports()))


def _frozen(value):
    if isinstance(value, Net):
        return signature(value)
    if isinstance(value, np.ndarray):
        return ("array", value.shape, value.dtype.str)
    if isinstance(value, dict):
        return ("dict",) + tuple((k, _frozen(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ("list",) + tuple(_frozen(v) for v in value)
    try:
        hash(value)
    except TypeError:
        return ("object", type(value).__qualname__, repr(value))
    return value


class Cache:
    """Compiled executables by a key of what they compute (a net's signature and the
    settings of the call) and the shapes, types and placement of their arguments;
    the least recently used go first. ``compiled(key, build, args)`` also tells how long
    compiling took (0 when it was cached); Ctrl-C stops the wait for XLA at once
    (``nets.stopping.abandon_on_stop``)."""

    def __init__(self, size: int = 32):
        self.size = size
        self._functions: OrderedDict = OrderedDict()

    def compiled(self, key, build, args: tuple):
        jax = load()
        leaves, tree = jax.tree_util.tree_flatten(args)
        full = (key, tree, tuple((np.shape(a), str(a.dtype), getattr(a, "sharding", None))
                                 for a in leaves))
        hit = self._functions.get(full)
        if hit is not None:
            self._functions.move_to_end(full)
            return hit, 0.0
        start = time.perf_counter()
        x64 = jax.config.jax_enable_x64     # a setting of this thread, so handed over

        def compile_():
            with jax.enable_x64(x64):
                return build().lower(*args).compile()

        function = abandon_on_stop(compile_)
        seconds = time.perf_counter() - start
        self._functions[full] = function
        while len(self._functions) > self.size:
            self._functions.popitem(last=False)
        return function, seconds


CACHE = Cache()
