"""``net[x, TargetDevice -> ...]``: a net evaluated by JAX on the target's devices.

The net's pure forward is compiled once per structure and input shapes
(``lowering.CACHE``); its arrays are copied to the devices once per net (nets are
values, so the copy stays valid as long as the net lives). Sequences of several lengths
are evaluated length by length, as the NumPy plan does.
"""
from __future__ import annotations

import weakref

import numpy as np

from ...nets.plan import _assemble, _length_groups, _select, checked_inputs
from . import load
from .devices import place
from .lowering import CACHE, run, signature

_ON_DEVICES = weakref.WeakKeyDictionary()   # net -> {placement key: its arrays there}


def evaluate(net, inputs: dict, target, dtype=np.float32, arrays=None) -> tuple[dict, dict]:
    """(outputs, final states) of ``net`` on a batch, as ``Plan.forward`` and
    ``Plan.final_states`` give them; ``arrays``: the net's arrays already on the devices
    (a tuple in the order of ``net.arrays()``) instead of its own."""
    jax = load()
    placement = place(target)
    values = checked_inputs(net, inputs, dtype)
    paths = list(net.arrays())
    if arrays is None:
        mine = _ON_DEVICES.setdefault(net, {})
        if placement.key not in mine:
            mine[placement.key] = placement.put(
                tuple(np.asarray(a, dtype) for a in net.arrays().values()))
        arrays = mine[placement.key]
    on_devices = arrays

    def build():
        return jax.jit(lambda a, xs: run(net, dict(zip(paths, a)), xs, False))

    ragged = any(isinstance(v, list) for v in values.values())
    parts = []
    for idx in (_length_groups(values) if ragged else [None]):
        xs = placement.put(_select(values, idx))
        fn, _ = CACHE.compiled(("evaluate", signature(net), placement.key), build,
                               (on_devices, xs))
        parts.append((idx, {p: np.asarray(v) for p, v in fn(on_devices, xs).items()}))
    outs = {p: _assemble([(idx, out[p]) for idx, out in parts]) for p in parts[0][1]}
    states = {p: outs.pop(p) for p in net.state_ports() if p in outs and
              p not in net.output_ports()}
    return outs, states
