"""How many numbers one example occupies while a net computes, for the memory budget.

A pass keeps every port of every layer (a sequence dimension counted at the length of
the data) and each layer's working space beyond its ports (``Layer.work_shapes``: the
gathered windows of a convolution, the gate values of a recurrent layer at every step).
The caller multiplies by the batch size and the bytes of a number and asks the budget
before anything runs, so a ConvolutionLayer with a huge kernel or an LSTM over a long
sequence is refused with a message instead of exhausting the machine's memory.
"""
from __future__ import annotations

import math

from .operators import Fold, MapOp, NestOp
from .shapes import VARYING


def example_values(net, length: int = 1) -> int:
    """The numbers one example occupies in a pass of net over sequences of ``length``."""
    children = net.children()
    if children:
        inner = sum(example_values(c, length) for c in children.values())
        if isinstance(net, NestOp):
            return inner * net.count
        return inner * length if isinstance(net, (MapOp, Fold)) else inner
    shapes = [*net.input_ports().values(), *net.output_ports().values(),
              *getattr(net, "work_shapes", lambda: ())()]
    return max(1, sum(_size(s, length) for s in shapes))


def _size(shape, length: int) -> int:
    return math.prod(length if d == VARYING else d if isinstance(d, int) else 1
                     for d in shape or ())


def longest(inputs: dict, shapes: dict) -> int:
    """The longest sequence in a batch of inputs ({port: array or list of arrays}) for
    ports of these shapes (1 when none varies)."""
    most = 1
    for port, value in inputs.items():
        shape = shapes.get(port) or ()
        for axis, d in enumerate(shape):
            if d != VARYING:
                continue
            if isinstance(value, list):
                most = max([most] + [v.shape[axis] for v in value if v.ndim > axis])
            elif value.ndim > axis + 1:
                most = max(most, value.shape[axis + 1])
    return most
