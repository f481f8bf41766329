"""DotLayer: the dot product of its inputs, each optionally transposed first."""
import numpy as np

from ..arguments import BadValue, Param
from ..structured import Spec, Sym
from ..base import Kernel, add_grad, fit
from ..errors import NetError, ShapeConflict
from ..layer import Example, register
from ..shapes import VARYING, describe
from .multi_input import MultiInputLayer
from .transpose import axis_order, permuted, transpose_spec

NONE = Sym("None")


def dot_specs(value):
    """{spec1, spec2, ...}: None or a transpose specification for each input."""
    if isinstance(value, tuple) and len(value) >= 2:
        return tuple(NONE if v == NONE else transpose_spec(v) for v in value)
    raise BadValue("should be a list of None or transpose specifications, one per input")


def dot_dims(a, b, head="DotLayer"):
    """The dimensions of Dot of arrays of dimensions a and b."""
    if not a or not b:
        raise ShapeConflict(f"{head} cannot take the dot product of a real number.")
    if VARYING in (a[-1], b[0]):
        raise ShapeConflict(f"{head} cannot contract a varying dimension.")
    try:
        fit(a[-1:], b[:1], "")
    except ShapeConflict:
        raise ShapeConflict(f"{head} cannot take the dot product of {describe(a)} and "
                            f"{describe(b)}: the last dimension of the first is not the "
                            "first of the second.") from None
    return a[:-1] + b[1:]


def matmul(a, b, xp=np):
    """Dot of each example of batch a with the same example of batch b."""
    n = a.shape[0]
    y = xp.matmul(xp.reshape(a, (n, -1, a.shape[-1])), xp.reshape(b, (n, b.shape[1], -1)))
    return xp.reshape(y, (n,) + a.shape[1:-1] + b.shape[2:])


@register
class DotLayer(MultiInputLayer):
    """DotLayer[]: Dot[in1, in2, ...] of its inputs; DotLayer[{spec1, spec2, ...}]
    transposes input i by spec_i (None: as it is) first."""

    head = "DotLayer"
    usage = ("DotLayer[] is a net layer that takes the dot product of two or more arrays.\n"
             "DotLayer[{spec1, spec2, ...}] transposes each input by its specification "
             "(None for none) first.")
    arguments = (Param("Specifications", Spec(dot_specs, "transpose specifications"),
                       what="the transpose specifications"),)
    output_gives_inputs = False

    def initial_ports(self):
        specs = self.params["Specifications"]
        ins, outs, states = super().initial_ports()
        if specs is not None:
            if not ins:
                ins = {f"Input{i}": None for i in range(1, len(specs) + 1)}
            elif len(ins) != len(specs):
                raise NetError(self.head, "invarg", f"there are {len(specs)} transpose "
                               f"specifications for {len(ins)} inputs.")
        return ins, outs, states

    def orders(self, ranks):
        specs = self.params["Specifications"] or (NONE,) * len(ranks)
        return [list(range(r)) if s == NONE else axis_order(s, r) for s, r in zip(specs, ranks)]

    def shape_rule(self, ins, outs):
        shapes = list(ins.values())
        if len(shapes) < 2 or any(s is None for s in shapes):
            return ins, outs
        orders = self.orders([len(s) for s in shapes])
        y = permuted(shapes[0], orders[0])
        for s, order in zip(shapes[1:], orders[1:]):
            y = dot_dims(y, permuted(s, order))
        return ins, {"Output": fit(outs["Output"], y, "the output of DotLayer")}

    def transposed(self, xp, xs):
        return [xp.transpose(x, [0] + [i + 1 for i in order])
                for x, order in zip(xs, self.orders([x.ndim - 1 for x in xs]))]

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        xs = self.transposed(xp, [inputs[p] for p in self._ins])
        y = xs[0]
        for x in xs[1:]:
            y = matmul(y, x, xp)
        return {"Output": y}

    def kernel(self, compiler):
        return DotKernel(self, compiler.reg())

    @classmethod
    def examples(cls, rng):
        return [Example(cls(input_ports=((3,), (3,))), {"Input1": rng.standard_normal((2, 3)),
                                                         "Input2": rng.standard_normal((2, 3))}),
                Example(cls(input_ports=((2, 3), (3,))), {"Input1": rng.standard_normal((2, 2, 3)),
                                                           "Input2": rng.standard_normal((2, 3))}),
                Example(cls(input_ports=((2, 2),) * 3),
                        {f"Input{i}": rng.standard_normal((2, 2, 2)) for i in (1, 2, 3)}),
                Example(cls((transpose_spec(2), NONE), input_ports=((3, 2), (3, 4))),
                        {"Input1": rng.standard_normal((2, 3, 2)),
                         "Input2": rng.standard_normal((2, 3, 4))})]


class DotKernel(Kernel):
    """The products left to right, keeping each partial product for the backward pass:
    for y = a.b, da = dy.b^T and db = a^T.dy (example by example)."""

    def __init__(self, layer, saved):
        self.layer, self.saved = layer, saved   # a register for the partial products
        self.orders = layer.orders([len(s) for s in layer.input_ports().values()])

    def run(self, r):
        xs = self.layer.transposed(np, [r[i] for i in self.ins])
        partial = [xs[0]]
        for x in xs[1:]:
            partial.append(matmul(partial[-1], x))
        r[self.saved] = (xs, partial)
        r[self.outs[0]] = partial[-1]

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None:
            return
        xs, partial = r[self.saved]
        grads = [None] * len(xs)
        for k in range(len(xs) - 1, 0, -1):
            a, b, n = partial[k - 1], xs[k], len(gy)
            g2 = gy.reshape(n, -1, b[0].size // b.shape[1])
            grads[k] = np.matmul(a.reshape(n, -1, a.shape[-1]).transpose(0, 2, 1), g2
                                 ).reshape(b.shape)
            gy = np.matmul(g2, b.reshape(n, b.shape[1], -1).transpose(0, 2, 1)).reshape(a.shape)
        grads[0] = gy
        for i, grad, order in zip(self.ins, grads, self.orders):
            add_grad(g, i, grad.transpose([0] + [int(j) + 1 for j in np.argsort(order)]))
