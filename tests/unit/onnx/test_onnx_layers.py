"""Every registered layer, on the examples it declares for the generic layer tests, either
exports to an ONNX model that passes onnx's full check and computes wlnet's outputs in
onnxruntime (to 1e-5, float32; sequences of several lengths), and comes back from the
file as the same net, or is refused with a message that names it."""
import numpy as np
import pytest

from wlnet.builtins.nets import onnx_files
from wlnet.builtins.nets.values import NetValue
from wlnet.nets.shapes import VARYING

from ..nets.layer_examples import CASES, example
from .conftest import (assert_runs_like_wlnet, assert_same_net, exported, need_onnx,
                       without_description)

need_onnx()

from wlnet.backends.onnx import OnnxUnsupported, to_net  # noqa: E402
from wlnet.backends.onnx.mappings import EXPORTERS, READERS  # noqa: E402

# Examples whose ONNX operators have no wlnet layer each (a loss is a few arithmetic
# operators; x^x is a power of two tensors): a foreign reader refuses them by name.
NOT_READ = {"MeanSquaredLossLayer": "Flatten", "MeanAbsoluteLossLayer": "Flatten",
            "CrossEntropyLossLayer": "Flatten"}


# Operators without readers of their own that a layer's reader reads with it.
READ_WITH = {"LinearLayer": {"Flatten"}, "EmbeddingLayer": {"Clip", "Cast"}}


def _lengths(net, inputs, n, exact=()):
    """The example's inputs with every sequence input n long (integers for the ports in
    ``exact``, class indices)."""
    rng = np.random.default_rng(n)
    out = {}
    for port, x in inputs.items():
        shape = net.input_ports()[port]
        if not (shape and shape[0] == VARYING):
            out[port] = x
        elif port in exact:
            out[port] = rng.integers(x.min(), x.max() + 1, (x.shape[0], n) + x.shape[2:])
        else:
            out[port] = rng.standard_normal((x.shape[0], n) + x.shape[2:])
    return out


def _example(head, i):
    """The example without its recurrent state inputs: a model's state starts at zeros
    (docs/onnx.md)."""
    ex, net, inputs = example(head, i)
    return ex, net, {p: x for p, x in inputs.items() if p in net.input_ports()}


# Functions with no ONNX operator or short composition of them: refused by name.
NO_ONNX_FUNCTION = ("Gamma", "LogGamma", "InverseErf", "InverseErfc")


def _refused(net):
    """The words of the refusal of a layer whose mapping refuses this example."""
    params = getattr(net, "params", {})
    if params.get("Function") in NO_ONNX_FUNCTION:
        return f"the function {params['Function']} "
    if net.head == "PaddingLayer" and params["Padding"] == "Periodic":
        return "periodic padding needs operator set 19"
    return None


@pytest.mark.parametrize("head, i", CASES)
def test_layer_exports_runs_and_reads_back(head, i):
    ex, net, inputs = _example(head, i)
    if head not in EXPORTERS:
        with pytest.raises(OnnxUnsupported, match=f"{head} cannot be exported"):
            exported(net)
        return
    if _refused(net):
        with pytest.raises(OnnxUnsupported, match=f"{head} cannot be exported to ONNX: "
                                                  f"{_refused(net)}"):
            exported(net)
        return
    model = exported(net)
    assert_runs_like_wlnet(model, net, inputs)
    if any(s and s[0] == VARYING for s in net.input_ports().values()):
        for n in (1, 6):
            assert_runs_like_wlnet(model, net, _lengths(net, inputs, n, ex.exact))
    back = onnx_files.loads(onnx_files.dumps(NetValue(net))).payload
    assert_same_net(back, net)


def _tree_of_two_tensors(net):
    """A function with a power of two tensors (x^x, #2^#1), which no layer reads."""
    def power(t):
        return isinstance(t, tuple) and (
            t[0] == "Power" and all(isinstance(a, (str, tuple)) for a in t[1:]) or
            any(power(a) for a in t[1:]))
    return power(getattr(net, "params", {}).get("Function"))


@pytest.mark.parametrize("head, i", [c for c in CASES if c[0] in EXPORTERS])
def test_layer_model_without_wlnet_description_reads_operator_by_operator(head, i):
    """A model of operators that all have readers reads back and computes the same; a
    composition with an operator no layer reads (Where, Cast, Expand, ...) is refused
    naming such an operator."""
    ex, net, inputs = _example(head, i)
    if _refused(net):
        return
    model = without_description(exported(net))
    unread = sorted({n.op_type for n in model.graph.node} - set(READERS) -
                    {"Identity", "Constant"} - READ_WITH.get(head, set()))
    if head in NOT_READ or _tree_of_two_tensors(net) or unread:
        with pytest.raises(OnnxUnsupported, match="has no wlnet form") as refusal:
            to_net(model)
        assert not unread or any(f"the {op} node" in str(refusal.value) for op in unread) \
            or head in NOT_READ or _tree_of_two_tensors(net)
        return
    assert_runs_like_wlnet(model, to_net(model), inputs)


def test_a_layer_without_an_onnx_form_is_named_with_the_reason():
    from wlnet.nets.graph import Chain
    from wlnet.nets.initialize import initialize
    from wlnet.nets.layer import Layer
    from wlnet.nets.layers.linear import LinearLayer

    class NoFormLayer(Layer):   # not registered: only its head matters here
        head = "NoFormTestLayer"

    net = initialize(Chain([LinearLayer(2, input=2), NoFormLayer(input=2, output=2)]),
                     np.random.default_rng(0))
    with pytest.raises(OnnxUnsupported, match="NoFormTestLayer cannot be exported to ONNX: "
                                              "wlnet has no ONNX form for it yet"):
        exported(net)
