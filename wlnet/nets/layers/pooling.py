"""PoolingLayer: the maximum, mean or total of every window of each channel.

Wolfram's definition (the reference page and the NeuralNetworks paclet): PoolingLayer[k]
is PoolingLayer[k, 1] (stride 1, not the kernel size); "Function" Max (default), Mean
or Total; padding smaller than the kernel; the channels pass through unchanged. As in
MXNet, which Wolfram runs on, padded positions never win a maximum, and a mean divides
by the whole window, padding included (docs/decisions.md).

The NumPy kernel works on one strided view per kernel offset (K whole-array maximum or
add calls, never a loop over windows); in a maximum the first position holding the
largest element of its window alone receives the gradient, as in MXNet and PyTorch.
"""
import numpy as np

from ..arguments import Param, Spatial, SymbolChoice
from ..base import Kernel, add_grad
from ..errors import NetError, ShapeConflict
from ..layer import Example, register
from ..shapes import unify
from ..windows import (channels_back, channels_first, gather, pad, padding_pairs,
                       slices, unpad)
from .spatial import DIMENSIONALITY, INTERLEAVING, PADDING, SpatialLayer

FUNCTIONS = ("Max", "Mean", "Total")


def _reduce(xp, windows, function, axis):
    if function == "Max":
        return xp.max(windows, axis=axis)
    total = xp.sum(windows, axis=axis)
    return total / windows.shape[axis] if function == "Mean" else total


@register
class PoolingLayer(SpatialLayer):
    """PoolingLayer[k] and PoolingLayer[k, stride] (k and stride for every spatial
    dimension or one per dimension); "Function" -> Max, Mean or Total."""

    head = "PoolingLayer"
    usage = ("PoolingLayer[sz] is a pooling net layer using kernels of size sz.\n"
             "PoolingLayer[{w}] is a layer performing one-dimensional pooling with kernels "
             "of size w.\nPoolingLayer[{h, w}] is a layer performing two-dimensional pooling "
             "with kernels of size h\u00d7w.\nPoolingLayer[{h, w, d}] is a layer performing "
             "three-dimensional pooling with kernels of size h\u00d7w\u00d7d.\n"
             "PoolingLayer[kernel, stride] is a layer that uses stride as the step size "
             "between kernel applications.\nPoolingLayer[kernel, opts] includes options "
             "for other pooling methods, padding and other parameters.")
    arguments = (Param("KernelSize", Spatial(), required=True, what="the kernel size"),
                 Param("Stride", Spatial(), default=1, what="the stride", keyword=True))
    options = (PADDING, Param("Function", SymbolChoice(*FUNCTIONS), default="Max",
                              what="the pooling function"),
               DIMENSIONALITY, INTERLEAVING)

    def shape_rule(self, ins, outs):
        x, y = ins["Input"], outs["Output"]
        rank = self.rank(x, y)
        if rank is None:
            return ins, outs
        self._check_padding(rank)
        c, sp_in = self.split(x, rank)
        c2, sp_out = self.split(y, rank)
        try:
            c = unify((c,), (c2,))[0]
        except ShapeConflict:
            raise ShapeConflict(f"the input has {c} channels but the output {c2}; "
                                "pooling keeps the channels.") from None
        sp_out = self.fit_spatial(sp_in, sp_out)
        return {"Input": self.join(c, sp_in)}, {"Output": self.join(c, sp_out)}

    def _check_padding(self, rank):
        padding = self.params["PaddingSize"]
        if padding == "Same":
            return
        kernel = self.windows(rank, self.params["KernelSize"])[0]
        pairs = padding_pairs(padding, (1,) * rank, kernel, (1,) * rank, (1,) * rank)
        if any(max(p) >= k for p, k in zip(pairs, kernel)):
            raise NetError(self.head, "invarg", f"the padding size {_show(padding)} must be "
                           f"smaller than the kernel size {_show(self.params['KernelSize'])}.")

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        k, s, d, pairs, out = self.plan_windows(self.params["KernelSize"])
        function = self.params["Function"]
        x = channels_first(xp, inputs["Input"], self.interleaved)
        x = pad(xp, x, pairs, -np.inf if function == "Max" else 0.0)
        y = _reduce(xp, gather(xp, x, k, s, d, out), function, 2)
        return {"Output": channels_back(xp, y, self.interleaved)}

    def kernel(self, compiler):
        return PoolingKernel(self.plan_windows(self.params["KernelSize"]),
                             self.params["Function"], self.interleaved, compiler.reg())

    @classmethod
    def examples(cls, rng):
        def x(*shape):
            return rng.standard_normal((3,) + shape)
        return [Example(cls((2, 2), 2, input=(2, 6, 6)), {"Input": x(2, 6, 6)}),
                Example(cls(3, input=(2, 5, 4)), {"Input": x(2, 5, 4)}),
                Example(cls(3, 2, padding_size=1, function="Mean", input=(1, 6, 5)),
                        {"Input": x(1, 6, 5)}),
                Example(cls((3,), 2, padding_size=((2, 1),), function="Total", input=(2, 8)),
                        {"Input": x(2, 8)}),
                Example(cls(2, padding_size=1, interleaving=True, input=(4, 3, 2)),
                        {"Input": x(4, 3, 2)}),
                Example(cls(2, (1, 2, 2), function="Mean", input=(1, 3, 4, 4)),
                        {"Input": x(1, 3, 4, 4)})]


class PoolingKernel(Kernel):
    """The windows' maximum, mean or total as K whole-array operations on the strided
    views of the K kernel offsets (windows.slices). ``padded`` is the register keeping
    the padded input for the backward pass of a maximum."""

    def __init__(self, windows, function, interleaved, padded):
        k, s, d, self.pairs, self.out = windows
        self.index = slices(k, s, d, self.out)
        # windows that do not overlap write each input position once: the backward
        # pass then assigns (a strided copy) instead of adding (a strided read, 4x slower)
        self.overlapping = any(st < dl * (kk - 1) + 1 for kk, st, dl in zip(k, s, d))
        self.function, self.interleaved, self.padded = function, interleaved, padded
        self.fill = -np.inf if function == "Max" else 0.0

    def run(self, r):
        x = pad(np, channels_first(np, r[self.ins[0]], self.interleaved), self.pairs,
                self.fill)
        first, *rest = (x[i] for i in self.index)
        if self.function == "Max":
            r[self.padded] = x
            y = np.maximum(first, rest[0]) if rest else first.copy()
            for part in rest[1:]:
                np.maximum(y, part, out=y)
        else:
            y = first + rest[0] if rest else first.copy()
            for part in rest[1:]:
                y += part
            if self.function == "Mean":
                y *= y.dtype.type(1 / len(self.index))
        r[self.outs[0]] = channels_back(np, y, self.interleaved)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None or not (self.want_in is None or self.want_in[0]):
            return
        x = channels_first(np, r[self.ins[0]], self.interleaved)
        gy = channels_first(np, gy, self.interleaved)
        padded = tuple(n + a + b for n, (a, b) in zip(x.shape[2:], self.pairs))
        gx = np.zeros(x.shape[:2] + padded, gy.dtype)
        if self.function == "Max":
            # the first position holding the maximum of its window takes the gradient
            xp, y = r[self.padded], channels_first(np, r[self.outs[0]], self.interleaved)
            zero = gy.dtype.type(0)
            taken = hit = None
            for i in self.index:
                hit = np.equal(xp[i], y, out=hit)
                if taken is None:
                    taken = hit.copy()
                else:
                    np.greater(hit, taken, out=hit)     # not taken by an earlier one
                    taken |= hit
                self._put(gx, i, np.where(hit, gy, zero))
        else:
            share = gy / len(self.index) if self.function == "Mean" else gy
            for i in self.index:
                self._put(gx, i, share)
        add_grad(g, self.ins[0], channels_back(np, unpad(gx, self.pairs), self.interleaved))

    def _put(self, gx, index, value):
        if self.overlapping:
            gx[index] += value
        else:
            gx[index] = value


def _show(value) -> str:
    if isinstance(value, tuple):
        return "{" + ", ".join(_show(v) for v in value) + "}"
    return str(value)
