"""The runtime's coders: what each encoder makes of its inputs and each decoder's
numbers, Wolfram's rules for ties and bypass, and coders on the ports of nets."""
import numpy as np
import pytest

from wlnet.nets.coders import CoderError
from wlnet.nets.coders.classes import (ClassDecoder, ClassEncoder, decisions, entropy,
                                       ranked, top_probabilities)
from wlnet.nets.coders.simple import (BooleanDecoder, BooleanEncoder, ScalarDecoder,
                                      ScalarEncoder, boolean_entropy)
from wlnet.nets.coders.text import CharactersEncoder, TokensEncoder
from wlnet.nets.errors import NetError
from wlnet.nets.graph import Chain, Graph
from wlnet.nets.layers.linear import LinearLayer
from wlnet.nets.layers.softmax import SoftmaxLayer
from wlnet.train.measurements import Tally


def test_class_encoder_gives_positions_or_unit_vectors():
    enc = ClassEncoder(("a", "b", "c"))
    assert enc.shape == () and enc.encode(["b", "c", "a"]).tolist() == [2, 3, 1]
    vec = ClassEncoder(("a", "b"), "UnitVector")
    assert vec.shape == (2,) and vec.encode(["b"]).tolist() == [[0, 1]]
    assert ClassEncoder(("a", "b"), "IndicatorVector").shape == (2,)


def test_class_encoder_refuses_a_label_not_in_its_list():
    with pytest.raises(CoderError) as info:
        ClassEncoder(("a", "b")).encode(["a", "z"])
    assert info.value.template == "`` is not among the classes ``"
    assert info.value.values == ("z", ["a", "b"])


def test_integer_labels_are_looked_up_in_bulk_with_the_same_codes():
    enc = ClassEncoder((0, 5, 2, 9))
    data = np.array([9, 0, 2, 5, 5])
    assert enc.encode(data).tolist() == enc.encode(data.tolist()).tolist() == [4, 1, 3, 2, 2]
    with pytest.raises(CoderError):
        enc.encode(np.array([1]))


def test_class_encoder_with_dimensions_encodes_arrays_of_labels():
    enc = ClassEncoder(("x", "y"), Dimensions=(2, 2))
    assert enc.shape == (2, 2)
    assert enc.encode([[["x", "y"], ["y", "y"]]]).tolist() == [[[1, 2], [2, 2]]]
    with pytest.raises(CoderError):
        enc.encode([["x", "y"]])


def test_encoded_data_bypasses_only_when_no_label_is_an_integer():
    enc = ClassEncoder(("a", "b", "c"))
    assert enc.bypass(np.array([1.0, 3.0])) is not None
    assert enc.bypass(np.array([0.0])) is None and enc.bypass(np.array([1.5])) is None
    assert ClassEncoder((1, 2, 3)).bypass(np.array([1.0])) is None


def test_coder_parameters_are_checked_with_wolframs_tag():
    for bad in [((),), (("a", "a"),), (("a",), "Sideways")]:
        with pytest.raises(NetError) as info:
            ClassEncoder(*bad)
        assert (info.value.symbol, info.value.tag) == ("NetEncoder", "invcdrarg")
    with pytest.raises(NetError):
        ClassDecoder(InputDepth=0)


def test_class_decoder_takes_its_size_from_the_port_when_labels_are_automatic():
    dec = ClassDecoder()
    assert dec.shape == (None,) and dec.fitted((4,)).labels == (1, 2, 3, 4)
    assert ClassDecoder(("a", "b"), InputDepth=2).shape == (None, 2)
    assert dec.fitted((4,)).parameters()["Labels"] == (1, 2, 3, 4)


def test_ties_go_to_the_later_class_as_in_wolfram():
    p = np.array([[0.4, 0.4, 0.2], [0.1, 0.2, 0.7]])
    assert decisions(p).tolist() == [1, 2]
    assert ranked(p[0]).tolist() == [1, 0, 2]


def test_top_probabilities_keep_those_above_a_tenth_of_the_largest():
    assert top_probabilities(np.array([0.05, 0.9, 0.05, 0.0])) == [(1, 0.9)]
    assert [i for i, _ in top_probabilities(np.array([0.3, 0.5, 0.2]))] == [1, 0, 2]


def test_entropy_counts_only_probabilities_above_the_floor():
    p = np.array([[0.5, 0.5, 0.0], [1.0, 0.0, 0.0]])
    assert np.allclose(entropy(p), [np.log(2), 0.0])
    assert np.isclose(boolean_entropy(np.array(0.5)), np.log(2))


def test_boolean_and_scalar_coders():
    assert BooleanEncoder().encode([True, False]).tolist() == [1, 0]
    with pytest.raises(CoderError):
        BooleanEncoder().encode([1])
    assert BooleanDecoder().shape == () and BooleanDecoder(InputDepth=2).shape == (None, None)
    assert ScalarEncoder().encode([2.5]).tolist() == [[2.5]] and ScalarDecoder().shape == (1,)
    assert BooleanDecoder().encoder() == BooleanEncoder()
    assert ClassEncoder(("a", "b")).decoder() == ClassDecoder(("a", "b"))


def test_characters_encoder_default_table_and_case():
    enc = CharactersEncoder()
    assert len(enc.alphabet) == 97 and enc.alphabet[:2] == ("\t", "\n")
    assert enc.encode(["a "])[0].tolist() == [68, 3]
    folded = CharactersEncoder("ab", IgnoreCase=True)
    assert folded.encode(["AbB"])[0].tolist() == [1, 2, 2]
    with pytest.raises(CoderError):
        CharactersEncoder("ab").encode(["abc"])
    assert CharactersEncoder("abc", "UnitVector").encode(["c"])[0].tolist() == [[0, 0, 1]]


def test_tokens_encoder_gives_unknown_tokens_the_last_code():
    enc = TokensEncoder(("the", "cat", "."))
    assert enc.index_count == 4
    assert enc.encode(["The dog."])[0].tolist() == [1, 4, 3]
    assert TokensEncoder(("The",), IgnoreCase=False).encode(["the The"])[0].tolist() == [2, 1]


def test_a_chain_takes_the_coders_of_its_ports_and_of_its_first_and_last_layers():
    enc, dec = ClassEncoder(("x", "y"), "UnitVector"), ClassDecoder(("a", "b", "c"))
    chain = Chain([LinearLayer(3), SoftmaxLayer()], {"Input": enc, "Output": dec})
    assert chain.input_ports() == {"Input": (2,)} and chain.output_ports() == {"Output": (3,)}
    assert chain.port_coders() == {"Input": enc, "Output": dec}
    inner = Chain([LinearLayer(3, input=enc), SoftmaxLayer()])
    assert inner.port_coders() == {"Input": enc}
    assert chain.constructor()[1] == {"Input": enc, "Output": dec}


def test_coders_are_checked_against_their_ports():
    with pytest.raises(NetError) as info:
        Chain([LinearLayer(4), SoftmaxLayer()], {"Output": ClassDecoder(("a", "b", "c"))})
    assert info.value.tag == "tyfail"
    with pytest.raises(NetError) as info:
        Chain([LinearLayer(2)], {"Input": ClassDecoder(("a", "b"))})
    assert info.value.tag == "invarg"
    graph = Graph({"l": LinearLayer(2)}, [], {"Input": "Boolean"})
    assert graph.port_coders() == {"Input": BooleanEncoder()}


def test_tally_counts_a_confusion_matrix_and_top_k_hits():
    t = Tally(3, binary=False, index_target=True, tops=[2])
    p = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.2, 0.5, 0.3], [0.5, 0.4, 0.1]])
    t.add(p, np.array([1.0, 2.0, 2.0, 2.0]), real=4)
    assert t.value("ConfusionMatrix").tolist() == [[1, 0, 0], [1, 1, 1], [0, 0, 0]]
    assert t.value("ErrorRate") == 0.5 and t.value("Accuracy") == 0.5
    assert t.value(("Accuracy", 2)) == 1.0
    assert np.allclose(t.value("Recall")[:2], [1.0, 1 / 3])
    assert np.isclose(t.value("Entropy"), entropy(p).mean())


def test_tally_reads_probability_and_binary_targets():
    t = Tally(2, binary=False, index_target=False)
    t.add(np.array([[0.9, 0.1]]), np.array([[0.0, 1.0]]))
    assert t.value("ErrorRate") == 1.0
    b = Tally(2, binary=True, index_target=False)
    b.add(np.array([0.8, 0.3, 0.6]), np.array([1.0, 0.0, 0.0]), real=2)
    assert b.count == 2 and b.value("ErrorRate") == 0.0
