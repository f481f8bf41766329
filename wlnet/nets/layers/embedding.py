"""EmbeddingLayer: integers 1..n as learned vectors (the rows of its "Weights")."""
import numpy as np

from ..arguments import Param, Size
from ..arrayspec import ArraySpec, ValueOf
from ..base import Kernel, fit
from ..errors import NetError
from ..layer import Example, Layer, register


def indices(layer, x):
    """The 0-based rows of the integers in x, or NetError when one is not an integer
    from 1 to n (Wolfram refuses such input rather than guess a vector for it)."""
    n = layer.params["ClassCount"]
    i = np.rint(x)
    bad = (i != x) | (i < 1) | (i > n)
    if bad.any():
        raise NetError(layer.head, "invinput", f"the input should hold integers from 1 to "
                       f"{n}, not {x[bad].flat[0]:g}.")
    return i.astype(np.intp) - 1


@register
class EmbeddingLayer(Layer):
    """EmbeddingLayer[size, n]: each integer k from 1 to n of the input (a number or an
    array of any rank, "Varying" included) becomes row k of the n x size "Weights"."""

    head = "EmbeddingLayer"
    usage = ("EmbeddingLayer[size, n] is a trainable net layer that embeds the integers "
             "from 1 to n as vectors of size size.\nEmbeddingLayer[size] leaves n to be "
             "inferred.")
    arguments = (Param("Size", Size(), what="the embedding size"),
                 Param("ClassCount", Size(), what="the number of classes"))
    port_options = ("Input",)
    array_specs = (ArraySpec("Weights", (ValueOf("ClassCount", "the number of classes"),
                                           ValueOf("Size", "the embedding size"))),)

    def _setup(self, args, options):
        """A NetEncoder on the input that gives integer codes tells n, as in Wolfram."""
        super()._setup(args, options)
        n = getattr(self._coders.get("Input"), "index_count", None)
        if n is not None:
            self.params = self.with_index_count("Input", n).params

    def with_index_count(self, port, n):
        """n from an encoder on this layer's input, or on the container port feeding it."""
        if self.params["ClassCount"] == n:
            return self
        if self.params["ClassCount"] is not None:
            raise NetError(self.head, "tyfail", f"the encoder on the input gives {n} "
                           f"classes, not {self.params['ClassCount']}.")
        return self._evolve(params={**self.params, "ClassCount": n})

    def shape_rule(self, ins, outs):
        x, y, size = ins["Input"], outs["Output"], self.params["Size"]
        if x is not None:
            y = fit(y, x + (size,), "the output of EmbeddingLayer")
        elif y is not None:
            x = y[:-1]
            fit(y[-1:], (size,), "the output of EmbeddingLayer")
        return {"Input": x}, {"Output": y}

    def integer_inputs(self):
        return {"Input"}

    def index_counts(self):
        n = self.params["ClassCount"]
        return {} if n is None else {"Input": n}

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        i = xp.round(inputs["Input"]).astype(np.int32) - 1
        return {"Output": xp.take(arrays["Weights"], i, axis=0, mode="clip")}

    def kernel(self, compiler):
        return EmbeddingKernel(self, *compiler.array("Weights"))

    @classmethod
    def examples(cls, rng):
        return [Example(cls(4, 3, input=()), {"Input": rng.integers(1, 4, 5)},
                        exact=("Input",)),
                Example(cls(2, 5, input=("Varying",)), {"Input": rng.integers(1, 6, (2, 4))},
                        exact=("Input",)),
                Example(cls(3, 4, input=(2, 3)), {"Input": rng.integers(1, 5, (2, 2, 3))},
                        exact=("Input",))]


class EmbeddingKernel(Kernel):
    """y = W[x - 1]; dW[k] = the sum of dy over the positions holding k + 1; no input
    gradient (integers)."""

    def __init__(self, layer, w, gw):
        self.layer, self.w, self.gw = layer, w, gw

    def run(self, r):
        r[self.outs[0]] = self.w[indices(self.layer, r[self.ins[0]])]

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None and (self.want_arrays is None or "Weights" in self.want_arrays):
            i = indices(self.layer, r[self.ins[0]])
            np.add.at(self.gw, i.reshape(-1), gy.reshape(-1, gy.shape[-1]))
