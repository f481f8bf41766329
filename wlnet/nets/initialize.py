"""NetInitialize: each array filled by the initialiser kind its layer declares
(``ArraySpec.init``) and the method, reproducibly from a numpy Generator.

Wolfram's rules (the NeuralNetworks paclet's NetInitialize, 12.x; docs/nets.md):

- "Weights" arrays (and matrices of other names, kind "ByRank") are drawn by the method,
  with fan-in the product of all dimensions but the first and fan-out the first. Xavier
  (the default) has variance 2/(fan-in + fan-out) ("FactorType" -> "Mean"; "In" gives
  2/fan-in, "Out" 2/fan-out), Kaiming 1/fan-in, both doubled when the layer feeds an
  ElementwiseLayer[Ramp], drawn from a uniform ("Distribution" -> "Uniform", Xavier's
  default) or normal distribution (Kaiming's). "Orthogonal" gives an orthogonal matrix
  (times the same gain), "Identity" an identity matrix plus noise, "Random" draws from
  the given distribution. A LinearLayer feeding a SELU gets a normal with variance
  1/fan-in whatever the method.
- "Biases"/"Zeros" are 0 and "Scaling"/"Ones" 1 (the "Random" method can draw biases and
  scalings from distributions of their own).

Inside an operator (NetFoldOperator, NetMapOperator, ...) a layer has no next layer, as
in Wolfram. Distributions are tuples: ("Normal", mean, sd), ("Uniform", low, high).
"""
import math
from dataclasses import dataclass

import numpy as np

from .errors import NetError
from .graph import Container
from .shapes import is_fixed

CONSTANTS = {"Biases": 0.0, "Zeros": 0.0, "Scaling": 1.0, "Ones": 1.0}
METHODS = ("Xavier", "Kaiming", "Orthogonal", "Identity", "Random")


@dataclass(frozen=True)
class Method:
    """A NetInitialize method with its sub-options (Wolfram's defaults)."""

    name: str = "Xavier"
    factor_type: str = "Mean"             # Xavier: "In", "Out" or "Mean"
    distribution: str | None = None       # Xavier, Kaiming: "Uniform" or "Normal"
    weights: tuple = ("Normal", 0.0, 1.0)     # Random
    biases: tuple | None = None               # Random (None: zeros)
    scaling: tuple | None = None              # Random (None: ones)
    noise: tuple = ("Normal", 0.0, 0.01)      # Identity

    @property
    def shape_of_draws(self) -> str:
        return self.distribution or ("Uniform" if self.name == "Xavier" else "Normal")


def initialize(net, rng: np.random.Generator, method=Method(), overwrite=False):
    """A copy of net with its missing arrays filled (every array when overwrite); the
    random draws are made in the order of the net's arrays."""
    if isinstance(method, str):
        method = Method(method)
    current, shapes, specs = net.arrays(), net.array_shapes(), net.array_specs_by_path()
    todo = [p for p in shapes if overwrite or current[p] is None]
    unknown = [p for p in todo if not is_fixed(shapes[p])]
    if unknown:
        raise NetError("NetInitialize", "nninit", "the net cannot be initialised while "
                       f"the dimensions of {', '.join('/'.join(map(str, p)) for p in unknown)}"
                       " are not known; give the input dimensions.")
    fed = feeds(net)
    values = {}
    for p in todo:
        layer = net.extract(p[:-1]) if len(p) > 1 else net
        after = fed.get(p[:-1], [])
        values[p] = fill(specs[p].init, shapes[p], rng, method, layer,
                         net.extract(after[-1]) if after else None)
    return net.with_arrays(values)


def fill(kind, shape, rng, method, layer=None, next_layer=None):
    """One array of the kind and shape (``layer`` owns it, ``next_layer`` is what its
    output feeds, or None)."""
    if kind == "ByRank":
        kind = "Weights" if len(shape) == 2 else "Biases"
    if kind == "Biases" and method.name == "Random" and method.biases is not None:
        return draw(rng, method.biases, shape)
    if kind == "Scaling" and method.name == "Random" and method.scaling is not None:
        return draw(rng, method.scaling, shape)
    if kind in CONSTANTS or not shape:
        return np.full(shape, CONSTANTS.get(kind, 0.0), dtype=np.float32)
    if getattr(layer, "head", None) == "LinearLayer" and _applies(next_layer,
                                                                 "ScaledExponentialLinearUnit"):
        return draw(rng, ("Normal", 0.0, math.sqrt(1 / shape[-1])), shape)
    fan_out, fan_in = shape[0], math.prod(shape[1:])
    gain = 2.0 if _applies(next_layer, "Ramp") else 1.0
    if method.name == "Random":
        return draw(rng, method.weights, shape)
    if method.name == "Identity":
        return (identity(shape) + draw(rng, method.noise, shape)).astype(np.float32)
    if method.name == "Orthogonal":
        return (orthogonal(rng, fan_out, fan_in).reshape(shape) * math.sqrt(gain)
                ).astype(np.float32)
    variance = gain * ({"In": 2 / fan_in, "Out": 2 / fan_out,
                        "Mean": 2 / (fan_in + fan_out)}[method.factor_type]
                       if method.name == "Xavier" else 1 / fan_in)
    sd = math.sqrt(variance)
    if method.shape_of_draws == "Uniform":
        return draw(rng, ("Uniform", -sd * math.sqrt(3), sd * math.sqrt(3)), shape)
    return draw(rng, ("Normal", 0.0, sd), shape)


def draw(rng, distribution, shape):
    kind, a, b = distribution
    values = rng.uniform(a, b, shape) if kind == "Uniform" else \
        a + b * rng.standard_normal(shape)
    return np.asarray(values, dtype=np.float32)


def identity(shape):
    """Wolfram's identity initialisation: the identity matrix cut to {out, in}, repeated
    over the leading dimensions of higher ranks; a convolution kernel {out, in, w, h}
    has a 1 at its centre where out = in."""
    if len(shape) == 4:
        out = np.zeros(shape)
        n = min(shape[:2])
        out[range(n), range(n), (shape[2] - 1) // 2, (shape[3] - 1) // 2] = 1
        return out
    return np.broadcast_to(np.eye(shape[-2], shape[-1]) if len(shape) > 1 else
                           np.ones(shape), shape)


def orthogonal(rng, rows, cols):
    """A matrix with orthonormal rows or columns (whichever are fewer), from the SVD of
    a standard normal one (Saxe et al., as Lasagne does)."""
    u, _, vt = np.linalg.svd(rng.standard_normal((rows, cols)), full_matrices=False)
    return u if u.shape == (rows, cols) else vt


def _applies(layer, name):
    """Whether a layer is an ElementwiseLayer of the named function (alone)."""
    return getattr(layer, "head", None) == "ElementwiseLayer" and \
        layer.params["Function"] in (name, (name, "x"))


def feeds(net, prefix=()) -> dict:
    """{path of a layer: [paths of the layers its outputs feed]} across the containers
    of net (not into operators: their inner layers feed nothing here)."""
    fed = {}
    if not isinstance(net, Container):
        return fed
    nodes = net.children()
    for src, dst in net.connections():
        if src[0] is None or dst[0] is None:
            continue
        for a in _ends(nodes[src[0]], prefix + (src[0],), src[1], "source"):
            fed.setdefault(a, []).extend(_ends(nodes[dst[0]], prefix + (dst[0],), dst[1], "sink"))
    for key, child in nodes.items():
        for a, bs in feeds(child, prefix + (key,)).items():
            fed.setdefault(a, []).extend(bs)
    return fed


def _ends(net, prefix, port, role):
    """The layers behind a port of a node: the one producing an output ("source") or
    those taking an input ("sink"), looking inside containers."""
    if not isinstance(net, Container):
        return [prefix]
    found = []
    for src, dst in net.connections():
        if role == "source" and dst == (None, port) and src[0] is not None:
            found += _ends(net.children()[src[0]], prefix + (src[0],), src[1], role)
        elif role == "sink" and src == (None, port) and dst[0] is not None:
            found += _ends(net.children()[dst[0]], prefix + (dst[0],), dst[1], role)
    return found
