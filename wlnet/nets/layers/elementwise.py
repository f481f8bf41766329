"""ElementwiseLayer: a scalar function applied to every element (functions.py)."""
import numpy as np

from ..arguments import Function, Param
from ..base import Kernel, add_grad, fit
from ..functions import NAMED, apply, value_and_slope
from ..layer import Example, Layer, register


@register
class ElementwiseLayer(Layer):
    """ElementwiseLayer[f]: f (Ramp, Tanh, LogisticSigmoid, Sin, Cos, Exp, Log, Sqrt, Abs,
    or a pure function of them such as #^2 + 1 &) applied to every element."""

    head = "ElementwiseLayer"
    usage = ("ElementwiseLayer[f] is a net layer that applies the function f to each "
             "element of its input.")
    arguments = (Param("Function", Function(), required=True, what="the function"),)

    def shape_rule(self, ins, outs):
        s = fit(ins["Input"], outs["Output"], "the input and output of ElementwiseLayer")
        return {"Input": s}, {"Output": s}

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        return {"Output": apply(xp, self.params["Function"], inputs["Input"])}

    def kernel(self, compiler):
        f = self.params["Function"]
        if isinstance(f, str):
            return NamedKernel(f)
        return TreeKernel(f)

    def automatic_loss(self):
        if self.params["Function"] == "LogisticSigmoid":
            from .losses import CrossEntropyLossLayer
            return CrossEntropyLossLayer("Binary")
        return None

    @classmethod
    def examples(cls, rng):
        trees = [("Plus", ("Power", "x", 2.0), 1.0), ("Times", 3.0, ("Sin", "x"), ("Power", "x", -1.0)),
                 ("Power", 2.0, ("Tanh", "x")), ("Power", "x", "x")]
        x = rng.uniform(0.2, 2.0, (3, 4)) * rng.choice([-1, 1], (3, 4))
        positive = {"Log", "Sqrt", trees[3]}
        return [Example(cls(f, input=4), {"Input": np.abs(x) if f in positive else x})
                for f in list(NAMED) + trees]


class NamedKernel(Kernel):
    """A named function: its derivative reuses the saved output."""

    def __init__(self, name):
        f, self.df = NAMED[name]
        self.f = lambda x: f(np, x)
        self.straight_line = "tanh" if name == "Tanh" else "named"

    def run(self, r):
        r[self.outs[0]] = self.f(r[self.ins[0]])

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None:
            add_grad(g, self.ins[0], gy * self.df(r[self.ins[0]], r[self.outs[0]]))


class TreeKernel(Kernel):
    def __init__(self, tree):
        self.tree = tree

    def run(self, r):
        r[self.outs[0]] = apply(np, self.tree, r[self.ins[0]])

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None:
            _, slope = value_and_slope(self.tree, r[self.ins[0]])
            add_grad(g, self.ins[0], gy * slope)
