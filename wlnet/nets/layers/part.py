"""PartLayer: a part of the input, as Part takes it (an index or a span per level)."""
import numpy as np

from ..arguments import BadValue, Param, is_int
from ..structured import Call, Spec, Sym
from ..base import Kernel, add_grad, fit
from ..errors import ShapeConflict
from ..layer import Example, Layer, register
from ..shapes import VARYING

ALL = Sym("All")


def _item(v):
    """One level's specification in normal form: a non-zero index, or a span a;;b of
    non-zero indices (All as the whole level, 1;;-1)."""
    if v == ALL:
        return Call("Span", (1, -1))
    if is_int(v) and v != 0:
        return v
    if isinstance(v, Call) and v.head == "Span" and len(v.args) == 2:
        a, b = (1 if v.args[0] == ALL else v.args[0]), (-1 if v.args[1] == ALL else v.args[1])
        if is_int(a) and is_int(b) and a != 0 and b != 0:
            if 0 < b < a or b < a < 0:
                raise BadValue("holds an empty span")
            return Call("Span", (a, b))
    raise BadValue("should be a non-zero integer, a span, All, or a list of these")


def part_spec(value):
    return tuple(_item(v) for v in value) if isinstance(value, tuple) and value else _item(value)


def _position(i, n):
    """A 1-based index, negative from the end, as a 0-based one in a level of n."""
    if abs(i) > n:
        raise ShapeConflict(f"the specification {i} cannot refer to a position beyond {n}.")
    return i - 1 if i > 0 else n + i


def level_dim(item, n):
    """The dimension a level of n keeps (None: the level is dropped by an index)."""
    if n == VARYING:
        if item == Call("Span", (1, -1)):
            return VARYING
        raise ShapeConflict("PartLayer cannot take a part of a varying dimension.")
    if is_int(item):
        if n is not None:
            _position(item, n)
        return None
    a, b = item.args
    if n is None:
        return n if a * b < 0 else b - a + 1
    a, b = _position(a, n), _position(b, n)
    if a > b:
        raise ShapeConflict(f"the span {item.args[0]};;{item.args[1]} is empty for a "
                            f"dimension of {n}.")
    return b - a + 1


def index(items, dims):
    """The NumPy index (batch axis first) that takes the part from arrays of ``dims``."""
    out = [slice(None)]
    for item, n in zip(items, dims):
        if is_int(item):
            out.append(_position(item, n))
        else:
            a, b = item.args
            out.append(slice(_position(a, n), _position(b, n) + 1))
    return tuple(out)


@register
class PartLayer(Layer):
    """PartLayer[spec]: Part[input, spec] for an index, a span a;;b, All or a list of
    them, one per level (negative indices count from the end)."""

    head = "PartLayer"
    usage = ("PartLayer[i] is a net layer that takes the i-th part of its input.\n"
             "PartLayer[m ;; n] takes parts m through n, and PartLayer[{i1, i2, ...}] "
             "takes part i1 at the first level, i2 at the second, ...")
    arguments = (Param("Specification", Spec(part_spec, "a part specification"),
                       required=True, what="the part specification"),)

    @property
    def items(self):
        spec = self.params["Specification"]
        return spec if isinstance(spec, tuple) else (spec,)

    def shape_rule(self, ins, outs):
        x = ins["Input"]
        if x is None:
            return ins, outs
        items = self.items
        if len(x) < len(items):
            raise ShapeConflict(f"the specification has {len(items)} levels, more than the "
                                f"input's rank {len(x)}.")
        dims = tuple(level_dim(i, n) for i, n in zip(items, x))
        y = tuple(d for d in dims if d is not None) + x[len(items):]
        return ins, {"Output": fit(outs["Output"], y, "the output of PartLayer")}

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        x = inputs["Input"]
        return {"Output": x[index(self.items, x.shape[1:])]}

    def kernel(self, compiler):
        return PartKernel(self.items)

    @classmethod
    def examples(cls, rng):
        return [Example(cls(2, input=(3, 4)), {"Input": rng.standard_normal((2, 3, 4))}),
                Example(cls((2, Call("Span", (1, 3)), Call("Span", (-2, -1))), input=(4, 5, 2)),
                        {"Input": rng.standard_normal((2, 4, 5, 2))}),
                Example(cls((ALL, -1), input=("Varying", 3)),
                        {"Input": rng.standard_normal((2, 4, 3))})]


class PartKernel(Kernel):
    """y = x[part]; dx = dy put back into zeros of x's shape."""

    def __init__(self, items):
        self.items = items

    def run(self, r):
        x = r[self.ins[0]]
        r[self.outs[0]] = x[index(self.items, x.shape[1:])]

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None:
            x = r[self.ins[0]]
            gx = np.zeros_like(x)
            gx[index(self.items, x.shape[1:])] = gy
            add_grad(g, self.ins[0], gx)
