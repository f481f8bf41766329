"""SoftmaxLayer: normalised exponentials over the last dimension."""
import numpy as np

from ..base import Kernel, add_grad, fit
from ..errors import ShapeConflict
from ..layer import Example, Layer, register


def softmax(xp, x):
    e = xp.exp(x - xp.max(x, axis=-1, keepdims=True))
    return e / xp.sum(e, axis=-1, keepdims=True)


@register
class SoftmaxLayer(Layer):
    """SoftmaxLayer[]: normalised exponentials over the last dimension."""

    head = "SoftmaxLayer"
    usage = ("SoftmaxLayer[] is a net layer that turns its input vector into "
             "probabilities: the exponentials of the elements, divided by their total.")
    port_options = ("Input",)

    def shape_rule(self, ins, outs):
        s = fit(ins["Input"], outs["Output"], "the input and output of SoftmaxLayer")
        if s == ():
            raise ShapeConflict("SoftmaxLayer needs at least a vector, not a real number.")
        return {"Input": s}, {"Output": s}

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        return {"Output": softmax(xp, inputs["Input"])}

    def kernel(self, compiler):
        return SoftmaxKernel()

    def automatic_loss(self):
        from .losses import CrossEntropyLossLayer
        return CrossEntropyLossLayer("Index")

    @classmethod
    def examples(cls, rng):
        return [Example(cls(input=5), {"Input": rng.standard_normal((4, 5))}),
                Example(cls(input=(2, 3)), {"Input": rng.standard_normal((4, 2, 3))})]


class SoftmaxKernel(Kernel):
    def run(self, r):
        r[self.outs[0]] = softmax(np, r[self.ins[0]])

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None:
            y = r[self.outs[0]]
            add_grad(g, self.ins[0], y * (gy - (gy * y).sum(axis=-1, keepdims=True)))
