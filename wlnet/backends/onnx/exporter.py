"""A net as an ONNX model: inputs and outputs named by the net's ports, a batch
dimension first ("batch"), sequence dimensions symbolic ("n", "n2", ...); the net's
arrays as initialisers named by their paths; what the net computes in inference mode
(DropoutLayer is the identity). A recurrent state port is not an input (the state starts
at zeros, as when wlnet is not given one) but its final value is an output."""
import onnx
from onnx import helper

from ...nets.shapes import VARYING, is_complete
from ...version import __version__
from . import IR_VERSION, OPSET, OnnxUnsupported
from .builder import GraphBuilder, tensor_info
from .mappings import emit


def to_model(net, metadata: dict) -> onnx.ModelProto:
    _check_ready(net)
    b = GraphBuilder()
    inputs, symbols = [], iter(["n"] + [f"n{i}" for i in range(2, 100)])
    for port, shape in net.input_ports().items():
        b.reserve(port)
        if VARYING in shape:
            b.lengths[port] = next(symbols)
        inputs.append(tensor_info(port, shape, b.lengths.get(port)))
    out_shapes = {**net.output_ports(), **net.state_ports()}
    for port in out_shapes:
        try:
            b.reserve(port)
        except ValueError:
            raise OnnxUnsupported(f"the output port {port} has the name of an input port, "
                                  "and ONNX names each value once.") from None
    outs = emit(b, net, {p: p for p in net.input_ports()})
    outputs = []
    for port, shape in out_shapes.items():
        b.op("Identity", [outs[port]], output_name=port)
        outputs.append(tensor_info(port, shape, b.lengths.get(outs[port])))
    graph = b.graph("wlnet", inputs, outputs, b.initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              ir_version=IR_VERSION, producer_name="wlnet",
                              producer_version=__version__)
    helper.set_model_props(model, metadata)
    onnx.checker.check_model(model)
    return model


def _check_ready(net):
    missing = [p for p, a in net.arrays().items() if a is None]
    if missing:
        raise OnnxUnsupported("the net's arrays are not all initialised (" + ", ".join(
            "/".join(map(str, p)) for p in missing[:3]) + "); use NetInitialize first.")
    unknown = [p for p, s in {**net.input_ports(), **net.output_ports()}.items()
               if not is_complete(s)]
    if unknown:
        raise OnnxUnsupported(f"the shape of the port {unknown[0]} is not known; give the "
                              "net's input shapes.")
