"""PoolingLayer: the maximum, mean or total of every window of each channel.

Wolfram's definition (the reference page and the NeuralNetworks paclet): PoolingLayer[k]
is PoolingLayer[k, 1] (stride 1, not the kernel size); "Function" Max (default), Mean
or Total; padding smaller than the kernel; the channels pass through unchanged. As in
MXNet, which Wolfram runs on, padded positions never win a maximum, and a mean divides
by the whole window, padding included (docs/decisions.md).

The NumPy kernel takes the windows as a strided view (no copy until the one reshape);
the maximum keeps the position of the first largest element, which alone receives the
gradient; the backward pass adds each window offset's share with one strided add.
"""
from math import prod

import numpy as np

from ..arguments import Param, Spatial, SymbolChoice
from ..base import Kernel, add_grad
from ..errors import NetError, ShapeConflict
from ..layer import Example, register
from ..shapes import unify
from ..windows import (channels_back, channels_first, gather, pad, padding_pairs,
                       scatter_add, unpad, window_view)
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
        computed = self.out_spatial(sp_in, self.params["KernelSize"])
        try:
            sp_out = unify(tuple(sp_out), tuple(computed))
        except ShapeConflict:
            raise ShapeConflict(f"the output's spatial dimensions should be "
                                f"{list(computed)}, not {list(sp_out)}.") from None
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
    """Windows as a strided view, reduced over the kernel axis; ``saved`` is the
    register keeping the positions of the maxima for the backward pass."""

    def __init__(self, windows, function, interleaved, saved):
        self.k, self.s, self.d, self.pairs, self.out = windows
        self.function, self.interleaved, self.saved = function, interleaved, saved
        self.fill = -np.inf if function == "Max" else 0.0

    def run(self, r):
        x = channels_first(np, r[self.ins[0]], self.interleaved)
        view = window_view(pad(np, x, self.pairs, self.fill), self.k, self.s, self.d, self.out)
        windows = view.reshape(x.shape[:2] + self.out + (prod(self.k),))
        if self.function == "Max":
            where = windows.argmax(axis=-1)[..., None]
            r[self.saved] = where
            y = np.take_along_axis(windows, where, axis=-1)[..., 0]
        else:
            y = _reduce(np, windows, self.function, -1)
        r[self.outs[0]] = channels_back(np, y, self.interleaved)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None or not (self.want_in is None or self.want_in[0]):
            return
        x = channels_first(np, r[self.ins[0]], self.interleaved)
        gy = channels_first(np, gy, self.interleaved)
        size = prod(self.k)
        if self.function == "Max":
            shares = np.zeros(gy.shape + (size,), gy.dtype)
            np.put_along_axis(shares, r[self.saved], gy[..., None], axis=-1)
            shares = np.moveaxis(shares, -1, 2)
        else:
            scale = gy / size if self.function == "Mean" else gy
            shares = np.broadcast_to(scale[:, :, None], gy.shape[:2] + (size,) + gy.shape[2:])
        padded = tuple(n + a + b for n, (a, b) in zip(x.shape[2:], self.pairs))
        gx = scatter_add(np.zeros(x.shape[:2] + padded, gy.dtype), shares, self.k, self.s,
                         self.d, self.out)
        add_grad(g, self.ins[0], channels_back(np, unpad(gx, self.pairs), self.interleaved))


def _show(value) -> str:
    if isinstance(value, tuple):
        return "{" + ", ".join(_show(v) for v in value) + "}"
    return str(value)
