"""TransposeLayer: the input's dimensions in another order. The specification forms
(``transpose_spec``, ``axis_order``) are shared with DotLayer, which transposes its
inputs by the same rules."""
import numpy as np

from ..arguments import BadValue, Param, is_int
from ..structured import Call, Spec
from ..base import Kernel, add_grad, fit
from ..errors import ShapeConflict
from ..layer import Example, Layer, register
from ..shapes import VARYING, describe

SWAP = "TwoWayRule"


def transpose_spec(value):
    """The normal form of a transpose specification: a tuple of integers (a permutation:
    the k-th dimension goes to position n_k), one swap m<->n or move m->n, or a tuple of
    them, applied in order. An integer n is 1<->n."""
    if is_int(value):
        value = Call(SWAP, (1, value))
    steps = value if isinstance(value, tuple) else (value,)
    if isinstance(value, Call):
        return steps and transpose_spec(steps)[0]
    if steps and all(is_int(n) for n in steps):
        if sorted(steps) != list(range(1, len(steps) + 1)):
            raise BadValue(f"is not a permutation of {{1, ..., {len(steps)}}}")
        return steps
    if steps and all(isinstance(s, Call) and s.head in (SWAP, "Rule") and len(s.args) == 2
                     and all(is_int(n) and n != 0 for n in s.args) for s in steps):
        return steps
    raise BadValue("should be m<->n, m->n, a list of these, or a permutation list")


def axis_order(spec, rank):
    """For each output dimension, the input dimension it comes from (0-based), or
    ShapeConflict when the specification does not fit an array of this rank."""
    order = list(range(rank))
    spec = spec if isinstance(spec, tuple) else (spec,)
    if all(is_int(n) for n in spec):
        if len(spec) > rank:
            raise ShapeConflict(f"the permutation {list(spec)} needs an array of rank at "
                                f"least {len(spec)}, not {rank}.")
        order[:len(spec)] = [int(i) for i in np.argsort(spec)]
        return order
    for step in spec:
        a, b = (n - 1 if n > 0 else rank + n for n in step.args)
        if not (0 <= a < rank and 0 <= b < rank):
            raise ShapeConflict(f"the specification {step.args[0]}"
                                f"{'<->' if step.head == SWAP else '->'}{step.args[1]} does "
                                f"not fit an array of rank {rank}.")
        if step.head == SWAP:
            order[a], order[b] = order[b], order[a]
        else:
            lo, hi = min(a, b), max(a, b)
            part = order[lo:hi + 1]
            order[lo:hi + 1] = part[1:] + part[:1] if b > a else part[-1:] + part[:-1]
    return order


def permuted(dims, order):
    return tuple(dims[i] for i in order)


def check_varying(dims, head):
    if VARYING in dims[1:]:
        raise ShapeConflict(f"{head} would give {describe(dims)}: only the first "
                            "dimension can vary.")
    return dims


@register
class TransposeLayer(Layer):
    """TransposeLayer[spec]: the input's dimensions reordered (default 1<->2)."""

    head = "TransposeLayer"
    usage = ("TransposeLayer[] is a net layer that transposes the first two dimensions of "
             "its input.\nTransposeLayer[n] swaps the first and n-th, TransposeLayer[m <-> "
             "n] the m-th and n-th; TransposeLayer[m -> n] moves the m-th to position n; "
             "TransposeLayer[{n1, n2, ...}] moves the k-th to position nk; a list of "
             "swaps and moves applies them in order.")
    arguments = (Param("Specification", Spec(transpose_spec, "a transpose specification"),
                       default=Call(SWAP, (1, 2)), what="the specification"),)

    def order(self, rank):
        return axis_order(self.params["Specification"], rank)

    def shape_rule(self, ins, outs):
        x, y = ins["Input"], outs["Output"]
        known = x if x is not None else y
        if known is None:
            return ins, outs
        if len(known) < 2:
            raise ShapeConflict(f"TransposeLayer needs an array of rank 2 or more, not "
                                f"{describe(known)}.")
        if x is not None and y is not None and len(x) != len(y):
            raise ShapeConflict(f"TransposeLayer keeps the rank of its input: {describe(x)} "
                                f"cannot become {describe(y)}.")
        order = self.order(len(known))
        if y is not None:
            back = [None] * len(y)
            for out_axis, in_axis in enumerate(order):
                back[in_axis] = y[out_axis]
            x = fit(x, tuple(back), "the input of TransposeLayer")
        y = fit(y, check_varying(permuted(x, order), self.head), "the output of TransposeLayer")
        return {"Input": x}, {"Output": y}

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        x = inputs["Input"]
        return {"Output": xp.transpose(x, (0,) + tuple(i + 1 for i in self.order(x.ndim - 1)))}

    def kernel(self, compiler):
        return TransposeKernel((0,) + tuple(i + 1 for i in self.order(len(self._ins["Input"]))))

    @classmethod
    def examples(cls, rng):
        return [Example(cls(input=(2, 3)), {"Input": rng.standard_normal((3, 2, 3))}),
                Example(cls((3, 1, 2), input=(2, 3, 4, 2)),
                        {"Input": rng.standard_normal((2, 2, 3, 4, 2))}),
                Example(cls((Call("Rule", (2, 4)), Call(SWAP, (1, 2))), input=(2, 3, 4, 5)),
                        {"Input": rng.standard_normal((2, 2, 3, 4, 5))}),
                Example(cls(Call(SWAP, (2, 3)), input=("Varying", 2, 3)),
                        {"Input": rng.standard_normal((2, 4, 2, 3))})]


class TransposeKernel(Kernel):
    """y = x with its axes in ``axes`` order; dx = dy with the inverse order."""

    def __init__(self, axes):
        self.axes, self.inverse = axes, tuple(int(i) for i in np.argsort(axes))

    def run(self, r):
        r[self.outs[0]] = r[self.ins[0]].transpose(self.axes)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None:
            add_grad(g, self.ins[0], gy.transpose(self.inverse))
