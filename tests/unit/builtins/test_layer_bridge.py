"""The one generic bridge between Wolfram code and the layer definitions: every kind of
argument is read back from what the formatter writes, every registered layer has a
builtin, and every layer example comes back equal from its InputForm and from a .wlnet
file (arrays bit for bit), without any code per layer."""
import math

import numpy as np
import pytest

from wlnet.builtins.nets.values import NetValue
from wlnet.builtins.nets.layers import READERS
from wlnet.expr import Expr, S, Symbol
from wlnet.format.inputform import input_form
from wlnet.format.nets import WRITERS, constructor
from wlnet.kernel.builtin import BUILTINS
from wlnet.kernel.session import Session
from wlnet.nets import arguments as A
from wlnet.nets import structured as D
from wlnet.nets.errors import NetError
from wlnet.nets.initialize import initialize
from wlnet.nets.layer import layer_classes
from wlnet.nets.plan import compile

LAYERS = layer_classes()
CASES = [(head, i) for head, cls in sorted(LAYERS.items())
         for i in range(len(cls.examples(np.random.default_rng(0))))]

# a valid value of every kind, in the runtime's normal form
SAMPLES = [(A.Size(), 3), (A.Dims(), (2, 3)), (A.Dims(), (4,)), (A.Dims(), ()),
           (A.Shape(), ("Varying", 2)), (A.Shape(), ()), (A.Shape(), (3, None)),
           (A.Level(), -1), (A.Level(positive=True), 2), (A.Integer(0), 0),
           (A.Real(0, 1), 0.25),
           (A.Choice("a", "b"), "b"), (A.SymbolChoice("Plus", "Max"), "Max"),
           (A.Function(), "Tanh"), (A.Function(), ("Plus", ("Power", "x", 2), 1)),
           (A.Function(), "SoftPlus"), (A.Function(), ("If", ("Greater", "x", 0), "x", 0)),
           (A.ThreadFunction("Plus"), "Plus"),
           (A.ThreadFunction("Plus"), ("Plus", "x1", ("Power", "x2", ("Ramp", "x3")))),
           (A.InputPorts(), 3), (A.InputPorts(), ((2,), (3, 1))),
           (A.Array(2), np.arange(6, dtype=np.float32).reshape(2, 3)),
           (A.Array(1, optional=True), None), (A.Labels(), ("a", 2, "c")),
           (A.Labels(optional=True), None), (A.Boolean(), True), (A.Strings(), ("x", "yz")),
           (A.Strings(characters=True, optional=True), None), (A.RecurrentDropout(), 0.25),
           (A.RecurrentDropout(), {"VariationalInput": 0.5, "StateUpdate": 0.25}),
           (D.Spec(lambda v: v, "data"), (1, 2.5, "s", D.Sym("All"), D.Call("Span", (2, -1)),
                                          D.Call("TwoWayRule", (1, 3)), math.inf)),
           (A.Spatial(), 3), (A.Spatial(), (3,)), (A.Spatial(), (2, 3)), (A.Padding(), 0),
           (A.Padding(), (1, 2)), (A.Padding(), ((1, 0), (2, 3))), (A.Padding(), "Same"),
           (A.Boolean(), False)]

# values that are not of the kind (read by the bridge, rejected by the kind)
BAD = [(A.Size(), 0), (A.Dims(), (2, 0)), (A.Level(), 0), (A.Level(positive=True), -1),
       (A.Integer(0), -1),
       (A.Real(0, 1, high_open=True), 1.0), (A.Choice("a"), "c"),
       (A.SymbolChoice("Plus"), "Mod"), (A.Function(), ("Foo", "x")),
       (A.ThreadFunction("Plus"), "Mod"), (A.ThreadFunction("Plus"), ("Sin", "x")),
       (A.InputPorts(), 0), (A.Array(2), np.ones(3)), (A.Array(1), None),
       (A.Labels(), ("a", "a")), (A.Labels(), ()), (A.Boolean(), 1), (A.Strings(), ()),
       (A.Strings(characters=True), ("ab",)), (A.Spatial(), 0), (A.Spatial(), (2, 0)),
       (A.Padding(), -1), (A.Padding(), "Valid"), (A.Padding(), ((1, 2, 3),))]
# kinds with Wolfram's own message tags
BAD_TAGGED = [(A.RecurrentDropout(), 2.0, "invdrppval"), (A.RecurrentDropout(), "x", "invdrpspc"),
              (A.RecurrentDropout(), {"Foo": 0.1}, "invdrpspc")]


def _kinds(cls):
    """Every kind of argument (the subclasses of Kind, at any depth)."""
    return [k for sub in cls.__subclasses__() for k in (sub, *_kinds(sub))]


def test_every_kind_has_a_reader_and_a_writer():
    names = {kind.name for kind in _kinds(A.Kind) if kind.name}
    assert names <= set(READERS) and names <= set(WRITERS)
    assert {kind.name for kind, _ in SAMPLES} == names


@pytest.mark.parametrize("kind, value", SAMPLES, ids=lambda x: getattr(x, "name", None))
def test_written_values_read_back_to_the_same_value(kind, value):
    back = kind.check(READERS[kind.name](WRITERS[kind.name](value)))
    if isinstance(value, np.ndarray):
        assert back.dtype == np.float32 and np.array_equal(back, value)
    else:
        assert back == value


@pytest.mark.parametrize("kind, value", BAD, ids=lambda x: getattr(x, "name", None))
def test_bad_values_give_the_params_words(kind, value):
    param = A.Param("Thing", kind, what="the thing")
    with pytest.raises(NetError) as info:
        param.check("SomeLayer", value)
    assert (info.value.symbol, info.value.tag) == ("SomeLayer", "invarg")


@pytest.mark.parametrize("kind, value, tag", BAD_TAGGED)
def test_bad_values_of_kinds_with_their_own_tags(kind, value, tag):
    with pytest.raises(NetError) as info:
        A.Param("Dropout", kind).check("SomeLayer", value)
    assert (info.value.symbol, info.value.tag) == ("SomeLayer", tag)


def test_every_layer_has_a_builtin_with_its_options():
    for head, cls in LAYERS.items():
        options = BUILTINS[Symbol(head)].options
        assert set(options) == {p.name for p in cls.all_params
                                if p not in cls.arguments or p.keyword} \
            | {"LearningRateMultipliers"}, head


def _example(head, i):
    rng = np.random.default_rng(1)
    ex = LAYERS[head].examples(rng)[i]
    net = initialize(ex.layer, rng)
    trained = net.with_arrays({p: a + rng.standard_normal(a.shape)
                               for p, a in net.arrays().items()})
    return ex.layer, trained


@pytest.mark.parametrize("head, i", CASES)
def test_inputform_rebuilds_every_example(head, i):
    """The text evaluates to a net with the same ports, arrays and outputs (a function
    tree may come back written differently: 3.*Sin[#]/#^1. reads as a power of a power)."""
    session = Session(seed=1)
    inputs = LAYERS[head].examples(np.random.default_rng(0))[i].inputs
    for net in _example(head, i):
        text = constructor(net)
        out = session.evaluate(text)[-1]
        assert out.messages == [], (text, out.messages)
        back = out.result.payload
        assert type(back) is type(net) and _same_arrays(back, net)
        assert (back.input_ports(), back.output_ports()) == (net.input_ports(),
                                                             net.output_ports())
        if net.is_initialized():
            want, got = compile(net).forward(inputs), compile(back).forward(inputs)
            assert all(np.array_equal(want[p], got[p], equal_nan=True) for p in want)


@pytest.mark.parametrize("head, i", CASES)
def test_wlnet_files_rebuild_every_example(head, i, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    session = Session(seed=1)
    for net in _example(head, i):
        session.evaluate_expr(Expr(S.Set, Symbol("net"), NetValue(net)))
        out = session.evaluate('Export["n.wlnet", net]; Import["n.wlnet"]')[-1]
        assert out.messages == []
        back = out.result.payload
        assert constructor(back) == constructor(net) and _same_arrays(back, net)
        assert input_form(out.result) == input_form(NetValue(net))


def _same_arrays(a, b):
    xs, ys = a.arrays(), b.arrays()
    return list(xs) == list(ys) and all(
        (x is None and y is None) or (x is not None and y is not None and
                                      x.dtype == y.dtype and x.tobytes() == y.tobytes())
        for x, y in zip(xs.values(), ys.values()))
