"""ConstantTimesLayer and ConstantPlusLayer: the input times, or plus, a learned array
of the input's own dimensions (the worked example of docs/adding-a-layer.md); and
ConstantArrayLayer, a learned array with no input at all."""
import numpy as np

from ..arrayspec import ArraySpec, ShapeOf
from ..base import Kernel, add_grad, fit
from ..errors import ShapeConflict
from ..layer import Example, Layer, register


class _ElementwiseConstant(Layer):
    """Shared by the two layers (not a layer itself): one array, "Input" -> "Output" of
    one shape, which must hold at least a vector (Wolfram encodes a number as a
    1-vector for them)."""

    def shape_rule(self, ins, outs):
        s = fit(ins["Input"], outs["Output"], f"the input and output of {self.head}")
        if s == ():
            raise ShapeConflict(f"{self.head} needs at least a vector, not a real number.")
        return {"Input": s}, {"Output": s}

    @classmethod
    def examples(cls, rng):
        return [Example(cls(input=3), {"Input": rng.standard_normal((4, 3))}),
                Example(cls(input=(2, 3)), {"Input": rng.standard_normal((4, 2, 3))})]


@register
class ConstantTimesLayer(_ElementwiseConstant):
    """ConstantTimesLayer[]: the input multiplied element by element by a learned
    "Scaling" array of the input's dimensions (ones after NetInitialize)."""

    head = "ConstantTimesLayer"
    usage = ("ConstantTimesLayer[] is a trainable net layer that multiplies its input "
             "element by element by a learned array, \"Scaling\", of its dimensions.")
    array_specs = (ArraySpec("Scaling", ShapeOf("Input"), init="Scaling"),)

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        return {"Output": inputs["Input"] * arrays["Scaling"]}

    def kernel(self, compiler):
        return ConstantTimesKernel(*compiler.array("Scaling"))


@register
class ConstantPlusLayer(_ElementwiseConstant):
    """ConstantPlusLayer[]: the input plus a learned "Biases" array of the input's
    dimensions (zeros after NetInitialize)."""

    head = "ConstantPlusLayer"
    usage = ("ConstantPlusLayer[] is a trainable net layer that adds a learned array, "
             "\"Biases\", of its input's dimensions to its input.")
    array_specs = (ArraySpec("Biases", ShapeOf("Input"), init="Biases"),)

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        return {"Output": inputs["Input"] + arrays["Biases"]}

    def kernel(self, compiler):
        return ConstantPlusKernel(*compiler.array("Biases"))


class ConstantTimesKernel(Kernel):
    """y = x * c; dx = dy * c, dc = the sum over the batch of dy * x."""

    def __init__(self, c, gc):
        self.c, self.gc = c, gc

    def run(self, r):
        r[self.outs[0]] = r[self.ins[0]] * self.c

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None:
            return
        if self.want_arrays is None or "Scaling" in self.want_arrays:
            self.gc += np.einsum("b...,b...->...", gy, r[self.ins[0]])
        if self.want_in is None or self.want_in[0]:
            add_grad(g, self.ins[0], gy * self.c)


class ConstantPlusKernel(Kernel):
    """y = x + c; dx = dy, dc = the sum over the batch of dy."""

    def __init__(self, c, gc):
        self.c, self.gc = c, gc

    def run(self, r):
        r[self.outs[0]] = r[self.ins[0]] + self.c

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None:
            return
        if self.want_arrays is None or "Biases" in self.want_arrays:
            self.gc += gy.sum(axis=0)
        if self.want_in is None or self.want_in[0]:
            add_grad(g, self.ins[0], gy)


@register
class ConstantArrayLayer(Layer):
    """ConstantArrayLayer[]: no input; the output is its learned "Array", the same for
    every example. Wolfram initialises it by its rank: random like weights when it is a
    matrix, else zeros."""

    head = "ConstantArrayLayer"
    usage = ("ConstantArrayLayer[] is a trainable net layer that has no input and gives a "
             "constant array, learned in training, as its output; the option \"Array\" "
             "gives its value and \"Output\" its dimensions.")
    inputs = ()
    port_options = ("Output",)
    printed_ports = ("Output",)
    array_specs = (ArraySpec("Array", ShapeOf("Output"), init="ByRank"),)

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        """A batch of one example: a layer without inputs does not know the batch size;
        whoever combines it with a batch broadcasts it (the kernel gets the size)."""
        return {"Output": arrays["Array"][None]}

    def kernel(self, compiler):
        return ConstantArrayKernel(*compiler.array("Array"), compiler.mode)

    @classmethod
    def examples(cls, rng):
        return [Example(cls(output=3), {}), Example(cls(output=(2, 3)), {})]


@register
class NetArrayLayer(ConstantArrayLayer):
    """NetArrayLayer[]: ConstantArrayLayer's name from Wolfram 12.2 on."""

    head = "NetArrayLayer"
    usage = ("NetArrayLayer[] is a trainable net layer that has no input and gives a "
             "constant array, learned in training, as its output (ConstantArrayLayer's "
             "name from version 12.2).")


class ConstantArrayKernel(Kernel):
    """y = the array for each example of the pass; da = dy summed over the examples."""

    def __init__(self, a, ga, mode):
        self.a, self.ga, self.mode = a, ga, mode

    def run(self, r):
        r[self.outs[0]] = np.broadcast_to(self.a, (self.mode.batch,) + self.a.shape)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None and (self.want_arrays is None or "Array" in self.want_arrays):
            self.ga += gy.sum(axis=0)
