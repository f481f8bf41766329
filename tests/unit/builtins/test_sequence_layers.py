"""The sequence layers through Wolfram code: they train through NetTrain on sequences
of several lengths (an embedding summed over each sequence learns to count one symbol),
and an EmbeddingLayer takes its number of classes from a NetEncoder on its input."""
import numpy as np


def test_embedding_and_aggregation_learn_to_count(wl):
    wl('SeedRandom[1]; data = Table[With[{s = RandomInteger[{1, 5}, RandomInteger[{2, 6}]]}, '
       's -> {N[Count[s, 3]]}], {100}];')
    wl('net = NetChain[{EmbeddingLayer[4, 5], AggregationLayer[Total, 1], LinearLayer[1]}, '
       '"Input" -> "Varying"];')
    wl('trained = NetTrain[net, data, MaxTrainingRounds -> 200, '
       'TrainingProgressReporting -> None];')
    got = np.array(wl.value("trained[{{3, 3, 1}, {1, 2}, {3}, {5, 4, 3, 2, 1}}]").array)
    np.testing.assert_allclose(got[:, 0], [2, 0, 1, 1], atol=0.2)


def test_embedding_takes_n_from_its_input_encoder(wl):
    wl('e = EmbeddingLayer[2, "Input" -> NetEncoder[{"Class", {"a", "b", "c"}}]]')
    assert wl('Dimensions[NetExtract[NetInitialize[e], "Weights"]]') == "{3, 2}"
    assert wl.messages('EmbeddingLayer[2, 4, "Input" -> NetEncoder[{"Class", {"a", "b"}}]]') \
        == ["EmbeddingLayer::tyfail"]


def test_embedding_takes_n_from_the_encoder_of_the_container_it_is_in(wl):
    enc = 'NetEncoder[{"Class", {"a", "b", "c"}}]'
    wl(f'c = NetInitialize@NetChain[{{EmbeddingLayer[2], LinearLayer[2]}}, "Input" -> {enc}]')
    assert wl('Dimensions[NetExtract[c, {1, "Weights"}]]') == "{3, 2}"
    assert wl('Dimensions[c["c"]]') == "{2}"
    wl('g = NetInitialize@NetGraph[{NetChain[{EmbeddingLayer[2]}], LinearLayer[2]}, {1 -> 2}, '
       f'"Input" -> {enc}]')
    assert wl('Dimensions[NetExtract[g, {1, 1, "Weights"}]]') == "{3, 2}"
    wl('t = NetInitialize@NetChain[{EmbeddingLayer[2], LongShortTermMemoryLayer[3], '
       'SequenceLastLayer[]}, "Input" -> NetEncoder[{"Characters", "abc"}]]')
    assert wl('Dimensions[t["abcab"]]') == "{3}"
    wl('r = NetReplacePart[NetChain[{EmbeddingLayer[2]}], "Input" -> NetEncoder[{"Tokens", '
       '{"x", "y"}}]]')
    assert wl('Dimensions[NetExtract[NetInitialize[r], {1, "Weights"}]]') == "{3, 2}"
    assert wl.messages(f'NetChain[{{EmbeddingLayer[2, 5]}}, "Input" -> {enc}]') \
        == ["EmbeddingLayer::tyfail"]


def test_a_clash_after_an_encoder_that_fits_its_port_names_the_clash(wl):
    """The encoder fits, the layers after it do not: the message is the layers' own."""
    assert wl.messages('NetChain[{EmbeddingLayer[2], LinearLayer[2]}, '
                       '"Input" -> NetEncoder[{"Tokens", {"a", "b"}}]]') == ["NetChain::tyfail"]


def test_indices_out_of_range_are_refused_before_anything_runs(wl):
    """Checked at the net's input ports (``Net.index_counts``), so a backend without the
    NumPy kernels' checks refuses them too; in NetTrain the data are named."""
    wl('e = NetChain[{EmbeddingLayer[2, 4], FlattenLayer[], LinearLayer[1]}, "Input" -> 3]')
    assert wl.messages('NetInitialize[e][{1, 2, 5}]') == ["NetChain::invinput"]
    assert wl.messages('NetTrain[e, {{1, 2, 5} -> {1}, {1, 2, 3} -> {2}}]') \
        == ["NetTrain::invindata3"]
    assert wl.messages('NetTrain[e, {{1, 2, 4} -> {1}}, ValidationSet -> {{0, 1, 1} -> {1}}]') \
        == ["NetTrain::invindata3"]
    wl('g = NetInitialize@NetGraph[{EmbeddingLayer[2, 3], EmbeddingLayer[2, 5], TotalLayer[]}, '
       '{NetPort["a"] -> 1, NetPort["b"] -> 2, {1, 2} -> 3}, "a" -> 2, "b" -> 2]')
    assert wl.messages('g[<|"a" -> {1, 3}, "b" -> {5, 4}|>]') == []
    out = wl.output('g[<|"a" -> {1, 4}, "b" -> {5, 4}|>]')
    assert [m.args[0].value for m in out.messages] == [
        "The input a should hold integers from 1 to 3, not 4."]
