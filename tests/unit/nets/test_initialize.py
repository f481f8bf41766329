"""NetInitialize's rules (wlnet/nets/initialize.py), as the 12.x paclet has them: the
distributions and variances of each method, the factor 2 before a Ramp (found through
chains and graphs, not inside operators), the SELU rule, constant kinds and ByRank."""
import math

import numpy as np
import pytest

from wlnet.nets.graph import Chain, Graph
from wlnet.nets.initialize import Method, feeds, initialize
from wlnet.nets.layers.constant import ConstantArrayLayer, ConstantTimesLayer
from wlnet.nets.layers.elementwise import ElementwiseLayer
from wlnet.nets.layers.embedding import EmbeddingLayer
from wlnet.nets.layers.linear import LinearLayer
from wlnet.nets.operators import MapOp

FAN_IN, FAN_OUT = 300, 200


def weights(net, method=Method(), path=("Weights",), seed=0):
    return initialize(net, np.random.default_rng(seed), method).arrays()[path]


def linear():
    return LinearLayer(FAN_OUT, input=FAN_IN)


def test_default_is_xavier_uniform_of_the_mean_fan():
    w = weights(linear())
    bound = math.sqrt(3) * math.sqrt(2 / (FAN_IN + FAN_OUT))
    assert np.abs(w).max() <= bound and np.abs(w).max() > 0.99 * bound
    assert w.std() == pytest.approx(math.sqrt(2 / (FAN_IN + FAN_OUT)), rel=0.02)


@pytest.mark.parametrize("factor, variance", [("In", 2 / FAN_IN), ("Out", 2 / FAN_OUT),
                                              ("Mean", 2 / (FAN_IN + FAN_OUT))])
@pytest.mark.parametrize("distribution", ["Uniform", "Normal"])
def test_xavier_factor_types_and_distributions(factor, variance, distribution):
    w = weights(linear(), Method("Xavier", factor_type=factor, distribution=distribution))
    assert w.var() == pytest.approx(variance, rel=0.03)
    uniform = np.abs(w).max() <= math.sqrt(3 * variance)
    assert uniform == (distribution == "Uniform")


def test_kaiming_is_normal_of_variance_one_over_fan_in():
    w = weights(linear(), Method("Kaiming"))
    assert w.var() == pytest.approx(1 / FAN_IN, rel=0.03)
    assert np.abs(w).max() > math.sqrt(3 / FAN_IN)          # not bounded: normal


@pytest.mark.parametrize("method", [Method(), Method("Kaiming"), Method("Orthogonal")])
def test_variance_doubles_before_a_ramp_through_containers(method):
    plain = weights(linear(), method)
    chained = weights(Chain([linear(), ElementwiseLayer("Ramp")]), method, (1, "Weights"))
    nested = weights(Chain([Chain([linear()]), Chain([ElementwiseLayer(("Ramp", "x"))])]),
                     method, (1, 1, "Weights"))
    graph = weights(Graph({"a": linear(), "r": ElementwiseLayer("Ramp")},
                          [("a", "r")], {"Input": FAN_IN}), method, ("a", "Weights"))
    for w in (chained, nested, graph):
        assert w.var() == pytest.approx(2 * plain.var(), rel=0.05)


def test_no_next_layer_inside_an_operator_and_none_after_a_tanh():
    mapped = weights(MapOp(Chain([LinearLayer(FAN_OUT, input=FAN_IN), "Ramp"])), Method(),
                     ("Net", 1, "Weights"))
    tanh = weights(Chain([linear(), "Tanh"]), Method(), (1, "Weights"))
    for w in (mapped, tanh):
        assert w.var() == pytest.approx(2 / (FAN_IN + FAN_OUT), rel=0.05)


def test_a_linear_layer_before_selu_gets_the_self_normalising_variance():
    w = weights(Chain([linear(), ElementwiseLayer("ScaledExponentialLinearUnit")]),
                Method("Xavier"), (1, "Weights"))
    assert w.var() == pytest.approx(1 / FAN_IN, rel=0.03)
    assert np.abs(w).max() > math.sqrt(3 / FAN_IN)


def test_orthogonal_identity_and_random():
    w = weights(LinearLayer(3, input=5), Method("Orthogonal"))
    np.testing.assert_allclose(w @ w.T, np.eye(3), atol=1e-6)
    w = weights(LinearLayer(2, input=3), Method("Identity", noise=("Normal", 0.0, 0.0)))
    np.testing.assert_array_equal(w, np.eye(2, 3))
    net = initialize(LinearLayer(2, input=3), np.random.default_rng(0),
                     Method("Random", weights=("Uniform", 5.0, 6.0),
                            biases=("Normal", 7.0, 0.0)))
    assert ((net.arrays()[("Weights",)] >= 5) & (net.arrays()[("Weights",)] <= 6)).all()
    np.testing.assert_array_equal(net.arrays()[("Biases",)], [7, 7])


def test_constant_kinds_and_by_rank():
    rng = np.random.default_rng(0)
    net = initialize(Chain([linear(), ConstantTimesLayer()]), rng)
    assert (net.arrays()[(1, "Biases")] == 0).all() and (net.arrays()[(2, "Scaling")] == 1).all()
    assert (initialize(ConstantArrayLayer(output=4), rng).arrays()[("Array",)] == 0).all()
    matrix = initialize(ConstantArrayLayer(output=(20, 30)), rng).arrays()[("Array",)]
    assert matrix.std() > 0
    emb = initialize(EmbeddingLayer(30, 20), rng).arrays()[("Weights",)]
    assert emb.shape == (20, 30) and emb.var() == pytest.approx(2 / 50, rel=0.2)


def test_feeds_follows_wires_into_and_out_of_containers():
    net = Chain([Chain([linear(), "Tanh"]), Graph({"r": ElementwiseLayer("Ramp")}, [])])
    assert feeds(net) == {(1, 1): [(1, 2)], (1, 2): [(2, "r")]}
