"""The image layers through Wolfram code: NetTrain learns with them, batch normalisation's
moving statistics follow NetTrain (and only NetTrain), freezing a layer by any of
Wolfram's ways keeps them, and bad images get a message with the session going on."""
import numpy as np
import pytest

from wlnet.expr import Symbol
from wlnet.kernel.session import Session

CHAIN = ('NetChain[{ConvolutionLayer[4, {3, 3}, PaddingSize -> 1], '
         'BatchNormalizationLayer[], Ramp, PoolingLayer[{2, 2}, 2], LinearLayer[2]}, '
         '"Input" -> {1, 4, 4}]')


@pytest.fixture
def session():
    s = Session(seed=7)
    rng = np.random.default_rng(0)
    images = rng.standard_normal((16, 1, 4, 4)).round(2)
    targets = np.stack([images[:, 0, :2].mean((1, 2)), images[:, 0, 2:].mean((1, 2))], 1)
    data = ", ".join(f"{_wl(x)} -> {_wl(y)}" for x, y in zip(images, targets))
    s.evaluate(f"data = {{{data}}};")
    return s


def _wl(a):
    return str(np.round(a, 4).tolist()).replace("[", "{").replace("]", "}")


def value(session, code):
    out = session.evaluate(code)[-1]
    assert not out.records, out.records
    return out.result


def array(session, code):
    return np.asarray(value(session, code).array)


def test_a_convolutional_net_learns(session):
    losses = value(session, f'NetTrain[{CHAIN}, data, "RoundLossList", BatchSize -> 8, '
                            f'MaxTrainingRounds -> 40, TrainingProgressReporting -> None]')
    losses = [x.value for x in losses.args] if hasattr(losses, "args") else list(losses.array)
    assert losses[-1] < 0.5 * losses[0]


def test_moving_statistics_follow_training_and_only_training(session):
    session.evaluate(f"net = NetInitialize[{CHAIN}]; trained = NetTrain[net, data, "
                     "BatchSize -> 8, MaxTrainingRounds -> 3, TrainingProgressReporting -> "
                     "None];")
    assert not np.allclose(array(session, 'trained[[2, "MovingMean"]]'), 0)
    assert np.allclose(array(session, 'net[[2, "MovingMean"]]'), 0)
    first = array(session, "trained[data[[1, 1]]]")
    assert np.array_equal(first, array(session, "trained[data[[1, 1]]]"))


@pytest.mark.parametrize("freeze", [
    ', LearningRateMultipliers -> {2 -> 0}',
    ', LearningRateMultipliers -> {{2, "Scaling"} -> 0, {2, "Biases"} -> None}'])
def test_a_frozen_batch_normalization_keeps_its_statistics(session, freeze):
    session.evaluate(f"frozen = NetTrain[{CHAIN}, data, BatchSize -> 8, MaxTrainingRounds -> 3, "
                     f"TrainingProgressReporting -> None{freeze}];")
    assert np.array_equal(array(session, 'frozen[[2, "MovingMean"]]'), np.zeros(4))
    assert np.array_equal(array(session, 'frozen[[2, "Scaling"]]'), np.ones(4))
    assert not np.allclose(array(session, 'frozen[[1, "Biases"]]'), 0)


def test_a_layer_level_multiplier_freezes_the_statistics_too(session):
    net = CHAIN.replace("BatchNormalizationLayer[]",
                        "BatchNormalizationLayer[LearningRateMultipliers -> 0]")
    session.evaluate(f"frozen = NetTrain[{net}, data, BatchSize -> 8, MaxTrainingRounds -> 3, "
                     "TrainingProgressReporting -> None];")
    assert np.array_equal(array(session, 'frozen[[2, "MovingVariance"]]'), np.ones(4))


def test_bad_images_get_a_message_and_nothing_is_lost(session):
    session.evaluate(f"net = NetInitialize[{CHAIN}];")
    for bad in ("net[{{1, 2}, {3, 4}}]", "net[Table[0., 2, 4, 4, 4]]", 'net["image"]'):
        out = session.evaluate(bad)[-1]
        assert out.records and out.result == Symbol("$Failed"), bad
    assert array(session, "net[Table[0., 1, 4, 4]]").shape == (2,)
