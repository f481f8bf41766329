"""The dropout masks of one training pass of a recurrent layer.

Wolfram's "Dropout" methods (the NeuralNetworks paclet's RNN dropout; docs/nets.md):

    "VariationalWeights"  DropConnect: every input and state weight matrix multiplied by
                          one mask for the whole pass (a p alone means this method)
    "VariationalInput"    the input feeding each gate, one mask per gate and example,
                          the same at every step
    "VariationalState"    the state feeding each gate's state product, likewise
    "StateUpdate"         the state update (the memory gate's value), a new mask at
                          every step; BasicRecurrentLayer applies it to the state it
                          multiplies

A mask keeps an element with probability 1 - p and scales it by 1/(1 - p). The masks
are drawn all at once, in one fixed order, from the training generator (the one
``SeedRandom`` seeds), so the pure forward and the kernel draw the same numbers.
"""
import numpy as np


def probabilities(spec) -> dict:
    """{method: p} of a normalised "Dropout" value, without the zero ones."""
    if spec is None:
        return {}
    spec = {"VariationalWeights": spec} if isinstance(spec, float) else spec
    return {m: p for m, p in spec.items() if p > 0}


def _mask(rng, p, shape, dtype):
    keep = rng.random(shape) >= p
    return keep.astype(dtype) * dtype.type(0 if p >= 1 else 1 / (1 - p))


class Masks:
    """``weights`` {array name: mask}; ``inputs`` and ``states`` the masks of every gate
    stacked, (G, B, k) and (G, B, n), or None; ``update`` (T, B, n), time-major, or None.
    ``update_on_state``: the layer applies the update mask to the state it multiplies
    (BasicRecurrentLayer), not to the memory gate."""

    def __init__(self, weights, inputs, states, update, update_on_state):
        self.weights, self.inputs, self.states = weights, inputs, states
        self.update, self.update_on_state = update, update_on_state

    @classmethod
    def draw(cls, spec, layer, rng, batch: int, length: int, dtype):
        """The masks of one pass, or None when the layer's "Dropout" drops nothing."""
        probs = probabilities(spec)
        if not probs:
            return None
        dtype = np.dtype(dtype)
        n, k, gates = layer.size, layer.input_size, len(layer.gates)
        weights = {}
        p = probs.get("VariationalWeights")
        if p:
            for gate in layer.gates:
                weights[gate + "InputWeights"] = _mask(rng, p, (n, k), dtype)
                weights[gate + "StateWeights"] = _mask(rng, p, (n, n), dtype)

        def per_gate(method, size):
            q = probs.get(method)
            return _mask(rng, q, (gates, batch, size), dtype) if q else None
        inputs = per_gate("VariationalInput", k)
        states = per_gate("VariationalState", n)
        q = probs.get("StateUpdate")
        update = _mask(rng, q, (length, batch, n), dtype) if q else None
        return cls(weights, inputs, states, update, layer.update_on_state)

    # -- what a step needs -----------------------------------------------------------
    @property
    def on_states(self) -> bool:
        """Whether the state products are masked."""
        return self.states is not None or (self.update is not None and self.update_on_state)

    def state(self, j: int, t: int):
        """The mask of the state feeding gate j's product at step t, or None."""
        m = self.state_stack(t)
        return None if m is None else m[j]

    def state_stack(self, t: int):
        """The masks of the state feeding every gate at step t, (G, B, n) or
        broadcastable to it, or None."""
        m = self.states
        if self.update is not None and self.update_on_state:
            u = self.update[t]
            m = u[None] if m is None else m * u
        return m

    def states_over_time(self, j: int):
        """The masks of ``state(j, t)`` for every step, broadcastable to (T, B, n)."""
        m = self.states[j] if self.states is not None else None
        if self.update is not None and self.update_on_state:
            m = self.update if m is None else m * self.update
        return m

    def cell_update(self, t: int):
        """The mask of the memory gate's value at step t (LSTM and GRU), or None."""
        return self.cell_updates()[t] if self.cell_updates() is not None else None

    def cell_updates(self):
        """The (T, B, n) masks of the memory gate's value (LSTM and GRU), or None."""
        return None if self.update is None or self.update_on_state else self.update

    def input(self, j: int):
        return self.inputs[j] if self.inputs is not None else None
