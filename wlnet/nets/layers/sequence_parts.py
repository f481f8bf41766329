"""SequenceMostLayer, SequenceRestLayer and SequenceReverseLayer: a sequence without its
last element, without its first, or backwards. Each is a NumPy index along the
sequence's axis (``part``); the gradient is dy put back at the same index."""
import numpy as np

from ..base import Kernel, add_grad, fit
from ..errors import ShapeConflict
from ..layer import Example, Layer, register
from ..shapes import VARYING


class _SequencePart(Layer):
    """Shared by the three (not a layer itself): a sequence in, a sequence of the same
    elements out, ``dropped`` elements fewer (a varying length stays varying)."""

    port_options = ("Input",)
    part = slice(None)
    dropped = 0

    def shape_rule(self, ins, outs):
        x, y = ins["Input"], outs["Output"]
        if x == ():
            raise ShapeConflict(f"{self.head} needs a sequence, not a real number.")
        if x is None and y is not None and y[0] in (VARYING, None):
            x = y
        if x is not None:
            n = x[0]
            if isinstance(n, int) and n <= self.dropped:
                raise ShapeConflict(f"{self.head} needs a sequence of at least "
                                    f"{self.dropped + 1} elements, not {n}.")
            length = n - self.dropped if isinstance(n, int) else n
            y = fit(y, (length,) + x[1:], f"the output of {self.head}")
            x = fit(x, (n,) + y[1:], f"the input of {self.head}")
        return {"Input": x}, {"Output": y}

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        return {"Output": inputs["Input"][:, self.part]}

    def kernel(self, compiler):
        return SequencePartKernel(self.part)

    @classmethod
    def examples(cls, rng):
        return [Example(cls(input=(4, 3)), {"Input": rng.standard_normal((2, 4, 3))}),
                Example(cls(input=("Varying",)), {"Input": rng.standard_normal((3, 5))})]


@register
class SequenceMostLayer(_SequencePart):
    """SequenceMostLayer[]: the sequence without its last element."""

    head = "SequenceMostLayer"
    usage = ("SequenceMostLayer[] is a net layer that takes a sequence and gives all of it "
             "but its last element.")
    part, dropped = slice(None, -1), 1


@register
class SequenceRestLayer(_SequencePart):
    """SequenceRestLayer[]: the sequence without its first element."""

    head = "SequenceRestLayer"
    usage = ("SequenceRestLayer[] is a net layer that takes a sequence and gives all of it "
             "but its first element.")
    part, dropped = slice(1, None), 1


@register
class SequenceReverseLayer(_SequencePart):
    """SequenceReverseLayer[]: the sequence in reverse order."""

    head = "SequenceReverseLayer"
    usage = "SequenceReverseLayer[] is a net layer that reverses the order of a sequence."
    part = slice(None, None, -1)


class SequencePartKernel(Kernel):
    def __init__(self, part):
        self.index = (slice(None), part)

    def run(self, r):
        r[self.outs[0]] = r[self.ins[0]][self.index]

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None:
            gx = np.zeros_like(r[self.ins[0]])
            gx[self.index] = gy
            add_grad(g, self.ins[0], gx)
