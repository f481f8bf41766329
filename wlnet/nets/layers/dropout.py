"""DropoutLayer: random zeroes while training, the identity otherwise."""
from ..arguments import Param, Real
from ..base import Kernel, add_grad, fit
from ..layer import Example, Layer, register


def keep_mask(rng, x, p):
    """Ones where an element is kept (probability 1 - p), scaled by 1/(1 - p), so the
    expected output is the input; the draws come from the training generator, which
    SeedRandom seeds."""
    keep = rng.random(x.shape) >= p
    return keep.astype(x.dtype) / x.dtype.type(1 - p)


@register
class DropoutLayer(Layer):
    """DropoutLayer[p] (p = 0.5 by default): zeroes elements with probability p, only
    while training, scaling the others by 1/(1 - p)."""

    head = "DropoutLayer"
    usage = ("DropoutLayer[] is a net layer that, while training, sets elements of its "
             "input to zero with probability 0.5 and scales the rest.\nDropoutLayer[p] uses "
             "the probability p.")
    arguments = (Param("DropoutProbability", Real(0, 1, high_open=True), default=0.5,
                       what="the dropout probability"),)
    port_options = ("Input",)

    def shape_rule(self, ins, outs):
        s = fit(ins["Input"], outs["Output"], "the input and output of DropoutLayer")
        return {"Input": s}, {"Output": s}

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        x, p = inputs["Input"], self.params["DropoutProbability"]
        if not training or p == 0:
            return {"Output": x}
        return {"Output": x * keep_mask(rng, x, p)}

    def kernel(self, compiler):
        return DropoutKernel(self.params["DropoutProbability"], compiler.mode, compiler.reg())

    @classmethod
    def examples(cls, rng):
        return [Example(cls(0.3, input=3), {"Input": rng.standard_normal((4, 3))}),
                Example(cls(input=(2, 2)), {"Input": rng.standard_normal((4, 2, 2))})]


class DropoutKernel(Kernel):
    def __init__(self, p, mode, mask_reg):
        self.p, self.mode, self.mask = p, mode, mask_reg

    def run(self, r):
        x = r[self.ins[0]]
        if not self.mode.training or self.p == 0:
            r[self.mask] = None
            r[self.outs[0]] = x
            return
        mask = keep_mask(self.mode.rng, x, self.p)
        r[self.mask] = mask
        r[self.outs[0]] = x * mask

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None:
            mask = r[self.mask]
            add_grad(g, self.ins[0], gy if mask is None else gy * mask)
