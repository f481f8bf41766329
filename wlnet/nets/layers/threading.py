"""TotalLayer and ThreadingLayer: inputs of one shape combined element by element."""
import numpy as np

from ..arguments import Param, ThreadFunction
from ..base import Kernel, add_grad
from ..errors import NetError
from ..functions import value, value_and_slopes, variable, variables_of
from ..layer import Example, register
from .multi_input import MultiInputLayer, same_shapes

OPERATIONS = ("Plus", "Times", "Subtract", "Divide", "Max", "Min")


def combine(xp, op, xs):
    """The inputs combined by op, left to right."""
    f = {"Plus": lambda a, b: a + b, "Times": lambda a, b: a * b,
         "Subtract": lambda a, b: a - b, "Divide": lambda a, b: a / b,
         "Max": xp.maximum, "Min": xp.minimum}[op]
    y = xs[0]
    for x in xs[1:]:
        y = f(y, x)
    return y


@register
class TotalLayer(MultiInputLayer):
    """TotalLayer[]: the sum of its inputs (one port per edge into it in a NetGraph, or
    InputPorts -> n)."""

    head = "TotalLayer"
    usage = "TotalLayer[] is a net layer that gives the sum of its inputs."

    def shape_rule(self, ins, outs):
        return same_shapes(self.head, ins, outs)

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        return {"Output": combine(xp, "Plus", [inputs[p] for p in self._ins])}

    def kernel(self, compiler):
        return AddKernel() if len(self._ins) == 2 else ThreadKernel("Plus")

    @classmethod
    def examples(cls, rng):
        return [Example(cls(input_ports=n, output=4),
                        {f"Input{i}": rng.standard_normal((3, 4)) for i in range(1, n + 1)})
                for n in (2, 3)]


@register
class ThreadingLayer(MultiInputLayer):
    """ThreadingLayer[f]: f (Plus, Times, Subtract, Divide, Max, Min, or a pure function
    of several variables such as #1 + #2^#1 &) applied element by element across its
    inputs."""

    head = "ThreadingLayer"
    usage = ("ThreadingLayer[f] is a net layer that applies the function f element by "
             "element across its inputs: Plus, Times, Max, ... across all of them, or a "
             "pure function #1, #2, ... of one value of each.")
    arguments = (Param("Function", ThreadFunction(*OPERATIONS), required=True,
                       what="the function"),)

    def initial_ports(self):
        ins, outs, states = super().initial_ports()
        f = self.params["Function"]
        if f in ("Subtract", "Divide") and len(ins) not in (0, 2):
            raise NetError(self.head, "invarg", f"{f} takes exactly two inputs.")
        if not isinstance(f, str):
            n = max(int(v[1:]) for v in variables_of(f))
            if not ins:
                ins = {f"Input{i}": None for i in range(1, n + 1)}
            elif len(ins) < n:
                raise NetError(self.head, "invarg", f"the function uses #{n}, but the "
                               f"layer has {len(ins)} inputs.")
        return ins, outs, states

    def shape_rule(self, ins, outs):
        return same_shapes(self.head, ins, outs)

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        xs, f = [inputs[p] for p in self._ins], self.params["Function"]
        if isinstance(f, str):
            return {"Output": combine(xp, f, xs)}
        return {"Output": value(xp, f, tree_env(xs)) + xp.zeros_like(xs[0])}

    def kernel(self, compiler):
        f = self.params["Function"]
        return ThreadKernel(f) if isinstance(f, str) else TreeThreadKernel(f)

    @classmethod
    def examples(cls, rng):
        def inputs(n):
            return {f"Input{i}": rng.uniform(0.5, 2, (3, 4)) for i in range(1, n + 1)}
        trees = [("Plus", "x1", ("Power", "x2", "x1")),
                 ("Plus", "x1", ("Times", ("Ramp", ("Plus", "x2", -1.2)), "x3")),
                 ("If", ("Greater", "x1", "x2"), ("Sin", "x1"), ("Times", 2, "x2"))]
        return [Example(cls(op, input_ports=2, output=4), inputs(2)) for op in OPERATIONS] + \
            [Example(cls("Times", input_ports=3, output=2),
                     {f"Input{i}": rng.standard_normal((3, 2)) for i in (1, 2, 3)})] + \
            [Example(cls(t, output=4), inputs(len(variables_of(t)))) for t in trees]


def tree_env(xs):
    """The variables x1, x2, ... of a function tree bound to the inputs."""
    return {variable(k): x for k, x in enumerate(xs, 1)}


class AddKernel(Kernel):
    """The common two-input sum, without the general loop."""

    straight_line = "add"

    def run(self, r):
        a, b = self.ins
        r[self.outs[0]] = r[a] + r[b]

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None:
            add_grad(g, self.ins[0], gy)
            add_grad(g, self.ins[1], gy)


class TreeThreadKernel(Kernel):
    """A pure function of the inputs; each input's gradient is dy times the function's
    slope in that input (forward-mode, functions.value_and_slopes)."""

    def __init__(self, tree):
        self.tree = tree

    def run(self, r):
        xs = [r[i] for i in self.ins]
        r[self.outs[0]] = value(np, self.tree, tree_env(xs)) + np.zeros_like(xs[0])

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None:
            return
        _, slopes = value_and_slopes(self.tree, tree_env([r[i] for i in self.ins]))
        for k, i in enumerate(self.ins, 1):
            add_grad(g, i, gy * slopes.get(variable(k), 0.0))


class ThreadKernel(Kernel):
    def __init__(self, op):
        self.op = op
        self.straight_line = "add" if op == "Plus" else None

    def run(self, r):
        r[self.outs[0]] = combine(np, self.op, [r[i] for i in self.ins])

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None:
            return
        op, ins = self.op, self.ins
        if op == "Plus":
            for i in ins:
                add_grad(g, i, gy)
        elif op == "Subtract":
            add_grad(g, ins[0], gy)
            add_grad(g, ins[1], -gy)
        elif op == "Divide":
            a, b = r[ins[0]], r[ins[1]]
            add_grad(g, ins[0], gy / b)
            add_grad(g, ins[1], -gy * a / (b * b))
        elif op == "Times":
            xs = [r[i] for i in ins]
            for k, i in enumerate(ins):
                others = gy
                for j, x in enumerate(xs):
                    if j != k:
                        others = others * x
                add_grad(g, i, others)
        else:
            stacked = np.stack([r[i] for i in ins])
            winner = (np.argmax if op == "Max" else np.argmin)(stacked, axis=0)
            for k, i in enumerate(ins):
                add_grad(g, i, gy * (winner == k))
