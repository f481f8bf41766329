"""NetInitialize: random weights, zero biases, reproducible from a numpy Generator."""
import numpy as np

from .errors import NetError, show
from .shapes import is_fixed

METHODS = ("Kaiming", "Xavier", "Random")


def initialize(net, rng: np.random.Generator, method="Kaiming", overwrite=False):
    """A copy of net with its missing arrays filled (every array when overwrite).

    Weights of dimensions {out, in, ...} are normal with standard deviation
    sqrt(2/fan_in) (Kaiming), sqrt(2/(fan_in+fan_out)) (Xavier) or 1 (Random);
    arrays named "Biases" are zero.
    """
    if method not in METHODS:
        raise NetError("NetInitialize", "invarg",
                       f"the method {show(method)} should be one of {', '.join(METHODS)}.")
    current, shapes = net.arrays(), net.array_shapes()
    todo = [p for p in shapes if overwrite or current[p] is None]
    unknown = [p for p in todo if not is_fixed(shapes[p])]
    if unknown:
        raise NetError("NetInitialize", "nninit", "the net cannot be initialised while "
                       f"the dimensions of {', '.join('/'.join(map(str, p)) for p in unknown)}"
                       " are not known; give the input dimensions.")
    return net.with_arrays({p: _fill(p[-1], shapes[p], rng, method) for p in todo})


def _fill(name, shape, rng, method):
    if name == "Biases" or not shape:
        return np.zeros(shape, dtype=np.float32)
    fan_out = shape[0]
    fan_in = int(np.prod(shape[1:])) if len(shape) > 1 else shape[0]
    std = {"Kaiming": np.sqrt(2 / fan_in), "Xavier": np.sqrt(2 / (fan_in + fan_out)),
           "Random": 1.0}[method]
    return (rng.standard_normal(shape) * std).astype(np.float32)
