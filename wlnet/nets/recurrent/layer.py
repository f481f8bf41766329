"""RecurrentLayer: what BasicRecurrentLayer, GatedRecurrentLayer and
LongShortTermMemoryLayer share.

A recurrent layer of size n takes a sequence of vectors of size k ("Input", {L, k}),
gives the sequence of its states ("Output", {L, n}), and has state ports ("State", and
the LSTM's "CellState", vectors of size n): optional inputs that default to zeros (s_0,
c_0) and extra outputs (the states after the last step). Its arrays come in gates: for
each gate g, "gInputWeights" (n x k), "gStateWeights" (n x n) and "gBiases" (n);
the pre-activation of a gate at step t is Wgx.x_t + Wgs.s_{t-1} + bg.

A definition lists its ``gates`` (the first ``sigmoid_gates`` are logistic sigmoids,
the rest Tanh: the order the kernel packs them in) and its ``cell``: one step of the
recurrence written once for any array namespace. The pure ``forward`` is the input
projection of every step, then the cell applied step by step (a scan: a JAX backend can
run ``cell`` under ``lax.scan``). The kernel (``recurrent/kernel.py``) is the fast NumPy
form of the same computation.
"""
from ..arguments import Param, RecurrentDropout, Size
from ..arrayapi import scan
from ..arrayspec import ArraySpec, AxisOf, SizeOf
from ..errors import ShapeConflict
from ..layer import Example, Layer
from ..shapes import VARYING, describe, unify
from .masks import Masks


def gate_arrays(gates, ones=()) -> tuple:
    """The ArraySpecs of the gates: input weights (n x k), state weights (n x n), biases
    (n; 0 after NetInitialize, 1 for the gates in ``ones``)."""
    specs = []
    for g in gates:
        specs += [ArraySpec(g + "InputWeights", (SizeOf("State"), AxisOf("Input", -1))),
                  ArraySpec(g + "StateWeights", (SizeOf("State"), SizeOf("State"))),
                  ArraySpec(g + "Biases", (SizeOf("State"),),
                            init="Ones" if g in ones else "Biases")]
    return tuple(specs)


def sigmoid(xp, z):
    return 1 / (1 + xp.exp(-z))


class RecurrentLayer(Layer):
    """The shared definition; subclasses give ``gates``, ``sigmoid_gates``, ``states``,
    ``array_specs`` (``gate_arrays``), ``cell`` and ``kernel``."""

    gates: tuple = ()
    sigmoid_gates = 0
    update_on_state = False     # "StateUpdate" dropout masks the multiplied state
    states = ("State",)
    arguments = (Param("OutputSize", Size(), what="the output size"),)
    options = (Param("Dropout", RecurrentDropout(), what="the dropout"),)

    # -- ports ---------------------------------------------------------------------
    @property
    def size(self):
        """n, the size of the state and of each output vector (None while unknown)."""
        return self._states["State"][0] if self._states["State"] is not None else None

    @property
    def input_size(self):
        x = self._ins["Input"]
        return x[-1] if x is not None else None

    def constructor(self):
        """As for every layer, but without an "Input" that says only "a sequence"."""
        args, options = super().constructor()
        if options.get("Input") == (VARYING, None):
            del options["Input"]
        return args, options

    def argument_value(self, param):
        if param.name == "OutputSize":
            return self.size
        return super().argument_value(param)

    def shape_rule(self, ins, outs):
        head, n = self.head, self.params["OutputSize"]
        x, y = ins["Input"], outs["Output"]
        for what, s in (("input", x), ("output", y)):
            if s is not None and len(s) != 2:
                raise ShapeConflict(f"the {what} of {head} should be a sequence of vectors, "
                                    f"not {describe(s)}.")
        try:
            length = unify((x[0] if x else None,), (y[0] if y else None,))[0]
        except ShapeConflict:
            raise ShapeConflict(f"the input of {head} is a sequence of length {x[0]} but its "
                                f"output a sequence of length {y[0]}.") from None
        length = VARYING if length is None else length
        size = (n,) if n is not None else None
        for given in [ins[p] for p in self.states] + [outs[p] for p in self.states] + \
                [y[1:] if y else None]:
            try:
                size = unify(size, given)
            except ShapeConflict:
                raise ShapeConflict(f"the states and outputs of {head} are vectors of size "
                                    f"{size[0]}, not {describe(given)}.") from None
        x = (length, x[1] if x else None)
        y = (length, size[0] if size else None)
        states = {p: size for p in self.states}
        return {"Input": x, **states}, {"Output": y, **states}

    @classmethod
    def examples(cls, rng):
        """Given initial states, a varying length, and every dropout method at once."""
        x = rng.standard_normal
        return [Example(cls(3, input=(4, 2)), {"Input": x((2, 4, 2)),
                                               **{p: x((2, 3)) for p in cls.states}}),
                Example(cls(2, input=("Varying", 3)), {"Input": x((3, 5, 3))}),
                Example(cls(2, input=(3, 2), dropout={"VariationalWeights": 0.2,
                                                      "VariationalInput": 0.3,
                                                      "VariationalState": 0.3,
                                                      "StateUpdate": 0.2}),
                        {"Input": x((2, 3, 2))})]

    # -- the computation, once -------------------------------------------------------
    def masks(self, rng, batch, length, dtype):
        """The dropout masks of a training pass (None when nothing is dropped)."""
        return Masks.draw(self.params["Dropout"], self, rng, batch, length, dtype)

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        x = inputs["Input"]
        batch, length = x.shape[0], x.shape[1]
        masks = self.masks(rng, batch, length, x.dtype) if training else None
        w = dict(arrays)
        if masks is not None:
            w.update({name: w[name] * m for name, m in masks.weights.items()})
        states = {p: inputs[p] if inputs.get(p) is not None else
                  xp.zeros((batch, self.size), dtype=x.dtype) for p in self.states}
        projections = {}
        for j, g in enumerate(self.gates):
            xg = x if masks is None or masks.input(j) is None else x * masks.input(j)[:, None]
            projections[g] = xp.matmul(xg, xp.transpose(w[g + "InputWeights"])) + \
                w[g + "Biases"]
        steps = {g: xp.moveaxis(p, 1, 0) for g, p in projections.items()}   # time-major
        steps["t"] = xp.arange(length)

        def step(carry, x):   # one loop for any length: lax.scan under JAX (arrayapi)
            carry = self.cell(xp, w, x, carry, masks, x["t"])
            return carry, carry["State"]
        states, outputs = scan(xp, step, states, steps)
        return {"Output": xp.moveaxis(outputs, 0, 1), **states}

    def recurrent_term(self, xp, w, gate, s, masks, t):
        """Wgs.s_{t-1} for one gate (the state masked as the dropout says)."""
        if masks is not None:
            m = masks.state(self.gates.index(gate), t)
            s = s if m is None else s * m
        return xp.matmul(s, xp.transpose(w[gate + "StateWeights"]))

    def cell(self, xp, w, xt, states, masks, t) -> dict:
        """One step: the projections xt {gate: Wgx.x_t + bg} and the states before it
        give the states after it ({"State": s_t, ...})."""
        raise NotImplementedError
