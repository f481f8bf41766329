"""Nets are values, and bad numbers end in messages.

The seed session's ``fixed`` layer is used inside ``fold``; after every operation that
makes a new net (NetTrain, NetInitialize, NetReplacePart, evaluation, Export/Import), both
still hold exactly what they held: the runtime shares read-only arrays between versions,
and this shows no operation writes through them. NaN or infinity in data, or a loss
that overflows during training, gives a message (and the last finite net), never a
traceback.
"""

from __future__ import annotations

import pytest

import wlnet.builtins  # noqa: F401  (registers every builtin before the skip test)
from wlnet.expr import Symbol
from wlnet.kernel.builtin import BUILTINS

from .conftest import Guarded

pytestmark = pytest.mark.skipif(
    not {Symbol("NetTrain"), Symbol("NetInitialize"), Symbol("NetReplacePart")} <= set(BUILTINS),
    reason="the net builtins (NetTrain, NetInitialize, NetReplacePart) are not registered")

SEED = """
fixed = LinearLayer[2, "Weights" -> {{1., 0.5}, {0., 1.}}, "Biases" -> None];
core = NetGraph[<|"l1" -> TotalLayer[], "l2" -> LinearLayer[2, "Input" -> 2], "l3" -> fixed|>,
  {{NetPort["Input"], NetPort["State"]} -> "l1" -> "l2" -> "l3"}];
fold = NetInitialize[NetFoldOperator[core, "Input" -> {"Varying", 2}]];
io = {{{1, 2}, {3, 4}} -> {{1, 2}, {3, 4}},
      {{0.5, 1}, {1, 0}, {0, 1}} -> {{0, 1}, {1, 1}, {1, 2}}};
foldArrays = Values[NetInformation[fold, "Arrays"]];
"""

FIXED_WEIGHTS = "{{1., 0.5}, {0., 1.}}"

OPERATIONS = [
    "NetTrain[fold, io, MaxTrainingRounds -> 5]",
    "NetTrain[fold, io, MaxTrainingRounds -> 3, LearningRateMultipliers -> {_ -> 10.}]",
    "NetTrain[NetChain[{fixed}], {{1., 2.} -> {0., 0.}}, MaxTrainingRounds -> 3]",
    "NetInitialize[fold, All]",
    "NetInitialize[fixed, All]",
    "NetReplacePart[fold, {\"Net\", \"l3\", \"Weights\"} -> {{2., 0.}, {0., 2.}}]",
    "NetReplacePart[fixed, \"Weights\" -> {{0., 0.}, {0., 0.}}]",
    "fold[{{1, 2}, {3, 4}}]",
    "fixed[{{1, 2}, {3, 4}}]",
]


@pytest.fixture(scope="module")
def seeded():
    g = Guarded()
    assert g.names(SEED, seconds=30) == []
    return g


@pytest.mark.parametrize("operation", OPERATIONS)
def test_operations_never_change_a_referenced_net(seeded, operation):
    seeded.run(operation, seconds=30)
    assert seeded.text('NetExtract[fixed, "Weights"]') == FIXED_WEIGHTS
    assert seeded.text('NetExtract[fold, {"Net", "l3", "Weights"}]') == FIXED_WEIGHTS
    assert seeded.text("Values[NetInformation[fold, \"Arrays\"]] === foldArrays") == "True"


def test_nan_or_infinite_data_gives_a_message(seeded):
    for data in ("{{1.} -> {Indeterminate}, {2.} -> {1.}}",
                 "{{1.} -> {1.*^300}, {2.} -> {1.}}",
                 "{{Infinity} -> {1.}}"):
        out = seeded.run(f'NetTrain[NetChain[{{LinearLayer[1]}}, "Input" -> 1], {data}, '
                         "MaxTrainingRounds -> 3]", seconds=30)
        assert out.messages, data


def test_a_diverging_loss_gives_a_message_and_a_finite_net(seeded):
    out = seeded.run('t = NetTrain[NetChain[{LinearLayer[1]}, "Input" -> 1], '
                     "{{1.} -> {1.*^30}, {2.} -> {-1.*^30}}, MaxTrainingRounds -> 200, "
                     "LearningRate -> 1.*^6]", seconds=60)
    assert out.messages
    weights = seeded.text('Normal[NetExtract[t, {1, "Weights"}]]')
    assert "Indeterminate" not in weights and "Infinity" not in weights
