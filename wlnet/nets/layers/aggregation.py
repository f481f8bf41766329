"""AggregationLayer: Max, Min, Mean, Total or Times over some levels of the input (all
but the first by default, Wolfram's 2;;All)."""
import numpy as np

from ..arguments import BadValue, Param, SymbolChoice, is_int
from ..structured import Call, Spec, Sym
from ..base import Kernel, add_grad, fit
from ..errors import ShapeConflict
from ..layer import Example, Layer, register

FUNCTIONS = ("Mean", "Min", "Max", "Total", "Times")
ALL = Sym("All")


def _level_item(v):
    if v == ALL or (is_int(v) and v != 0):
        return True
    return isinstance(v, Call) and v.head == "Span" and len(v.args) == 2 and all(
        a == ALL or (is_int(a) and a != 0) for a in v.args)


def levels_spec(value):
    """n, m;;n, All or a list of them (levels counted from 1, negative from the end)."""
    if _level_item(value) or (isinstance(value, tuple) and all(map(_level_item, value))):
        return value
    raise BadValue("should be a non-zero integer, a span, All, or a list of these")


def level_set(spec, rank):
    """The sorted 1-based levels a specification names in an input of ``rank``."""
    def level(n):
        if abs(n) > rank:
            raise ShapeConflict(f"the level {n} does not exist in an input of rank {rank}.")
        return n if n > 0 else rank + n + 1

    found = set()
    for item in spec if isinstance(spec, tuple) else (spec,):
        if item == ALL:
            item = Call("Span", (1, -1))
        if isinstance(item, Call):
            a, b = (level(1 if x == ALL else x) if x != ALL or i == 0 else rank
                    for i, x in enumerate(item.args))
            if a > b:
                raise ShapeConflict(f"the levels {a} through {b} of an input of rank "
                                    f"{rank} are none.")
            found.update(range(a, b + 1))
        else:
            found.add(level(item))
    return sorted(found)


def reduce(xp, f, x, axes):
    return {"Mean": xp.mean, "Min": xp.min, "Max": xp.max, "Total": xp.sum,
            "Times": xp.prod}[f](x, axis=axes)


@register
class AggregationLayer(Layer):
    """AggregationLayer[f, levels]: f (Mean, Min, Max, Total, Times) over the given
    levels of the input, which disappear from the output."""

    head = "AggregationLayer"
    usage = ("AggregationLayer[f] is a net layer that aggregates its input into a vector "
             "with f (Max, Min, Mean, Total or Times), applied over all levels but the "
             "first.\nAggregationLayer[f, n] aggregates at level n, AggregationLayer[f, "
             "n1 ;; n2] at levels n1 through n2 and AggregationLayer[f, {n1, n2, ...}] "
             "at levels n1, n2, ....")
    arguments = (Param("Function", SymbolChoice(*FUNCTIONS), required=True,
                       what="the function"),
                 Param("Levels", Spec(levels_spec, "a level specification"),
                       default=Call("Span", (2, ALL)), what="the levels"))
    port_options = ("Input",)

    def axes(self, rank):
        """The axes of a batch (0: the examples) the layer aggregates over."""
        if rank == 0:
            raise ShapeConflict("AggregationLayer needs at least a vector, not a real "
                                "number.")
        return tuple(level_set(self.params["Levels"], rank))

    def shape_rule(self, ins, outs):
        x = ins["Input"]
        if x is None:
            return ins, outs
        axes = self.axes(len(x))
        y = tuple(d for i, d in enumerate(x, 1) if i not in axes)
        return ins, {"Output": fit(outs["Output"], y, "the output of AggregationLayer")}

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        x = inputs["Input"]
        return {"Output": reduce(xp, self.params["Function"], x, self.axes(x.ndim - 1))}

    def kernel(self, compiler):
        return AggregationKernel(self.params["Function"], self.axes(len(self._ins["Input"])))

    @classmethod
    def examples(cls, rng):
        def x(*dims):
            return {"Input": rng.uniform(0.5, 1.5, dims) * rng.choice([-1, 1], dims)}
        return [Example(cls(f, input=(3, 4)), x(2, 3, 4)) for f in FUNCTIONS] + \
            [Example(cls("Max", (1, 3), input=(2, 3, 4)), x(2, 2, 3, 4)),
             Example(cls("Mean", 1, input=("Varying", 3)), x(2, 4, 3)),
             Example(cls("Times", ALL, input=(2, 3)), x(2, 2, 3))]


class AggregationKernel(Kernel):
    """The reduction; its gradient spreads dy back over the reduced axes: equally for
    Total, divided by the count for Mean, to the extreme elements (shared when tied)
    for Max and Min, times the product of the other elements for Times."""

    def __init__(self, f, axes):
        self.f, self.axes = f, axes

    def run(self, r):
        r[self.outs[0]] = reduce(np, self.f, r[self.ins[0]], self.axes)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None:
            return
        x, y = r[self.ins[0]], r[self.outs[0]]
        gy, y = np.expand_dims(gy, self.axes), np.expand_dims(y, self.axes)
        if self.f == "Total":
            gx = np.broadcast_to(gy, x.shape)
        elif self.f == "Mean":
            count = np.prod([x.shape[a] for a in self.axes])
            gx = np.broadcast_to(gy / x.dtype.type(count), x.shape)
        elif self.f in ("Max", "Min"):
            hit = (x == y).astype(x.dtype)
            gx = gy * hit / hit.sum(axis=self.axes, keepdims=True)
        else:
            gx = gy * others_product(x, self.axes)
        add_grad(g, self.ins[0], gx)


def others_product(x, axes):
    """For each element, the product of the other elements over ``axes`` (exact with
    zeros, unlike y / x): exclusive products from the left times from the right."""
    rest = [a for a in range(x.ndim) if a not in axes]
    moved = np.transpose(x, rest + list(axes))
    flat = moved.reshape(moved.shape[:len(rest)] + (-1,))
    ones = np.ones(flat.shape[:-1] + (1,), x.dtype)
    left = np.cumprod(np.concatenate([ones, flat[..., :-1]], axis=-1), axis=-1)
    right = np.cumprod(np.concatenate([ones, flat[..., :0:-1]], axis=-1), axis=-1)[..., ::-1]
    return np.transpose((left * right).reshape(moved.shape), np.argsort(rest + list(axes)))
