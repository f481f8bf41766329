"""Every NetError case carries the Wolfram message symbol and tag."""
import numpy as np
import pytest

from wlnet.nets.layers.elementwise import ElementwiseLayer
from wlnet.nets.errors import NetError
from wlnet.nets.operators import Fold, NestOp
from wlnet.nets.graph import Chain, Graph
from wlnet.nets.initialize import initialize
from wlnet.nets.layers.dropout import DropoutLayer
from wlnet.nets.layers.linear import LinearLayer
from wlnet.nets.layers.threading import ThreadingLayer, TotalLayer
from wlnet.nets.plan import compile


def raises(symbol, tag, f, *args, **kw):
    with pytest.raises(NetError) as info:
        f(*args, **kw)
    assert (info.value.symbol, info.value.tag) == (symbol, tag), info.value
    return info.value


@pytest.mark.parametrize("make", [
    lambda: LinearLayer(-1), lambda: LinearLayer(0), lambda: LinearLayer("a"),
    lambda: LinearLayer(2, weights=[["a", 1]]), lambda: LinearLayer(2, weights=[1, 2]),
    lambda: LinearLayer(2, input=-3),
])
def test_bad_linear_arguments(make):
    raises("LinearLayer", "invarg", make)


def test_bad_layer_arguments():
    raises("ElementwiseLayer", "invarg", ElementwiseLayer, "Foo")
    raises("ElementwiseLayer", "invarg", ElementwiseLayer, ("Plus", "y", 1))
    raises("DropoutLayer", "invarg", DropoutLayer, 1.5)
    raises("ThreadingLayer", "invarg", ThreadingLayer, "Mod")
    raises("NetChain", "invarg", Chain, [LinearLayer(2), object()])
    raises("NetNestOperator", "invarg", NestOp, LinearLayer(2, input=2), -1)


def test_weights_that_do_not_fit_the_sizes():
    err = raises("LinearLayer", "tyfail", LinearLayer, 3, weights=np.ones((2, 2)))
    assert "rows" in err.text
    raises("LinearLayer", "tyfail", LinearLayer, 2, input=3, weights=np.ones((2, 2)))
    layer = LinearLayer(2, input=2)
    raises("LinearLayer", "tyfail", layer.with_arrays, {("Weights",): np.ones((3, 2))})


def test_shape_mismatch_between_connected_layers():
    err = raises("NetChain", "tyfail", Chain, [LinearLayer(3, input=2),
                                              LinearLayer(2, weights=np.ones((2, 4)))])
    assert "node 2" in err.text and "3" in err.text
    raises("NetGraph", "tyfail", Graph, [LinearLayer(3, input=2), LinearLayer(2, input=4)],
           [(1, 2)])
    raises("NetGraph", "tyfail", Graph, [LinearLayer(3, input=2), LinearLayer(2, input=2),
                                         TotalLayer()], [([1, 2], 3)])


def test_graph_wiring_errors():
    raises("NetGraph", "cyclic", Graph, [TotalLayer(), LinearLayer(2, input=2)],
           [([("port", "Input"), 2], 1), (1, 2)])
    err = raises("NetGraph", "invedge", Graph, {"a": LinearLayer(2)}, [("a", "b")])
    assert '"b"' in err.text
    raises("NetGraph", "invedge", Graph, [LinearLayer(2)], [(("node", 1, "Foo"), ("port", "O"))])
    raises("NetGraph", "invedge", Graph, [LinearLayer(2), LinearLayer(2), LinearLayer(2)],
           [(1, 3), (2, 3)])


def test_operator_errors():
    raises("NetFoldOperator", "invnet", Fold, LinearLayer(2))
    core = Graph({"t": TotalLayer(), "l": LinearLayer(3, input=2)},
                 [([("port", "Input"), ("port", "State")], "t"), ("t", "l")])
    raises("NetFoldOperator", "tyfail", Fold, core)


def test_evaluation_errors():
    raises("LinearLayer", "notinit", compile, LinearLayer(2, input=3))
    raises("LinearLayer", "notinit", compile, LinearLayer(2, weights=np.ones((2, 2))))
    raises("NetInitialize", "nninit", initialize, LinearLayer(2), np.random.default_rng())
    plan = compile(initialize(Chain([LinearLayer(2, input=3)]), np.random.default_rng(0)))
    raises("NetChain", "invinput", plan.forward, {"Input": np.ones((4, 2))})
    raises("NetChain", "invinput", plan.forward, {"Input": [["a", "b", "c"]]})
    raises("NetChain", "invinput", plan.forward, {})
    raises("NetChain", "invinput", plan.forward, {"Foo": np.ones((1, 3))})
