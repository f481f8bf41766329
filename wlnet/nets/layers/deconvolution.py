"""DeconvolutionLayer: the transpose of a convolution (an up-sampling convolution).

Wolfram's definition (the reference page and the NeuralNetworks paclet, MXNet's
Deconvolution): DeconvolutionLayer[n, k] with "Stride", PaddingSize, "ChannelGroups",
Interleaving; input {channels, d1, ...}, output {n, o1, ...} with o = stride (d - 1) +
k - padding (before and after); "Weights" {channels, n / groups, k1, ...} (input
channels first, as MXNet and PyTorch's ConvTranspose keep them) and "Biases" {n}.

Every input element adds its value times the kernel into the output window it maps to.
The NumPy kernel is one batched product per group (the kernel-sized contributions of
every input position) and col2im, one strided add per kernel offset; its backward pass
is im2col of the output gradient and two products. The pure forward computes the same
as a convolution of the input spread out with zeros, with the flipped kernel.
"""
from math import prod

import numpy as np

from ..base import Kernel, add_grad
from ..errors import ShapeConflict, show
from ..layer import Example, register
from ..windows import (channels_back, channels_first, gather, pad, padding_pairs,
                       scatter_add, window_view)
from .convolution import ConvolutionLayer
from .spatial import CHANNEL_GROUPS, INTERLEAVING, PADDING, STRIDE


@register
class DeconvolutionLayer(ConvolutionLayer):
    """DeconvolutionLayer[n, k]: n output channels, kernels of size k."""

    head = "DeconvolutionLayer"
    usage = ("DeconvolutionLayer[n, sz] represents a trainable deconvolutional net layer "
             "having n output channels and using kernels of size sz to compute the "
             "deconvolution.\nDeconvolutionLayer[n, {s}] represents a layer performing "
             "one-dimensional deconvolutions with kernels of size s.\n"
             "DeconvolutionLayer[n, {h, w}] represents a layer performing two-dimensional "
             "deconvolutions with kernels of size h\u00d7w.\nDeconvolutionLayer[n, kernel, "
             "opts] includes options for initial kernels and other parameters.")
    arguments = ConvolutionLayer.arguments           # n and the kernel size, as there
    options = (STRIDE, PADDING, CHANNEL_GROUPS, INTERLEAVING)

    @staticmethod
    def weight_channels(shape, groups):
        return shape[1] * groups, shape[0]

    @staticmethod
    def weight_dims(n, c, groups):
        return c, n // groups

    def _geometry(self, sizes, kernel):
        """(kernel, stride, padding pairs, output sizes) of input sizes."""
        rank = len(sizes)
        k, s, _ = self.windows(rank, kernel)
        padding = self.params["PaddingSize"]
        if padding == "Same":
            raise ShapeConflict("DeconvolutionLayer takes a padding size, not \"Same\".")
        pairs = padding_pairs(padding, sizes, k, s, (1,) * rank)
        outs = tuple(st * (d - 1) + kk - a - b for d, kk, st, (a, b) in zip(sizes, k, s, pairs))
        if min(outs) < 1:
            raise ShapeConflict(f"the padding size {show(padding)} leaves no output: its "
                                f"dimensions would be {show(outs)}.")
        return k, s, pairs, outs

    def out_spatial(self, sizes, kernel):
        if kernel is None or None in sizes:
            return (None,) * len(sizes)
        return self._geometry(sizes, kernel)[3]

    def plan_windows(self, kernel):
        _, spatial = self.split(self._ins["Input"], len(self._ins["Input"]) - 1)
        return self._geometry(spatial, kernel)

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        k, s, pairs, out = self.plan_windows(self.params["KernelSize"])
        x = channels_first(xp, inputs["Input"], self.interleaved)
        w = arrays["Weights"]
        batch, c, g = x.shape[0], x.shape[1], self.params["ChannelGroups"]
        n, rank = w.shape[1] * g, len(k)
        for axis, stride in enumerate(s, 2):         # spread the input out with zeros
            if stride > 1:
                x = xp.stack([x] + [xp.zeros_like(x)] * (stride - 1), axis=axis + 1)
                shape = x.shape[:axis] + (x.shape[axis] * stride,) + x.shape[axis + 2:]
                x = xp.reshape(x, shape)
                x = x[(slice(None),) * axis + (slice(0, x.shape[axis] - stride + 1),)]
        full = tuple(st * (d - 1) + kk for d, kk, st in
                     zip(inputs["Input"].shape[2:] if not self.interleaved else
                         inputs["Input"].shape[1:-1], k, s))
        x = pad(xp, x, tuple((kk - 1, kk - 1) for kk in k))
        flipped = xp.reshape(w, (g, c // g, n // g) + k)
        flipped = xp.transpose(flipped, (0, 2, 1) + tuple(range(3, 3 + rank)))
        flipped = flipped[(slice(None),) * 3 + (slice(None, None, -1),) * rank]
        cols = gather(xp, x, k, (1,) * rank, (1,) * rank, full)
        cols = xp.reshape(cols, (batch, g, c // g * prod(k), prod(full)))
        y = xp.matmul(xp.reshape(flipped, (1, g, n // g, -1)), cols)
        y = xp.reshape(y, (batch, n) + full)
        y = y[(slice(None), slice(None)) + tuple(slice(a, f - b) for (a, b), f in
                                                 zip(pairs, full))]
        if arrays.get("Biases") is not None:
            y = y + xp.reshape(arrays["Biases"], (n,) + (1,) * rank)
        return {"Output": channels_back(xp, y, self.interleaved)}

    def kernel(self, compiler):
        w, gw = compiler.array("Weights")
        b, gb = compiler.array("Biases") if "Biases" in self._arrays else (None, None)
        return DeconvolutionKernel(w, gw, b, gb, self.plan_windows(self.params["KernelSize"]),
                                   self.params["ChannelGroups"], self.interleaved)

    @classmethod
    def examples(cls, rng):
        def x(*shape):
            return rng.standard_normal((3,) + shape)
        return [Example(cls(2, (3, 3), input=(1, 3, 4)), {"Input": x(1, 3, 4)}),
                Example(cls(4, 2, stride=2, padding_size=1, channel_groups=2, input=(2, 3, 3)),
                        {"Input": x(2, 3, 3)}),
                Example(cls(2, (3,), stride=3, padding_size=((0, 2),), input=(3, 4),
                            biases=None), {"Input": x(3, 4)}),
                Example(cls(2, 2, stride=(1, 2), interleaving=True, input=(3, 2, 2)),
                        {"Input": x(3, 2, 2)})]


class DeconvolutionKernel(Kernel):
    """Products per group, then col2im into the full output, cropped by the padding."""

    def __init__(self, w, gw, b, gb, windows, groups, interleaved):
        self.w, self.gw, self.b, self.gb = w, gw, b, gb
        self.k, self.s, self.pairs, self.out = windows
        self.g, self.interleaved = groups, interleaved
        c = w.shape[0]
        self.wg = w.reshape(1, groups, c // groups, -1)          # (1, g, c/g, n/g K)
        self.gwg = gw.reshape(groups, c // groups, -1)
        self.n = w.shape[1] * groups
        self.bias = None if b is None else b.reshape((self.n,) + (1,) * len(self.k))

    def _full(self, inner):
        return tuple(st * (d - 1) + kk for d, kk, st in zip(inner, self.k, self.s))

    def _crop(self, full):
        return (slice(None), slice(None)) + tuple(slice(a, f - b) for (a, b), f in
                                                  zip(self.pairs, full))

    def run(self, r):
        x = channels_first(np, r[self.ins[0]], self.interleaved)
        batch, c = x.shape[:2]
        inner = x.shape[2:]
        xg = x.reshape(batch, self.g, c // self.g, -1)
        cols = np.matmul(self.wg.transpose(0, 1, 3, 2), xg)    # (B, g, n/g K, positions)
        cols = cols.reshape((batch, self.n, prod(self.k)) + inner)
        full = self._full(inner)
        y = scatter_add(np.zeros((batch, self.n) + full, x.dtype), cols, self.k, self.s,
                        (1,) * len(self.k), inner)[self._crop(full)]
        if self.bias is not None:
            y = y + self.bias
        r[self.outs[0]] = channels_back(np, y, self.interleaved)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None:
            return
        x = channels_first(np, r[self.ins[0]], self.interleaved)
        gy = channels_first(np, gy, self.interleaved)
        batch, c = x.shape[:2]
        inner, rank = x.shape[2:], len(self.k)
        full = self._full(inner)
        gfull = np.zeros((batch, self.n) + full, gy.dtype)
        gfull[self._crop(full)] = gy
        view = window_view(gfull, self.k, self.s, (1,) * rank, inner)
        order = (0, 1) + tuple(range(2 + rank, 2 + 2 * rank)) + tuple(range(2, 2 + rank))
        gcols = view.transpose(order).reshape(batch, self.g, -1, prod(inner))
        wanted = self.want_arrays
        if wanted is None or "Weights" in wanted:
            xg = x.reshape(batch, self.g, c // self.g, -1)
            for i in range(self.g):
                self.gwg[i] += np.tensordot(xg[:, i], gcols[:, i], axes=([0, 2], [0, 2]))
        if self.gb is not None and (wanted is None or "Biases" in wanted):
            self.gb += gy.reshape(batch, self.n, -1).sum(0).sum(1)
        if self.want_in is None or self.want_in[0]:
            gx = np.matmul(self.wg, gcols).reshape(x.shape)
            add_grad(g, self.ins[0], channels_back(np, gx, self.interleaved))
