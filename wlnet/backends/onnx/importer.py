"""ONNX models read back as wlnet nets.

A model wlnet wrote carries the net's description (its constructor tree, as the .wlnet
format writes it, without arrays) in its metadata; the builtins rebuild the net from it
and ``fill_arrays`` takes each array from the initialiser named by its path (or, for a
layer whose export packs its arrays, from what its mapping unpacks), so the round trip
gives the same net with every array bit for bit.

Any other model is read operator by operator (``to_net``): from the graph's outputs
back, each node that is needed becomes the net its mapping's reader gives (a Gemm a
LinearLayer, a Scan a NetFoldOperator, ...), and the nets are wired into a NetChain
when they form a line, a NetGraph otherwise. The first dimension of every tensor is
the batch; a symbolic dimension after it is a sequence ("Varying"). A node without a
wlnet form stops the import with a message that names it.
"""
import numpy as np
import onnx
from onnx import helper, numpy_helper

from ...nets.errors import NetError
from ...nets.graph import Chain, Graph
from ...nets.shapes import VARYING
from . import OnnxFormatError, OnnxUnsupported
from .mappings import READERS, UNPACKERS, Same


def parse(data: bytes) -> onnx.ModelProto:
    try:
        model = onnx.load_from_string(data)
        onnx.checker.check_model(model)
    except Exception as problem:   # noqa: BLE001 (protobuf and the checker raise many kinds)
        raise OnnxFormatError(f"the file is not a valid ONNX model ({_first_line(problem)})"
                              ) from None
    return model


def _first_line(problem) -> str:
    text = str(problem).strip().splitlines()
    return text[0] if text else type(problem).__name__


# -- models wlnet wrote -------------------------------------------------------------------------

def fill_arrays(net, model):
    """``net`` (rebuilt from the model's description) with its arrays from the model."""
    inits = {t.name: t for t in model.graph.initializer}
    arrays = {}
    for prefix, layer in _layers(net, ()):
        def get(name, prefix=prefix):
            key = "/".join(map(str, prefix + (name,)))
            if key not in inits:
                raise OnnxFormatError(f"the model has no initialiser {key!r} for its net")
            return numpy_helper.to_array(inits[key]).astype(np.float32, copy=False)
        unpack = UNPACKERS.get(layer.head)
        local = unpack(layer, get) if unpack else \
            {name: get(name) for name in layer.local_array_shapes()}
        arrays.update({prefix + (name,): a for name, a in local.items()})
    try:
        return net.with_arrays(arrays)
    except NetError as problem:
        raise OnnxFormatError(f"the model's arrays do not fit its net ({problem.text})"
                              ) from None


def _layers(net, prefix):
    if net.local_array_shapes():
        yield prefix, net
    for key, child in net.children().items():
        yield from _layers(child, prefix + (key,))


# -- any model ----------------------------------------------------------------------------------

def to_net(model):
    opset = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), 1)
    try:
        model = onnx.shape_inference.infer_shapes(model)
    except Exception:  # noqa: BLE001 (a model ONNX cannot infer is still read as it is)
        pass
    reader = Reader(model.graph, opset)
    inputs = [v.name for v in model.graph.input if v.name not in reader.consts]
    return reader.net({name: name for name in inputs},
                      {v.name: v.name for v in model.graph.output})


class Reader:
    """One graph (the model's, or a Scan's or Loop's body, which sees the values of the
    graphs around it): its constants, aliases (Identity), producers and shapes, and the
    nets its nodes read as."""

    def __init__(self, graph, opset, outer: "Reader | None" = None):
        self.graph, self.opset = graph, opset
        self.consts = dict(outer.consts) if outer else {}
        self.shapes = dict(outer.shapes) if outer else {}
        self.alias, self.producer = {}, {}
        self.consts.update({t.name: numpy_helper.to_array(t) for t in graph.initializer})
        for v in list(graph.input) + list(graph.value_info) + list(graph.output):
            self.shapes[v.name] = _shape(v)
        for node in graph.node:
            if node.op_type == "Constant" and node.attribute[0].name == "value":
                self.consts[node.output[0]] = numpy_helper.to_array(node.attribute[0].t)
            elif node.op_type == "Identity":
                self.alias[node.output[0]] = node.input[0]
            else:
                for i, name in enumerate(node.output):
                    self.producer[name] = (node, i)

    # -- what readers ask ----------------------------------------------------------------
    def resolve(self, name: str) -> str:
        while name in self.alias:
            name = self.alias[name]
        return name

    def const(self, name: str):
        return self.consts.get(self.resolve(name)) if name else None

    def shape(self, name: str):
        return self.shapes.get(name) or self.shapes.get(self.resolve(name))

    @staticmethod
    def attrs(node) -> dict:
        out = {}
        for a in node.attribute:
            v = helper.get_attribute_value(a)
            out[a.name] = v.decode() if isinstance(v, bytes) else v
        return out

    @staticmethod
    def number(v: float):
        """A float32 number as the shortest decimal that gives it (0.1, not
        0.10000000149011612), an integer when it is one."""
        v = float(str(np.float32(v)))
        return int(v) if v.is_integer() else v

    def made_by(self, name: str, op_type: str):
        """The node of that type computing the tensor, or None."""
        found = self.producer.get(self.resolve(name))
        return found[0] if found and found[0].op_type == op_type else None

    def is_zeros(self, name: str) -> bool:
        """A tensor of zeros (a recurrent state nobody gave)."""
        node = self.made_by(name, "ConstantOfShape")
        if node is not None:
            value = self.attrs(node).get("value")
            return value is None or not np.any(numpy_helper.to_array(value))
        c = self.const(name)
        return c is not None and not np.any(c)

    @staticmethod
    def unsupported(node, why: str) -> OnnxUnsupported:
        return OnnxUnsupported(f"the {node.op_type} node {node.name or node.output[0]!r} "
                               f"has no wlnet form: {why}.")

    def sub(self, graph) -> "Reader":
        return Reader(graph, self.opset, self)

    # -- the net ---------------------------------------------------------------------------
    def net(self, inputs: dict, outputs: dict):
        """The net computing ``outputs`` ({tensor: port name}) from ``inputs`` ({tensor:
        port name}): one layer, a NetChain of a line of them, or a NetGraph."""
        self._ins = {self.resolve(t): p for t, p in inputs.items()}
        self._reads, self._made = [], {}
        sources = {port: self._source(t) for t, port in outputs.items()}
        if any(src[0] is None for src in sources.values()):
            raise OnnxUnsupported("an output of the ONNX graph is one of its inputs, which "
                                  "no wlnet net gives.")
        shapes = {p: self.shape(t) for t, p in inputs.items()}
        try:
            return self._assemble(sources, shapes)
        except NetError as problem:
            raise OnnxUnsupported(f"the ONNX graph's layers do not fit together "
                                  f"({problem.text})") from None

    def _source(self, tensor):
        """(index of the net, port) or (None, input port) of the value of ``tensor``."""
        tensor = self.resolve(tensor)
        if tensor in self._ins:
            return (None, self._ins[tensor])
        if tensor in self._made:
            return self._made[tensor]
        found = self.producer.get(tensor)
        if found is None:
            raise OnnxUnsupported(f"the value {tensor!r} of the ONNX graph is neither an "
                                  "input nor computed from one.")
        node, _ = found
        read = None
        if node.domain in ("", "ai.onnx"):
            read = next((r for r in (fn(self, node) for fn in READERS.get(node.op_type, ()))
                         if r is not None), None)
        if read is None:
            raise self.unsupported(node, "wlnet has no layer for this operator in this form")
        if isinstance(read, Same):
            self._made[tensor] = self._source(read.tensor)
            return self._made[tensor]
        wires = [(port, self._source(t)) for port, t in read.ins]
        index = len(self._reads)
        self._reads.append((read, wires))
        for name, port in zip(node.output, read.outs):
            self._made[name] = (index, port)
        return self._made[tensor]

    def _assemble(self, sources, shapes):
        reads = self._reads
        line = len(shapes) == 1 and len(sources) == 1 and all(
            len(wires) == 1 and wires[0][1] == ((None, next(iter(shapes))) if i == 0
                                                else (i - 1, reads[i - 1][0].outs[0]))
            for i, (read, wires) in enumerate(reads)) and \
            next(iter(sources.values())) == (len(reads) - 1, reads[-1][0].outs[0])
        if line and all(r.outs == ["Output"] for r, _ in reads):
            port, shape = reads[0][1][0][0], next(iter(shapes.values()))
            given = {port: shape} if shape is not None else {}
            return reads[0][0].net.refine(given, {}) if len(reads) == 1 else \
                Chain([r.net for r, _ in reads], ports=given)
        if len(reads) == 1 and all(src == (None, p) for p, src in reads[0][1]) and \
                all(src == (0, p) for p, src in sources.items()):
            return reads[0][0].net.refine({p: s for p, s in shapes.items() if s}, {})
        nodes = [r.net for r, _ in reads]
        edges = [(_end(src), ("node", i + 1, port))
                 for i, (_, wires) in enumerate(reads) for port, src in wires]
        edges += [(_end(src), ("port", port)) for port, src in sources.items()]
        return Graph(nodes, edges, ports={p: s for p, s in shapes.items() if s is not None})


def _end(source):
    index, port = source
    return ("port", port) if index is None else ("node", index + 1, port)


def _shape(value_info):
    """The wlnet shape (without the batch dimension) of a tensor, or None."""
    t = value_info.type.tensor_type
    if not t.HasField("shape"):
        return None
    dims = list(t.shape.dim)[1:]
    return tuple(d.dim_value if d.HasField("dim_value") else
                 VARYING if d.HasField("dim_param") else None for d in dims)
