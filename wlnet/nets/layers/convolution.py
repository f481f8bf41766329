"""ConvolutionLayer: n learned kernels slid over an image of 1, 2 or 3 spatial dimensions.

Wolfram's definition (the reference page and the NeuralNetworks paclet): input
{channels, d1, ...} (channels last with Interleaving -> True), output {n, o1, ...} with
o = floor((d + padding - dilation (k - 1) - 1) / stride) + 1; arrays "Weights" {n,
channels / groups, k1, ...} and "Biases" {n} (None for none). "ChannelGroups" -> g
splits the input and output channels into g groups convolved separately. Computed as a
cross-correlation (the kernel is not flipped), as MXNet, PyTorch and JAX do.

The NumPy kernel is im2col: the windows of the padded input as a strided view, copied
once into a (batch, channels x kernel, positions) array, and one batched matrix product
with the weights; the backward pass is two more products and col2im, one strided add
per kernel offset (windows.py).
"""
from math import prod

import numpy as np

from ..arguments import Param, Size, Spatial
from ..arrayspec import ArraySpec, Derived
from ..base import Kernel, add_grad
from ..errors import ShapeConflict
from ..layer import Example, register
from ..shapes import unify
from ..windows import (channels_back, channels_first, gather, pad, scatter_add, unpad,
                       window_view)
from .spatial import (CHANNEL_GROUPS, DILATION, DIMENSIONALITY, INTERLEAVING, PADDING, STRIDE,
                      SpatialLayer)


@register
class ConvolutionLayer(SpatialLayer):
    """ConvolutionLayer[n, k]: n output channels, kernels of size k (k for every spatial
    dimension, or {k1, ...} one per dimension)."""

    head = "ConvolutionLayer"
    usage = ("ConvolutionLayer[n, s] is a trainable convolutional net layer having n output "
             "channels and using kernels of size s to compute the convolution.\n"
             "ConvolutionLayer[n, {s}] is a layer performing one-dimensional convolutions "
             "with kernels of size s.\nConvolutionLayer[n, {h, w}] is a layer performing "
             "two-dimensional convolutions with kernels of size h\u00d7w.\n"
             "ConvolutionLayer[n, {h, w, d}] is a layer performing three-dimensional "
             "convolutions with kernels of size h\u00d7w\u00d7d.\n"
             "ConvolutionLayer[n, kernel, opts] includes options for padding and other "
             "parameters.")
    arguments = (Param("OutputChannels", Size(), what="the number of output channels"),
                 Param("KernelSize", Spatial(), what="the kernel size"))
    options = (STRIDE, PADDING, DILATION, CHANNEL_GROUPS, DIMENSIONALITY, INTERLEAVING)
    port_options = ("Input", "Output")

    @classmethod
    def check_arguments(cls, args, options):
        """As every layer, and the channel count and kernel size of given "Weights"
        stand for arguments left out (ConvolutionLayer["Weights" -> w])."""
        values = super().check_arguments(args, options)
        weights = values.get("Weights")
        if weights is not None and weights.ndim >= 3:
            n, _ = cls.weight_channels(weights.shape, values.get("ChannelGroups", 1))
            values.setdefault("OutputChannels", n)
            values.setdefault("KernelSize", tuple(weights.shape[2:]))
        return values

    @staticmethod
    def weight_channels(shape, groups):
        """(output channels, input channels) that weights of this shape imply."""
        return shape[0], shape[1] * groups

    @staticmethod
    def weight_dims(n, c, groups):
        """The channel dimensions of the weights: {out, in / groups}."""
        return n, c // groups

    def argument_value(self, param):
        if param.name == "OutputChannels" and self.params["OutputChannels"] is None:
            return self.channels({**self._ins, **self._outs})[0]
        return super().argument_value(param)

    # -- the arrays' dimensions ---------------------------------------------------------
    def weights_shape(self, ports):
        (n, c), rank = self.channels(ports), self.known_rank(ports)
        kernel = self.params["KernelSize"]
        if None in (n, c, kernel, rank):
            return None
        return self.weight_dims(n, c, self.params["ChannelGroups"]) + \
            self.windows(rank, kernel)[0]

    def fill_from_weights(self, ports, given):
        if len(given) < 3:
            raise ShapeConflict(f"the Weights should have rank 3, 4 or 5, not {len(given)}.")
        self.fill_channels(ports, len(given) - 2,
                           *self.weight_channels(given, self.params["ChannelGroups"]))

    def biases_shape(self, ports):
        n = self.channels(ports)[0]
        return None if n is None else (n,)

    def fill_from_biases(self, ports, given):
        rank = self.known_rank(ports)
        if rank is not None:
            self.fill_channels(ports, rank, given[0], None)

    array_specs = (ArraySpec("Weights", Derived(weights_shape, fill_from_weights)),
                   ArraySpec("Biases", Derived(biases_shape, fill_from_biases, rank=1),
                             init="Biases", optional=True))

    # -- shapes ----------------------------------------------------------------------
    def known_rank(self, ports):
        try:
            return self.rank(ports.get("Input"), ports.get("Output"))
        except ShapeConflict:
            return None

    def channels(self, ports):
        """(output channels, input channels) as far as known."""
        rank = self.known_rank(ports)
        n = self.params["OutputChannels"]
        if rank is None:
            return n, None
        out = self.split(ports.get("Output"), rank)[0]
        return (n if n is not None else out), self.split(ports.get("Input"), rank)[0]

    def fill_channels(self, ports, rank, n, c):
        """Set the output (and input) channel counts a given array implies."""
        for port, count in (("Output", n), ("Input", c)):
            if count is None:
                continue
            want = self.join(count, (None,) * rank)
            try:
                ports[port] = unify(ports.get(port), want)
            except ShapeConflict:
                raise ShapeConflict(f"the arrays imply {count} {port.lower()} channels, "
                                    f"but the {port.lower()} has "
                                    f"{self.split(ports[port], rank)[0]}.") from None

    def shape_rule(self, ins, outs):
        x, y = ins["Input"], outs["Output"]
        rank = self.rank(x, y)
        if rank is None:
            return ins, outs
        c, sp_in = self.split(x, rank)
        n, sp_out = self.split(y, rank)
        given = self.params["OutputChannels"]
        if given is not None and n is not None and n != given:
            raise ShapeConflict(f"the output has {n} channels, but the layer has {given}.")
        n = given if given is not None else n
        groups = self.params["ChannelGroups"]
        for count, which in ((c, "input"), (n, "output")):
            if count is not None and count % groups:
                raise ShapeConflict(f"the number of {which} channels, {count}, is not "
                                    f"divisible by the number of channel groups, {groups}.")
        sp_out = self.fit_spatial(sp_in, sp_out)
        return {"Input": self.join(c, sp_in)}, {"Output": self.join(n, sp_out)}

    def work_shapes(self):
        """The windows of the input gathered for one example: input channels x kernel
        positions x output positions (what im2col copies out)."""
        x, y, kernel = self._ins["Input"], self._outs["Output"], self.params["KernelSize"]
        if x is None or y is None or None in x or None in y or kernel is None:
            return ()
        rank = len(x) - 1
        kernel = self.windows(rank, kernel)[0]
        return ((self.split(x, rank)[0], prod(kernel), prod(self.split(y, rank)[1])),)

    # -- computing -----------------------------------------------------------------------
    def forward(self, xp, arrays, inputs, training=False, rng=None):
        k, s, d, pairs, out = self.plan_windows(self.params["KernelSize"])
        x = channels_first(xp, inputs["Input"], self.interleaved)
        w = arrays["Weights"]
        batch, c, n, g = x.shape[0], x.shape[1], w.shape[0], self.params["ChannelGroups"]
        cols = gather(xp, pad(xp, x, pairs), k, s, d, out)
        cols = xp.reshape(cols, (batch, g, c // g * prod(k), prod(out)))
        y = xp.matmul(xp.reshape(w, (1, g, n // g, -1)), cols)
        y = xp.reshape(y, (batch, n) + out)
        if arrays.get("Biases") is not None:
            y = y + xp.reshape(arrays["Biases"], (n,) + (1,) * len(out))
        return {"Output": channels_back(xp, y, self.interleaved)}

    def kernel(self, compiler):
        w, gw = compiler.array("Weights")
        b, gb = compiler.array("Biases") if "Biases" in self._arrays else (None, None)
        return ConvolutionKernel(w, gw, b, gb, self.plan_windows(self.params["KernelSize"]),
                                 self.params["ChannelGroups"], self.interleaved,
                                 compiler.reg())

    @classmethod
    def examples(cls, rng):
        def x(*shape):
            return rng.standard_normal((3,) + shape)
        return [Example(cls(2, (3, 3), input=(1, 5, 6)), {"Input": x(1, 5, 6)}),
                Example(cls(3, 2, stride=2, padding_size=1, input=(2, 5, 5)),
                        {"Input": x(2, 5, 5)}),
                Example(cls(4, 2, dilation=(2, 1), channel_groups=2, input=(2, 6, 4),
                            biases=None), {"Input": x(2, 6, 4)}),
                Example(cls(2, (3,), padding_size=((1, 2),), input=(3, 7)),
                        {"Input": x(3, 7)}),
                Example(cls(2, 2, interleaving=True, input=(4, 3, 2)), {"Input": x(4, 3, 2)}),
                Example(cls(2, (2, 2, 2), stride=(1, 2, 1), input=(1, 3, 4, 3)),
                        {"Input": x(1, 3, 4, 3)})]


class ConvolutionKernel(Kernel):
    """im2col and batched matrix products over (batch, groups, ...) blocks; ``cols``
    is the register keeping the gathered windows for the backward pass."""

    def __init__(self, w, gw, b, gb, windows, groups, interleaved, cols):
        self.w, self.gw, self.b, self.gb = w, gw, b, gb
        self.k, self.s, self.d, self.pairs, self.out = windows
        self.g, self.interleaved, self.cols = groups, interleaved, cols
        n = w.shape[0]
        self.wg = w.reshape(1, groups, n // groups, -1)        # views of the live weights
        self.gwg = gw.reshape(groups, n // groups, -1)
        self.bias = None if b is None else b.reshape((n,) + (1,) * len(self.out))

    def run(self, r):
        x = channels_first(np, r[self.ins[0]], self.interleaved)
        batch, c = x.shape[:2]
        view = window_view(pad(np, x, self.pairs), self.k, self.s, self.d, self.out)
        rank = len(self.k)
        order = (0, 1) + tuple(range(2 + rank, 2 + 2 * rank)) + tuple(range(2, 2 + rank))
        cols = view.transpose(order).reshape(batch, self.g, -1, prod(self.out))
        r[self.cols] = cols
        y = np.matmul(self.wg, cols).reshape((batch, -1) + self.out)
        if self.bias is not None:
            y += self.bias
        r[self.outs[0]] = channels_back(np, y, self.interleaved)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None:
            return
        gy = channels_first(np, gy, self.interleaved)
        batch, n = gy.shape[:2]
        gyg = gy.reshape(batch, self.g, n // self.g, -1)
        cols = r[self.cols]
        wanted = self.want_arrays
        if wanted is None or "Weights" in wanted:
            for i in range(self.g):     # one product per group, summing batch and positions
                self.gwg[i] += np.tensordot(gyg[:, i], cols[:, i], axes=([0, 2], [0, 2]))
        if self.gb is not None and (wanted is None or "Biases" in wanted):
            self.gb += gy.reshape(batch, n, -1).sum(0).sum(1)   # batch first: long runs
        if self.want_in is None or self.want_in[0]:
            x = r[self.ins[0]]
            gcols = np.matmul(self.wg.transpose(0, 1, 3, 2), gyg)
            c = x.shape[-1 if self.interleaved else 1]
            gcols = gcols.reshape((batch, c, prod(self.k)) + self.out)
            padded = tuple(sz + a + b for sz, (a, b) in
                           zip(channels_first(np, x, self.interleaved).shape[2:], self.pairs))
            gx = scatter_add(np.zeros((batch, c) + padded, gy.dtype), gcols, self.k,
                             self.s, self.d, self.out)
            add_grad(g, self.ins[0], channels_back(np, unpad(gx, self.pairs), self.interleaved))

