"""ONNX models wlnet did not write (built here with onnx.helper as other tools write
them) read operator by operator: what maps onto wlnet's layers becomes a NetChain or a
NetGraph computing what onnxruntime computes; the rest is refused with a message that
names the operator and the node."""
import numpy as np
import pytest

from .conftest import need_onnx, run, wlnet_outputs

need_onnx()

import onnx  # noqa: E402
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

from wlnet.backends.onnx import OnnxFormatError, OnnxUnsupported, parse, to_net  # noqa: E402

RNG = np.random.default_rng(11)


def model(nodes, inputs, outputs, consts=None, opset=17):
    graph = helper.make_graph(
        nodes, "foreign",
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, s) for n, s in inputs.items()],
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, s) for n, s in outputs.items()],
        initializer=[numpy_helper.from_array(np.asarray(v, np.float32), n)
                     for n, v in (consts or {}).items()])
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)],
                          producer_name="elsewhere", ir_version=8)
    onnx.checker.check_model(m, full_check=True)
    return m


def assert_computes_the_same(m, net, feed):
    """The net computes what onnxruntime computes; a net of one input (a chain's
    "Input") takes the model's only input."""
    ports = list(net.input_ports())
    given = feed if set(ports) == set(feed) else {ports[0]: next(iter(feed.values()))}
    got, want = run(m, feed), wlnet_outputs(net, given)
    assert len(got) == len(want)
    for g, w in zip(got.values(), want.values()):
        np.testing.assert_allclose(w, g, rtol=1e-5, atol=1e-6)


def _x(*dims, batch=3):
    return RNG.standard_normal((batch,) + dims)


def test_a_torch_style_classifier_reads_as_a_chain():
    m = model([helper.make_node("Gemm", ["x", "w1", "b1"], ["h"], transB=1),
               helper.make_node("Relu", ["h"], ["r"]),
               helper.make_node("Gemm", ["r", "w2", "b2"], ["z"], alpha=0.5, beta=2.0),
               helper.make_node("Softmax", ["z"], ["p"], axis=1)],
              {"x": ["N", 4]}, {"p": ["N", 3]},
              {"w1": _x(4, batch=5), "b1": _x(batch=5), "w2": _x(3, batch=5),
               "b2": _x(batch=3)})
    net = to_net(m)
    assert net.head == "NetChain"
    assert [n.head for n in net.children().values()] == [
        "LinearLayer", "ElementwiseLayer", "LinearLayer", "SoftmaxLayer"]
    assert_computes_the_same(m, net, {"x": _x(4)})


def test_matmul_and_a_bias_of_the_outputs_shape():
    m = model([helper.make_node("MatMul", ["x", "w"], ["h"]),
               helper.make_node("Add", ["h", "b"], ["y"])],
              {"x": ["N", 3]}, {"y": ["N", 2]}, {"w": _x(2, batch=3), "b": _x(2, batch=1)[0]})
    net = to_net(m)
    assert [n.head for n in net.children().values()] == ["LinearLayer", "ConstantPlusLayer"]
    assert_computes_the_same(m, net, {"x": _x(3)})


@pytest.mark.parametrize("op, first", [("Sub", "x"), ("Sub", "c"), ("Div", "x"),
                                        ("Div", "c"), ("Pow", "x"), ("Mul", "c")])
def test_arithmetic_with_a_number_reads_as_an_elementwise_function(op, first):
    ins = ["x", "c"] if first == "x" else ["c", "x"]
    m = model([helper.make_node(op, ins, ["y"]), helper.make_node("Neg", ["y"], ["z"])],
              {"x": ["N", 4]}, {"z": ["N", 4]}, {"c": np.float32(1.5)})
    net = to_net(m)
    assert {n.head for n in net.children().values()} == {"ElementwiseLayer"}
    assert_computes_the_same(m, net, {"x": np.abs(_x(4)) + 0.5})


def test_two_inputs_read_as_a_graph_with_their_names():
    m = model([helper.make_node("Mul", ["a", "b"], ["y"]),
               helper.make_node("Concat", ["y", "a"], ["z"], axis=1)],
              {"a": ["N", 2, 3], "b": ["N", 2, 3]}, {"z": ["N", 4, 3]})
    net = to_net(m)
    assert net.head == "NetGraph" and set(net.input_ports()) == {"a", "b"}
    assert net.output_ports() == {"z": (4, 3)}
    assert_computes_the_same(m, net, {"a": _x(2, 3), "b": _x(2, 3)})


def test_an_operator_without_a_layer_is_named():
    m = model([helper.make_node("Gemm", ["x", "w"], ["h"]),
               helper.make_node("Hardmax", ["h"], ["y"], name="the_hardmax")],
              {"x": ["N", 2]}, {"y": ["N", 2]}, {"w": np.eye(2)})
    with pytest.raises(OnnxUnsupported, match="the Hardmax node 'the_hardmax' has no wlnet form"):
        to_net(m)


def test_a_broadcast_bias_is_refused_in_words():
    m = model([helper.make_node("Add", ["x", "b"], ["y"], name="bias")],
              {"x": ["N", 2, 3]}, {"y": ["N", 2, 3]}, {"b": np.ones(3)})
    with pytest.raises(OnnxUnsupported, match="the Add node 'bias'.*a constant of its shape"):
        to_net(m)


def test_damaged_bytes_are_not_a_model():
    with pytest.raises(OnnxFormatError, match="not a valid ONNX model"):
        parse(b"\x08\x07garbage")
