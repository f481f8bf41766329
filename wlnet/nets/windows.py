"""Sliding windows over the spatial dimensions of an image: the geometry and the data
movement ConvolutionLayer and PoolingLayer share.

Arrays are channels first, batch axis first: (batch, channels, d1, ..., dk). A window
has a size, a stride, a dilation and zero padding per spatial dimension; the output
size of a dimension is MXNet's ("valid"): floor((n + before + after - extent) / stride)
+ 1 with extent = dilation (size - 1) + 1, as Wolfram's layers have it.

Two ways to gather the windows, for the two ways a layer computes:

* ``gather`` (pure, any array namespace: NumPy or jax.numpy): one strided slice per
  kernel offset, stacked: (batch, channels, K, *out), K = the kernel's element count.
  This is what a layer's ``forward`` uses, so JAX can run and differentiate it.
* ``window_view`` (NumPy kernels): the same numbers as a strided view without copying
  (``sliding_window_view``), (batch, channels, *out, *kernel); its reshape into a
  matrix is the one copy of im2col. ``scatter_add`` is the transpose (col2im): one
  strided ``+=`` per kernel offset, never a loop over pixels. Pooling works on the
  offsets' strided views directly (``slices``): NumPy reduces along a short last axis
  slowly, while K whole-array ``maximum``/``add`` calls are fast.
"""
from __future__ import annotations

from itertools import product
from math import prod

import numpy as np

from .errors import ShapeConflict


def per_dimension(value, rank: int, what: str) -> tuple:
    """A spatial setting (n or {n1, ...}) as one value per dimension."""
    if isinstance(value, tuple):
        if len(value) != rank:
            raise ShapeConflict(f"the {what} {_braces(value)} has {len(value)} "
                                f"dimension{'s' * (len(value) != 1)}, but the input has "
                                f"{rank} spatial dimension{'s' * (rank != 1)}.")
        return value
    return (value,) * rank


def padding_pairs(padding, sizes, kernel, stride, dilation) -> tuple:
    """(before, after) per dimension. "Same" pads so that the output size is the input
    size divided by the stride, rounded up; an odd total puts the extra zero at the end."""
    rank = len(kernel)
    if padding == "Same":
        pairs = []
        for n, k, s, d in zip(sizes, kernel, stride, dilation):
            total = max((-(-n // s) - 1) * s + d * (k - 1) + 1 - n, 0) if n else 0
            pairs.append((total // 2, total - total // 2))
        return tuple(pairs)
    if isinstance(padding, tuple) and padding and isinstance(padding[0], tuple):
        return per_dimension(padding, rank, "padding size")
    return tuple((p, p) for p in per_dimension(padding, rank, "padding size"))


def out_size(n, k, s, d, pad) -> int:
    """Output length of one dimension of length n (MXNet's "valid" convention)."""
    return (n + pad[0] + pad[1] - d * (k - 1) - 1) // s + 1


def geometry(sizes, kernel, stride, dilation, padding, what: str):
    """(pairs, out sizes) for input sizes, or ShapeConflict when a window does not fit
    (Wolfram: the kernel size cannot exceed the input size plus the padding size)."""
    pairs = padding_pairs(padding, sizes, kernel, stride, dilation)
    outs = tuple(out_size(n, k, s, d, p) for n, k, s, d, p in
                 zip(sizes, kernel, stride, dilation, pairs))
    for n, k, d, p, o in zip(sizes, kernel, dilation, pairs, outs):
        if o < 1:
            extent = d * (k - 1) + 1
            raise ShapeConflict(f"the {what} size {extent} cannot exceed the input size "
                                f"{n} plus the padding size {p[0] + p[1]}.")
    return pairs, outs


def pad(xp, x, pairs, value=0.0):
    """x zero-padded (or ``value``-padded) along its spatial axes (all but the first two)."""
    if not any(a or b for a, b in pairs):
        return x
    return xp.pad(x, ((0, 0), (0, 0)) + tuple(pairs), constant_values=value)


def offsets(kernel, dilation):
    """Every kernel offset, in the order of the flattened kernel (last axis fastest),
    as the start of its slice along each dimension."""
    return [tuple(i * d for i, d in zip(index, dilation))
            for index in product(*(range(k) for k in kernel))]


def _slices(start, stride, out):
    return (slice(None), slice(None)) + tuple(
        slice(a, a + s * (o - 1) + 1, s) for a, s, o in zip(start, stride, out))


def slices(kernel, stride, dilation, out):
    """One index per kernel offset: x[index] is that offset's element of every window
    of a padded x, a strided view (batch, channels, *out)."""
    return [_slices(start, stride, out) for start in offsets(kernel, dilation)]


def gather(xp, x, kernel, stride, dilation, out):
    """The windows of a padded x as (batch, channels, K, *out), by stacking one strided
    slice per kernel offset (array-API operations only)."""
    return xp.stack([x[index] for index in slices(kernel, stride, dilation, out)], axis=2)


def window_view(x, kernel, stride, dilation, out):
    """The windows of a padded NumPy array as a read-only view (batch, channels, *out,
    *kernel): window position i of a dimension starts at stride i, its element j is
    dilation j further."""
    spatial = x.strides[2:]
    strides = x.strides[:2] + tuple(st * s for st, s in zip(spatial, stride)) + \
        tuple(st * d for st, d in zip(spatial, dilation))
    return np.lib.stride_tricks.as_strided(x, x.shape[:2] + tuple(out) + tuple(kernel),
                                           strides, writeable=False)


def scatter_add(target, values, kernel, stride, dilation, out):
    """The transpose of ``gather``: adds values (batch, channels, K, *out) into the
    padded target, one strided ``+=`` per kernel offset."""
    for i, start in enumerate(offsets(kernel, dilation)):
        target[_slices(start, stride, out)] += values[:, :, i]
    return target


def unpad(x, pairs):
    """The inverse of ``pad``: the spatial interior of a padded array."""
    if not any(a or b for a, b in pairs):
        return x
    return x[(slice(None), slice(None)) + tuple(slice(a, x.shape[2 + i] - b)
                                                for i, (a, b) in enumerate(pairs))]


def channels_first(xp, x, interleaved: bool):
    """Channels moved to axis 1 when the layer's data have them last (Interleaving)."""
    return xp.moveaxis(x, -1, 1) if interleaved else x


def channels_back(xp, y, interleaved: bool):
    return xp.moveaxis(y, 1, -1) if interleaved else y


def kernel_size(kernel) -> int:
    return prod(kernel)


def _braces(value) -> str:
    return "{" + ", ".join(map(str, value)) + "}"
