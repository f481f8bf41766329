"""Containers and operators: NetChain and NetGraph become their nodes' operators wired
tensor to tensor; NetBidirectionalOperator its two nets, the backward one between
reversals of the sequence axis (Slice with step -1: a model's batch has one length),
their outputs joined (Concat), added or averaged; NetFoldOperator and NetMapOperator a Scan over the sequence axis (the
batch stays first: scan axes 1), whose body is the inner net (the fold's state its one
state variable, zeros when not given); NetNestOperator a Loop run a fixed number of
times. The inner net's weights stay initialisers of the main graph, which a body may
read. Scans and Loops of this form read back as the operators."""
import numpy as np
from onnx import TensorProto, helper

from ....nets.bidirectional import PREFIXES, sequential
from ....nets.operators import Fold, MapOp, NestOp
from ..builder import tensor_info
from . import Read, emit, exports, reads


@exports("NetChain", "NetGraph")
def container(b, net, ins):
    values = {(None, p): t for p, t in ins.items()}
    feeds, outputs = {}, {}
    for src, (key, port) in net.connections():
        if key is None:
            outputs[port] = src
        else:
            feeds.setdefault(key, {})[port] = src
    nodes = net.children()
    for key in net.order:
        with b.scope(key):
            out = emit(b, nodes[key], {p: values[s] for p, s in feeds.get(key, {}).items()})
        values.update({(key, p): t for p, t in out.items()})
    return {p: values[src] for p, src in outputs.items()}


def reversed_sequence(b, x):
    big = np.iinfo(np.int64).max
    return b.op("Slice", [x, b.ints([-1], "starts"), b.ints([-big], "ends"),
                          b.ints([1], "axes"), b.ints([-1], "steps")], "reversed")


@exports("NetBidirectionalOperator")
def bidirectional(b, op, ins):
    nets, outs = op.children(), {}
    seq = sequential(op.input_ports()["Input"], nets["ForwardNet"].output_ports()["Output"])
    for key, net in nets.items():
        prefix = PREFIXES[key]
        x = ins["Input"] if key == "ForwardNet" else reversed_sequence(b, ins["Input"])
        given = {p: ins[prefix + p] for p in net.state_ports() if ins.get(prefix + p)}
        with b.scope(key):
            result = emit(b, net, {"Input": x, **given})
        y = result["Output"]
        outs[key] = reversed_sequence(b, y) if key == "BackwardNet" and seq else y
        outs.update({prefix + p: result[p] for p in net.state_ports()})
    f, back = outs.pop("ForwardNet"), outs.pop("BackwardNet")
    if op.aggregation == "Catenate":
        y = b.op("Concat", [f, back], "joined", axis=2 if seq else 1)
    else:
        y = b.op("Add", [f, back], "total")
        if op.aggregation == "Mean":
            y = b.op("Mul", [y, b.const(np.float32(0.5), "half")], "mean")
    return {"Output": y, **outs}


def zeros(b, like, shape):
    """Zeros of a wlnet shape for each example of the batch of ``like``."""
    batch = b.op("Shape", [like], "batch", end=1)
    dims = b.op("Concat", [batch, b.ints(list(shape))], "dims", axis=0)
    return b.op("ConstantOfShape", [dims], "zeros",
                value=helper.make_tensor("zero", TensorProto.FLOAT, [1], [0.0]))


def _body(b, inner, states, scanned, outputs):
    """The Scan body computing ``inner`` on one step: graph inputs are the states, then
    an element of each scanned port; graph outputs the new states (what the inner net
    gives at the ports in ``states``' values), then an element of each output."""
    body = b.body()
    ins, shapes = {}, inner.input_ports()
    with body.scope("Net"):
        for port in list(states) + scanned:
            ins[port] = body.fresh(port)
        out = emit(body, inner, ins)
        news = [body.op("Identity", [out[src]], f"new_{port}") for port, src in states.items()]
        seqs = [body.op("Identity", [out[p]], p) for p in outputs]
    inner_out = inner.output_ports()
    graph_in = [tensor_info(ins[p], shapes[p]) for p in list(states) + scanned]
    graph_out = [tensor_info(t, shapes[p]) for t, p in zip(news, states)] + \
        [tensor_info(t, inner_out[p]) for t, p in zip(seqs, outputs)]
    return body.graph(b.fresh("body"), graph_in, graph_out)


@exports("NetFoldOperator", "NetMapOperator")
def scan(b, op, ins):
    inner = op.net
    states = {"State": "Output"} if isinstance(op, Fold) else {}
    scanned = [p for p in inner.input_ports() if p not in states]
    outputs = list(inner.output_ports())
    body = _body(b, inner, states, scanned, outputs)
    initial = [ins.get(p) or zeros(b, ins[scanned[0]], inner.input_ports()[p]) for p in states]
    results = b.op("Scan", initial + [ins[p] for p in scanned], "scan",
                   outputs=len(states) + len(outputs), body=body,
                   num_scan_inputs=len(scanned), scan_input_axes=[1] * len(scanned),
                   scan_output_axes=[1] * len(outputs))
    results = results if isinstance(results, list) else [results]
    return dict(zip(list(states) + outputs, results))


@exports("NetNestOperator")
def nest(b, op, ins):
    inner, shape = op.net, op.net.input_ports()["Input"]
    body = b.body()
    with body.scope("Net"):
        step, go, x = body.fresh("iteration"), body.fresh("condition"), body.fresh("Input")
        y = emit(body, inner, {"Input": x})["Output"]
        go_on = body.op("Identity", [go], "condition")
        y = body.op("Identity", [y], "Output")
    graph = body.graph(b.fresh("body"), [
        tensor_info(step, (), batch=False, elem=TensorProto.INT64),
        tensor_info(go, (), batch=False, elem=TensorProto.BOOL), tensor_info(x, shape)],
        [tensor_info(go_on, (), batch=False, elem=TensorProto.BOOL), tensor_info(y, shape)])
    count = b.const(np.int64(op.count), "count", np.int64)
    return {"Output": b.op("Loop", [count, "", ins["Input"]], "nest", body=graph)}


# -- reading --------------------------------------------------------------------------------

@reads("Scan")
def read_scan(r, node):
    a = r.attrs(node)
    n_scan = a["num_scan_inputs"]
    n_state = len(node.input) - n_scan
    n_out = len(node.output) - n_state
    if a.get("scan_input_axes", [0] * n_scan) != [1] * n_scan or \
            a.get("scan_output_axes", [0] * n_out) != [1] * n_out or \
            any(a.get("scan_input_directions", [])) or \
            any(a.get("scan_output_directions", [])) or n_state > 1:
        raise r.unsupported(node, "only a scan over the axis after the batch, forwards, "
                                  "with at most one state, reads as NetFoldOperator or "
                                  "NetMapOperator")
    body = a["body"]
    b_in = [v.name for v in body.input]
    b_out = [v.name for v in body.output]
    scanned = [f"Input{i}" if n_scan > 1 else "Input" for i in range(1, n_scan + 1)]
    if n_state == 0:
        outs = [f"Output{i}" if n_out > 1 else "Output" for i in range(1, n_out + 1)]
        inner = r.sub(body).net(dict(zip(b_in, scanned)), dict(zip(b_out, outs)))
        return Read(MapOp(inner), list(zip(scanned, node.input)), outs)
    sub = r.sub(body)
    if n_out < 1 or sub.resolve(b_out[0]) != sub.resolve(b_out[1]):
        raise r.unsupported(node, "a scan with a state reads as NetFoldOperator only when "
                                  "its first output is the sequence of states")
    extra = [f"Output{i}" for i in range(2, n_out + 1)]
    inner = sub.net(dict(zip(b_in, ["State"] + scanned)),
                    dict(zip([b_out[0]] + b_out[2:], ["Output"] + extra)))
    ins = list(zip(scanned, node.input[1:]))
    if not r.is_zeros(node.input[0]):
        ins.append(("State", node.input[0]))
    return Read(Fold(inner), ins, ["State", "Output"] + extra)


@reads("Loop")
def read_loop(r, node):
    count = r.const(node.input[0]) if node.input[0] else None
    body = r.attrs(node)["body"]
    if count is None or count.shape != () or (len(node.input) > 1 and node.input[1] and
                                              not r.const(node.input[1])) or \
            len(node.input) != 3 or len(node.output) != 1:
        raise r.unsupported(node, "only a loop run a fixed number of times on one value "
                                  "reads as NetNestOperator")
    inner = r.sub(body).net({body.input[2].name: "Input"}, {body.output[1].name: "Output"})
    return Read(NestOp(inner, int(count)), [("Input", node.input[2])])
