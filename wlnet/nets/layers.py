"""The basic layers: LinearLayer, the multi-input layers, Softmax, Dropout, sequences."""
import numpy as np

from .base import Kernel, Layer, add_grad, as_array, fit
from .errors import NetError, ShapeConflict, show
from .shapes import VARYING, describe, is_fixed, normalize, size, unify


def port_shape(head, spec):
    """normalize, with a bad spec reported as the layer's invarg message."""
    try:
        return normalize(spec)
    except ValueError:
        raise NetError(head, "invarg", f"{show(spec)} is not a valid shape.") from None


class LinearLayer(Layer):
    """y = W.x + b with W of dimensions {out, in}; inputs and outputs of any rank are
    flattened to vectors of their element counts."""

    head = "LinearLayer"

    def __init__(self, size=None, input=None, weights=None, biases=True):
        out = None if size is None else _output_dims(size)
        self._ins = {"Input": port_shape(self.head, input)}
        self._outs = {"Output": out}
        self._arrays = {"Weights": None if weights is None else
                        as_array(weights, self.head, "Weights")}
        if biases is not None and biases is not False:
            self._arrays["Biases"] = None if biases is True else \
                as_array(biases, self.head, "Biases")
        for name, rank in (("Weights", 2), ("Biases", 1)):
            a = self._arrays.get(name)
            if a is not None and a.ndim != rank:
                raise NetError(self.head, "invarg",
                               f"the {name} array should have rank {rank}, not {a.ndim}.")
        self._settle()

    def _infer(self, ins, outs):
        x, y = ins["Input"], outs["Output"]
        if x is not None and VARYING in x:
            raise ShapeConflict(f"LinearLayer cannot take {describe(x)}; "
                                "map it over the sequence with NetMapOperator.")
        w, b = self._arrays["Weights"], self._arrays.get("Biases")
        if w is not None:
            x = _fit_count(x, w.shape[1], "the input", "columns of the Weights")
            y = _fit_count(y, w.shape[0], "the output", "rows of the Weights")
        if b is not None:
            y = _fit_count(y, b.shape[0], "the output", "elements of the Biases")
        return {"Input": x}, {"Output": y}

    def _port_array_shape(self, name):
        x, y = self._ins["Input"], self._outs["Output"]
        if name == "Weights" and is_fixed(x) and is_fixed(y):
            return (size(y), size(x))
        if name == "Biases" and is_fixed(y):
            return (size(y),)
        return None

    def kernel(self, compiler):
        w, gw = compiler.array("Weights")
        b, gb = compiler.array("Biases") if "Biases" in self._arrays else (None, None)
        return LinearKernel(w, gw, b, gb, self._ins["Input"], self._outs["Output"])


def _output_dims(spec):
    dims = (spec,) if isinstance(spec, int) and not isinstance(spec, bool) else spec
    if isinstance(dims, (tuple, list)) and all(
            isinstance(d, int) and not isinstance(d, bool) and d >= 1 for d in dims):
        return tuple(dims)
    raise NetError("LinearLayer", "invarg",
                   f"the output size {show(spec)} should be a positive integer or a list of them.")


def _fit_count(shape, count, port, what):
    """A port shape whose element count must equal an array dimension."""
    if shape is None:
        return (count,)
    if is_fixed(shape) and size(shape) != count:
        raise ShapeConflict(f"{port} is {describe(shape)} ({size(shape)} elements) but "
                            f"there are {count} {what}.")
    if len(shape) == 1:
        return unify(shape, (count,))
    return shape


class LinearKernel(Kernel):
    """y = x.W^T + b over a batch.

    The backward pass computes only the gradients someone needs: ``want_w``/``want_b``
    (False for a frozen array) and ``want_x`` (False for the input gradient of a data
    port while training); the plan sets them (``Plan.require_grads``), by default all
    are computed. While `pending` is a list (a fold's generic backward pass), the weight
    gradient terms are collected and `flush` sums them with one product over all steps.

    When the kernel is the only user of its arrays, the plan sets ``fresh`` before a
    backward pass: the gradient buffers then hold last step's values, and the first
    product writes into them (``out=``) instead of adding a temporary to zeros, which
    saves a pass over the weights and a weight-sized allocation per step.
    """

    want_w = want_b = want_x = True
    fresh = False

    def __init__(self, w, gw, b, gb, in_shape, out_shape):
        self.w, self.wt, self.gw, self.b, self.gb = w, w.T, gw, b, gb
        self.flat_in = len(in_shape) != 1
        self.out_shape = out_shape if len(out_shape) != 1 else None
        self.pending = None

    @property
    def wants_arrays(self) -> bool:
        """Whether the backward pass computes a gradient of the weights or biases."""
        return self.want_w or (self.want_b and self.gb is not None)

    @property
    def flags(self) -> tuple:
        """What the backward pass computes (a compiled fold makes a plan per set)."""
        return self.want_x, self.want_w, self.want_b

    def run(self, r):
        x = r[self.ins[0]]
        if self.flat_in:
            x = x.reshape(len(x), -1)
        y = x @ self.wt
        if self.b is not None:
            y += self.b
        r[self.outs[0]] = y if self.out_shape is None else y.reshape((len(y),) + self.out_shape)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None:
            return
        x = r[self.ins[0]]
        shape = x.shape
        if self.flat_in:
            x = x.reshape(len(x), -1)
        if self.out_shape is not None:
            gy = gy.reshape(len(gy), -1)
        if self.wants_arrays:
            if self.pending is None:
                self._add_array_grads(gy, x)
            else:
                self.pending.append((gy, x))
        if self.want_x:
            gx = gy @ self.w
            add_grad(g, self.ins[0], gx.reshape(shape) if self.flat_in else gx)

    def _add_array_grads(self, gy, x):
        fresh, self.fresh = self.fresh, False
        if self.want_w:
            # a batch of one makes the product an outer one, which NumPy's matmul runs
            # without BLAS (~10x slower for a 256 x 784 gradient); dot uses it
            product = np.dot if len(x) == 1 else np.matmul
            if fresh:
                product(gy.T, x, out=self.gw)
            else:
                self.gw += product(gy.T, x)
        if self.gb is not None and self.want_b:
            if fresh:
                np.sum(gy, axis=0, out=self.gb)
            else:
                self.gb += gy.sum(0)

    def clear(self):
        """Zero the gradients a fresh kernel did not write (no gradient reached it)."""
        if self.fresh:
            self.gw.fill(0)
            if self.gb is not None:
                self.gb.fill(0)
            self.fresh = False

    def flush(self):
        if self.pending:
            gys, xs = zip(*self.pending)
            self._add_array_grads(np.concatenate(gys), np.concatenate(xs))
        self.pending = None


class MultiInputLayer(Layer):
    """A layer taking any number of inputs "Input1", "Input2", ... (Wolfram's default
    port names under InputPorts -> n); a NetGraph sets the count from its edges."""

    def _init_ports(self, inputs, output):
        if inputs is None:
            names = []
        elif isinstance(inputs, int) and not isinstance(inputs, bool) and inputs >= 1:
            names = [f"Input{i}" for i in range(1, inputs + 1)]
        else:
            raise NetError(self.head, "invarg", f"{show(inputs)} is not a number of inputs.")
        self._ins = {n: None for n in names}
        self._outs = {"Output": port_shape(self.head, output)}
        self._arrays = {}
        self._settle()

    @property
    def input_count(self):
        return len(self._ins) or None

    def with_input_count(self, n: int) -> "MultiInputLayer":
        layer = self._evolve(_ins={f"Input{i}": None for i in range(1, n + 1)})
        return layer.refine({}, {})


class TotalLayer(MultiInputLayer):
    """Sum of its inputs, all of one shape."""

    head = "TotalLayer"

    def __init__(self, inputs=None, output=None):
        self._init_ports(inputs, output)

    def _infer(self, ins, outs):
        return _same_shapes(self.head, ins, outs)

    def kernel(self, compiler):
        return AddKernel() if len(self._ins) == 2 else ThreadKernel("Plus")


class AddKernel(Kernel):
    """The common two-input sum, without the general loop."""

    def run(self, r):
        a, b = self.ins
        r[self.outs[0]] = r[a] + r[b]

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None:
            add_grad(g, self.ins[0], gy)
            add_grad(g, self.ins[1], gy)


def _same_shapes(head, ins, outs):
    s = outs["Output"]
    for p, t in ins.items():
        s = fit(s, t, f"the input {p} of {head} and its other ports")
    return {p: s for p in ins}, {"Output": s}


class ThreadingLayer(MultiInputLayer):
    """Combines its inputs element by element with a named operation."""

    head = "ThreadingLayer"
    OPS = ("Plus", "Times", "Subtract", "Divide", "Max", "Min")

    def __init__(self, op, inputs=None, output=None):
        if op not in self.OPS:
            raise NetError(self.head, "invarg",
                           f"{show(op)} is not one of the operations {', '.join(self.OPS)}.")
        self.op = op
        self._init_ports(inputs, output)
        if op in ("Subtract", "Divide") and self.input_count not in (None, 2):
            raise NetError(self.head, "invarg", f"{op} takes exactly two inputs.")

    def _infer(self, ins, outs):
        return _same_shapes(self.head, ins, outs)

    def kernel(self, compiler):
        return ThreadKernel(self.op)


class ThreadKernel(Kernel):
    def __init__(self, op):
        self.op = op

    def run(self, r):
        xs = [r[i] for i in self.ins]
        op = self.op
        if op == "Plus":
            y = xs[0] + xs[1] if len(xs) == 2 else sum(xs[1:], xs[0])
        elif op == "Times":
            y = xs[0]
            for x in xs[1:]:
                y = y * x
        elif op == "Subtract":
            y = xs[0] - xs[1]
        elif op == "Divide":
            y = xs[0] / xs[1]
        else:
            y = (np.maximum if op == "Max" else np.minimum).reduce(np.stack(xs))
        r[self.outs[0]] = y

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None:
            return
        op, ins = self.op, self.ins
        if op == "Plus":
            for i in ins:
                add_grad(g, i, gy)
        elif op == "Subtract":
            add_grad(g, ins[0], gy)
            add_grad(g, ins[1], -gy)
        elif op == "Divide":
            a, b = r[ins[0]], r[ins[1]]
            add_grad(g, ins[0], gy / b)
            add_grad(g, ins[1], -gy * a / (b * b))
        elif op == "Times":
            xs = [r[i] for i in ins]
            for k, i in enumerate(ins):
                others = gy
                for j, x in enumerate(xs):
                    if j != k:
                        others = others * x
                add_grad(g, i, others)
        else:
            stacked = np.stack([r[i] for i in ins])
            winner = (np.argmax if op == "Max" else np.argmin)(stacked, axis=0)
            for k, i in enumerate(ins):
                add_grad(g, i, gy * (winner == k))


class CatenateLayer(MultiInputLayer):
    """Joins its inputs along their first dimension."""

    head = "CatenateLayer"

    def __init__(self, inputs=None, output=None):
        self._init_ports(inputs, output)

    def _infer(self, ins, outs):
        shapes = list(ins.values())
        known = [s for s in shapes if s is not None]
        if any(len(s) == 0 for s in known):
            raise ShapeConflict("CatenateLayer cannot join real numbers.")
        if not known or len(known) < len(shapes):
            return ins, outs
        rest = outs["Output"][1:] if outs["Output"] is not None else None
        for p, s in ins.items():
            rest = fit(rest, s[1:], f"the input {p} of CatenateLayer and its other inputs")
        firsts = [s[0] for s in known]
        total = sum(firsts) if all(isinstance(d, int) for d in firsts) else \
            (VARYING if VARYING in firsts else None)
        new_ins = {p: (s[0],) + rest for p, s in ins.items()}
        return new_ins, {"Output": fit(outs["Output"], (total,) + rest, "the output of CatenateLayer")}

    def kernel(self, compiler):
        return CatenateKernel()


class CatenateKernel(Kernel):
    def run(self, r):
        r[self.outs[0]] = np.concatenate([r[i] for i in self.ins], axis=1)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None:
            return
        start = 0
        for i in self.ins:
            n = r[i].shape[1]
            add_grad(g, i, gy[:, start:start + n])
            start += n


class SoftmaxLayer(Layer):
    """Normalised exponentials over the last dimension."""

    head = "SoftmaxLayer"

    def __init__(self, input=None):
        shape = port_shape(self.head, input)
        self._ins, self._outs, self._arrays = {"Input": shape}, {"Output": shape}, {}
        self._settle()

    def _infer(self, ins, outs):
        s = fit(ins["Input"], outs["Output"], "the input and output of SoftmaxLayer")
        if s == ():
            raise ShapeConflict("SoftmaxLayer needs at least a vector, not a real number.")
        return {"Input": s}, {"Output": s}

    def kernel(self, compiler):
        return SoftmaxKernel()


class SoftmaxKernel(Kernel):
    def run(self, r):
        x = r[self.ins[0]]
        e = np.exp(x - x.max(axis=-1, keepdims=True))
        r[self.outs[0]] = e / e.sum(axis=-1, keepdims=True)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None:
            y = r[self.outs[0]]
            add_grad(g, self.ins[0], y * (gy - (gy * y).sum(axis=-1, keepdims=True)))


class DropoutLayer(Layer):
    """Zeroes each element with probability p while training (scaling the rest by
    1/(1-p), so evaluation is the identity)."""

    head = "DropoutLayer"

    def __init__(self, p=0.5, input=None):
        if not (isinstance(p, (int, float)) and 0 <= p < 1):
            raise NetError(self.head, "invarg", f"the dropout probability {show(p)} should be "
                           "a number at least 0 and less than 1.")
        self.p = float(p)
        shape = port_shape(self.head, input)
        self._ins, self._outs, self._arrays = {"Input": shape}, {"Output": shape}, {}
        self._settle()

    def _infer(self, ins, outs):
        s = fit(ins["Input"], outs["Output"], "the input and output of DropoutLayer")
        return {"Input": s}, {"Output": s}

    def kernel(self, compiler):
        return DropoutKernel(self.p, compiler.mode, compiler.reg())


class DropoutKernel(Kernel):
    def __init__(self, p, mode, mask_reg):
        self.p, self.mode, self.mask = p, mode, mask_reg

    def run(self, r):
        x = r[self.ins[0]]
        if not self.mode.training or self.p == 0:
            r[self.mask] = None
            r[self.outs[0]] = x
            return
        keep = self.mode.rng.random(x.shape) >= self.p
        mask = keep.astype(x.dtype) / x.dtype.type(1 - self.p)
        r[self.mask] = mask
        r[self.outs[0]] = x * mask

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None:
            mask = r[self.mask]
            add_grad(g, self.ins[0], gy if mask is None else gy * mask)


class SequenceLastLayer(Layer):
    """The last element of a sequence."""

    head = "SequenceLastLayer"

    def __init__(self, input=None):
        self._ins = {"Input": port_shape(self.head, input)}
        self._outs, self._arrays = {"Output": None}, {}
        self._settle()

    def _infer(self, ins, outs):
        x, y = ins["Input"], outs["Output"]
        if x == ():
            raise ShapeConflict("SequenceLastLayer needs a sequence, not a real number.")
        if x is not None:
            y = fit(y, x[1:], "the output of SequenceLastLayer and its input's elements")
        if y is not None:
            x = fit(x, (x[0] if x else VARYING,) + y, "the input of SequenceLastLayer")
        return {"Input": x}, {"Output": y}

    def kernel(self, compiler):
        return SequenceLastKernel()


class SequenceLastKernel(Kernel):
    def run(self, r):
        r[self.outs[0]] = r[self.ins[0]][:, -1]

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None:
            gx = np.zeros_like(r[self.ins[0]])
            gx[:, -1] = gy
            add_grad(g, self.ins[0], gx)


class SummationLayer(Layer):
    """The sum of all elements of its input: a real number."""

    head = "SummationLayer"

    def __init__(self, input=None):
        self._ins = {"Input": port_shape(self.head, input)}
        self._outs, self._arrays = {"Output": ()}, {}
        self._settle()

    def kernel(self, compiler):
        return SummationKernel()


class SummationKernel(Kernel):
    def run(self, r):
        x = r[self.ins[0]]
        r[self.outs[0]] = x.reshape(len(x), -1).sum(axis=1)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None:
            x = r[self.ins[0]]
            add_grad(g, self.ins[0],
                     np.broadcast_to(gy.reshape((len(gy),) + (1,) * (x.ndim - 1)), x.shape))

