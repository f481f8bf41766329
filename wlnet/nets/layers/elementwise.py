"""ElementwiseLayer: a scalar function applied to every element (functions.py)."""
import numpy as np

from ..arguments import Function, Param
from ..base import Kernel, add_grad, fit
from ..functions import NAMED, VARIABLE, apply, value_and_slopes
from ..layer import Example, Layer, register


@register
class ElementwiseLayer(Layer):
    """ElementwiseLayer[f]: f applied to every element: a function of Wolfram's list
    (Ramp, Tanh, Sin, Erf, ...), a name ("SELU", "SoftPlus", ...), or a pure function
    built from them (#^2 + Sin[#] &, Max[#, 0.1 #] &, If[# > 0, #, 0] &)."""

    head = "ElementwiseLayer"
    usage = ("ElementwiseLayer[f] is a net layer that applies the function f to each "
             "element of its input.\nElementwiseLayer[\"name\"] applies the function "
             "named \"name\" (\"ReLU\", \"SELU\", \"GELU\", \"SoftPlus\", ...).")
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
        x = rng.uniform(0.2, 0.9, (3, 4)) * rng.choice([-1, 1], (3, 4))
        return [Example(cls(f, input=4), {"Input": DOMAINS.get(f, lambda v: v)(x)})
                for f in NAMED if f not in STEPS] + \
            [Example(cls(f, input=4), {"Input": x}) for f in TREES]


# inputs inside each function's domain (the examples are in (-0.9, -0.2) and (0.2, 0.9))
DOMAINS = {**dict.fromkeys(("Log", "Sqrt", "InverseHaversine", "LogGamma", "Gamma",
                            "ArcSech"), np.abs),
           **dict.fromkeys(("ArcCosh", "ArcCoth", "ArcCsc", "ArcSec"), lambda v: 1 / np.abs(v)),
           "InverseErfc": lambda v: 1 - v}
# functions that are flat almost everywhere: their examples would check nothing
STEPS = ("Round", "Floor", "Ceiling", "Sign", "IntegerPart", "Unitize", "KroneckerDelta")
TREES = [("Plus", ("Power", "x", 2.0), 1.0), ("Times", 3.0, ("Sin", "x"), ("Power", "x", -1.0)),
         ("Power", 2.0, ("Tanh", "x")), ("Plus", ("Power", "x", 2), ("Sin", "x")),
         ("Max", "x", ("Times", 0.1, "x")), ("If", ("Greater", "x", 0), "x", ("Exp", "x")),
         ("Mod", ("Times", 3, "x"), 1.0), ("Surd", "x", 3), ("Min", "x", -0.5, ("Erf", "x")),
         ("ScaledExponentialLinearUnit", ("Times", 2, "x"))]


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
            _, slopes = value_and_slopes(self.tree, {VARIABLE: r[self.ins[0]]})
            add_grad(g, self.ins[0], gy * slopes.get(VARIABLE, 0.0))
