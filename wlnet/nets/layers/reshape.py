"""FlattenLayer and ReshapeLayer: the input's elements in an array of other dimensions.
One kernel does both; each layer says how its output dimensions follow from its input's
(``out_dims``) and, when levels are regrouped, in which order the input's levels are
read first (``order``); the shape rule, the pure forward and the kernel all use them."""
import math

import numpy as np

from ..arguments import BadValue, Param, is_int
from ..structured import Spec, Sym, show_data
from ..base import add_grad, fit
from ..errors import ShapeConflict
from ..layer import Example, ForwardKernel, Layer, register
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
    function of the input's, the elements keep their order (after ``order``)."""

    def out_dims(self, dims):
        raise NotImplementedError

    def order(self, rank):
        """The input's levels (0-based) in the order the output reads them; None: as
        they are."""
        return None

    def shape_rule(self, ins, outs):
        x, y = ins["Input"], outs["Output"]
        if x is not None:
            y = fit(y, self.out_dims(x), f"the output of {self.head}")
        return {"Input": x}, {"Output": y}

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        x = inputs["Input"]
        dims = self.out_dims(x.shape[1:])
        order = self.order(x.ndim - 1)
        if order is not None:
            x = xp.transpose(x, [0] + [a + 1 for a in order])
        return {"Output": xp.reshape(x, (x.shape[0],) + dims)}

    def kernel(self, compiler):
        return ReshapeKernel(self)


def flatten_level(value):
    """n (not 0), Infinity, or {{s11, s12, ...}, {s21, ...}, ...} (levels, not 0)."""
    if value == math.inf or (is_int(value) and value != 0):
        return value
    if isinstance(value, tuple) and value and all(
            isinstance(g, tuple) and g and all(is_int(s) and s != 0 for s in g) for g in value):
        return value
    raise BadValue("should be a non-zero integer, Infinity, or a list of lists of levels")


@register
class FlattenLayer(_Reshaping):
    """FlattenLayer[n]: the first n + 1 dimensions of the input flattened into one
    (the last |n| + 1 for negative n); FlattenLayer[] flattens all (Infinity);
    FlattenLayer[{{s11, s12, ...}, ...}] makes output level i from input levels si1,
    si2, ... (the levels it does not name follow, as they are)."""

    head = "FlattenLayer"
    usage = ("FlattenLayer[] is a net layer that flattens any input array into a vector.\n"
             "FlattenLayer[n] flattens the first n + 1 dimensions of its input together, "
             "and FlattenLayer[-n] the last n + 1.\nFlattenLayer[{{s11, s12, ...}, {s21, "
             "...}, ...}] combines input levels s11, s12, ... into the first level of "
             "the output, s21, ... into the second, ...")
    arguments = (Param("Level", Spec(flatten_level, "a level specification"),
                       default=math.inf, what="the level"),)

    def groups(self, rank):
        """For each output level, the input levels (0-based) it is made of."""
        level = self.params["Level"]
        if level == math.inf:
            return [list(range(rank))]
        if isinstance(level, tuple):
            named = [[s - 1 if s > 0 else rank + s for s in g] for g in level]
            flat = [a for g in named for a in g]
            if not all(0 <= a < rank for a in flat) or len(set(flat)) < len(flat):
                raise ShapeConflict(f"the levels {show_data(level)} do not each name "
                                    f"a different level of an input of rank {rank}.")
            return named + [[a] for a in range(rank) if a not in flat]
        if abs(level) >= rank:
            raise ShapeConflict(f"the level {level} needs an input of rank more than "
                                f"{abs(level)}, not {rank}.")
        cut = level + 1 if level > 0 else rank + level - 1
        head, tail = list(range(cut)), list(range(cut, rank))
        return [head] + [[a] for a in tail] if level > 0 else [[a] for a in head] + [tail]

    def order(self, rank):
        order = [a for g in self.groups(rank) for a in g]
        return None if order == sorted(order) else order

    def out_dims(self, dims):
        return tuple(product(tuple(dims[a] for a in g), self.head)
                     for g in self.groups(len(dims)))

    @classmethod
    def examples(cls, rng):
        return [Example(cls(input=(2, 3, 2)), {"Input": rng.standard_normal((3, 2, 3, 2))}),
                Example(cls(1, input=(2, 3, 2)), {"Input": rng.standard_normal((3, 2, 3, 2))}),
                Example(cls(-1, input=("Varying", 2, 3)),
                        {"Input": rng.standard_normal((2, 4, 2, 3))}),
                Example(cls(((3, 1), (2,)), input=(2, 3, 4)),
                        {"Input": rng.standard_normal((2, 2, 3, 4))})]


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


class ReshapeKernel(ForwardKernel):
    """y = x (its levels reordered first if the layer says so) reshaped; dx = dy
    reshaped back (and reordered back)."""

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None:
            return
        x = r[self.ins[0]]
        order = self.layer.order(x.ndim - 1)
        if order is None:
            add_grad(g, self.ins[0], gy.reshape(x.shape))
            return
        axes = [0] + [a + 1 for a in order]
        add_grad(g, self.ins[0], gy.reshape(tuple(x.shape[a] for a in axes))
                 .transpose(np.argsort(axes)))
