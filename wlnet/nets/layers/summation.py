"""SummationLayer: the sum of all elements of its input."""
import numpy as np

from ..base import Kernel, add_grad
from ..layer import Example, Layer, register


@register
class SummationLayer(Layer):
    """SummationLayer[]: the sum of all elements of its input, a real number."""

    head = "SummationLayer"
    usage = ("SummationLayer[] is a net layer that gives the sum of all the elements of "
             "its input.")
    port_options = ("Input",)

    def initial_ports(self):
        return {"Input": None}, {"Output": ()}, {}

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        x = inputs["Input"]
        return {"Output": xp.sum(xp.reshape(x, (x.shape[0], -1)), axis=1)}

    def kernel(self, compiler):
        return SummationKernel()

    @classmethod
    def examples(cls, rng):
        return [Example(cls(input=(2, 3)), {"Input": rng.standard_normal((4, 2, 3))})]


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
