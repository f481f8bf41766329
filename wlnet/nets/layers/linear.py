"""LinearLayer: y = W.x + b."""
import numpy as np

from ..arguments import Dims, Param
from ..arrayspec import ArraySpec, SizeOf
from ..base import Kernel, add_grad
from ..errors import ShapeConflict
from ..layer import Example, Layer, register
from ..shapes import VARYING, describe


@register
class LinearLayer(Layer):
    """LinearLayer[n], LinearLayer[{n1, ...}], LinearLayer[]: y = W.x + b with W of
    dimensions {out, in}; inputs and outputs of any rank are flattened to vectors of
    their element counts. Options "Weights", "Biases" (None for none), "Input", "Output"."""

    head = "LinearLayer"
    usage = ("LinearLayer[n] is a trainable net layer that gives a vector of size n, "
             "w . x + b, for its input vector x.\nLinearLayer[{n1, n2, ...}] gives an array "
             "of those dimensions.\nLinearLayer[] leaves its size to be inferred.")
    arguments = (Param("Size", Dims(), what="the output size", port="Output"),)
    array_specs = (ArraySpec("Weights", (SizeOf("Output"), SizeOf("Input"))),
                   ArraySpec("Biases", (SizeOf("Output"),), init="Biases", optional=True))

    def shape_rule(self, ins, outs):
        x = ins["Input"]
        if x is not None and VARYING in x:
            raise ShapeConflict(f"LinearLayer cannot take {describe(x)}; "
                                "map it over the sequence with NetMapOperator.")
        y = outs["Output"]
        if y is not None and VARYING in y:      # its size is its output: fixed numbers
            raise ShapeConflict(f"LinearLayer cannot give {describe(y)}; map it over the "
                                "sequence with NetMapOperator.")
        return ins, outs

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        x = inputs["Input"]
        y = xp.matmul(xp.reshape(x, (x.shape[0], -1)), xp.transpose(arrays["Weights"]))
        if arrays.get("Biases") is not None:
            y = y + arrays["Biases"]
        return {"Output": xp.reshape(y, (x.shape[0],) + self._outs["Output"])}

    def kernel(self, compiler):
        w, gw = compiler.array("Weights")
        b, gb = compiler.array("Biases") if "Biases" in self._arrays else (None, None)
        return LinearKernel(w, gw, b, gb, self._ins["Input"], self._outs["Output"])

    @classmethod
    def examples(cls, rng):
        return [Example(cls(3, input=4), {"Input": rng.standard_normal((4, 4))}),
                Example(cls((2, 2), input=(3, 2)), {"Input": rng.standard_normal((4, 3, 2))}),
                Example(cls((), input=3, biases=None), {"Input": rng.standard_normal((4, 3))})]


class LinearKernel(Kernel):
    """y = x.W^T + b over a batch.

    The backward pass computes only the gradients someone needs: ``want_w``/``want_b``
    (False for a frozen array) and ``want_x`` (False for the input gradient of a data
    port while training); the plan sets them (``require``), by default all are
    computed. While `pending` is a list (a fold's generic backward pass), the weight
    gradient terms are collected and `flush` sums them with one product over all steps.

    When the kernel is the only user of its arrays, the plan sets ``fresh`` before a
    backward pass: the gradient buffers then hold last step's values, and the first
    product writes into them (``out=``) instead of adding a temporary to zeros, which
    saves a pass over the weights and a weight-sized allocation per step.
    """

    want_w = want_b = want_x = True
    fresh = False
    in_place_grads = True
    defers_array_grads = True

    def __init__(self, w, gw, b, gb, in_shape, out_shape):
        self.w, self.wt, self.gw, self.b, self.gb = w, w.T, gw, b, gb
        self.flat_in = len(in_shape) != 1
        self.out_shape = out_shape if len(out_shape) != 1 else None
        self.pending = None

    def require(self, arrays, inputs):
        self.want_w = arrays is None or "Weights" in arrays
        self.want_b = arrays is None or "Biases" in arrays
        self.want_x = inputs is None or inputs[0]

    @property
    def straight_line(self):
        """A vector in and out: the compiled fold's "linear" form."""
        return "linear" if not self.flat_in and self.out_shape is None else None

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
