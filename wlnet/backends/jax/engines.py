"""The two ways the JAX backend runs a chunk of training batches. Both have
``run(trained, rows, lrs, first) -> (trained, losses)``: ``trained`` is (weights,
optimiser states, auxiliary arrays) on the devices (``steps.Layout``), ``rows`` the
batches (example numbers, one row a batch; global batch numbers from ``first``), ``lrs``
their learning rates; a run stops after the first batch whose loss is not finite (its
loss is reported, the arrays after it are worthless); ``losses`` has NaN for batches not
run. ``compile_time`` is what compiling took so far.

* ``Compiled``: data of one shape (arrays) live on the devices, and one compiled call runs
  the whole chunk (``steps.chunk_function``, a loop inside XLA).
* ``Grouped``: sequences of several lengths. Each batch is split into groups of one
  length, as the NumPy plan does; a group's size is rounded up to a power of two (the
  extra examples repeat one with weight 0), so the compiled gradient functions are one per
  length and size class, not per batch; the groups' gradients are summed on the devices
  and one compiled update follows. One call per group and per batch, the loss read back
  after each batch.
"""
from __future__ import annotations

import numpy as np

from ...nets.plan import _length_groups
from .lowering import CACHE, signature
from .steps import chunk_function, group_gradient_function, update_function


class Compiled:
    """Many batches per call; the data on the devices once."""

    def __init__(self, net, loss_port, layout, optimizer, placement, data, batch_size,
                 frozen, rates, seed, dtype, trained):
        self.placement, self.frozen, self.rates, self.seed = placement, frozen, rates, seed
        self.dtype, self.batch_size = dtype, batch_size
        self.capacity = max(16, min(1024, (1 << 20) // batch_size))  # ~4 MB of indices
        self.data = placement.put({p: np.asarray(c, c.dtype if c.dtype.kind in "iu" else dtype)
                                   for p, c in data.items()})
        key = ("train", signature(net), loss_port, layout, optimizer_key(optimizer),
               placement.key)
        idxs, lrs = self._tables(np.empty((0, batch_size), np.int32), np.empty(0))
        self.chunk, self.compile_time = CACHE.compiled(
            key, lambda: chunk_function(net, loss_port, layout, optimizer, placement),
            (trained, frozen, self.data, idxs, lrs, rates, np.int32(0), np.int32(0),
             np.uint32(0)))

    def _tables(self, rows, lrs):
        idxs = np.zeros((self.capacity, self.batch_size), np.int32)
        table = np.zeros(self.capacity, self.dtype)
        idxs[:len(rows)], table[:len(rows)] = rows, lrs
        return self.placement.put(idxs), self.placement.put(table)

    def run(self, trained, rows, lrs, first):
        idxs, table = self._tables(rows, lrs)
        trained, losses = self.chunk(trained, self.frozen, self.data, idxs, table, self.rates,
                                     np.int32(len(rows)), np.int32(first), self.seed)
        return trained, np.asarray(losses, np.float64)[:len(rows)]


class Grouped:
    """One batch at a time, split into groups of one sequence length."""

    capacity = 1024

    def __init__(self, net, loss_port, layout, optimizer, placement, data, batch_size,
                 frozen, rates, seed, dtype, trained):
        self.placement, self.frozen, self.rates, self.seed = placement, frozen, rates, seed
        self.data, self.dtype, self.batch_size = data, dtype, batch_size
        self.compile_time = 0.0
        self._gradient = lambda args: self._compiled(
            ("group", signature(net), loss_port, layout, placement.key),
            lambda: group_gradient_function(net, loss_port, layout, placement), args)
        self._update = lambda args: self._compiled(
            ("update", optimizer_key(optimizer), placement.key),
            lambda: update_function(optimizer, placement), args)

    def _compiled(self, key, build, args):
        fn, seconds = CACHE.compiled(key, build, args)
        self.compile_time += seconds
        return fn(*args)

    def run(self, trained, rows, lrs, first):
        weights, states, aux = trained
        losses = np.full(len(rows), np.nan)
        for i, (row, lr) in enumerate(zip(rows, lrs)):
            loss, grads = None, None
            batch = {p: [c[r] for r in row] if isinstance(c, list) else c[row]
                     for p, c in self.data.items()}
            for g, idx in enumerate(_length_groups(batch)):
                w = self.placement.put(_weights(len(idx), self.batch_size, self.dtype))
                loss_g, aux, grads = self._gradient(
                    (weights, aux, self.frozen, self._group(batch, idx), w, self.seed,
                     np.int32(first + i), np.int32(g), grads))
                loss = loss_g if loss is None else loss + loss_g
            weights, states = self._update((weights, states, grads, self.dtype.type(lr),
                                            self.rates))
            losses[i] = float(loss)
            if not np.isfinite(losses[i]):
                break
        return (weights, states, aux), losses

    def _group(self, batch, idx):
        """The group's examples stacked, their number rounded up to a power of two by
        repeating the first (whose copies weigh 0)."""
        take = np.concatenate([idx, np.full(_bucket(len(idx)) - len(idx), idx[0])])
        return self.placement.put({
            p: np.asarray(np.stack([c[i] for i in take]) if isinstance(c, list) else c[take],
                          self.dtype if np.asarray(c[0]).dtype.kind == "f" else None)
            for p, c in batch.items()})


def _bucket(n: int) -> int:
    return 1 << (n - 1).bit_length()


def _weights(n: int, batch_size: int, dtype) -> np.ndarray:
    """1/B for a group's n examples, 0 for its padding: the sum is their share of the
    batch's mean loss."""
    w = np.zeros(_bucket(n), dtype)
    w[:n] = 1.0 / batch_size
    return w


def optimizer_key(optimizer):
    """What the compiled update depends on: the rule and its constant settings (the
    learning rates are arguments)."""
    return (type(optimizer).__qualname__,) + tuple(sorted(
        (k, v) for k, v in vars(optimizer).items()
        if not k.startswith("_") and isinstance(v, (int, float, str, type(None)))
        and k not in ("base_learning_rate", "total_steps")))
