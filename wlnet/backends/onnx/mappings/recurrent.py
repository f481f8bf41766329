"""LongShortTermMemoryLayer, GatedRecurrentLayer and BasicRecurrentLayer as ONNX's LSTM,
GRU and RNN operators (forward, one direction, inference: dropout is off).

ONNX stacks each gate's weights in its own order: LSTM i, o, f, c (Wolfram's input,
output, forget and memory gates, its own order); GRU z, r, h (the input, reset and
memory gates), with ``linear_before_reset=1``: the reset gate multiplies the memory
gate's state product, as in Wolfram's and wlnet's GRU, whose state product has no bias
(ONNX's Rbh is zeros). The arrays are written packed, W (input weights), R (state
weights) and B (the biases, then zeros for ONNX's second set), and unpacked on Import.
ONNX's operators take time-major sequences (onnxruntime refuses ``layout=1``), so a
Transpose goes before and after; a "State" (and "CellState") given inside a net is the
initial state, else zeros; the final states are the layer's state outputs."""
import numpy as np

from ....nets.layers.basic_recurrent import BasicRecurrentLayer
from ....nets.layers.gru import GatedRecurrentLayer
from ....nets.layers.lstm import LongShortTermMemoryLayer
from . import Read, Same, exports, reads, unpacks

OPERATORS = {"LongShortTermMemoryLayer": ("LSTM", ("InputGate", "OutputGate", "ForgetGate",
                                                   "MemoryGate")),
             "GatedRecurrentLayer": ("GRU", ("InputGate", "ResetGate", "MemoryGate")),
             "BasicRecurrentLayer": ("RNN", ("",))}
LAYERS = {"LSTM": LongShortTermMemoryLayer, "GRU": GatedRecurrentLayer,
          "RNN": BasicRecurrentLayer}


def _packed(layer):
    _, gates = OPERATORS[layer.head]
    a = layer.local_arrays()
    n = layer.size
    w = np.concatenate([a[g + "InputWeights"] for g in gates])[None]
    r = np.concatenate([a[g + "StateWeights"] for g in gates])[None]
    b = np.concatenate([a[g + "Biases"] for g in gates] + [np.zeros(n * len(gates))])[None]
    return w, r, b


@exports(*OPERATORS)
def recurrent(b, layer, ins):
    op, _ = OPERATORS[layer.head]
    w, r, bias = _packed(layer)
    x = b.op("Transpose", [ins["Input"]], "time_major", perm=[1, 0, 2])
    states = [b.op("Unsqueeze", [ins[p], b.ints([0], "axes")]) if ins.get(p) else ""
              for p in layer.states]
    extra = {"linear_before_reset": 1} if op == "GRU" else {}
    args = [x, b.param("W", w), b.param("R", r), b.param("B", bias), "", *states]
    outs = b.op(op, args, op.lower(), outputs=1 + len(layer.states),
                hidden_size=layer.size, **extra)
    y = b.op("Squeeze", [outs[0], b.ints([1], "axes")])
    result = {"Output": b.op("Transpose", [y], "batch_major", perm=[1, 0, 2])}
    for port, state in zip(layer.states, outs[1:]):
        result[port] = b.op("Squeeze", [state, b.ints([0], "axes")], port)
    return result


@unpacks(*OPERATORS)
def unpack(layer, get):
    _, gates = OPERATORS[layer.head]
    n = layer.size
    w, r, bias = get("W")[0], get("R")[0], get("B")[0]
    out = {}
    for j, g in enumerate(gates):
        rows = slice(j * n, (j + 1) * n)
        out.update({g + "InputWeights": w[rows], g + "StateWeights": r[rows],
                    g + "Biases": bias[rows]})
    return out


# -- reading: the operators in the form the export writes -------------------------------

@reads("LSTM", "GRU", "RNN")
def read_recurrent(r, node):
    """The layer of a forward recurrent operator with constant weights and the default
    activations, whose time-major input is a Transpose of a batch-first sequence."""
    a, op = r.attrs(node), node.op_type
    w, rw = r.const(node.input[1]), r.const(node.input[2])
    bias = r.const(node.input[3]) if len(node.input) > 3 and node.input[3] else None
    before = r.made_by(node.input[0], "Transpose")
    given = [x for x in node.input[4:] if x]
    if w is None or rw is None or w.shape[0] != 1 or a.get("direction", "forward") != \
            "forward" or "activations" in a or "clip" in a or before is None or \
            list(r.attrs(before)["perm"]) != [1, 0, 2] or given or \
            (op == "GRU" and not a.get("linear_before_reset", 0)) or \
            (op == "LSTM" and a.get("input_forget", 0)):
        raise r.unsupported(node, "only a forward operator with constant weights, the "
                                  "default activations, no initial state or sequence "
                                  "lengths, on a batch-first sequence transposed to time-"
                                  "major, reads as a recurrent layer")
    n, gates = a["hidden_size"], OPERATORS[LAYERS[op].head][1]
    bias = np.zeros((1, 2 * len(gates) * n), np.float32) if bias is None else bias
    arrays = {}
    for j, g in enumerate(gates):
        rows = slice(j * n, (j + 1) * n)
        recurrent_bias = bias[0, (len(gates) + j) * n:(len(gates) + j + 1) * n]
        if op == "GRU" and g == "MemoryGate" and np.any(recurrent_bias):
            raise r.unsupported(node, "a GRU's memory gate has no state bias in wlnet")
        arrays.update({g + "InputWeights": w[0, rows], g + "StateWeights": rw[0, rows],
                       g + "Biases": bias[0, rows] + (0 if op == "GRU" and
                                                      g == "MemoryGate" else recurrent_bias)})
    layer = LAYERS[op].build([n], {"Input": r.shape(before.input[0]), **arrays})
    return Read(layer, [("Input", before.input[0])],
                ["Output"] + list(layer.states)[:len(node.output) - 1])


@reads("Squeeze")
def read_squeeze(r, node):
    """The squeeze of a recurrent operator's output: its value, in wlnet's layout."""
    axes = r.const(node.input[1]) if len(node.input) > 1 else None
    found = r.producer.get(r.resolve(node.input[0]))
    if found is None or found[0].op_type not in LAYERS or axes is None or \
            list(np.ravel(axes)) != [1 if found[1] == 0 else 0]:
        return None
    return Same(node.input[0])


@reads("Transpose")
def read_transpose(r, node):
    """The Transpose back to batch-first of a recurrent operator's squeezed output."""
    squeeze = r.made_by(node.input[0], "Squeeze")
    if squeeze is None or list(r.attrs(node).get("perm", [])) != [1, 0, 2] or \
            read_squeeze(r, squeeze) is None:
        return None
    return Same(node.input[0])
