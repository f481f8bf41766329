"""Every net of the seed session builds, initialises, evaluates and prints; the fold's
"Arrays" have the seed's keys, shapes and l3 weights."""

import numpy as np
import pytest

from wlnet.builtins.nets.values import NetValue
from wlnet.expr import PackedArray
from wlnet.format.outputform import output_form

SEED = [
    'fixed = LinearLayer[2, "Weights" -> {{1., 0.5}, {0., 1.}}, "Biases" -> None]',
    'core = NetGraph[<|"l1" -> TotalLayer[], "l2" -> LinearLayer[2, "Input" -> 2], '
    '"l3" -> fixed|>, {{NetPort["Input"], NetPort["State"]} -> "l1" -> "l2" -> "l3"}]',
    'fold = NetFoldOperator[core, "Input" -> {"Varying", 2}]',
]


@pytest.fixture
def seed(wl):
    for line in SEED:
        assert not wl.messages(line), line
    return wl


def test_seed_nets_print_one_line_summaries(seed):
    assert output_form(seed.value("fixed")) == "LinearLayer[<2 -> 2, initialized>]"
    assert output_form(seed.value("core")) == \
        "NetGraph[<3 nodes, 5 edges, Input: 2, State: 2 -> 2, uninitialized>]"
    assert output_form(seed.value("fold")) == \
        "NetFoldOperator[<NetGraph, {n, 2} -> {n, 2}, State: 2, uninitialized>]"


def test_parameters_net_form_of_11x(seed):
    assert seed('fold[["Parameters"]]["Net"][["l3"]][["Weights"]]') == "{{1., 0.5}, {0., 1.}}"


def test_fold_arrays_keys_shapes_and_values(seed):
    seed("fold = NetInitialize[fold];")
    arrays = seed.value('NetInformation[fold, "Arrays"]')
    keys = [tuple(x.value for x in rule.args[0].args) for rule in arrays.args]
    assert keys == [("Net", "l2", "Biases"), ("Net", "l2", "Weights"), ("Net", "l3", "Weights")]
    values = [rule.args[1] for rule in arrays.args]
    assert all(isinstance(v, PackedArray) for v in values)
    assert [v.array.shape for v in values] == [(2,), (2, 2), (2, 2)]
    assert values[2].array.tolist() == [[1.0, 0.5], [0.0, 1.0]]
    assert values[0].array.tolist() == [0.0, 0.0]
    assert seed('Information[fold, "ArraysDimensions"]') == \
        '<|{"Net", "l2", "Biases"} -> {2}, {"Net", "l2", "Weights"} -> {2, 2}, ' \
        '{"Net", "l3", "Weights"} -> {2, 2}|>'


def _fold_numpy(w2, b2, w3, xs, s0):
    s, out = np.asarray(s0, np.float32), []
    for x in np.asarray(xs, np.float32):
        s = w3 @ (w2 @ (x + s) + b2)
        out.append(s)
    return np.array(out)


def test_fold_evaluates_like_numpy(seed):
    seed("fold = NetInitialize[fold];")
    w2 = seed.value('fold[["Net", "l2", "Weights"]]').array.astype(np.float32)
    b2 = seed.value('fold[["Net", "l2", "Biases"]]').array.astype(np.float32)
    w3 = np.array([[1, 0.5], [0, 1]], np.float32)
    got = seed.value("fold[{{1, 2}, {3, 4}, {-1, 0.5}}]").array
    want = _fold_numpy(w2, b2, w3, [[1, 2], [3, 4], [-1, 0.5]], [0, 0])
    np.testing.assert_allclose(got, want, rtol=1e-6)
    got = seed.value('fold[<|"Input" -> {{1, 2}, {3, 4}}, "State" -> {1, -1}|>]').array
    np.testing.assert_allclose(got, _fold_numpy(w2, b2, w3, [[1, 2], [3, 4]], [1, -1]),
                               rtol=1e-6)
    final = seed.value('fold[{{1, 2}, {3, 4}}, "State"]').array
    np.testing.assert_allclose(final, _fold_numpy(w2, b2, w3, [[1, 2], [3, 4]], [0, 0])[-1],
                               rtol=1e-6)


def test_fold_batch_of_sequences_of_different_lengths(seed):
    seed("fold = NetInitialize[fold];")
    batch = seed.value("fold[{{{1, 2}, {3, 4}}, {{1, 2}}}]")
    first = seed.value("fold[{{1, 2}, {3, 4}}]")
    assert len(batch.args) == 2
    np.testing.assert_array_equal(batch.args[0].array, first.array)
    np.testing.assert_array_equal(batch.args[1].array, first.array[:1])


def test_second_seed_graph_by_positions(seed):
    seed('core2 = NetInitialize@NetGraph[{LinearLayer[2, "Input" -> 2], fixed}, '
         '{NetPort["Input"] -> 1 -> 2}]')
    assert seed('core2[[2]][["Weights"]]') == "{{1., 0.5}, {0., 1.}}"
    w = seed.value('core2[[1, "Weights"]]').array
    b = seed.value('core2[[1, "Biases"]]').array
    got = seed.value("core2[{1, 2}]").array
    want = np.array([[1, 0.5], [0, 1]]) @ (w @ np.array([1, 2]) + b)
    np.testing.assert_allclose(got, want, rtol=1e-6)


def test_nets_are_values(seed):
    seed("init = NetInitialize[fold]")
    assert output_form(seed.value("fold")).endswith("uninitialized>]")
    assert seed('fold[["Net", "l2", "Weights"]]') == "Automatic"
    seed('other = NetReplacePart[init, {"Net", "l3", "Weights"} -> {{2, 0}, {0, 2}}]')
    assert seed('init[["Net", "l3", "Weights"]]') == "{{1., 0.5}, {0., 1.}}"
    assert seed('other[["Net", "l3", "Weights"]]') == "{{2., 0.}, {0., 2.}}"


def test_initialisation_is_reproducible_under_seedrandom(seed):
    a = seed.value('SeedRandom[5]; NetInitialize[fold][["Net", "l2", "Weights"]]')
    b = seed.value('SeedRandom[5]; NetInitialize[fold][["Net", "l2", "Weights"]]')
    c = seed.value('NetInitialize[fold][["Net", "l2", "Weights"]]')
    assert a == b and a != c
    d = seed.value('NetInitialize[fold, RandomSeeding -> 9][["Net", "l2", "Weights"]]')
    e = seed.value('NetInitialize[fold, RandomSeeding -> 9][["Net", "l2", "Weights"]]')
    assert d == e


def test_initialize_all_overwrites_given_arrays(seed):
    assert seed('NetInitialize[fixed][["Weights"]]') == "{{1., 0.5}, {0., 1.}}"
    assert seed('NetInitialize[fixed, All][["Weights"]]') != "{{1., 0.5}, {0., 1.}}"


@pytest.mark.parametrize("name", ["fixed", "core", "fold"])
def test_inputform_rebuilds_the_net(seed, name):
    seed(f"{name} = NetInitialize[{name}];")
    text = seed(name)
    rebuilt = seed.value(text)
    original = seed.value(name)
    assert isinstance(rebuilt, NetValue)
    assert output_form(rebuilt) == output_form(original)
    for p, a in original.payload.arrays().items():
        np.testing.assert_array_equal(rebuilt.payload.arrays()[p], a)
