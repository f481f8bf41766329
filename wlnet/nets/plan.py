"""A net compiled once into a flat list of kernels over numbered registers.

Every kernel evaluates a whole batch; a container adds its nodes' kernels in
topological order, so running a plan is one loop over a list, with no lookups by
name. The forward registers are kept as the tape for the backward pass. Arrays live
in `plan.arrays` (writable; an optimiser updates them in place and the kernels see
the new values) and gradients in `plan.grads`, summed over every use of an array.
"""
import ctypes
import glob
import os
from collections import Counter
from contextlib import contextmanager

import numpy as np

from .errors import NetError
from .shapes import VARYING, describe, matches
from .stopping import check


CHECK_EVERY = 4096               # kernels between two looks at the stop request (stopping.py)


def _chunks(steps: list) -> list:
    """The steps in runs of CHECK_EVERY (one run for any ordinary net)."""
    return [steps[i:i + CHECK_EVERY] for i in range(0, len(steps), CHECK_EVERY)] or [[]]


class Mode:
    """What the kernels need to know about the current pass: whether it trains (dropout,
    batch statistics), the generator of its random draws, and ``updates``, the paths of
    the auxiliary arrays (moving statistics) this pass may change in place: only
    NetTrain's passes name any (a net evaluated in training mode, or a frozen layer,
    keeps them as they are)."""

    def __init__(self):
        self.training = False
        self.rng = None
        self.updates = frozenset()
        self.batch = 1   # examples in the pass (a layer without inputs needs it)


class Compiler:
    """Collects kernels and hands out registers and array buffers while a net emits."""

    def __init__(self, arrays, grads, mode, dtype, prefix=()):
        self.arrays, self.grads, self.mode, self.dtype = arrays, grads, mode, dtype
        self.steps, self.nregs, self.prefix = [], 0, prefix
        self.requested = {}     # {array name: path} asked for since the last kernel
        self.kernels = []       # (kernel, {array name: path}, top level?) of every kernel
        self.uses = Counter()   # how many kernels read each array
        self.top = True         # False in an operator's body (registers of its own)

    def reg(self) -> int:
        self.nregs += 1
        return self.nregs - 1

    def add(self, kernel):
        """Append a kernel; the arrays asked for since the last one are its arrays."""
        self.kernels.append((kernel, self.requested, self.top))
        self.requested = {}
        self.steps.append(kernel)
        if not len(self.steps) % CHECK_EVERY:
            check()

    @contextmanager
    def scope(self, key):
        """Array names resolve below this path key while a sub-net emits."""
        self.prefix += (key,)
        try:
            yield
        finally:
            self.prefix = self.prefix[:-1]

    def path(self, name) -> tuple:
        """The full path of the array ``name`` of the layer emitting now (what
        ``mode.updates`` names)."""
        return self.prefix + (name,)

    def array(self, name):
        """(value, gradient) buffers of the array at the current path."""
        path = self.prefix + (name,)
        self.requested[name] = path
        self.uses[path] += 1
        return self.arrays[path], self.grads[path]

    def sub(self) -> "Compiler":
        """A separate program (own registers) sharing the arrays: an operator's body."""
        body = Compiler(self.arrays, self.grads, self.mode, self.dtype, self.prefix)
        body.kernels, body.uses, body.top = self.kernels, self.uses, False
        return body


class _Blas:
    """The thread count of the BLAS NumPy runs its matrix products on (its bundled
    OpenBLAS, found through ctypes; every method is a no-op when it cannot be found).

    The training loop uses it because OpenBLAS' threads hurt badly on a busy machine:
    with two threads on two loaded cores a 64x512x512 product can take 100x longer than
    on one (each thread waits for the other to be scheduled), while on an idle machine
    two threads are up to twice as fast. So the loop measures and picks."""

    SYMBOLS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
               "openblas_set_num_threads64_", "openblas_set_num_threads")

    def __init__(self):
        self._set = self._get = None
        here = os.path.dirname(np.__file__)
        for path in sorted(glob.glob(os.path.join(here, "..", "numpy.libs", "*openblas*"))
                           + glob.glob(os.path.join(here, ".dylibs", "*openblas*"))):
            try:
                lib = ctypes.CDLL(path)
            except OSError:
                continue
            for name in self.SYMBOLS:
                getter = name.replace("set_num", "get_num")
                if hasattr(lib, name) and hasattr(lib, getter):
                    self._set, self._get = getattr(lib, name), getattr(lib, getter)
                    self._set.argtypes = [ctypes.c_int]
                    return

    def threads(self) -> int | None:
        return int(self._get()) if self._get is not None else None

    def set_threads(self, n: int) -> None:
        if self._set is not None and n:
            self._set(int(n))


blas = _Blas()


def compile(net, dtype=np.float32) -> "Plan":
    return Plan(net, dtype)


class Plan:
    """forward/backward over batches of a fixed net; see docs/internal/contracts.md."""

    def __init__(self, net, dtype=np.float32):
        missing = [p for p, a in net.arrays().items() if a is None]
        if missing:
            raise NetError(net.head, "notinit", "the net cannot be evaluated before its "
                           f"arrays are initialised ({_paths(missing)} missing); use "
                           "NetInitialize.")
        incomplete = net.incomplete()
        if incomplete:
            raise NetError(net.head, "notinit", "the net cannot be evaluated while the "
                           f"shape of its {', '.join(incomplete)} is not known.")
        self.net, self.dtype = net, np.dtype(dtype)
        self.arrays, self._flat = _flat_views(net.arrays(), self.dtype)
        self.grads, self._gflat = _flat_views(net.arrays(), self.dtype, zero=True)
        self.mode = Mode()
        c = Compiler(self.arrays, self.grads, self.mode, self.dtype)
        self.input_shapes = {**net.input_ports(), **net.state_ports()}
        self._in_regs = {p: c.reg() for p in self.input_shapes}
        out_regs = net.emit(c, dict(self._in_regs))
        self.output_shapes = net.output_ports()
        self._out_regs = {p: out_regs[p] for p in self.output_shapes}
        self._state_regs = {p: out_regs[p] for p in net.state_ports()}
        self._steps, self._nregs = c.steps, c.nregs
        self._chunks = _chunks(self._steps)
        self._kernels = c.kernels
        # top-level kernels that can write their arrays' gradients (Kernel.in_place_grads)
        # and alone use those arrays write them (``fresh``); every other gradient is
        # zeroed before a backward pass
        owners = [(k, arrays) for k, arrays, top in c.kernels if top and k.in_place_grads
                  and arrays and all(c.uses[p] == 1 for p in arrays.values())]
        self._owners = [k for k, _ in owners]
        owned = {id(self.grads[p]) for _, arrays in owners for p in arrays.values()}
        self._zero = _runs(self._gflat, [a for a in self.grads.values() if id(a) not in owned])
        self._writers = self._owners  # the owners that compute a gradient (require_grads)
        self._groups = []
        self.final_states, self.input_grads = {}, {}
        self._input_grads = True

    def forward(self, inputs: dict, training=False, rng=None, updates=frozenset()) -> dict:
        """Outputs for a batch (batch axis first). A sequence input may be a list of
        (T_i, ...) arrays of different lengths; examples of equal length run together
        and sequence outputs then come back as lists. ``updates``: the paths of the
        auxiliary arrays a training pass changes in place (Mode)."""
        values = checked_inputs(self.net, inputs, self.dtype)
        self.mode.training = training
        self.mode.updates = frozenset(updates) if training else frozenset()
        self.mode.rng = rng if rng is not None or not training else np.random.default_rng()
        ragged = any(isinstance(v, list) for v in values.values())
        self._groups = [(idx, self._run(_select(values, idx)))
                        for idx in (_length_groups(values) if ragged else [None])]
        outs = {p: _own(self._gather(reg)) for p, reg in self._out_regs.items()}
        self.final_states = {p: _own(self._gather(reg)) for p, reg in self._state_regs.items()}
        return outs

    def backward(self, output_grads: dict) -> dict:
        """Gradients of sum(output_grads * outputs) for every array ({path: ndarray},
        buffers reused by the next call); input gradients go to self.input_grads."""
        for z in self._zero:
            z.fill(0)
        for k in self._writers:
            k.fresh = True
        regs = {**self._out_regs, **self._state_regs}
        seeds = [(regs[p], gy if isinstance(gy, list) else self._as_array(gy))
                 for p, gy in output_grads.items() if gy is not None]
        per_group = []
        for idx, r in self._groups:
            g = [None] * self._nregs
            for reg, gy in seeds:
                g[reg] = _take(gy, idx) if not isinstance(gy, list) \
                    else self._stack([gy[i] for i in idx])
            for chunk in reversed(self._chunks):
                if len(self._chunks) > 1:
                    check()
                for k in reversed(chunk):
                    k.back(r, g)
            per_group.append((idx, r, g))
        for k in self._writers:
            k.clear()
        self.input_grads = {}
        if not self._input_grads:
            return self.grads
        for p, reg in self._in_regs.items():
            parts = [(idx, g[reg] if g[reg] is not None else
                      (None if r[reg] is None else np.zeros_like(r[reg])))
                     for idx, r, g in per_group]
            if all(part is not None for _, part in parts):
                self.input_grads[p] = _assemble(parts)
        return self.grads

    def gradients(self, inputs: dict, output_grads: dict) -> tuple:
        """(outputs, input gradients, array gradients) for a batch, as Wolfram's
        NetPortGradient gives them: the gradients of the sum of every output, or of the
        dot product of an output with the gradient given for it (``output_grads``, by
        port). Array gradients are summed over the batch and are copies to keep."""
        outs = self.forward(inputs)
        seeds = {p: output_grads[p] if p in output_grads else _ones_like(v)
                 for p, v in outs.items()}
        grads = self.backward(seeds)
        return outs, dict(self.input_grads), {p: g.copy() for p, g in grads.items()}

    def require_grads(self, paths=None, input_grads=True):
        """Which gradients backward must compute: those of the arrays at ``paths`` (None:
        all) and, with ``input_grads`` False, none for the input ports (``input_grads``
        then stays empty). Gradient buffers of arrays left out hold zeros. The
        training loop sets this for its run and puts the default back after."""
        self._gflat.fill(0)
        data_regs = set(self._in_regs.values())
        for k, arrays, top in self._kernels:
            wanted = None if paths is None else {n for n, p in arrays.items() if p in paths}
            inputs = None if input_grads or not top else \
                tuple(i not in data_regs for i in k.ins)
            k.require(wanted, inputs)
        self._writers = [k for k in self._owners if k.wants_arrays]
        self._input_grads = input_grads

    def to_net(self):
        """The net with copies of the plan's current arrays."""
        return self.net.with_arrays({p: a.copy() for p, a in self.arrays.items()})

    # -- helpers -----------------------------------------------------------------------
    def _run(self, values):
        self.mode.batch = next((len(v) for v in values.values()), 1)
        r = [None] * self._nregs
        for p, v in values.items():
            r[self._in_regs[p]] = v
        for chunk in self._chunks:
            if len(self._chunks) > 1:
                check()
            for k in chunk:
                k.run(r)
        return r

    def _as_array(self, x):
        return _as_array(self.net, x, self.dtype)

    def _stack(self, xs):
        return np.stack([self._as_array(x) for x in xs])

    def _gather(self, reg):
        return _assemble([(idx, r[reg]) for idx, r in self._groups])


def checked_inputs(net, inputs: dict, dtype) -> dict:
    """The inputs of a batch as arrays of ``dtype`` (a sequence port's examples of
    several lengths as a list of arrays), each checked against its port's shape; state
    ports may be left out. NetError invinput for anything else."""
    shapes = {**net.input_ports(), **net.state_ports()}
    unknown = set(inputs) - set(shapes)
    if unknown:
        raise NetError(net.head, "invinput", f"the net has no input port "
                       f"{sorted(unknown)[0]}; its inputs are {list(net.input_ports())}.")
    values = {}
    for p, shape in shapes.items():
        if p in inputs:
            values[p] = _input_value(net, p, shape, inputs[p], dtype)
        elif p in net.input_ports():
            raise NetError(net.head, "invinput", f"no value was given for the input port {p}.")
    check_indices(net, values)
    return values


def check_indices(net, values: dict) -> None:
    """NetError invinput unless the integer inputs hold integers from 1 to n (an
    EmbeddingLayer's; ``Net.index_counts``), as the NumPy kernels check them."""
    for p, n in net.index_counts().items():
        for x in (values[p] if isinstance(values.get(p), list) else [values.get(p)]):
            if x is None:
                continue
            bad = (np.rint(x) != x) | (x < 1) | (x > n)
            if bad.any():
                what = "the input" if len(net.input_ports()) == 1 else f"the input {p}"
                raise NetError(net.head, "invinput", f"{what} should hold integers from 1 "
                               f"to {n}, not {x[bad].flat[0]:g}.")


def _input_value(net, port, shape, x, dtype):
    if isinstance(x, list) and shape is not None and shape and shape[0] == VARYING:
        xs = [_as_array(net, e, dtype) for e in x]
        if len({e.shape for e in xs}) == 1:
            xs = np.stack(xs)
        else:
            for e in xs:
                _check_shape(net, port, shape, e.shape)
            return xs
    else:
        xs = _as_array(net, x, dtype)
    _check_shape(net, port, shape, xs.shape[1:])
    return xs


def _check_shape(net, port, shape, dims):
    if not matches(shape, dims):
        raise NetError(net.head, "invinput", f"the input {port} should be "
                       f"{describe(shape)}, not an array of dimensions "
                       f"{{{', '.join(map(str, dims))}}}.")


def _as_array(net, x, dtype):
    try:
        return np.asarray(x, dtype=dtype)
    except (TypeError, ValueError):
        raise NetError(net.head, "invinput", "the input is not a numeric array "
                       "of consistent dimensions.") from None


ALIGN = 16  # elements: every array starts on a 64-byte boundary of the flat buffer


def _flat_views(arrays, dtype, zero=False):
    """Every array as a view into one flat buffer, in order (gaps of zeros keep each
    start aligned). An optimiser can then update neighbouring arrays that share a
    learning rate with one pass over the span (the zero gaps stay zero)."""
    offsets, total = {}, 0
    for p, a in arrays.items():
        offsets[p] = total
        total += -(-a.size // ALIGN) * ALIGN
    flat = np.zeros(total + ALIGN, dtype)
    skip = (-flat.ctypes.data % 64) // flat.itemsize  # align the buffer itself
    flat = flat[skip:skip + total]
    views = {}
    for p, a in arrays.items():
        v = flat[offsets[p]:offsets[p] + a.size].reshape(a.shape)
        if not zero:
            v[...] = a
        views[p] = v
    return views, flat


def _runs(flat, views):
    """The smallest list of slices of ``flat`` that covers ``views`` (views of it) and
    nothing else but the alignment gaps between neighbours, which stay zero."""
    def offset(v):
        return (v.ctypes.data - flat.ctypes.data) // flat.itemsize

    spans = []
    for start, end in sorted((offset(v), offset(v) + v.size) for v in views):
        if spans and start - spans[-1][1] < ALIGN:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return [flat[i:j] for i, j in spans]


def _own(v):
    """An output the caller keeps: a copy when it is a view of a buffer the plan
    reuses (a fold's values), so the next call cannot change it."""
    if isinstance(v, list):
        return [_own(e) for e in v]
    return v.copy() if isinstance(v, np.ndarray) and v.base is not None else v


def _ones_like(v):
    return [np.ones_like(e) for e in v] if isinstance(v, list) else np.ones_like(v)


def _paths(paths):
    return ", ".join("/".join(map(str, p)) for p in paths)


def _length_groups(values):
    """Indices of the examples by sequence length, in order of first appearance."""
    lengths = None
    for v in values.values():
        if isinstance(v, list):
            ls = [len(e) for e in v]
            if lengths is not None and ls != lengths:
                raise NetError("NetFoldOperator", "invinput", "the sequence inputs of one "
                               "example must have the same length.")
            lengths = ls
    groups = {}
    for i, n in enumerate(lengths):
        groups.setdefault(n, []).append(i)
    return [np.array(idx) for idx in groups.values()]


def _select(values, idx):
    if idx is None:
        return values
    return {p: (np.stack([v[i] for i in idx]) if isinstance(v, list) else v[idx])
            for p, v in values.items()}


def _take(a, idx):
    return a if idx is None else a[idx]


def _assemble(parts):
    """Per-group results back in the original example order: one array, or a list
    when the examples' shapes differ (sequences of several lengths)."""
    if len(parts) == 1 and parts[0][0] is None:
        return parts[0][1]
    n = sum(len(idx) for idx, _ in parts)
    if len({v.shape[1:] for _, v in parts}) > 1:
        out = [None] * n
        for idx, v in parts:
            for i, row in zip(idx, v):
                out[i] = row
        return out
    first = parts[0][1]
    out = np.empty((n,) + first.shape[1:], dtype=first.dtype)
    for idx, v in parts:
        out[idx] = v
    return out
