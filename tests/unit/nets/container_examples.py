"""Containers and operators for the generic tests of ``Net.evaluate`` (the pure forward a
container composes from its children's): every container kind, nested, with state ports
given and not, a weight used at every step, free ports named by Wolfram's rules, and a
layer that draws random numbers while training. And ``GainLayer``, a layer with what no
registered layer has yet: a state port and an auxiliary array (``_counting_nets``)."""
import numpy as np

from wlnet.nets.arrayspec import ArraySpec, ShapeOf, SizeOf
from wlnet.nets.base import Kernel, add_grad, fit
from wlnet.nets.layer import Example, Layer, Outputs
from wlnet.nets.bidirectional import Bidirectional
from wlnet.nets.graph import Chain, Graph
from wlnet.nets.initialize import initialize
from wlnet.nets.layers.basic_recurrent import BasicRecurrentLayer
from wlnet.nets.layers.catenate import CatenateLayer
from wlnet.nets.layers.dropout import DropoutLayer
from wlnet.nets.layers.elementwise import ElementwiseLayer
from wlnet.nets.layers.gru import GatedRecurrentLayer
from wlnet.nets.layers.linear import LinearLayer
from wlnet.nets.layers.lstm import LongShortTermMemoryLayer
from wlnet.nets.layers.losses import MeanSquaredLossLayer
from wlnet.nets.layers.sequence import SequenceLastLayer
from wlnet.nets.layers.softmax import SoftmaxLayer
from wlnet.nets.layers.threading import TotalLayer
from wlnet.nets.operators import Fold, MapOp, NestOp


class GainLayer(Layer):
    """out = Gain * in + State (zeros when no state is given); the new state is out."""

    head = "GainTestLayer"
    states = ("State",)
    array_specs = (ArraySpec("Gain", ShapeOf("Input"), init="Ones"),
                   ArraySpec("Steps", (SizeOf("Input"),), init="Zeros", trainable=False))

    def shape_rule(self, ins, outs):
        s = fit(fit(ins["Input"], ins["State"], "the input and the state"), outs["Output"],
                "the input and the output")
        return {"Input": s, "State": s}, {"Output": s, "State": s}

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        state = inputs.get("State")
        y = inputs["Input"] * arrays["Gain"] + (0 if state is None else state)
        out = {"Output": y, "State": y}
        return Outputs(out, {"Steps": arrays["Steps"] + 1}) if training else out

    def kernel(self, compiler):
        return GainKernel(compiler.array("Gain"), compiler.array("Steps")[0], compiler.mode,
                          compiler.path("Steps"))

    @classmethod
    def examples(cls, rng):
        return [Example(cls(input=3), {"Input": rng.standard_normal((2, 3))})]


class GainKernel(Kernel):
    def __init__(self, gain, steps, mode, path):
        (self.c, self.gc), self.steps, self.mode, self.path = gain, steps, mode, path

    def run(self, r):
        x, s = r[self.ins[0]], r[self.ins[1]]
        y = x * self.c + (0 if s is None else s)
        r[self.outs[0]] = r[self.outs[1]] = y
        if self.path in self.mode.updates:
            self.steps += 1  # an auxiliary array the kernel updates while training

    def back(self, r, g):
        gy = g[self.outs[0]]
        gs = g[self.outs[1]]
        total = gy if gs is None else (gs if gy is None else gy + gs)
        if total is None:
            return
        self.gc += (total * r[self.ins[0]]).sum(0)
        add_grad(g, self.ins[0], total * self.c)
        add_grad(g, self.ins[1], total)


def _seed_core(n=2):
    return Graph({"l1": TotalLayer(), "l2": LinearLayer(n, input=n),
                  "l3": LinearLayer(n, biases=None)},
                 [([("port", "Input"), ("port", "State")], "l1"), ("l1", "l2"), ("l2", "l3")])


def _fold_chain():
    return Chain([Fold(_seed_core(), input=("Varying", 2)), SequenceLastLayer(),
                  LinearLayer(3)])


def _graph():
    return Graph({"a": LinearLayer(3, input=2), "b": LinearLayer(3, input=4),
                  "c": CatenateLayer(), "d": ElementwiseLayer("Tanh"), "e": SoftmaxLayer()},
                 [(("port", "X"), "a"), (("port", "Y"), "b"), (["a", "b"], "c"), ("c", "d"),
                  ("d", "e"), ("d", ("port", "Hidden"))])


def _training_graph():
    return Graph({"net": Chain([LinearLayer(4, input=3), ElementwiseLayer("Ramp"),
                                LinearLayer(2)]), "loss": MeanSquaredLossLayer()},
                 [(("port", "Input"), "net"), ("net", ("node", "loss", "Input")),
                  (("port", "Output"), ("node", "loss", "Target")),
                  (("node", "loss", "Loss"), ("port", "Loss"))])


def _random_fold():
    core = Graph({"l1": TotalLayer(), "d": DropoutLayer(0.3), "l2": LinearLayer(3, input=3)},
                 [([("port", "Input"), ("port", "State")], "l1"), ("l1", "d"), ("d", "l2")])
    return Fold(core, input=(4, 3))


def cases(rng):
    """{name: (net, inputs)} with batches of 3."""
    seq = rng.standard_normal((3, 5, 2))
    return {
        "chain": (Chain([LinearLayer(5), ElementwiseLayer("Tanh"), LinearLayer(3)],
                        ports={"Input": 4}), {"Input": rng.standard_normal((3, 4))}),
        "graph": (_graph(), {"X": rng.standard_normal((3, 2)),
                             "Y": rng.standard_normal((3, 4))}),
        "fold": (Fold(_seed_core(), input=("Varying", 2)), {"Input": seq}),
        "fold-state": (Fold(_seed_core(), input=("Varying", 2)),
                       {"Input": seq, "State": rng.standard_normal((3, 2))}),
        "fold-chain": (_fold_chain(), {"Input": seq}),
        "map": (MapOp(Chain([LinearLayer(3), ElementwiseLayer("Sin")]), input=(4, 2)),
                {"Input": rng.standard_normal((3, 4, 2))}),
        "nest": (NestOp(Chain([LinearLayer(2, input=2), ElementwiseLayer("Tanh")]), 3),
                 {"Input": rng.standard_normal((3, 2))}),
        "training-graph": (_training_graph(), {"Input": rng.standard_normal((3, 3)),
                                               "Output": rng.standard_normal((3, 2))}),
        "random-fold": (_random_fold(), {"Input": rng.standard_normal((3, 4, 3))}),
        "bidirectional": (Bidirectional(LongShortTermMemoryLayer(3), input=("Varying", 2)),
                          {"Input": seq, "BackwardState": rng.standard_normal((3, 3))}),
        "bidirectional-mean": (Bidirectional([Chain([GatedRecurrentLayer(2), SequenceLastLayer()]),
                                              Chain([BasicRecurrentLayer(2), SequenceLastLayer()])],
                                             "Mean", input=(5, 2)), {"Input": seq}),
    }


NAMES = list(cases(np.random.default_rng(0)))


def example(name, seed=0):
    """(net with initialised arrays, float64 inputs) of the named case."""
    rng = np.random.default_rng(seed)
    net, inputs = cases(rng)[name]
    net = initialize(net, rng)
    net = net.with_arrays({p: a + 0.3 * rng.standard_normal(a.shape)
                           for p, a in net.arrays().items()})
    return net, {p: np.asarray(v, np.float64) for p, v in inputs.items()}


def counting_nets():
    """{name: (net, input shape)}: a GainLayer ("Steps" counts its training passes) in
    a chain, inside a fold (a pass per step), a map and a nest (three passes)."""
    core = Graph({"t": TotalLayer(), "g": GainLayer(), "l": LinearLayer(2)},
                 [([("port", "Input"), ("port", "State")], "t"), ("t", "g"), ("g", "l")])
    return {"chain": (Chain([GainLayer(), LinearLayer(2)], ports={"Input": 2}), (3, 2)),
            "fold": (Fold(core, input=(4, 2)), (3, 4, 2)),
            "map": (MapOp(GainLayer(), input=(5, 2)), (3, 5, 2)),
            "nest": (NestOp(GainLayer(input=2), 3), (3, 2))}
