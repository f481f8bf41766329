"""GraphBuilder: the ONNX graph a net is written into, through onnx.helper.

Every tensor has a batch dimension first, as in wlnet's runtime ("batch" in the model's
shapes); a sequence dimension ("Varying" in wlnet) is a symbolic dimension named after
the input it comes from ("n", "n2", ...). A Scan's or Loop's body is a builder of its
own (``body()``) that shares the model's names and initialisers, so a body may use the
weights of the main graph (ONNX's outer-scope values) and no name is ever reused.

A wlnet array becomes an initialiser named by its path ("l1/Weights", "Net/2/Biases");
what a mapping needs besides (shapes, axes, numbers) gets a fresh name.
"""
from contextlib import contextmanager

import numpy as np
from onnx import TensorProto, helper, numpy_helper

from ...nets.shapes import VARYING

BATCH = "batch"


class GraphBuilder:
    def __init__(self, parent: "GraphBuilder | None" = None):
        self.names = parent.names if parent else set()
        self.initializers = parent.initializers if parent else []
        self.lengths = parent.lengths if parent else {}   # tensor -> its sequence symbol
        self.path = parent.path if parent else ()
        self.nodes = []

    # -- names -----------------------------------------------------------------------------
    def fresh(self, hint: str) -> str:
        """A name no tensor of the model has yet, made from the hint and the current
        path ("l1/shape", "l1/shape_2")."""
        base = "/".join([str(k) for k in self.path] + [hint])
        name, i = base, 1
        while name in self.names:
            i += 1
            name = f"{base}_{i}"
        self.names.add(name)
        return name

    def reserve(self, name: str) -> str:
        if name in self.names:
            raise ValueError(f"the name {name!r} is used twice")
        self.names.add(name)
        return name

    @contextmanager
    def scope(self, key):
        """Names and arrays below a node key of a container, "Net" of an operator."""
        saved = self.path
        self.path = saved + (key,)
        try:
            yield
        finally:
            self.path = saved

    # -- values ------------------------------------------------------------------------------
    def param(self, name: str, value) -> str:
        """An array of the current layer as an initialiser named by its path."""
        full = "/".join([str(k) for k in self.path] + [name])
        self.initializers.append(numpy_helper.from_array(
            np.ascontiguousarray(value, dtype=np.float32), self.reserve(full)))
        return full

    def const(self, value, hint: str = "const", dtype=np.float32) -> str:
        """A constant (a shape, an index, a number) as an initialiser."""
        name = self.fresh(hint)
        self.initializers.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), name))
        return name

    def ints(self, values, hint: str = "shape") -> str:
        return self.const(np.asarray(values, dtype=np.int64), hint, np.int64)

    def op(self, op_type: str, inputs, hint: str | None = None, outputs: int = 1,
           output_name: str | None = None, **attrs):
        """Add a node; its output name (a list of them when ``outputs`` > 1), made from
        the hint unless ``output_name`` (already reserved) is given."""
        names = [output_name] if output_name else \
            [self.fresh(hint or op_type.lower()) for _ in range(outputs)]
        self.nodes.append(helper.make_node(op_type, list(inputs), names,
                                           name=self.fresh(f"{op_type}_node"), **attrs))
        return names[0] if outputs == 1 else names

    # -- graphs ----------------------------------------------------------------------------
    def body(self) -> "GraphBuilder":
        return GraphBuilder(self)

    def graph(self, name: str, inputs: list, outputs: list, initializers=()):
        return helper.make_graph(self.nodes, name, inputs, outputs,
                                 initializer=list(initializers))


def tensor_info(name: str, shape, length: str | None = None, batch=True,
                elem=TensorProto.FLOAT):
    """The value info of a tensor of wlnet shape ``shape`` (None: unknown rank); a
    "Varying" dimension is the symbol ``length`` (unknown if None)."""
    if shape is None:
        return helper.make_tensor_value_info(name, elem, None)
    dims = [BATCH] if batch else []
    dims += [(length if d == VARYING else None) if not isinstance(d, int) else d
             for d in shape]
    return helper.make_tensor_value_info(name, elem, dims)
