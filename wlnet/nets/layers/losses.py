"""Loss layers: ports "Input" and "Target", output "Loss", one value per example (the
mean over the example's elements)."""
import numpy as np

from ..arguments import Choice, Param
from ..base import Kernel, add_grad, fit
from ..errors import NetError, ShapeConflict
from ..layer import Example, Layer, register


def _per_example(v, ndim):
    """A per-example vector shaped to broadcast against a batch of rank ndim."""
    return v.reshape((len(v),) + (1,) * (ndim - 1))


def _mean_per_example(xp, v):
    return xp.mean(xp.reshape(v, (v.shape[0], -1)), axis=1)


class LossLayer(Layer):
    """The ports every loss layer has (the family's base, not a layer itself).
    ``index_target``: the Target holds class indices (NetTrain then encodes class labels
    as indices, not as unit vectors)."""

    inputs, outputs = ("Input", "Target"), ("Loss",)
    port_options = ("Input", "Target")
    index_target = False

    def initial_ports(self):
        return {"Input": None, "Target": None}, {"Loss": ()}, {}


class PairLoss(LossLayer):
    """A loss comparing Input and Target of one shape, element by element; ``f`` and
    ``df`` are the elementwise loss and its derivative in the difference."""

    def shape_rule(self, ins, outs):
        s = fit(ins["Input"], ins["Target"], f"the Input and Target of {self.head}")
        return {"Input": s, "Target": s}, outs

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        return {"Loss": _mean_per_example(xp, self.f(xp, inputs["Input"] - inputs["Target"]))}

    def kernel(self, compiler):
        return PairLossKernel(lambda d: self.f(np, d), self.df)

    @classmethod
    def examples(cls, rng):
        x, t = rng.uniform(0.1, 0.9, (4, 3, 2)), rng.uniform(0.1, 0.9, (4, 3, 2))
        return [Example(cls(input=(3, 2)), {"Input": x, "Target": t})]


@register
class MeanSquaredLossLayer(PairLoss):
    """MeanSquaredLossLayer[]: mean of (input - target)^2 per example."""

    head = "MeanSquaredLossLayer"
    usage = ("MeanSquaredLossLayer[] is a net layer that gives the mean of the squared "
             "differences between its input and its target.")

    @staticmethod
    def f(xp, d):
        return d * d

    @staticmethod
    def df(d):
        return 2 * d


@register
class MeanAbsoluteLossLayer(PairLoss):
    """MeanAbsoluteLossLayer[]: mean of |input - target| per example."""

    head = "MeanAbsoluteLossLayer"
    usage = ("MeanAbsoluteLossLayer[] is a net layer that gives the mean of the absolute "
             "differences between its input and its target.")

    @staticmethod
    def f(xp, d):
        return xp.abs(d)

    @staticmethod
    def df(d):
        return np.sign(d)


class PairLossKernel(Kernel):
    """mean(f(input - target)) per example; f' gives the gradient."""

    def __init__(self, f, df):
        self.f, self.df = f, df

    def run(self, r):
        d = r[self.ins[0]] - r[self.ins[1]]
        # the mean over each example's elements, as ndarray.mean computes it
        total = np.add.reduce(self.f(d).reshape(len(d), -1), axis=1)
        r[self.outs[0]] = np.true_divide(total, d[0].size, out=total)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None:
            return
        d = r[self.ins[0]] - r[self.ins[1]]
        n = d[0].size
        gd = _per_example(gy, d.ndim) * self.df(d) / d.dtype.type(n)
        want = self.want_in or (True, True)
        if want[0]:
            add_grad(g, self.ins[0], gd)
        if want[1]:
            add_grad(g, self.ins[1], -gd)


def _log(xp, p):
    return xp.log(xp.maximum(p, xp.finfo(p.dtype).tiny))


@register
class CrossEntropyLossLayer(LossLayer):
    """CrossEntropyLossLayer["Index" | "Probabilities" | "Binary"]: -log of the
    probability the input gives the target, averaged over the example.

    "Index": Target holds class indices 1..c for the last dimension of Input;
    "Probabilities": Target is a distribution of Input's shape;
    "Binary": Input and Target are probabilities of one event, element by element.
    """

    head = "CrossEntropyLossLayer"
    usage = ("CrossEntropyLossLayer[\"Index\"] is a net layer that gives the cross-entropy "
             "loss of a probability vector against the index of the true class.\n"
             "CrossEntropyLossLayer[\"Probabilities\"] takes target probabilities, and "
             "CrossEntropyLossLayer[\"Binary\"] a single probability.")
    arguments = (Param("TargetForm", Choice("Index", "Probabilities", "Binary"),
                       default="Index", what="the target form"),)

    def shape_rule(self, ins, outs):
        x, t = ins["Input"], ins["Target"]
        if self.params["TargetForm"] != "Binary" and x and x[-1] == 1:
            raise ShapeConflict("the input of CrossEntropyLossLayer should hold vectors of "
                                "at least two class probabilities.")
        if self.params["TargetForm"] != "Index":
            s = fit(x, t, f"the Input and Target of {self.head}")
            return {"Input": s, "Target": s}, outs
        if x == ():
            raise ShapeConflict("with index targets the Input must hold a vector of "
                                "probabilities, not a real number.")
        if x is not None:
            t = fit(t, x[:-1], f"the Target of {self.head} and its Input without the class "
                               "dimension")
        elif t is not None:
            x = t + (None,)
        return {"Input": x, "Target": t}, outs

    @property
    def index_target(self):
        return self.params["TargetForm"] == "Index"

    def integer_inputs(self):
        return {"Target"} if self.index_target else set()

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        return {"Loss": cross_entropy(xp, self.params["TargetForm"], inputs["Input"],
                                      inputs["Target"])}

    def kernel(self, compiler):
        return CrossEntropyKernel(self.params["TargetForm"])

    @classmethod
    def examples(cls, rng):
        x, t = rng.uniform(0.1, 0.9, (4, 3, 2)), rng.uniform(0.1, 0.9, (4, 3, 2))
        p = rng.uniform(0.1, 1, (4, 3, 5))
        p /= p.sum(-1, keepdims=True)
        return [Example(cls("Binary", input=(3, 2)), {"Input": x, "Target": t}),
                Example(cls("Probabilities", input=(3, 2)), {"Input": x, "Target": t}),
                Example(cls(input=(3, 5)), {"Input": p, "Target": rng.integers(1, 6, (4, 3))},
                        exact=("Target",))]


def check_indices(t, classes: int):
    """Index targets must be the integers 1..classes (NetError invindata2 otherwise)."""
    if t.size and (np.any(t != np.round(t)) or t.min() < 1 or t.max() > classes):
        bad = t[(t != np.round(t)) | (t < 1) | (t > classes)].flat[0]
        shown = int(bad) if bad == round(bad) else float(bad)
        raise NetError("CrossEntropyLossLayer", "invindata2", f"the Target should hold class "
                       f"indices from 1 to {classes}, not {shown}.")


def _index_picked(xp, p, t):
    """The probabilities the inputs give the target classes (1-based)."""
    idx = (t.astype(np.int32) - 1)[..., None]
    return idx, xp.take_along_axis(p, idx, axis=-1)[..., 0]


def cross_entropy(xp, form, p, t):
    """Each example's cross-entropy loss, for the three target forms."""
    if form == "Index":
        per = -_log(xp, _index_picked(xp, p, t)[1])
    elif form == "Probabilities":
        per = -xp.sum(t * _log(xp, p), axis=-1)
    else:
        per = -(t * _log(xp, p) + (1 - t) * _log(xp, 1 - p))
    return _mean_per_example(xp, per)


class CrossEntropyKernel(Kernel):
    def __init__(self, form):
        self.form = form

    def run(self, r):
        p, t = r[self.ins[0]], r[self.ins[1]]
        if self.form == "Index":
            check_indices(t, p.shape[-1])
        r[self.outs[0]] = cross_entropy(np, self.form, p, t)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None:
            return
        p, t = r[self.ins[0]], r[self.ins[1]]
        if self.form == "Index":
            idx, q = _index_picked(np, p, t)
            gp = np.zeros_like(p)
            np.put_along_axis(gp, idx, (-_per_example(gy, q.ndim) / (q * q[0].size))[..., None],
                              axis=-1)
            add_grad(g, self.ins[0], gp)
        elif self.form == "Probabilities":
            scale = -_per_example(gy, p.ndim) / p.dtype.type(p[0].size // p.shape[-1])
            add_grad(g, self.ins[0], scale * t / p)
            add_grad(g, self.ins[1], scale * _log(np, p))
        else:
            scale = -_per_example(gy, p.ndim) / p.dtype.type(p[0].size)
            add_grad(g, self.ins[0], scale * (t / p - (1 - t) / (1 - p)))
            add_grad(g, self.ins[1], scale * (_log(np, p) - _log(np, 1 - p)))
