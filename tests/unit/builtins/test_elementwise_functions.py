"""The functions ElementwiseLayer and ThreadingLayer take from Wolfram code
(wlnet/builtins/nets/functions.py): every named one of Wolfram's list, the string
names, pure functions built from the documented pieces, and Wolfram's invscf for the
rest. Values are compared with the same function computed here."""
import math

import numpy as np
import pytest

from wlnet.nets.functions import NAMED, STRING_NAMED

X = [-0.7, -0.3, 0.4, 0.8]


def run(wl, f, xs=X):
    return np.array(wl.value(f"ElementwiseLayer[{f}][{{{', '.join(map(str, xs))}}}]").array)


@pytest.mark.parametrize("name", [n for n in NAMED if n not in STRING_NAMED])
def test_every_symbol_of_wolframs_list_is_taken(wl, name):
    assert wl.messages(f"ElementwiseLayer[{name}]") == []


@pytest.mark.parametrize("name", ["ReLU", "RectifiedLinearUnit", "ELU", "SELU", "GELU",
                                  "Swish", "HardSwish", "Mish", "SoftSign", "SoftPlus",
                                  "HardTanh", "HardSigmoid", "Sigmoid"])
def test_every_documented_name_is_taken(wl, name):
    assert wl.messages(f'ElementwiseLayer["{name}"]') == []


@pytest.mark.parametrize("f, want", [
    ("#^2 + Sin[#] &", lambda x: x ** 2 + np.sin(x)),
    ("Max[#, 0.1 #] &", lambda x: np.maximum(x, 0.1 * x)),
    ("Min[#, 0] - 1 &", lambda x: np.minimum(x, 0) - 1),
    ("If[# > 0, #, 2 #] &", lambda x: np.where(x > 0, x, 2 * x)),
    ("Which[# < -0.5, 1, # < 0.5, 2, True, 3] &",
     lambda x: np.where(x < -0.5, 1, np.where(x < 0.5, 2, 3))),
    ("Piecewise[{{-1, # < 0}, {1, # > 0.5}}] &",
     lambda x: np.where(x < 0, -1, np.where(x > 0.5, 1, 0))),
    ("Clip[#] &", lambda x: np.clip(x, -1, 1)),
    ("Clip[3 #, {-1, 2}] &", lambda x: np.clip(3 * x, -1, 2)),
    ("Clip[#, {-0.5, 0.5}, {-9, 9}] &", lambda x: np.where(x < -0.5, -9, np.where(x > 0.5, 9, x))),
    ("Mod[#, 0.5] &", lambda x: np.mod(x, 0.5)),
    ("Surd[#, 3] &", np.cbrt),
    ("Threshold[#, 0.35] &", lambda x: np.where(np.abs(x) < 0.35, 0, x)),
    ("Chop[#, 0.35] &", lambda x: np.where(np.abs(x) < 0.35, 0, x)),
    ("Boole[Positive[#]] + 0 &", None),
    ("If[Negative[#] || # > 0.5, 1, 0] &", lambda x: ((x < 0) | (x > 0.5)).astype(float)),
    ("If[Not[NonNegative[#]], #, 0] &", lambda x: np.where(x < 0, x, 0)),
    ("(# - 1)/(# + 2) &", lambda x: (x - 1) / (x + 2)),
    ("-# &", lambda x: -x),
    ("E^# + Pi &", lambda x: np.exp(x) + math.pi),
    ("Function[x, Tanh[x]^2]", lambda x: np.tanh(x) ** 2),
    ("\"SELU\"[2 #] &", lambda x: np.where(x > 0, 1.0507009873554805 * 2 * x,
                                          1.0507009873554805 * 1.6732632423543772
                                          * np.expm1(2 * x))),
    ("Sin @* Exp", lambda x: np.sin(np.exp(x))),
])
def test_pure_functions_of_the_documented_pieces(wl, f, want):
    if want is None:      # Boole is not among them
        assert wl.messages(f"ElementwiseLayer[{f}]") == ["ElementwiseLayer::invscf"]
        return
    np.testing.assert_allclose(run(wl, f), want(np.array(X)), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("f", ["Zeta", "#^2 + Zeta[#] &", "#1 + #2 &", "Foo[#] &",
                               "\"Foo\"", "{#} &", "f"])
def test_others_give_wolframs_invscf(wl, f):
    assert wl.messages(f"ElementwiseLayer[{f}]") == ["ElementwiseLayer::invscf"]
    assert wl(f"ElementwiseLayer[{f}]") == "$Failed"


def test_threading_pure_functions_fix_the_number_of_inputs(wl):
    assert wl.value("ThreadingLayer[#1 + #2^#1 &][{{1, 2}, {3, 4}}]").array.tolist() == [4, 18]
    assert wl('Information[ThreadingLayer[#1 * #3 &], "InputPortNames"]') == \
        '{"Input1", "Input2", "Input3"}'
    assert wl.messages("ThreadingLayer[#1 + #2 &, InputPorts -> 1]") == \
        ["ThreadingLayer::invarg"]
    assert wl.messages("ThreadingLayer[Zeta]") == ["ThreadingLayer::invscf"]


def test_functions_in_a_chain_become_elementwise_layers(wl):
    text = wl('NetChain[{LinearLayer[2], Erf, InverseGudermannian}, "Input" -> 3]')
    assert "ElementwiseLayer[Erf" in text and "ElementwiseLayer[InverseGudermannian" in text
