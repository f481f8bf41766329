"""The ONNX form of each kind of net, one small mapping per kind, with its reading back
beside it. A module here registers, for the heads it knows,

    @exports(head)      fn(b, net, ins) -> outs: the ONNX nodes computing the net
                        (``b`` a GraphBuilder, ``ins``/``outs`` {port: tensor name});
                        ``emit(b, net, ins)`` writes a nested net the same way
    @unpacks(head)      fn(get) -> {array name: array}: the net's arrays from the
                        initialisers its export wrote (``get(name)``), where they are not
                        simply the arrays (LSTM's gates packed in ONNX's order)

and, for the ONNX operators a foreign graph may hold,

    @reads(op_type)     fn(r, node) -> Read: the wlnet net for one node (``r`` an
                        importer.Reader: constants, attributes, inferred shapes), or
                        Same(tensor): the node only brings that tensor into wlnet's
                        layout (the Transpose after an LSTM), or None: not this
                        reader's form (the next reader of the operator is tried)

``NOT_EXPORTED`` gives the reason for layers ONNX cannot express. Importing this package
imports every module in it, so a new module is a new mapping everywhere.
"""
import importlib
import pkgutil
from dataclasses import dataclass, field

from .. import OnnxUnsupported

EXPORTERS: dict = {}
UNPACKERS: dict = {}
READERS: dict = {}
NOT_EXPORTED: dict = {}


def exports(*heads):
    def register(fn):
        for head in heads:
            EXPORTERS[head] = fn
        return fn
    return register


def unpacks(*heads):
    def register(fn):
        for head in heads:
            UNPACKERS[head] = fn
        return fn
    return register


def reads(*ops):
    def register(fn):
        for op in ops:
            READERS.setdefault(op, []).append(fn)
        return fn
    return register


@dataclass
class Read:
    """A node of a foreign graph read as a net: ``ins`` are (port, tensor) pairs in the
    net's port order (constants left out), ``outs`` the ports of the node's outputs."""

    net: object
    ins: list
    outs: list = field(default_factory=lambda: ["Output"])


@dataclass
class Same:
    """The node's output is, in wlnet's layout, the value the net reading ``tensor``
    gives for it (an LSTM's time-major output, transposed back to batch-first)."""

    tensor: str


def emit(b, net, ins: dict) -> dict:
    """The ONNX nodes of any net (a layer, container or operator), by its head."""
    fn = EXPORTERS.get(net.head)
    if fn is None:
        reason = NOT_EXPORTED.get(net.head, "wlnet has no ONNX form for it yet")
        raise OnnxUnsupported(f"{net.head} cannot be exported to ONNX: {reason}.")
    outs = fn(b, net, ins)
    length = next((b.lengths[t] for t in ins.values() if t in b.lengths), None)
    if length is not None:
        shapes = {**net.output_ports(), **net.state_ports()}
        for port, tensor in outs.items():
            if shapes.get(port) and shapes[port][0] == "Varying":
                b.lengths.setdefault(tensor, length)
    return outs


for _module in pkgutil.iter_modules(__path__, prefix=f"{__name__}."):
    importlib.import_module(_module.name)
