"""Path specs resolve as Wolfram's ToNetPath does (spec section 1.3)."""
import numpy as np
import pytest

from wlnet.nets.errors import NetError
from wlnet.nets.operators import Fold
from wlnet.nets.graph import Chain, Graph
from wlnet.nets.layers.linear import LinearLayer
from wlnet.nets.layers.threading import TotalLayer
from wlnet.nets.paths import (ALL, Alt, LayerRef, PathError, PathPattern, Port, Span, extract,
                              replace, to_path_pattern)

FIXED = LinearLayer(2, weights=[[1., .5], [0., 1.]], biases=None)
CORE = Graph({"l1": TotalLayer(), "l2": LinearLayer(2, input=2), "l3": FIXED},
             [([("port", "Input"), ("port", "State")], "l1"), ("l1", "l2"), ("l2", "l3")])
FOLD = Fold(CORE, input=("Varying", 2))
CHAIN = Chain([LinearLayer(3, input=2), "Tanh", LinearLayer(2), LinearLayer(1)])


def pattern(net, *spec):
    return to_path_pattern(net, spec)


def test_fold_paths_as_in_the_seed_question():
    assert pattern(FOLD, "Net", "l3") == PathPattern(("Net", "l3"))
    assert pattern(FOLD, "Net", "l3", "Weights") == PathPattern(("Net", "l3", "Weights"))
    assert pattern(FOLD, "Net") == PathPattern(("Net",))
    assert pattern(FOLD, 3) == PathPattern(("Net",), selects_operator_net=True)
    assert pattern(FOLD, LayerRef(FIXED)) == PathPattern(("Net",), selects_operator_net=True)
    assert pattern(FOLD, 7, "l3") == PathPattern(("Net", "l3"), selects_operator_net=True)
    assert pattern(FOLD, "State") == PathPattern((Port("State"),))
    assert pattern(FOLD, 3).matches(("Net", "l3", "Weights"))
    assert not pattern(FOLD, "Net", "l3").matches(("Net", "l2", "Weights"))


def test_graph_and_chain_paths():
    assert pattern(CORE, "l3") == PathPattern(("l3",))
    with pytest.raises(NetError) as info:
        pattern(CORE, 3)
    assert (info.value.symbol, info.value.tag) == ("NetGraph", "intpartassoc")
    assert pattern(CHAIN, -1) == PathPattern((4,))
    assert pattern(CHAIN, 1, "Weights") == PathPattern((1, "Weights"))
    assert pattern(CHAIN, "Input") == PathPattern((Port("Input"),))
    named = Chain({"a": LinearLayer(2, input=2), "b": LinearLayer(2)})
    assert pattern(named, 2) == PathPattern(("b",))
    assert pattern(CHAIN, Span(3, -1)) == PathPattern((frozenset({3, 4}),))
    assert pattern(CHAIN, Alt((1, "x"))) == PathPattern((frozenset({1, "x"}),))
    all_w = pattern(Chain([LinearLayer(2, input=2), LinearLayer(2)]), ALL, "Weights")
    assert all_w.matches((2, "Weights")) and not all_w.matches((2, "Biases"))
    assert pattern(CHAIN, ALL).matches((3, "Biases"))


@pytest.mark.parametrize("net, spec", [
    (CHAIN, (9,)), (CHAIN, (0,)), (CHAIN, ("x",)), (CHAIN, (LayerRef(FIXED),)),
    (CHAIN, (ALL, "Weights")), (CORE, (Span(1, 2),)), (CORE, ("l3", "Foo")),
    (FOLD, ("Foo",)), (CORE, ("l3", "Weights", "x")),
])
def test_invalid_paths_fail(net, spec):
    with pytest.raises(PathError):
        to_path_pattern(net, spec)


def test_extract_and_replace():
    assert extract(FOLD, ("Net", "l3", "Weights")).tolist() == [[1, .5], [0, 1]]
    assert extract(FOLD, ("Net", "l3")) is FOLD.net.extract(("l3",))
    assert extract(FOLD, ("Input",)) == ("Varying", 2)
    assert extract(CHAIN, (-1,)).output_ports() == {"Output": (1,)}
    swapped = replace(FOLD, ("Net", "l3", "Weights"), np.eye(2))
    assert swapped.extract(("Net", "l3", "Weights")).tolist() == [[1, 0], [0, 1]]
    assert FOLD.extract(("Net", "l3", "Weights")).tolist() == [[1, .5], [0, 1]]
    with pytest.raises(NetError) as info:
        replace(FOLD, ("Net", "l3", "Weights"), np.eye(3))
    assert info.value.tag == "tyfail"
    with pytest.raises(NetError):
        replace(CHAIN, (1,), LinearLayer(4, input=2))
    assert replace(CHAIN, (1,), LinearLayer(3)).input_ports() == {"Input": (2,)}


def test_patterns_over_the_two_nets_of_a_bidirectional_operator():
    from wlnet.nets.bidirectional import Bidirectional
    from wlnet.nets.layers.lstm import LongShortTermMemoryLayer
    net = Chain([Bidirectional(LongShortTermMemoryLayer(2), input=(4, 2)), LinearLayer(1)])
    every = pattern(net, 1, ALL)
    assert every == PathPattern((1, ALL))
    assert every.matches((1, "BackwardNet", "InputGateBiases"))
    both = pattern(net, 1, Alt(("ForwardNet", "BackwardNet")), "InputGateBiases")
    assert both.matches((1, "ForwardNet", "InputGateBiases"))
    assert not both.matches((1, "ForwardNet", "OutputGateBiases"))
    with pytest.raises(PathError):
        pattern(net, 1, ALL, "Nothing")
