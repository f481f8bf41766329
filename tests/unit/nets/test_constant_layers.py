"""ConstantTimesLayer and ConstantPlusLayer (wlnet/nets/layers/constant.py): what is
particular to them. The generic layer tests (test_layer_contract.py,
tests/unit/builtins/test_layer_bridge.py) already check their forward, gradients,
InputForm and files from the examples they declare."""
import numpy as np
import pytest

from wlnet.kernel.session import Session
from wlnet.nets.errors import NetError
from wlnet.nets.initialize import initialize
from wlnet.nets.layers.constant import ConstantPlusLayer, ConstantTimesLayer
from wlnet.nets.plan import compile

RNG = np.random.default_rng(3)


def test_values_against_numpy():
    c, b = RNG.standard_normal((2, 3)), RNG.standard_normal((2, 3))
    x = RNG.standard_normal((5, 2, 3))
    times = compile(ConstantTimesLayer(scaling=c), np.float64).forward({"Input": x})
    plus = compile(ConstantPlusLayer(biases=b), np.float64).forward({"Input": x})
    np.testing.assert_allclose(times["Output"], x * c.astype(np.float32))
    np.testing.assert_allclose(plus["Output"], x + b.astype(np.float32))


def test_given_array_fixes_the_ports_and_initialisers_are_wolframs():
    assert ConstantTimesLayer(scaling=np.ones((4, 2))).input_ports() == {"Input": (4, 2)}
    assert ConstantPlusLayer(input=3).array_shapes() == {("Biases",): (3,)}
    rng = np.random.default_rng(0)
    assert np.array_equal(initialize(ConstantTimesLayer(input=3), rng).arrays()[("Scaling",)],
                          np.ones(3, np.float32))
    assert np.array_equal(initialize(ConstantPlusLayer(input=3), rng).arrays()[("Biases",)],
                          np.zeros(3, np.float32))


@pytest.mark.parametrize("make", [
    lambda: ConstantTimesLayer(input="Real"),
    lambda: ConstantTimesLayer(scaling=[1, 2], input=3),
    lambda: ConstantPlusLayer(input=2).with_arrays({("Biases",): np.ones(3)}),
])
def test_shapes_that_do_not_fit(make):
    with pytest.raises(NetError) as info:
        make()
    assert info.value.tag == "tyfail"


def test_trains_to_a_scaling_and_a_shift_and_frozen_arrays_stay():
    session = Session(seed=1)
    data = "Table[x -> 2 x + 1, {x, {{1., 2.}, {3., 1.}, {0., -1.}, {2., 2.}}}]"
    out = session.evaluate(
        f'net = NetTrain[NetChain[{{ConstantTimesLayer[], ConstantPlusLayer[]}}, '
        f'"Input" -> 2], {data}, MaxTrainingRounds -> 3000, '
        f'TrainingProgressReporting -> None]; {{net[[1, "Scaling"]], net[[2, "Biases"]]}}')
    scaling, biases = (a.array for a in out[-1].result.args)
    np.testing.assert_allclose(scaling, [2, 2], atol=0.05)
    np.testing.assert_allclose(biases, [1, 1], atol=0.1)
    frozen = session.evaluate(
        f'NetTrain[net, {data}, MaxTrainingRounds -> 5, TrainingProgressReporting -> None, '
        f'LearningRateMultipliers -> {{1 -> 0}}][[1, "Scaling"]] === net[[1, "Scaling"]]')
    assert frozen[-1].result.name == "True"
