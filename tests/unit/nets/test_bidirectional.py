"""NetBidirectionalOperator: the forward net on the sequence, the backward net on its
reverse (each sequence reversed within its own length), the backward output reversed
back when it is a sequence, and the two aggregated; shapes, states, parts, gradients,
and its InputForm and .wlnet file."""
import numpy as np
import pytest

from wlnet.expr import Expr, S, String, Symbol
from wlnet.kernel.session import Session
from wlnet.nets.bidirectional import Bidirectional
from wlnet.nets.errors import NetError
from wlnet.nets.initialize import initialize
from wlnet.nets.layers.basic_recurrent import BasicRecurrentLayer
from wlnet.nets.layers.gru import GatedRecurrentLayer
from wlnet.nets.layers.lstm import LongShortTermMemoryLayer
from wlnet.nets.layers.sequence import SequenceLastLayer
from wlnet.nets.paths import extract
from wlnet.nets.plan import compile

from .conftest import check_gradients


def _run(net, x, **states):
    plan = compile(net, np.float64)
    out = plan.forward({"Input": x, **states})["Output"]
    return out, plan.final_states


def test_shapes_of_each_aggregation():
    lstm = LongShortTermMemoryLayer(3)
    assert Bidirectional(lstm, input=("Varying", 2)).output_ports() == {"Output": ("Varying", 6)}
    both = Bidirectional([lstm, GatedRecurrentLayer(2)], input=(4, 2))
    assert both.output_ports() == {"Output": (4, 5)}
    assert both.state_ports() == {"ForwardState": (3,), "ForwardCellState": (3,),
                                  "BackwardState": (2,)}
    assert Bidirectional(lstm, "Total", input=(4, 2)).output_ports() == {"Output": (4, 3)}
    assert Bidirectional(SequenceLastLayer(), input=("Varying", 2)).output_ports() == \
        {"Output": (4,)}
    assert Bidirectional(SequenceLastLayer(), "Mean", input=(3, 2)).output_ports() == \
        {"Output": (2,)}
    assert Bidirectional(BasicRecurrentLayer(1, input=(2, 1))).input_ports() == \
        {"Input": (2, 1)}
    with pytest.raises(NetError) as info:
        Bidirectional([BasicRecurrentLayer(1), BasicRecurrentLayer(3)], "Total",
                      input=("Varying", 3))
    assert info.value.tag == "tyfail" and "incompatible" in info.value.text
    with pytest.raises(NetError):
        Bidirectional(lstm, "Max")


@pytest.mark.parametrize("aggregation", ["Catenate", "Total", "Mean"])
def test_the_backward_net_sees_each_sequence_reversed_within_its_length(aggregation):
    rng = np.random.default_rng(0)
    net = initialize(Bidirectional([LongShortTermMemoryLayer(2), GatedRecurrentLayer(2)],
                                   aggregation, input=("Varying", 3)), rng)
    fnet, bnet = net.children()["ForwardNet"], net.children()["BackwardNet"]
    xs = [rng.standard_normal((t, 3)) for t in (4, 2, 4)]
    out, states = _run(net, xs)
    for i, x in enumerate(xs):
        f = _run(fnet, x[None])[0][0]
        b, b_states = _run(bnet, x[None, ::-1])
        b = b[0][::-1]
        want = {"Catenate": np.concatenate([f, b], axis=1), "Total": f + b,
                "Mean": (f + b) / 2}[aggregation]
        np.testing.assert_allclose(out[i], want, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(states["BackwardState"][i], b_states["State"][0], rtol=1e-12)


def test_states_and_gradients():
    rng = np.random.default_rng(1)
    net = initialize(Bidirectional(BasicRecurrentLayer(2), input=(3, 2)), rng)
    x = rng.standard_normal((2, 3, 2))
    s = rng.standard_normal((2, 2))
    given, _ = _run(net, x, ForwardState=s)
    plain, _ = _run(net, x)
    assert not np.allclose(given[:, :, :2], plain[:, :, :2])
    np.testing.assert_allclose(given[:, :, 2:], plain[:, :, 2:])
    check_gradients(net, {"Input": x, "ForwardState": s, "BackwardState": s[::-1].copy()})
    last = initialize(Bidirectional(GatedRecurrentLayer(2), input=(3, 2)), rng)
    check_gradients(last, {"Input": x})


def test_parts_are_forward_net_and_backward_net():
    net = initialize(Bidirectional(LongShortTermMemoryLayer(2), input=(3, 2)),
                     np.random.default_rng(0))
    assert isinstance(extract(net, ("ForwardNet",)), LongShortTermMemoryLayer)
    a, b = (extract(net, (k, "InputGateStateWeights")) for k in ("ForwardNet", "BackwardNet"))
    assert a.shape == (2, 2) and not np.array_equal(a, b)     # two copies, drawn apart
    assert extract(net, ("ForwardState",)) == (2,)
    assert net.array_paths()[0] == ("ForwardNet", "ForgetGateBiases")


def test_inputform_and_file_round_trips(tmp_path):
    session = Session(seed=1)
    path = tmp_path / "bi.wlnet"
    session.evaluate('b = NetInitialize[NetBidirectionalOperator[{LongShortTermMemoryLayer[2], '
                     'GatedRecurrentLayer[3, "Dropout" -> 0.1]}, "Input" -> {"Varying", 2}]]; '
                     'x = {{1, 2}, {3, 4}, {5, 6}};')
    same = session.evaluate(f'{{Import[Export["{path}", b]][x] == b[x], '
                            'ToExpression[ToString[InputForm[b]]][x] == b[x]}')[-1].result
    assert same == Expr(S.List, Symbol("True"), Symbol("True"))
    text = session.evaluate('ToString[InputForm[NetBidirectionalOperator[SequenceLastLayer[], '
                            'Mean]]]')[-1].result
    assert text == String("NetBidirectionalOperator[{SequenceLastLayer[], SequenceLastLayer[]}, "
                          "Mean]")
