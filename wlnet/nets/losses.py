"""Loss layers: ports "Input" and "Target", output "Loss", one value per example
(the mean over the example's elements)."""
import numpy as np

from .base import Kernel, Layer, add_grad, fit
from .errors import NetError, ShapeConflict, show
from .layers import port_shape


class _PairLoss(Layer):
    """A loss comparing Input and Target of one shape, element by element."""

    def __init__(self, input=None, target=None):
        self._ins = {"Input": port_shape(self.head, input),
                     "Target": port_shape(self.head, target)}
        self._outs, self._arrays = {"Loss": ()}, {}
        self._settle()

    def _infer(self, ins, outs):
        s = fit(ins["Input"], ins["Target"], f"the Input and Target of {self.head}")
        return {"Input": s, "Target": s}, outs


class MeanSquaredLossLayer(_PairLoss):
    head = "MeanSquaredLossLayer"

    def kernel(self, compiler):
        return PairLossKernel(lambda d: d * d, lambda d: 2 * d)


class MeanAbsoluteLossLayer(_PairLoss):
    head = "MeanAbsoluteLossLayer"

    def kernel(self, compiler):
        return PairLossKernel(np.abs, np.sign)


class PairLossKernel(Kernel):
    """mean(f(input - target)) per example; f' gives the gradient."""

    def __init__(self, f, df):
        self.f, self.df = f, df

    want_in = None  # which inputs need a gradient (None: all); set by the plan

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


def _per_example(v, ndim):
    """A per-example vector shaped to broadcast against a batch of rank ndim."""
    return v.reshape((len(v),) + (1,) * (ndim - 1))


class CrossEntropyLossLayer(Layer):
    """-log of the probability given to the target, averaged over the example.

    "Index": Target holds class indices 1..c for the last dimension of Input;
    "Probabilities": Target is a distribution of Input's shape;
    "Binary": Input and Target are probabilities of one event, element by element.
    """

    head = "CrossEntropyLossLayer"
    MODES = ("Index", "Probabilities", "Binary")

    def __init__(self, mode="Index", input=None, target=None):
        if mode not in self.MODES:
            raise NetError(self.head, "invarg",
                           f"the target form {show(mode)} should be one of {', '.join(self.MODES)}.")
        self.mode = mode
        self._ins = {"Input": port_shape(self.head, input),
                     "Target": port_shape(self.head, target)}
        self._outs, self._arrays = {"Loss": ()}, {}
        self._settle()

    def _infer(self, ins, outs):
        x, t = ins["Input"], ins["Target"]
        if self.mode != "Index":
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

    def kernel(self, compiler):
        return {"Index": IndexCrossEntropyKernel, "Probabilities": ProbabilityCrossEntropyKernel,
                "Binary": BinaryCrossEntropyKernel}[self.mode]()


def _log(p):
    return np.log(np.maximum(p, np.finfo(p.dtype).tiny))


class IndexCrossEntropyKernel(Kernel):
    def _picked(self, r):
        p = r[self.ins[0]]
        idx = (r[self.ins[1]].astype(np.intp) - 1)[..., None]
        return p, idx, np.take_along_axis(p, idx, axis=-1)[..., 0]

    def run(self, r):
        p, _, q = self._picked(r)
        r[self.outs[0]] = -_log(q).reshape(len(q), -1).mean(axis=1)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None:
            return
        p, idx, q = self._picked(r)
        n = q[0].size
        gp = np.zeros_like(p)
        np.put_along_axis(gp, idx, (-_per_example(gy, q.ndim) / (q * n))[..., None], axis=-1)
        add_grad(g, self.ins[0], gp)


class ProbabilityCrossEntropyKernel(Kernel):
    def run(self, r):
        p, t = r[self.ins[0]], r[self.ins[1]]
        per = -(t * _log(p)).sum(axis=-1)
        r[self.outs[0]] = per.reshape(len(per), -1).mean(axis=1)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None:
            return
        p, t = r[self.ins[0]], r[self.ins[1]]
        scale = -_per_example(gy, p.ndim) / p.dtype.type(p[0].size // p.shape[-1])
        add_grad(g, self.ins[0], scale * t / p)
        add_grad(g, self.ins[1], scale * _log(p))


class BinaryCrossEntropyKernel(Kernel):
    def run(self, r):
        p, t = r[self.ins[0]], r[self.ins[1]]
        per = -(t * _log(p) + (1 - t) * _log(1 - p))
        r[self.outs[0]] = per.reshape(len(per), -1).mean(axis=1)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None:
            return
        p, t = r[self.ins[0]], r[self.ins[1]]
        scale = -_per_example(gy, p.ndim) / p.dtype.type(p[0].size)
        add_grad(g, self.ins[0], scale * (t / p - (1 - t) / (1 - p)))
        add_grad(g, self.ins[1], scale * (_log(p) - _log(1 - p)))
