"""BatchNormalizationLayer: each channel normalised by a mean and a variance, then
scaled and shifted by learned arrays.

Wolfram's definition (the reference page and the NeuralNetworks paclet, which runs
MXNet's BatchNorm): arrays "Scaling" (1), "Biases" (0), and the auxiliary "MovingMean"
(0) and "MovingVariance" (1), one entry per channel (the first dimension of the input,
the last with Interleaving -> True; a vector's every element); "Epsilon" 0.001 and
"Momentum" 0.9. While training it normalises with the batch's own mean and (biased)
variance over everything but the channels, and moves the moving arrays towards them:
moving = momentum moving + (1 - momentum) batch; otherwise it uses the moving arrays:

    y = Scaling (x - mean) / Sqrt[variance + Epsilon] + Biases

NetTrain updates the moving arrays unless the layer is frozen (all its trainable arrays
at learning rate 0; Wolfram: "if LearningRateMultipliers is 0"); evaluating a net never
changes them. The pure forward returns their new values as ``Outputs.updates``.
"""
import numpy as np

from ..arguments import Param, Real
from ..arrayspec import ArraySpec, Derived
from ..base import Kernel, add_grad, fit
from ..errors import ShapeConflict
from ..layer import Example, Layer, Outputs, register
from ..shapes import VARYING, describe
from .spatial import INTERLEAVING


@register
class BatchNormalizationLayer(Layer):
    """BatchNormalizationLayer[]: per-channel normalisation by batch statistics while
    training and by the moving statistics otherwise."""

    head = "BatchNormalizationLayer"
    usage = ("BatchNormalizationLayer[] represents a trainable net layer that normalizes "
             "its input data by learning the data mean and variance.")
    options = (Param("Epsilon", Real(0), default=0.001, what="the epsilon"),
               Param("Momentum", Real(0, 1), default=0.9, what="the momentum"),
               INTERLEAVING)
    port_options = ("Input",)
    def channel_shape(self, ports):
        """One entry per channel, for each of the four arrays."""
        shape = ports.get("Input")
        channels = shape[-1 if self.params["Interleaving"] else 0] if shape else None
        return None if channels is None else (channels,)

    array_specs = (ArraySpec("Biases", Derived(channel_shape), init="Biases"),
                   ArraySpec("MovingMean", Derived(channel_shape), init="Zeros",
                             trainable=False),
                   ArraySpec("MovingVariance", Derived(channel_shape), init="Ones",
                             trainable=False),
                   ArraySpec("Scaling", Derived(channel_shape), init="Scaling"))

    @property
    def axis(self) -> int:
        """The channel axis of a batch (batch axis first)."""
        return -1 if self.params["Interleaving"] else 1

    def shape_rule(self, ins, outs):
        s = fit(ins["Input"], outs["Output"], "the input and output of BatchNormalizationLayer")
        if s == ():
            raise ShapeConflict("BatchNormalizationLayer needs at least a vector, not a real "
                                "number.")
        if s is not None and VARYING in s:
            raise ShapeConflict(f"BatchNormalizationLayer cannot take {describe(s)}.")
        return {"Input": s}, {"Output": s}

    def _broadcast(self, ndim):
        """The shape a per-channel vector takes to broadcast against a batch."""
        shape = [1] * ndim
        shape[self.axis] = -1
        return tuple(shape)

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        x = inputs["Input"]
        shape = self._broadcast(x.ndim)
        axes = tuple(i for i in range(x.ndim) if i != x.ndim + self.axis and i != self.axis)
        eps = self.params["Epsilon"]

        def per_channel(name):
            return xp.reshape(arrays[name], shape)

        if training:
            mean = xp.mean(x, axis=axes)
            centred = x - xp.reshape(mean, shape)
            var = xp.mean(centred * centred, axis=axes)
        else:
            mean, var = arrays["MovingMean"], arrays["MovingVariance"]
            centred = x - xp.reshape(mean, shape)
        y = centred / xp.sqrt(xp.reshape(var, shape) + eps) * per_channel("Scaling") + \
            per_channel("Biases")
        if not training:
            return {"Output": y}
        m = self.params["Momentum"]
        return Outputs({"Output": y}, {
            "MovingMean": m * arrays["MovingMean"] + (1 - m) * mean,
            "MovingVariance": m * arrays["MovingVariance"] + (1 - m) * var})

    def kernel(self, compiler):
        arrays = {name: compiler.array(name) for name in
                  ("Scaling", "Biases", "MovingMean", "MovingVariance")}
        moving = (compiler.path("MovingMean"), compiler.path("MovingVariance"))
        return BatchNormKernel(arrays, moving, self.params, self.axis, compiler.mode,
                               compiler.reg())

    @classmethod
    def examples(cls, rng):
        return [Example(cls(input=3), {"Input": rng.standard_normal((5, 3))}),
                Example(cls(input=(2, 3, 4), epsilon=0.01), {"Input": rng.standard_normal(
                    (3, 2, 3, 4))}),
                Example(cls(input=(4, 2), interleaving=True, momentum=0.5),
                        {"Input": rng.standard_normal((3, 4, 2))})]


class BatchNormKernel(Kernel):
    """The normalisation over a batch. ``saved`` keeps (training?, normalised input,
    1/sqrt(variance + eps)) for the backward pass. The moving arrays are changed in
    place only by training passes that name them in ``mode.updates``."""

    def __init__(self, arrays, moving, params, axis, mode, saved):
        (self.gamma, self.ggamma), (self.beta, self.gbeta) = arrays["Scaling"], arrays["Biases"]
        (self.mean, self.gmean), (self.var, self.gvar) = \
            arrays["MovingMean"], arrays["MovingVariance"]
        self.moving, self.eps, self.momentum = moving, params["Epsilon"], params["Momentum"]
        self.axis, self.mode, self.saved = axis, mode, saved

    def _layout(self, x):
        shape = [1] * x.ndim
        shape[self.axis] = -1
        axis = self.axis % x.ndim
        return tuple(shape), tuple(i for i in range(x.ndim) if i != axis)

    def run(self, r):
        x = r[self.ins[0]]
        shape, axes = self._layout(x)
        if self.mode.training:
            mean = x.mean(axis=axes)
            centred = x - mean.reshape(shape)
            var = np.square(centred).mean(axis=axes)
            if self.moving[0] in self.mode.updates:
                m = self.mean.dtype.type(self.momentum)
                self.mean *= m
                self.mean += (1 - m) * mean
                self.var *= m
                self.var += (1 - m) * var
        else:
            centred = x - self.mean.reshape(shape)
            var = self.var
        with np.errstate(invalid="ignore", divide="ignore"):   # a negative variance given
            inv = 1 / np.sqrt(var + x.dtype.type(self.eps))   # by hand gives NaN, not a warning
        normal = centred * inv.reshape(shape)
        r[self.saved] = (self.mode.training, normal, inv)
        r[self.outs[0]] = normal * self.gamma.reshape(shape) + self.beta.reshape(shape)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None:
            return
        training, normal, inv = r[self.saved]
        shape, axes = self._layout(gy)
        wanted = self.want_arrays
        total, weighted = gy.sum(axis=axes), (gy * normal).sum(axis=axes)
        if wanted is None or "Scaling" in wanted:
            self.ggamma += weighted
        if wanted is None or "Biases" in wanted:
            self.gbeta += total
        scale = self.gamma * inv          # d output / d normalised input, per channel
        if not training and (wanted is None or "MovingMean" in wanted):
            self.gmean -= scale * total
        if not training and (wanted is None or "MovingVariance" in wanted):
            self.gvar -= 0.5 * scale * inv * weighted
        if self.want_in is None or self.want_in[0]:
            if training:
                count = gy.size // total.size
                gx = (gy - (total / count).reshape(shape) -
                      normal * (weighted / count).reshape(shape)) * scale.reshape(shape)
            else:
                gx = gy * scale.reshape(shape)
            add_grad(g, self.ins[0], gx)
