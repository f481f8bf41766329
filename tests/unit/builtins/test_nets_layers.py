"""Layer and container constructors: forms, options, evaluation against NumPy."""

import numpy as np
import pytest

from wlnet.builtins.nets.values import NetValue
from wlnet.format.outputform import output_form


def arr(wl, code):
    return np.asarray(wl.value(code).array)


@pytest.mark.parametrize("code, summary", [
    ("LinearLayer[]", "LinearLayer[<? -> ?, uninitialized>]"),
    ("LinearLayer[{}]", "LinearLayer[<? -> Real, uninitialized>]"),
    ('LinearLayer[{2, 3}, "Input" -> 4]', "LinearLayer[<4 -> {2, 3}, uninitialized>]"),
    ('LinearLayer["Output" -> 3, "Input" -> "Real"]', "LinearLayer[<Real -> 3, uninitialized>]"),
    ("ElementwiseLayer[Ramp]", "ElementwiseLayer[<? -> ?>]"),
    ('TotalLayer[InputPorts -> 2, "Output" -> 3]', "TotalLayer[<Input1: 3, Input2: 3 -> 3>]"),
    ('SoftmaxLayer["Input" -> 4]', "SoftmaxLayer[<4 -> 4>]"),
    ('MeanSquaredLossLayer["Input" -> 2]',
     "MeanSquaredLossLayer[<Input: 2, Target: 2 -> Loss: Real>]"),
    ('NetChain[{3, Ramp, 2}, "Input" -> 4]', "NetChain[<3 layers, 4 -> 2, uninitialized>]"),
    ('NetMapOperator[LinearLayer[2, "Input" -> 3]]',
     "NetMapOperator[<LinearLayer, {n, 3} -> {n, 2}, uninitialized>]"),
    ('NetNestOperator[LinearLayer[2, "Input" -> 2], 3]',
     "NetNestOperator[<LinearLayer x 3, 2 -> 2, uninitialized>]"),
])
def test_constructors_print(wl, code, summary):
    assert output_form(wl.value(code)) == summary


def test_linear_layer_is_w_dot_x_plus_b(wl):
    wl('l = LinearLayer[2, "Weights" -> {{1, 2, 3}, {4, 5, 6}}, "Biases" -> {0.5, -1}]')
    np.testing.assert_allclose(arr(wl, "l[{1, 0, 2}]"), [7.5, 15.0])
    np.testing.assert_allclose(arr(wl, "l[{{1, 0, 2}, {0, 1, 0}}]"), [[7.5, 15.0], [2.5, 4.0]])
    assert wl('l[["Weights"]]') == "{{1., 2., 3.}, {4., 5., 6.}}"


def test_scalar_output_linear_layer(wl):
    wl('l = LinearLayer[{}, "Weights" -> {{1, 2}}, "Biases" -> {1}]')
    assert wl("l[{1, 1}]") == "4."


@pytest.mark.parametrize("f, numpy_f", [
    ("Ramp", lambda x: np.maximum(x, 0)), ("Tanh", np.tanh),
    ("LogisticSigmoid", lambda x: 1 / (1 + np.exp(-x))), ("Sin", np.sin), ("Cos", np.cos),
    ("Exp", np.exp), ("Abs", np.abs), ("#^2 + 1 &", lambda x: x ** 2 + 1),
    ("Tanh[#] * 2 - # &", lambda x: 2 * np.tanh(x) - x),
    ("Function[x, Sqrt[Abs[x]] / 2]", lambda x: np.sqrt(np.abs(x)) / 2),
])
def test_elementwise_functions(wl, f, numpy_f):
    x = np.array([-1.5, -0.2, 0.0, 0.7, 2.0])
    got = arr(wl, f"ElementwiseLayer[{f}][{{{', '.join(map(str, x))}}}]")
    np.testing.assert_allclose(got, numpy_f(x), rtol=1e-6, atol=1e-7)


def test_log_and_sqrt(wl):
    np.testing.assert_allclose(arr(wl, "ElementwiseLayer[Log][{1, 2}]"), np.log([1, 2]), rtol=1e-6)
    np.testing.assert_allclose(arr(wl, "ElementwiseLayer[Sqrt][{1, 2}]"), np.sqrt([1, 2]),
                               rtol=1e-6)


@pytest.mark.parametrize("code, expected", [
    ("TotalLayer[][{{1, 2}, {3, 4}}]", [4, 6]),
    ("CatenateLayer[][{{1, 2}, {3}}]", [1, 2, 3]),
    ("ThreadingLayer[Times][{{1, 2}, {3, 4}}]", [3, 8]),
    ("ThreadingLayer[Subtract][{{1, 2}, {3, 5}}]", [-2, -3]),
    ("SoftmaxLayer[][{1, 2, 3}]", np.exp([1, 2, 3]) / np.exp([1, 2, 3]).sum()),
    ("DropoutLayer[0.3][{1, 2}]", [1, 2]),
    ("SequenceLastLayer[][{{1, 2}, {3, 4}}]", [3, 4]),
])
def test_other_layers(wl, code, expected):
    np.testing.assert_allclose(arr(wl, code), expected, rtol=1e-6)


@pytest.mark.parametrize("code, expected", [
    ("SummationLayer[][{{1, 2}, {3, 4}}]", 10.0),
    ('MeanSquaredLossLayer[][<|"Input" -> {1, 2}, "Target" -> {1, 4}|>]', 2.0),
    ('MeanAbsoluteLossLayer[][<|"Input" -> {1, 2}, "Target" -> {1, 4}|>]', 1.0),
    ('CrossEntropyLossLayer["Index"][<|"Input" -> {0.2, 0.8}, "Target" -> 2|>]', -np.log(0.8)),
    ('CrossEntropyLossLayer["Probabilities"][<|"Input" -> {0.2, 0.8}, "Target" -> {0.5, 0.5}|>]',
     -(0.5 * np.log(0.2) + 0.5 * np.log(0.8))),
    ('CrossEntropyLossLayer["Binary"][<|"Input" -> 0.2, "Target" -> 1|>]', -np.log(0.2)),
])
def test_scalar_results(wl, code, expected):
    assert wl.value(code).value == pytest.approx(expected, rel=1e-6)


def test_chain_matches_numpy(wl):
    wl('c = NetInitialize[NetChain[{3, Tanh, 2}, "Input" -> 4]]')
    w1, b1 = arr(wl, 'c[[1, "Weights"]]'), arr(wl, 'c[[1, "Biases"]]')
    w3, b3 = arr(wl, 'c[[3, "Weights"]]'), arr(wl, 'c[[3, "Biases"]]')
    x = np.array([[1, 2, 3, 4], [0.5, -1, 0, 2]])
    got = arr(wl, "c[{{1, 2, 3, 4}, {0.5, -1, 0, 2}}]")
    want = (w3 @ np.tanh(w1 @ x.T + b1[:, None]) + b3[:, None]).T
    np.testing.assert_allclose(got, want, rtol=1e-5)


def test_chain_association_and_nested_lists(wl):
    wl('c = NetChain[<|"a" -> 3, "b" -> {Tanh, 2}|>, "Input" -> 2]')
    assert output_form(wl.value('c[["b"]]')) == "NetChain[<2 layers, 3 -> 2, uninitialized>]"
    assert wl('NetInformation[c, "ArraysPositionList"]') == \
        '{{"a", "Biases"}, {"a", "Weights"}, {"b", 2, "Biases"}, {"b", 2, "Weights"}}'


def test_graph_with_several_outputs_gives_an_association(wl):
    wl('g = NetInitialize@NetGraph[{LinearLayer[2, "Input" -> 2], Ramp, Tanh}, {1 -> 2, 1 -> 3}]')
    out = wl.value("g[{1, -1}]")
    assert [r.args[0].value for r in out.args] == ["Output1", "Output2"]
    assert wl('NetInformation[g, "OutputPortNames"]') == '{"Output1", "Output2"}'
    assert isinstance(wl.value('g[{1, -1}, "Output2"]').array, np.ndarray)


def test_graph_port_options_and_named_node_ports(wl):
    wl('g = NetGraph[{TotalLayer[], LinearLayer[3]}, {NetPort["A"] -> 1, NetPort["B"] -> 1, '
       '1 -> NetPort[2, "Input"]}, "A" -> 2]')
    assert output_form(wl.value("g")) == \
        "NetGraph[<2 nodes, 4 edges, A: 2, B: 2 -> 3, uninitialized>]"


def test_map_and_nest_operators(wl):
    wl('m = NetInitialize@NetMapOperator[LinearLayer[2, "Input" -> 3]]')
    w, b = arr(wl, 'm[["Net", "Weights"]]'), arr(wl, 'm[["Net", "Biases"]]')
    x = np.array([[1, 2, 3], [4, 5, 6]])
    np.testing.assert_allclose(arr(wl, "m[{{1, 2, 3}, {4, 5, 6}}]"), x @ w.T + b, rtol=1e-6)
    wl('n = NetInitialize@NetNestOperator[LinearLayer[2, "Input" -> 2], 3]')
    w, b = arr(wl, 'n[["Net", "Weights"]]'), arr(wl, 'n[["Net", "Biases"]]')
    y = np.array([1.0, 2.0])
    for _ in range(3):
        y = w @ y + b
    np.testing.assert_allclose(arr(wl, "n[{1, 2}]"), y, rtol=1e-5)


def test_normal_and_extract_all(wl):
    wl("c = NetChain[{2, Ramp}]")
    items = wl.value("Normal[c]")
    assert [output_form(x) for x in items.args] == \
        ["LinearLayer[<? -> 2, uninitialized>]", "ElementwiseLayer[<2 -> 2>]"]
    assert wl.value("NetExtract[c, All]") == items
    assert wl('NetExtract[LinearLayer[2, "Input" -> 1], All]') == \
        '<|"Biases" -> Automatic, "Weights" -> Automatic|>'


def test_extract_forms(wl):
    wl('c = NetChain[<|"a" -> LinearLayer[2, "Weights" -> {{1, 2}, {3, 4}}], "b" -> Ramp|>]')
    assert wl('NetExtract[c, {"a", "Weights"}]') == "{{1., 2.}, {3., 4.}}"
    assert wl('NetExtract[c, {{"a", "Weights"}, {"a", "Biases"}}]') == \
        "{{{1., 2.}, {3., 4.}}, Automatic}"
    assert wl('NetExtract[{"a", "Weights"}][c]') == "{{1., 2.}, {3., 4.}}"
    assert wl('c[["a", "Weights"]]') == "{{1., 2.}, {3., 4.}}"
    assert wl('c[[1, "Weights"]]') == "{{1., 2.}, {3., 4.}}"
    assert wl('NetExtract[c, "Input"]') == "2"


def test_replace_part(wl):
    wl("c = NetChain[{LinearLayer[2, \"Input\" -> 2], Ramp}]")
    assert wl('NetReplacePart[c, {1, "Biases"} -> {1, 2}][[1, "Biases"]]') == "{1., 2.}"
    wl('d = NetReplacePart[c, 2 -> Tanh]')
    assert output_form(wl.value("d[[2]]")) == "ElementwiseLayer[<2 -> 2>]"
    assert wl('InputForm[d[[2]]]') == 'ElementwiseLayer[Tanh, "Input" -> 2]'
    assert output_form(wl.value('NetReplacePart[LinearLayer[3], "Input" -> 4]')) == \
        "LinearLayer[<4 -> 3, uninitialized>]"


def test_learning_rate_multipliers_are_kept_and_reported(wl):
    wl('fixed = LinearLayer[2, "Input" -> 2, LearningRateMultipliers -> 0]')
    wl('c = NetChain[{LinearLayer[2, "Input" -> 2], fixed}, LearningRateMultipliers -> 0.5]')
    assert wl('NetInformation[c, "ArraysLearningRateMultipliers"]') == \
        "<|{1, \"Biases\"} -> 0.5, {1, \"Weights\"} -> 0.5, {2, \"Biases\"} -> 0., " \
        "{2, \"Weights\"} -> 0.|>"
    value = wl.value("NetInitialize[c]")
    assert value.array_multipliers()[(2, "Weights")] == 0.0
    assert wl('NetInformation[c[[2]], "ArraysLearningRateMultipliers"]') == \
        '<|{"Biases"} -> 0., {"Weights"} -> 0.|>'
    assert "LearningRateMultipliers -> 0." in wl("InputForm[fixed]")


def test_shape_is_taken_from_the_data_when_unknown(wl):
    assert wl("ElementwiseLayer[Ramp][{{-1, 2}, {3, -4}}]") == "{{0., 2.}, {3., 0.}}"
    assert wl('NetChain[{Ramp, Tanh}][{0, 1}]') == "{0., 0.7615941762924194}"


def test_results_are_packed_machine_reals(wl):
    value = wl.value('NetInitialize[LinearLayer[3, "Input" -> 2]][{1, 2}]')
    assert value.array.dtype == np.float64 and value.array.shape == (3,)
    assert isinstance(wl.value('NetInitialize[LinearLayer[3, "Input" -> 2]]'), NetValue)
