"""CatenateLayer: its inputs joined along one level (the first by default). Inputs of
lower rank are broadcast, as Wolfram does: their dimensions are the trailing ones, the
level counts from the first dimension of the lowest-rank input, and the missing leading
dimensions are those of the others."""
import numpy as np

from ..arguments import Level, Param
from ..base import Kernel, add_grad, fit
from ..errors import ShapeConflict
from ..layer import Example, register
from ..shapes import VARYING
from .multi_input import MultiInputLayer


@register
class CatenateLayer(MultiInputLayer):
    """CatenateLayer[n]: its inputs joined along level n (1 by default)."""

    head = "CatenateLayer"
    usage = ("CatenateLayer[] is a net layer that joins its inputs together along their "
             "first dimension.\nCatenateLayer[n] joins them along level n.")
    arguments = (Param("Level", Level(positive=True), default=1, what="the level"),)
    output_gives_inputs = False

    def axis(self, ranks):
        """The 0-based dimension of the output the inputs are joined along."""
        level, low = self.params["Level"], min(ranks)
        if level > low:
            raise ShapeConflict(f"the level {level} is deeper than the rank {low} of the "
                                "lowest-rank input.")
        return level - 1 + max(ranks) - low

    def shape_rule(self, ins, outs):
        shapes = list(ins.values())
        if any(s == () for s in shapes):
            raise ShapeConflict("CatenateLayer cannot join real numbers.")
        if not shapes or None in shapes:
            return ins, outs
        ranks = [len(s) for s in shapes]
        axis, rank, y = self.axis(ranks), max(ranks), outs["Output"]
        dims = []
        for j in range(rank):
            own = [s[j - rank + len(s)] for s in shapes if j >= rank - len(s)]
            if j == axis:
                if VARYING in own:
                    raise ShapeConflict("CatenateLayer cannot join inputs along a varying "
                                        "dimension.")
                dims.append(None if None in own else sum(own))
                continue
            d = None if y is None else y[j:j + 1] or None
            for k, e in enumerate(own):
                d = fit(d, (e,), f"dimension {j + 1} of the inputs of CatenateLayer")
            dims.append(d[0] if d else None)
        new_ins = {p: tuple(s[i] if i == axis - rank + len(s) else dims[i - len(s) + rank]
                            for i in range(len(s))) for p, s in ins.items()}
        return new_ins, {"Output": fit(y, tuple(dims), "the output of CatenateLayer")}

    def broadcast(self, xp, xs):
        """The inputs with the leading dimensions of the highest-rank one (0-based
        ``axis`` of the output, and the inputs as they are then joined)."""
        rank = max(x.ndim for x in xs)
        top = next(x for x in xs if x.ndim == rank)
        axis = self.axis([x.ndim - 1 for x in xs])
        return axis, [x if x.ndim == rank else xp.broadcast_to(
            xp.reshape(x, (x.shape[0],) + (1,) * (rank - x.ndim) + x.shape[1:]),
            top.shape[:rank - x.ndim + 1] + x.shape[1:]) for x in xs]

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        axis, xs = self.broadcast(xp, [inputs[p] for p in self._ins])
        return {"Output": xp.concatenate(xs, axis=axis + 1)}

    def kernel(self, compiler):
        return CatenateKernel(self)

    @classmethod
    def examples(cls, rng):
        return [Example(cls(input_ports=((2, 3), (4, 3))),
                        {"Input1": rng.standard_normal((2, 2, 3)),
                         "Input2": rng.standard_normal((2, 4, 3))}),
                Example(cls(2, input_ports=(("Varying", 2), ("Varying", 3))),
                        {"Input1": rng.standard_normal((2, 4, 2)),
                         "Input2": rng.standard_normal((2, 4, 3))}),
                Example(cls(input_ports=((3, 2), (4,))),
                        {"Input1": rng.standard_normal((2, 3, 2)),
                         "Input2": rng.standard_normal((2, 4))})]


class CatenateKernel(Kernel):
    """y = the inputs joined; each input's gradient is its slice of dy, summed over the
    dimensions it was broadcast along."""

    def __init__(self, layer):
        self.layer = layer

    def run(self, r):
        axis, xs = self.layer.broadcast(np, [r[i] for i in self.ins])
        r[self.outs[0]] = np.concatenate(xs, axis=axis + 1)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None:
            return
        xs = [r[i] for i in self.ins]
        axis = self.layer.axis([x.ndim - 1 for x in xs]) + 1
        start = 0
        for i, x in zip(self.ins, xs):
            pad = gy.ndim - x.ndim
            n = x.shape[axis - pad]
            part = np.take(gy, range(start, start + n), axis=axis)
            add_grad(g, i, part.sum(axis=tuple(range(1, 1 + pad))) if pad else part)
            start += n
