"""A layer's arrays, declared as data: name, dimensions, initialiser kind, trainable.

The dimensions are terms over the layer's port shapes, read in both directions: from
known ports they give the array's shape (what NetInitialize creates and what a given
array must have), and from a given array they fill in the ports (``LinearLayer["Weights"
-> w]`` knows its input and output sizes). Terms:

    SizeOf("Input")     one dimension: the element count of the port
    AxisOf("Input", -1) one dimension: one axis of the port (a recurrent layer's input
                        size, the last axis of its sequence of vectors)
    ShapeOf("Input")    all dimensions: the port's shape (ConstantTimesLayer's "Scaling")
    Derived(m, f)       all dimensions, computed by the layer's method m from its ports
                        and parameters (ConvolutionLayer's "Weights": {out, in/groups,
                        kernel...}); its method f refines the ports from a given array
    ValueOf("Size")     one dimension: the value of one of the layer's parameters
                        (EmbeddingLayer's "ClassCount" and "Size"); a given array sets
                        the parameter when it is not given itself

A term needs ``value(ports, layer) -> int | tuple | None`` and ``infer(ports, given,
words, layer)`` (``layer``: the layer the array belongs to); a new kind of dimension is
a small class here.

Initialiser kinds, read by ``initialize.py`` (Wolfram's rules, see docs/nets.md):
"Weights" (random, by the NetInitialize method), "Biases" and "Zeros" (0), "Scaling" and
"Ones" (1), "ByRank" (Wolfram's rule for arrays of other names: a matrix is random like
weights, anything else 0). Non-trainable arrays (BatchNormalization's moving statistics) are never
handed to the optimiser.
"""
from dataclasses import dataclass

from .arguments import Array, Param
from .base import fit
from .errors import ShapeConflict
from .shapes import describe, is_fixed, size, unify

INITIALIZERS = ("Weights", "Biases", "Zeros", "Scaling", "Ones", "ByRank")


def port_words(port: str) -> str:
    return {"Input": "the input", "Output": "the output"}.get(port, f"the port {port}")


class SizeOf:
    """One dimension of an array: the number of elements of a port."""

    def __init__(self, port: str):
        self.port = port

    def value(self, ports, layer=None):
        shape = ports.get(self.port)
        return size(shape) if is_fixed(shape) else None

    def infer(self, ports, n, words, layer=None):
        shape = ports[self.port]
        if shape is None:
            ports[self.port] = (n,)
        elif is_fixed(shape) and size(shape) != n:
            raise ShapeConflict(f"{port_words(self.port)} is {describe(shape)} ({size(shape)} "
                                f"elements) but there are {n} {words}.")
        elif len(shape) == 1:
            ports[self.port] = unify(shape, (n,))


class AxisOf:
    """One dimension of an array: one axis of a port whose rank the shape rule fixes."""

    def __init__(self, port: str, axis: int):
        self.port, self.axis = port, axis

    def value(self, ports, layer=None):
        shape = ports.get(self.port)
        if shape is None or not -len(shape) <= self.axis < len(shape):
            return None
        d = shape[self.axis]
        return d if isinstance(d, int) else None

    def infer(self, ports, n, words, layer=None):
        shape = ports[self.port]
        if shape is None or not -len(shape) <= self.axis < len(shape):
            return      # the rank is not known yet: the shape rule sets it first
        d = shape[self.axis]
        if isinstance(d, int) and d != n:
            raise ShapeConflict(f"{port_words(self.port)} is {describe(shape)} but there "
                                f"are {n} {words}.")
        dims = list(shape)
        dims[self.axis] = n
        ports[self.port] = tuple(dims)


class ValueOf:
    """One dimension of an array: a parameter of the layer. Terms see the parameters
    beside the ports, under the key ``("param", name)``."""

    def __init__(self, param: str, words: str | None = None):
        self.param, self.words = param, words or f"the {param}"

    @property
    def key(self):
        return ("param", self.param)

    def value(self, ports, layer=None):
        return ports.get(self.key)

    def infer(self, ports, n, words, layer=None):
        v = ports.get(self.key)
        if v is not None and v != n:
            raise ShapeConflict(f"{self.words} is {v} but there are {n} {words}.")


class ShapeOf:
    """Every dimension of an array: a port's shape."""

    def __init__(self, port: str):
        self.port = port

    def value(self, ports, layer=None):
        shape = ports.get(self.port)
        return shape if is_fixed(shape) else None

    def infer(self, ports, shape, words, layer=None):
        ports[self.port] = fit(ports[self.port], shape, f"{port_words(self.port)} and {words}")


class Derived:
    """Every dimension of an array, computed by functions of its layer (methods, given
    in the class body after them): ``shape(layer, ports)`` gives them (None while
    unknown); ``fill(layer, ports, given)`` refines the ports from a given array's
    dimensions in place, raising ShapeConflict(words) when they do not fit. Once the
    shape is known a given array must have it exactly."""

    def __init__(self, shape, fill=None):
        self.shape, self.fill = shape, fill

    def value(self, ports, layer=None):
        return self.shape(layer, ports)

    def infer(self, ports, shape, words, layer=None):
        if self.fill is not None:
            self.fill(layer, ports, tuple(shape))
        want = self.value(ports, layer)
        if want is not None and tuple(want) != tuple(shape):
            raise ShapeConflict(f"{words} should have dimensions {list(want)}, "
                                f"not {list(shape)}.")


def _axis_words(axis: int, rank: int) -> str:
    if rank == 1:
        return "elements"
    if rank == 2:
        return ("rows", "columns")[axis]
    return f"entries along dimension {axis + 1}"


@dataclass(frozen=True)
class ArraySpec:
    """One array: ``dims`` is a tuple of SizeOf terms or one ShapeOf term; ``optional``
    arrays can be left out with ``"Name" -> None`` (LinearLayer's "Biases")."""

    name: str
    dims: object
    init: str = "Weights"
    trainable: bool = True
    optional: bool = False

    def __post_init__(self):
        if self.init not in INITIALIZERS:
            raise ValueError(f"unknown initialiser kind {self.init!r}")

    @property
    def rank(self) -> int | None:
        return len(self.dims) if isinstance(self.dims, tuple) else None

    @property
    def param(self) -> Param:
        """The constructor option that gives the array its initial value."""
        return Param(self.name, Array(self.rank, self.optional), what=f"the {self.name} array")

    def shape(self, ports: dict, layer=None):
        """The array's shape given the port shapes (and the layer), None while some are
        unknown."""
        if not isinstance(self.dims, tuple):
            return self.dims.value(ports, layer)
        dims = tuple(term.value(ports, layer) for term in self.dims)
        return None if None in dims else dims

    def param_values(self, shape: tuple) -> dict:
        """{parameter: value} that an array of this shape gives (ValueOf terms)."""
        if not isinstance(self.dims, tuple):
            return {}
        return {t.param: n for t, n in zip(self.dims, shape) if isinstance(t, ValueOf)}

    def infer(self, ports: dict, shape: tuple, layer=None) -> dict:
        """The port shapes refined by a given array of this shape (ShapeConflict if it
        does not fit them)."""
        ports = dict(ports)
        if not isinstance(self.dims, tuple):
            self.dims.infer(ports, shape, f"the {self.name}", layer)
            return ports
        for axis, (term, n) in enumerate(zip(self.dims, shape)):
            term.infer(ports, n, f"{_axis_words(axis, len(shape))} of the {self.name}",
                       layer)
        return ports
