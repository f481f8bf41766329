"""ReplicateLayer: copies of the input, stacked along new dimensions."""
import numpy as np

from ..arguments import BadValue, Integer, Param, is_int
from ..structured import Spec, Sym
from ..base import Kernel, add_grad, fit
from ..errors import ShapeConflict
from ..layer import Example, Layer, register

AUTOMATIC = Sym("Automatic")


def _count(v):
    return v == AUTOMATIC or (is_int(v) and v >= 1)


def replicate_spec(value):
    """A count n, Automatic (inferred from the output) or a non-empty list of them."""
    if _count(value) or (isinstance(value, tuple) and value and all(map(_count, value))):
        return value
    raise BadValue("should be a positive integer, Automatic, or a non-empty list of these")


@register
class ReplicateLayer(Layer):
    """ReplicateLayer[n]: n copies of the input along a new first dimension;
    ReplicateLayer[{n1, n2, ...}] adds several dimensions; ReplicateLayer[spec, m]
    inserts them at level m (negative from the end)."""

    head = "ReplicateLayer"
    usage = ("ReplicateLayer[n] is a net layer that gives n copies of its input as an "
             "array with a new first dimension.\nReplicateLayer[{n1, n2, ...}] adds "
             "dimensions n1 x n2 x ..., and ReplicateLayer[spec, m] inserts them at "
             "level m; an ni can be Automatic, inferred from the output.")
    arguments = (Param("Specification", Spec(replicate_spec, "a replication count"),
                       required=True, what="the specification"),
                 Param("Level", Integer(), default=1, what="the level"))
    printed_ports = ("Input", "Output")   # the output holds the Automatic counts

    @property
    def counts(self):
        spec = self.params["Specification"]
        return tuple(None if n == AUTOMATIC else n
                     for n in (spec if isinstance(spec, tuple) else (spec,)))

    def position(self, rank):
        """Where the new dimensions go among the input's ``rank`` dimensions."""
        level = self.params["Level"]
        at = level - 1 if level > 0 else rank + level + 1
        if level == 0 or not 0 <= at <= rank:
            raise ShapeConflict(f"the level {level} should be a non-zero integer between "
                                f"{-rank - 1} and {rank + 1} for an input of rank {rank}.")
        return at

    def shape_rule(self, ins, outs):
        x, y, counts = ins["Input"], outs["Output"], self.counts
        if x is None and y is not None:
            if len(y) < len(counts):
                raise ShapeConflict("the output's rank is less than the number of "
                                    "dimensions ReplicateLayer adds.")
            at = self.position(len(y) - len(counts))
            x = y[:at] + y[at + len(counts):]
        if x is not None:
            at = self.position(len(x))
            y = fit(y, x[:at] + counts + x[at:], "the output of ReplicateLayer")
        return {"Input": x}, {"Output": y}

    def new_axes(self, x_ndim):
        """(first new axis, count of them) in a batch of inputs of ``x_ndim`` axes."""
        return 1 + self.position(x_ndim - 1), len(self.counts)

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        x = inputs["Input"]
        at, k = self.new_axes(x.ndim)
        y = self._outs["Output"]
        shape = x.shape[:at] + tuple(y[at - 1:at - 1 + k]) + x.shape[at:]
        return {"Output": xp.broadcast_to(xp.reshape(x, x.shape[:at] + (1,) * k + x.shape[at:]),
                                          shape)}

    def kernel(self, compiler):
        return ReplicateKernel(self)

    @classmethod
    def examples(cls, rng):
        return [Example(cls(3, input=2), {"Input": rng.standard_normal((4, 2))}),
                Example(cls((2, 2), 2, input=(3, 3)), {"Input": rng.standard_normal((2, 3, 3))}),
                Example(cls(3, -1, input=()), {"Input": rng.standard_normal(4)}),
                Example(cls((AUTOMATIC, 2), output=(2, 2, 3)),
                        {"Input": rng.standard_normal((2, 3))})]


class ReplicateKernel(Kernel):
    """y = x broadcast along the new axes (a copy: kernels own their outputs); dx = dy
    summed over them."""

    def __init__(self, layer):
        self.layer = layer

    def run(self, r):
        x = r[self.ins[0]]
        out = self.layer.forward(np, {}, {"Input": x})["Output"]
        r[self.outs[0]] = np.array(out)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None:
            at, k = self.layer.new_axes(r[self.ins[0]].ndim)
            add_grad(g, self.ins[0], gy.sum(axis=tuple(range(at, at + k))))
