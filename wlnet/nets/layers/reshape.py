"""FlattenLayer and ReshapeLayer: the input's elements in the same order, in an array of
other dimensions. One kernel does both; each layer says how its output dimensions
follow from its input's (``out_dims``), which the shape rule, the pure forward and the
kernel all use."""
import math

from ..arguments import BadValue, Level, Param, Spec, Sym
from ..base import Kernel, add_grad, fit
from ..errors import ShapeConflict
from ..layer import Example, Layer, register
from ..shapes import VARYING

INHERITED, AUTOMATIC = Sym("Inherited"), Sym("Automatic")


def product(dims, head):
    """The number of elements of some dimensions: None when one is unknown; a varying
    dimension only flattens with dimensions of 1 (it stays varying)."""
    if VARYING in dims:
        if dims.count(VARYING) == 1 and all(d in (1, VARYING) for d in dims):
            return VARYING
        raise ShapeConflict(f"{head} cannot flatten a varying dimension together with "
                            "other dimensions.")
    return None if None in dims else math.prod(dims)


class _Reshaping(Layer):
    """Shared by the two layers (not a layer itself): the output's dimensions are a
    function of the input's, the elements keep their order."""

    def out_dims(self, dims):
        raise NotImplementedError

    def shape_rule(self, ins, outs):
        x, y = ins["Input"], outs["Output"]
        if x is not None:
            y = fit(y, self.out_dims(x), f"the output of {self.head}")
        return {"Input": x}, {"Output": y}

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        x = inputs["Input"]
        return {"Output": xp.reshape(x, (x.shape[0],) + self.out_dims(x.shape[1:]))}

    def kernel(self, compiler):
        return ReshapeKernel(self.out_dims)


@register
class FlattenLayer(_Reshaping):
    """FlattenLayer[n]: the first n + 1 dimensions of the input flattened into one
    (the last |n| + 1 for negative n); FlattenLayer[] flattens all (Infinity)."""

    head = "FlattenLayer"
    usage = ("FlattenLayer[] is a net layer that flattens any input array into a vector.\n"
             "FlattenLayer[n] flattens the first n + 1 dimensions of its input together, "
             "and FlattenLayer[-n] the last n + 1.")
    arguments = (Param("Level", Level(infinite=True), default=math.inf, what="the level"),)

    def out_dims(self, dims):
        level, rank = self.params["Level"], len(dims)
        if level == math.inf:
            return (product(tuple(dims), self.head),)
        if abs(level) >= rank:
            raise ShapeConflict(f"the level {level} needs an input of rank more than "
                                f"{abs(level)}, not {rank}.")
        if level > 0:
            return (product(tuple(dims[:level + 1]), self.head),) + tuple(dims[level + 1:])
        cut = rank + level - 1
        return tuple(dims[:cut]) + (product(tuple(dims[cut:]), self.head),)

    @classmethod
    def examples(cls, rng):
        return [Example(cls(input=(2, 3, 2)), {"Input": rng.standard_normal((3, 2, 3, 2))}),
                Example(cls(1, input=(2, 3, 2)), {"Input": rng.standard_normal((3, 2, 3, 2))}),
                Example(cls(-1, input=("Varying", 2, 3)),
                        {"Input": rng.standard_normal((2, 4, 2, 3))})]


def _reshape_spec(value):
    if not isinstance(value, tuple) or not all(
            (isinstance(d, int) and d >= 1) or d in (AUTOMATIC, INHERITED) for d in value):
        raise BadValue("should be a list of positive integers, Automatic or Inherited")
    if value.count(AUTOMATIC) > 1:
        raise BadValue("may hold only one Automatic")
    return value


@register
class ReshapeLayer(_Reshaping):
    """ReshapeLayer[{d1, d2, ...}]: the input's elements as an array of dimensions d1 x
    d2 x ...; Inherited keeps the input's dimension at that position, one Automatic is
    inferred from the element count. A varying input needs Inherited first."""

    head = "ReshapeLayer"
    usage = ("ReshapeLayer[{d1, d2, ...}] is a net layer that reshapes its input into an "
             "array of dimensions d1 x d2 x ...; a di may be Inherited (the input's "
             "dimension) or, once, Automatic (inferred).")
    arguments = (Param("Dimensions", Spec(_reshape_spec, "a list of dimensions"),
                       required=True, what="the dimensions"),)

    def shape_rule(self, ins, outs):
        spec = self.params["Dimensions"]
        if ins["Input"] is None and all(isinstance(d, int) for d in spec):
            return ins, {"Output": fit(outs["Output"], spec, "the output of ReshapeLayer")}
        return super().shape_rule(ins, outs)

    def out_dims(self, dims):
        spec, dims = self.params["Dimensions"], tuple(dims)
        deep = [i + 1 for i, d in enumerate(spec) if d == INHERITED and i >= len(dims)]
        if deep:
            raise ShapeConflict(f"the input has rank {len(dims)}, so there is no dimension "
                                f"{deep[0]} to inherit.")
        if dims and dims[0] == VARYING and spec[:1] != (INHERITED,):
            raise ShapeConflict("the first dimension must be Inherited for a varying input.")
        out = [dims[i] if d == INHERITED else d for i, d in enumerate(spec)]
        rest = [d for d in dims if d != VARYING]   # an inherited varying dim cancels out
        given = [d for d in out if d not in (AUTOMATIC, VARYING)]
        if AUTOMATIC in out:
            n, m = (None if None in rest else math.prod(rest)), \
                (None if None in given else math.prod(given))
            if n is not None and m is not None and n % m:
                raise ShapeConflict(f"no dimension in {list(spec)} fits an input of "
                                    f"dimensions {list(dims)}.")
            out[out.index(AUTOMATIC)] = None if None in (n, m) else n // m
        elif None not in rest and None not in given and math.prod(rest) != math.prod(given):
            raise ShapeConflict(f"the output would have {math.prod(given)} elements, "
                                f"the input has {math.prod(rest)}.")
        return tuple(out)

    @classmethod
    def examples(cls, rng):
        return [Example(cls((4, 3), input=(2, 6)), {"Input": rng.standard_normal((3, 2, 6))}),
                Example(cls((INHERITED, 2, AUTOMATIC), input=(2, 3, 4)),
                        {"Input": rng.standard_normal((2, 2, 3, 4))}),
                Example(cls((INHERITED, 3, 2), input=("Varying", 2, 3)),
                        {"Input": rng.standard_normal((2, 5, 2, 3))})]


class ReshapeKernel(Kernel):
    """y = x reshaped (a view: no copy); dx = dy reshaped back."""

    def __init__(self, out_dims):
        self.out_dims = out_dims

    def run(self, r):
        x = r[self.ins[0]]
        r[self.outs[0]] = x.reshape((len(x),) + self.out_dims(x.shape[1:]))

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None:
            add_grad(g, self.ins[0], gy.reshape(r[self.ins[0]].shape))
