"""NetInitialize: each array filled by the initialiser kind its layer declares
(``ArraySpec.init``), reproducibly from a numpy Generator.

Wolfram's rules (the NeuralNetworks paclet's NetInitialize; docs/nets.md):
"Weights" arrays are random by the method, with fan-in the product of all dimensions
but the first and fan-out the first; "Biases" and "Zeros" arrays are 0; "Scaling" and
"Ones" arrays are 1 (a scaling, a forget gate's biases, a moving variance).
"""
import numpy as np

from .errors import NetError, show
from .shapes import is_fixed

METHODS = ("Kaiming", "Xavier", "Random")
CONSTANTS = {"Biases": 0.0, "Zeros": 0.0, "Scaling": 1.0, "Ones": 1.0}


def initialize(net, rng: np.random.Generator, method="Kaiming", overwrite=False):
    """A copy of net with its missing arrays filled (every array when overwrite).

    Weights of dimensions {out, in, ...} are normal with standard deviation
    sqrt(2/fan_in) (Kaiming), sqrt(2/(fan_in+fan_out)) (Xavier) or 1 (Random); the
    random draws are made in the order of the net's arrays.
    """
    if method not in METHODS:
        raise NetError("NetInitialize", "invarg",
                       f"the method {show(method)} should be one of {', '.join(METHODS)}.")
    current, shapes, specs = net.arrays(), net.array_shapes(), net.array_specs_by_path()
    todo = [p for p in shapes if overwrite or current[p] is None]
    unknown = [p for p in todo if not is_fixed(shapes[p])]
    if unknown:
        raise NetError("NetInitialize", "nninit", "the net cannot be initialised while "
                       f"the dimensions of {', '.join('/'.join(map(str, p)) for p in unknown)}"
                       " are not known; give the input dimensions.")
    return net.with_arrays({p: _fill(specs[p].init, shapes[p], rng, method) for p in todo})


def _fill(kind, shape, rng, method):
    if kind in CONSTANTS or not shape:
        return np.full(shape, CONSTANTS.get(kind, 0.0), dtype=np.float32)
    fan_out = shape[0]
    fan_in = int(np.prod(shape[1:])) if len(shape) > 1 else shape[0]
    std = {"Kaiming": np.sqrt(2 / fan_in), "Xavier": np.sqrt(2 / (fan_in + fan_out)),
           "Random": 1.0}[method]
    return (rng.standard_normal(shape) * std).astype(np.float32)
