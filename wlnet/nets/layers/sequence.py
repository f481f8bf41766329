"""Sequence layers: SequenceLastLayer."""
import numpy as np

from ..base import Kernel, add_grad, fit
from ..errors import NetError, ShapeConflict
from ..layer import Example, Layer, register
from ..shapes import VARYING


@register
class SequenceLastLayer(Layer):
    """SequenceLastLayer[]: the last element of a sequence."""

    head = "SequenceLastLayer"
    usage = ("SequenceLastLayer[] is a net layer that gives the last element of its "
             "input sequence.")
    port_options = ("Input",)

    def shape_rule(self, ins, outs):
        x, y = ins["Input"], outs["Output"]
        if x == ():
            raise ShapeConflict("SequenceLastLayer needs a sequence, not a real number.")
        if x is not None:
            y = fit(y, x[1:], "the output of SequenceLastLayer and its input's elements")
        if y is not None:
            x = fit(x, (x[0] if x else VARYING,) + y, "the input of SequenceLastLayer")
        return {"Input": x}, {"Output": y}

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        return {"Output": last(inputs["Input"])}

    def kernel(self, compiler):
        return SequenceLastKernel()

    @classmethod
    def examples(cls, rng):
        return [Example(cls(input=(4, 3)), {"Input": rng.standard_normal((4, 4, 3))}),
                Example(cls(input=("Varying", 2)), {"Input": rng.standard_normal((3, 5, 2))})]


EMPTY = "SequenceLastLayer needs a sequence of at least 1 element, not 0."


def last(x):
    """The last elements of a batch of sequences; a varying length can turn out to be 0
    only when the net runs, hence the NetError here."""
    if x.shape[1] == 0:
        raise NetError("SequenceLastLayer", "invinput", EMPTY)
    return x[:, -1]


class SequenceLastKernel(Kernel):
    def run(self, r):
        r[self.outs[0]] = last(r[self.ins[0]])

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None:
            gx = np.zeros_like(r[self.ins[0]])
            gx[:, -1] = gy
            add_grad(g, self.ins[0], gx)
