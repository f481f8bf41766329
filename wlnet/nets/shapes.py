"""Port shapes: how they are written, unified and described in messages.

A shape is None (nothing known yet) or a tuple of dimensions; a dimension is an int,
VARYING (a sequence length fixed only at evaluation) or None (not known yet).
() is a single real number.
"""
from math import prod

from .errors import NetError, ShapeConflict, show

VARYING = "Varying"


def normalize(spec):
    """Turn a user shape spec (None, "Real", n, "Varying", tuple/list of dims) into a shape."""
    if spec is None:
        return None
    if spec == "Real":
        return ()
    if spec == VARYING:
        return (VARYING,)
    if isinstance(spec, int) and not isinstance(spec, bool):
        return (_dim(spec),)
    if isinstance(spec, (tuple, list)):
        return tuple(_dim(d) for d in spec)
    raise ValueError(f"{show(spec)} is not a shape")


def port_shape(head, spec):
    """normalize, with a bad spec reported as the head's invarg message."""
    try:
        return normalize(spec)
    except ValueError:
        raise NetError(head, "invarg", f"{show(spec)} is not a valid shape.") from None


def _dim(d):
    if d is None or d == VARYING:
        return d
    if isinstance(d, int) and not isinstance(d, bool) and d >= 1:
        return int(d)
    raise ValueError(f"{show(d)} is not a dimension")


def unify(a, b):
    """The most specific shape compatible with both, or ShapeConflict."""
    if a is None:
        return b
    if b is None or a == b:
        return a
    if len(a) != len(b):
        raise ShapeConflict(a, b)
    return tuple(_unify_dim(x, y, a, b) for x, y in zip(a, b))


def _unify_dim(x, y, a, b):
    if x is None or x == y:
        return y
    if y is None:
        return x
    if x == VARYING and isinstance(y, int):
        return y
    if y == VARYING and isinstance(x, int):
        return x
    raise ShapeConflict(a, b)


def is_complete(shape) -> bool:
    """Known up to sequence lengths, which are only known at evaluation."""
    return shape is not None and all(d is not None for d in shape)


def is_fixed(shape) -> bool:
    """Every dimension a number: the shape of an array."""
    return shape is not None and all(isinstance(d, int) for d in shape)


def size(shape) -> int:
    return prod(shape)


def describe(shape) -> str:
    """Words for a shape, as messages show it."""
    if shape is None:
        return "an unknown shape"
    if shape == ():
        return "a real number"
    if shape[0] == VARYING or (len(shape) > 1 and shape[0] is None):
        inner = describe(shape[1:]).removeprefix("a ").removeprefix("an ")
        return f"a sequence of {_plural(inner)}"
    dims = "×".join("?" if d is None else str(d) for d in shape)
    if len(shape) == 1:
        return f"a vector of size {dims}"
    if len(shape) == 2:
        return f"a matrix of size {dims}"
    return f"an array of dimensions {dims}"


def _plural(words: str) -> str:
    head, _, rest = words.partition(" ")
    plural = {"matrix": "matrices", "real": "real"}.get(head, head + "s")
    if head == "real":
        return "real numbers"
    return f"{plural} {rest}".strip()


def matches(shape, dims) -> bool:
    """Does an actual array shape (without batch axis) fit a port shape?"""
    if shape is None:
        return True
    if len(shape) != len(dims):
        return False
    return all(s is None or s == VARYING or s == d for s, d in zip(shape, dims))
