"""A layer's arrays, declared as data: name, dimensions, initialiser kind, trainable.

The dimensions are terms over the layer's port shapes, read in both directions: from
known ports they give the array's shape (what NetInitialize creates and what a given
array must have), and from a given array they fill in the ports (``LinearLayer["Weights"
-> w]`` knows its input and output sizes). Terms:

    SizeOf("Input")     one dimension: the element count of the port
    ShapeOf("Input")    all dimensions: the port's shape (ConstantTimesLayer's "Scaling")

A term needs ``value(ports) -> int | tuple | None`` and ``infer(ports, given, words)``;
a new kind of dimension (a parameter's value, one axis of a port) is a small class here.

Initialiser kinds, read by ``initialize.py`` (Wolfram's rules, see docs/nets.md):
"Weights" (random, by the NetInitialize method), "Biases" and "Zeros" (0), "Scaling" and
"Ones" (1). Non-trainable arrays (BatchNormalization's moving statistics) are never
handed to the optimiser.
"""
from dataclasses import dataclass

from .arguments import Array, Param
from .base import fit
from .errors import ShapeConflict
from .shapes import describe, is_fixed, size, unify

INITIALIZERS = ("Weights", "Biases", "Zeros", "Scaling", "Ones")


def port_words(port: str) -> str:
    return {"Input": "the input", "Output": "the output"}.get(port, f"the port {port}")


class SizeOf:
    """One dimension of an array: the number of elements of a port."""

    def __init__(self, port: str):
        self.port = port

    def value(self, ports):
        shape = ports.get(self.port)
        return size(shape) if is_fixed(shape) else None

    def infer(self, ports, n, words):
        shape = ports[self.port]
        if shape is None:
            ports[self.port] = (n,)
        elif is_fixed(shape) and size(shape) != n:
            raise ShapeConflict(f"{port_words(self.port)} is {describe(shape)} ({size(shape)} "
                                f"elements) but there are {n} {words}.")
        elif len(shape) == 1:
            ports[self.port] = unify(shape, (n,))


class ShapeOf:
    """Every dimension of an array: a port's shape."""

    def __init__(self, port: str):
        self.port = port

    def value(self, ports):
        shape = ports.get(self.port)
        return shape if is_fixed(shape) else None

    def infer(self, ports, shape, words):
        ports[self.port] = fit(ports[self.port], shape, f"{port_words(self.port)} and {words}")


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

    def shape(self, ports: dict):
        """The array's shape given the port shapes, None while some are unknown."""
        if not isinstance(self.dims, tuple):
            return self.dims.value(ports)
        dims = tuple(term.value(ports) for term in self.dims)
        return None if None in dims else dims

    def infer(self, ports: dict, shape: tuple) -> dict:
        """The port shapes refined by a given array of this shape (ShapeConflict if it
        does not fit them)."""
        ports = dict(ports)
        if not isinstance(self.dims, tuple):
            self.dims.infer(ports, shape, f"the {self.name}")
            return ports
        for axis, (term, n) in enumerate(zip(self.dims, shape)):
            term.infer(ports, n, f"{_axis_words(axis, len(shape))} of the {self.name}")
        return ports
