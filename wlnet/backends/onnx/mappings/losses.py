"""Loss layers: the per-example mean of an elementwise loss, as wlnet computes it
(losses.py): MeanSquaredLossLayer, MeanAbsoluteLossLayer and the three forms of
CrossEntropyLossLayer, with logarithms of probabilities kept at least the smallest
float32 ("Index" targets are class numbers from 1, cast to indices). They export for
nets that compute a loss at inference; a foreign graph's operators never read back as
one (they read as the operators they are)."""
import numpy as np

from . import exports


def _mean_per_example(b, v):
    flat = b.op("Flatten", [v], axis=1)
    return b.op("ReduceMean", [flat, b.ints([1], "axes")], keepdims=0)


def _log(b, p):
    tiny = b.const(np.finfo(np.float32).tiny, "tiny")
    return b.op("Log", [b.op("Max", [p, tiny])])


@exports("MeanSquaredLossLayer", "MeanAbsoluteLossLayer")
def pair_loss(b, layer, ins):
    d = b.op("Sub", [ins["Input"], ins["Target"]])
    f = b.op("Mul", [d, d]) if layer.head == "MeanSquaredLossLayer" else b.op("Abs", [d])
    return {"Loss": _mean_per_example(b, f)}


@exports("CrossEntropyLossLayer")
def cross_entropy(b, layer, ins):
    p, t = ins["Input"], ins["Target"]
    form = layer.params["TargetForm"]
    if form == "Index":
        one = b.const(np.float32(1), "one")
        index = b.op("Cast", [b.op("Sub", [t, one])], to=7)          # int64
        index = b.op("Unsqueeze", [index, b.ints([-1], "axes")])
        picked = b.op("GatherElements", [p, index], axis=-1)
        per = b.op("Neg", [_log(b, b.op("Squeeze", [picked, b.ints([-1], "axes")]))])
    elif form == "Probabilities":
        per = b.op("Neg", [b.op("ReduceSum", [b.op("Mul", [t, _log(b, p)]),
                                              b.ints([-1], "axes")], keepdims=0)])
    else:
        one = b.const(np.float32(1), "one")
        q, u = b.op("Sub", [one, p]), b.op("Sub", [one, t])
        both = b.op("Add", [b.op("Mul", [t, _log(b, p)]), b.op("Mul", [u, _log(b, q)])])
        per = b.op("Neg", [both])
    return {"Loss": _mean_per_example(b, per)}
