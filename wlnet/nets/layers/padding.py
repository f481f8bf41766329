"""PaddingLayer: the input padded at both ends of each level, as ArrayPad does.

Padding is separable: NumPy pads one axis after the other, so the backward pass undoes
one axis at a time, adding each output element's gradient to the input element it
copies (``sources``: for every output position, its input position, -1 for a
constant)."""
import numpy as np

from ..arguments import BadValue, Param, is_int
from ..structured import Spec
from ..base import add_grad, fit
from ..errors import ShapeConflict
from ..layer import Example, ForwardKernel, Layer, register
from ..shapes import VARYING, describe

MODES = {"Fixed": "edge", "Reflected": "reflect", "Periodic": "wrap"}


def padding_spec(value):
    """{{m1, n1}, {m2, n2}, ...}: non-negative counts before and after each level."""
    if isinstance(value, tuple) and value and all(
            isinstance(p, tuple) and len(p) == 2 and all(
                is_int(n) and n >= 0 for n in p)
            for p in value):
        return value
    raise BadValue("should be a list of pairs {m, n} of non-negative integers")


def padding_value(value):
    if isinstance(value, str) and value in MODES:
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raise BadValue("should be a number, \"Fixed\", \"Reflected\" or \"Periodic\"")


def sources(n, before, after, padding):
    """For each position of a padded level of n, the input position it copies (-1 for
    the constant)."""
    if padding in MODES:
        return np.pad(np.arange(n), (before, after), mode=MODES[padding])
    return np.pad(np.arange(n), (before, after), constant_values=-1)


@register
class PaddingLayer(Layer):
    """PaddingLayer[{{m1, n1}, ...}]: mi elements before and ni after at level i, with
    Padding -> value (0), "Fixed" (the edge repeated), "Reflected" (mirrored without
    the edge) or "Periodic" (the array repeated cyclically)."""

    head = "PaddingLayer"
    usage = ("PaddingLayer[{{m1, n1}, {m2, n2}, ...}] is a net layer that pads its input "
             "with mi elements at the beginning and ni at the end of level i; the option "
             "Padding says with what (0 by default, \"Fixed\", \"Reflected\", "
             "\"Periodic\").")
    arguments = (Param("Specification", Spec(padding_spec, "a padding specification"),
                       required=True, what="the padding specification"),)
    options = (Param("Padding", Spec(padding_value, "a padding"), default=0.0, symbol=True,
                     what="the padding"),)

    def shape_rule(self, ins, outs):
        spec, x, y = self.params["Specification"], ins["Input"], outs["Output"]
        for shape in (x, y):
            if shape is not None and len(shape) != len(spec):
                raise ShapeConflict(f"the specification pads {len(spec)} levels, but the "
                                    f"input would be {describe(shape)}.")
        if x is None and y is not None:
            x = tuple(d if d in (None, VARYING) else d - a - b for d, (a, b) in zip(y, spec))
        x = x if x is not None else (None,) * len(spec)   # the rank is the spec's
        if x is not None:
            if self.params["Padding"] == "Reflected" and any(
                    isinstance(d, int) and max(p) >= d for d, p in zip(x, spec)):
                raise ShapeConflict("with Padding -> \"Reflected\" each padding must be "
                                    "smaller than the input's dimension.")
            y = fit(y, tuple(d if d in (None, VARYING) else d + a + b
                             for d, (a, b) in zip(x, spec)), "the output of PaddingLayer")
        return {"Input": x}, {"Output": y}

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        pads = ((0, 0),) + self.params["Specification"]
        padding = self.params["Padding"]
        if padding in MODES:
            return {"Output": xp.pad(inputs["Input"], pads, mode=MODES[padding])}
        return {"Output": xp.pad(inputs["Input"], pads, constant_values=padding)}

    def kernel(self, compiler):
        return PaddingKernel(self)

    @classmethod
    def examples(cls, rng):
        return [Example(cls(((1, 2),), input=3), {"Input": rng.standard_normal((2, 3))}),
                Example(cls(((1, 0), (2, 1)), padding="Fixed", input=(2, 3)),
                        {"Input": rng.standard_normal((2, 2, 3))}),
                Example(cls(((2, 1), (1, 2)), padding="Reflected", input=(3, 4)),
                        {"Input": rng.standard_normal((2, 3, 4))}),
                Example(cls(((0, 0), (3, 2)), padding="Periodic", input=("Varying", 2)),
                        {"Input": rng.standard_normal((2, 3, 2))}),
                Example(cls(((1, 1),), padding=-2.5, input=2), {"Input": rng.standard_normal((3, 2))})]


class PaddingKernel(ForwardKernel):
    def __init__(self, layer):
        super().__init__(layer)
        self.spec, self.padding = layer.params["Specification"], layer.params["Padding"]

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None:
            return
        dims = r[self.ins[0]].shape
        for axis in reversed(range(1, len(dims))):
            before, after = self.spec[axis - 1]
            src = sources(dims[axis], before, after, self.padding)
            keep = src >= 0
            moved = np.moveaxis(gy, axis, 0)
            gx = np.zeros((dims[axis],) + moved.shape[1:], gy.dtype)
            np.add.at(gx, src[keep], moved[keep])
            gy = np.moveaxis(gx, 0, axis)
        add_grad(g, self.ins[0], gy)
