"""SoftmaxLayer: normalised exponentials along one level (the last by default)."""
import numpy as np

from ..arguments import Level, Param
from ..base import Kernel, add_grad, fit
from ..errors import ShapeConflict
from ..layer import Example, Layer, register
from ..shapes import describe


def softmax(xp, x, axis=-1):
    e = xp.exp(x - xp.max(x, axis=axis, keepdims=True))
    return e / xp.sum(e, axis=axis, keepdims=True)


@register
class SoftmaxLayer(Layer):
    """SoftmaxLayer[n]: normalised exponentials along level n of the input (n = -1, the
    last, by default; negative levels count from the end)."""

    head = "SoftmaxLayer"
    usage = ("SoftmaxLayer[] is a net layer that turns its input vector into "
             "probabilities: the exponentials of the elements, divided by their total.\n"
             "SoftmaxLayer[n] normalises along level n of its input.")
    arguments = (Param("Level", Level(), default=-1, what="the level"),)
    port_options = ("Input",)

    def shape_rule(self, ins, outs):
        s = fit(ins["Input"], outs["Output"], "the input and output of SoftmaxLayer")
        if s == ():
            raise ShapeConflict("SoftmaxLayer needs at least a vector, not a real number.")
        level = self.params["Level"]
        if s is not None:
            if abs(level) > len(s):
                raise ShapeConflict(f"the level {level} does not exist in an input of rank "
                                    f"{len(s)}.")
            if s[self.axis(len(s)) - 1] == 1:
                raise ShapeConflict(f"SoftmaxLayer[{level}] would give a constant output "
                                    f"for {describe(s)}.")
        return {"Input": s}, {"Output": s}

    def axis(self, rank):
        """The axis of a batch (axis 0: the examples) the layer normalises along."""
        level = self.params["Level"]
        return level if level > 0 else rank + 1 + level

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        x = inputs["Input"]
        return {"Output": softmax(xp, x, self.axis(x.ndim - 1))}

    def kernel(self, compiler):
        return SoftmaxKernel(self.axis(len(self._ins["Input"])))

    def automatic_loss(self):
        from .losses import CrossEntropyLossLayer
        return CrossEntropyLossLayer("Index")

    @classmethod
    def examples(cls, rng):
        return [Example(cls(input=5), {"Input": rng.standard_normal((4, 5))}),
                Example(cls(input=(2, 3)), {"Input": rng.standard_normal((4, 2, 3))}),
                Example(cls(1, input=("Varying", 3)), {"Input": rng.standard_normal((2, 4, 3))}),
                Example(cls(2, input=(2, 3, 2)), {"Input": rng.standard_normal((2, 2, 3, 2))})]


class SoftmaxKernel(Kernel):
    def __init__(self, axis):
        self.axis = axis

    def run(self, r):
        r[self.outs[0]] = softmax(np, r[self.ins[0]], self.axis)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None:
            y = r[self.outs[0]]
            add_grad(g, self.ins[0], y * (gy - (gy * y).sum(axis=self.axis, keepdims=True)))
