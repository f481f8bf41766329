"""FlattenLayer and ReshapeLayer (wlnet/nets/layers/reshape.py): what is particular to
them (the generic layer tests check forward, gradients, InputForm and files). The cases
are those of Wolfram's reference pages and of the NeuralNetworks paclet's layer tests."""
import math

import numpy as np
import pytest

from wlnet.nets.structured import Sym
from wlnet.nets.errors import NetError
from wlnet.nets.layers.reshape import FlattenLayer, ReshapeLayer
from wlnet.nets.plan import compile

INHERITED, AUTOMATIC = Sym("Inherited"), Sym("Automatic")


@pytest.mark.parametrize("level, dims, out", [
    (math.inf, (3, 3), (9,)), (1, (3, 3), (9,)), (1, (3, 3, 3), (9, 3)),
    (math.inf, (3, 3, 3), (27,)), (2, (3, 3, 3), (27,)), (-2, (3, 3, 3), (27,)),
    (-1, (3, 3, 3), (3, 9)), (2, (2, 3, 4, 5), (24, 5)), (-2, (2, 3, 4, 5), (2, 60)),
    (-1, ("Varying", 2, 3), ("Varying", 6)), (math.inf, ("Varying",), ("Varying",)),
    (((3, 1), (2,)), (2, 3, 4), (8, 3)), (((2, 3),), (2, 3, 4), (12, 2)),
])
def test_flatten_levels(level, dims, out):
    assert FlattenLayer(level, input=dims).output_ports()["Output"] == out


@pytest.mark.parametrize("make", [
    lambda: FlattenLayer(((1, 1),), input=(2, 3)), lambda: FlattenLayer(((4,),), input=(2, 3)),
    lambda: FlattenLayer(4, input=(3, 3, 3)), lambda: FlattenLayer(3, input=(3, 3, 3)),
    lambda: FlattenLayer(input=("Varying", 3)), lambda: FlattenLayer(1, input=(2,)),
])
def test_flatten_shapes_it_refuses(make):
    with pytest.raises(NetError) as info:
        make()
    assert info.value.tag == "tyfail"


def test_flatten_is_flatten_and_keeps_the_element_order():
    x = np.arange(2 * 3 * 4 * 5, dtype=np.float64).reshape(2, 3, 4, 5)
    for level, want in [(1, (12, 5)), (-1, (3, 20)), (math.inf, (60,))]:
        y = compile(FlattenLayer(level, input=(3, 4, 5)), np.float64).forward({"Input": x})
        np.testing.assert_array_equal(y["Output"], x.reshape((2,) + want))
    # Flatten[a, {{3, 1}, {2}}]: element (k, i) of the first level, j of the second is
    # a[[i, j, k]], with k the slower of the two
    y = compile(FlattenLayer(((3, 1), (2,)), input=(3, 4, 5)), np.float64).forward({"Input": x})
    assert y["Output"].shape == (2, 15, 4)
    np.testing.assert_array_equal(y["Output"][1, 2 * 3 + 1, 1], x[1, 1, 1, 2])


@pytest.mark.parametrize("spec, dims, out", [
    ((1,), (), (1,)), ((), (1,), ()), ((4, 2), (2, 4), (4, 2)), ((1, 2, 3), (6,), (1, 2, 3)),
    ((6, AUTOMATIC), (2, 3, 4), (6, 4)), ((INHERITED, 2, AUTOMATIC), (2, 3, 4), (2, 2, 6)),
    ((INHERITED, 3, 2), ("Varying", 2, 3), ("Varying", 3, 2)),
    ((INHERITED, 3, AUTOMATIC, 2), ("Varying", 6, 4), ("Varying", 3, 4, 2)),
])
def test_reshape_dimensions(spec, dims, out):
    assert ReshapeLayer(spec, input=dims).output_ports()["Output"] == out


def test_reshape_knows_its_output_before_its_input():
    assert ReshapeLayer((2, 3)).output_ports() == {"Output": (2, 3)}


@pytest.mark.parametrize("spec, dims, tag", [
    ((2, 6, 2, INHERITED), (2, 3, 4), "tyfail"), ((4, AUTOMATIC), (2, 3), "tyfail"),
    ((3, 2), (2, 4), "tyfail"), ((2, 3), ("Varying", 3), "tyfail"),
    ((3, AUTOMATIC, 4), ("Varying", 3), "tyfail"),
    ((2, AUTOMATIC, AUTOMATIC), (2, 3, 4), "invarg"), ((0, 2), (2,), "invarg"),
])
def test_reshape_specifications_it_refuses(spec, dims, tag):
    with pytest.raises(NetError) as info:
        ReshapeLayer(spec, input=dims)
    assert info.value.tag == tag


def test_reshape_of_sequences_of_several_lengths():
    plan = compile(ReshapeLayer((INHERITED, 3, 2), input=("Varying", 6)), np.float64)
    xs = [np.arange(12.).reshape(2, 6), np.arange(18.).reshape(3, 6)]
    ys = plan.forward({"Input": xs})["Output"]
    assert [y.shape for y in ys] == [(2, 3, 2), (3, 3, 2)]
    np.testing.assert_array_equal(ys[1], xs[1].reshape(3, 3, 2))
