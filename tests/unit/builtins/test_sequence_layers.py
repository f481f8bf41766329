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
