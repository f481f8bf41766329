"""What is particular to the recurrent layers (the generic layer tests check forward
against kernel, gradients and files; test_recurrent_oracle.py checks them against
PyTorch): the recurrences written out by hand, Wolfram's initial arrays, the dropout
methods while training (gradients checked by finite differences on fixed masks),
sequences of several lengths, state ports, shapes and messages, and the layers inside
every container."""
import numpy as np
import pytest

from wlnet.nets.errors import NetError
from wlnet.nets.graph import Chain, Graph
from wlnet.nets.initialize import initialize
from wlnet.nets.layers.basic_recurrent import BasicRecurrentLayer
from wlnet.nets.layers.gru import GatedRecurrentLayer
from wlnet.nets.layers.linear import LinearLayer
from wlnet.nets.layers.lstm import LongShortTermMemoryLayer
from wlnet.nets.layers.sequence import SequenceLastLayer
from wlnet.nets.operators import Fold, MapOp
from wlnet.nets.plan import compile
from wlnet.nets.recurrent.masks import Masks, probabilities

LAYERS = [LongShortTermMemoryLayer, GatedRecurrentLayer, BasicRecurrentLayer]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def moved(net, seed=0):
    """The net initialised, its arrays moved off their initial values."""
    rng = np.random.default_rng(seed)
    net = initialize(net, rng)
    return net.with_arrays({p: a + 0.4 * rng.standard_normal(a.shape) for p, a in
                            net.arrays().items()})


def by_hand(layer, x, s=None, c=None):
    """Wolfram's recurrences, one example (T, k), step by step."""
    w = {p[0]: a.astype(np.float64) for p, a in layer.arrays().items()}
    n = layer.size
    s = np.zeros(n) if s is None else s
    c = np.zeros(n) if c is None else c

    def gate(g, xt, st):
        return w[g + "InputWeights"] @ xt + w[g + "StateWeights"] @ st + w[g + "Biases"]
    out = []
    for xt in x:
        if isinstance(layer, LongShortTermMemoryLayer):
            i, o, f = (sigmoid(gate(g, xt, s)) for g in ("InputGate", "OutputGate", "ForgetGate"))
            m = np.tanh(gate("MemoryGate", xt, s))
            c = f * c + i * m
            s = o * np.tanh(c)
        elif isinstance(layer, GatedRecurrentLayer):
            i, r = (sigmoid(gate(g, xt, s)) for g in ("InputGate", "ResetGate"))
            m = np.tanh(w["MemoryGateInputWeights"] @ xt + r * (w["MemoryGateStateWeights"] @ s)
                        + w["MemoryGateBiases"])
            s = (1 - i) * m + i * s
        else:
            s = np.tanh(gate("", xt, s))
        out.append(s)
    return np.array(out), s, c


@pytest.mark.parametrize("cls", LAYERS, ids=lambda c: c.head)
def test_the_recurrence_is_wolframs(cls):
    layer = moved(cls(3, input=(4, 2)))
    rng = np.random.default_rng(1)
    x, s0, c0 = rng.standard_normal((4, 2)), rng.standard_normal(3), rng.standard_normal(3)
    plan = compile(layer, np.float64)
    given = {"State": s0[None], **({"CellState": c0[None]} if "CellState" in
                                   layer.state_ports() else {})}
    out = plan.forward({"Input": x[None], **given})["Output"][0]
    want, s, c = by_hand(layer, x, s0, c0)
    np.testing.assert_allclose(out, want, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(plan.final_states["State"][0], s, rtol=1e-12, atol=1e-12)
    if "CellState" in layer.state_ports():
        np.testing.assert_allclose(plan.final_states["CellState"][0], c, rtol=1e-12)


def test_initial_arrays_are_wolframs():
    """NetInitialize: weights random, biases 0, the LSTM's forget gate biases 1."""
    lstm = initialize(LongShortTermMemoryLayer(4, input=("Varying", 3)),
                      np.random.default_rng(0))
    arrays = {p[0]: a for p, a in lstm.arrays().items()}
    assert np.array_equal(arrays["ForgetGateBiases"], np.ones(4))
    for g in ("InputGate", "OutputGate", "MemoryGate"):
        assert np.array_equal(arrays[g + "Biases"], np.zeros(4))
    assert arrays["InputGateInputWeights"].shape == (4, 3)
    assert arrays["InputGateStateWeights"].shape == (4, 4) and arrays["InputGateStateWeights"].std() > 0
    gru = initialize(GatedRecurrentLayer(2, input=(5, 3)), np.random.default_rng(0))
    assert all(not a.any() for p, a in gru.arrays().items() if p[0].endswith("Biases"))
    assert sorted(p[0] for p in initialize(BasicRecurrentLayer(2, input=(5, 3)),
                                           np.random.default_rng(0)).arrays()) == \
        ["Biases", "InputWeights", "StateWeights"]


@pytest.mark.parametrize("cls", LAYERS, ids=lambda c: c.head)
def test_sequences_of_several_lengths_end_each_at_its_own_length(cls):
    layer = moved(cls(3, input=("Varying", 2)))
    rng = np.random.default_rng(2)
    xs = [rng.standard_normal((t, 2)) for t in (4, 1, 3, 4)]
    plan = compile(layer, np.float64)
    out = plan.forward({"Input": xs})
    states = plan.final_states["State"]
    for i, x in enumerate(xs):
        want, s, _ = by_hand(layer, x)
        assert out["Output"][i].shape == (len(x), 3)
        np.testing.assert_allclose(out["Output"][i], want, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(states[i], s, rtol=1e-12, atol=1e-12)


def _training_loss(plan, inputs, weights, seed):
    outs = plan.forward(inputs, training=True, rng=np.random.default_rng(seed))
    outs.update(plan.final_states)
    return sum(float(np.sum(weights[p] * outs[p])) for p in weights)


@pytest.mark.parametrize("cls", LAYERS, ids=lambda c: c.head)
@pytest.mark.parametrize("dropout", [0.3, {"VariationalInput": 0.4}, {"VariationalState": 0.4},
                                     {"StateUpdate": 0.4},
                                     {"VariationalWeights": 0.3, "VariationalInput": 0.3,
                                      "VariationalState": 0.3, "StateUpdate": 0.3}],
                         ids=["p", "input", "state", "update", "all"])
def test_gradients_through_the_dropout_masks_equal_finite_differences(cls, dropout):
    layer = moved(cls(3, input=(4, 2), dropout=dropout))
    rng = np.random.default_rng(3)
    inputs = {"Input": rng.standard_normal((3, 4, 2)), "State": rng.standard_normal((3, 3))}
    plan = compile(layer, np.float64)
    outs = plan.forward(inputs, training=True, rng=np.random.default_rng(7))
    outs.update(plan.final_states)
    weights = {p: rng.standard_normal(v.shape) for p, v in outs.items()}
    grads = {p: g.copy() for p, g in plan.backward(weights).items()}
    targets = [(plan.arrays[p], grads[p]) for p in plan.arrays]
    targets += [(inputs[p], plan.input_grads[p]) for p in inputs]
    eps = 1e-6
    for buf, grad in targets:
        flat = buf.reshape(-1)
        for i in rng.choice(flat.size, size=min(4, flat.size), replace=False):
            old = flat[i]
            flat[i] = old + eps
            up = _training_loss(plan, inputs, weights, 7)
            flat[i] = old - eps
            down = _training_loss(plan, inputs, weights, 7)
            flat[i] = old
            assert np.isclose(grad.reshape(-1)[i], (up - down) / (2 * eps), rtol=1e-5, atol=1e-7)


def test_dropout_acts_only_while_training_and_is_reproducible():
    layer = moved(LongShortTermMemoryLayer(3, input=(5, 2), dropout=0.5))
    plan = compile(layer, np.float64)
    x = {"Input": np.random.default_rng(0).standard_normal((2, 5, 2))}
    plain = compile(moved(LongShortTermMemoryLayer(3, input=(5, 2))), np.float64)
    evaluated = plan.forward(x)["Output"]
    np.testing.assert_array_equal(evaluated, plain.forward(x)["Output"])
    a = plan.forward(x, training=True, rng=np.random.default_rng(4))["Output"]
    b = plan.forward(x, training=True, rng=np.random.default_rng(4))["Output"]
    c = plan.forward(x, training=True, rng=np.random.default_rng(5))["Output"]
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, evaluated) and not np.allclose(a, c)


class _ScanningNumpy:
    """NumPy as a forward's ``xp``, with a ``scan`` of its own that counts its calls (as
    the JAX backend's namespace runs ``lax.scan``)."""

    def __init__(self):
        self.scans = 0

    def __getattr__(self, name):
        return getattr(np, name)

    def scan(self, step, carry, xs):
        from wlnet.nets.arrayapi import scan
        self.scans += 1
        return scan(np, step, carry, xs)


@pytest.mark.parametrize("cls", LAYERS, ids=lambda c: c.head)
def test_the_pure_forward_is_one_scan_over_the_steps(cls):
    """A backend compiles the recurrence as one loop, not one copy per step (an LSTM over
    49 steps took minutes to compile unrolled), with every dropout mask in its place."""
    dropout = {"VariationalInput": 0.3, "VariationalState": 0.3, "StateUpdate": 0.4}
    layer = moved(cls(3, input=(6, 2), dropout=dropout))
    arrays = {p[0]: a for p, a in layer.arrays().items()}
    x = {"Input": np.random.default_rng(0).standard_normal((2, 6, 2))}
    xp = _ScanningNumpy()
    got = layer.forward(xp, arrays, x, True, np.random.default_rng(3))
    plan = compile(layer, np.float64)
    want = plan.forward(x, training=True, rng=np.random.default_rng(3))
    assert xp.scans == 1
    np.testing.assert_allclose(got["Output"], want["Output"], rtol=1e-12, atol=1e-12)


def test_a_probability_alone_is_variational_weights():
    assert probabilities(0.2) == {"VariationalWeights": 0.2}
    assert probabilities({"VariationalInput": 0.0, "StateUpdate": 0.1}) == {"StateUpdate": 0.1}
    layer = LongShortTermMemoryLayer(3, input=(5, 2), dropout=0.5)
    masks = Masks.draw(layer.params["Dropout"], layer, np.random.default_rng(0), 4, 5, np.float32)
    assert masks.inputs is None and masks.states is None and masks.update is None
    assert sorted(masks.weights) == sorted(s.name for s in layer.array_specs
                                           if not s.name.endswith("Biases"))
    kept = masks.weights["InputGateStateWeights"]
    assert set(np.unique(kept)) <= {0.0, 2.0}


def test_dropout_specifications_are_checked():
    for bad, tag in [(1.5, "invdrppval"), ({"Foo": 0.1}, "invdrpspc"), ("x", "invdrpspc"),
                     ({"StateUpdate": -1}, "invdrppval")]:
        with pytest.raises(NetError) as info:
            GatedRecurrentLayer(2, dropout=bad)
        assert info.value.tag == tag
    assert GatedRecurrentLayer(2, dropout=[("StateUpdate", 0.5)]).params["Dropout"] == \
        {"StateUpdate": 0.5}


def test_shapes_and_their_messages():
    lstm = LongShortTermMemoryLayer(3)
    assert lstm.input_ports() == {"Input": ("Varying", None)}
    assert lstm.output_ports() == {"Output": ("Varying", 3)}
    assert lstm.state_ports() == {"State": (3,), "CellState": (3,)}
    assert LongShortTermMemoryLayer(3, input=(7, 2)).output_ports() == {"Output": (7, 3)}
    inferred = BasicRecurrentLayer(input_weights=np.ones((4, 2)))
    assert inferred.size == 4 and inferred.input_ports() == {"Input": ("Varying", 2)}
    for make, words in [(lambda: LongShortTermMemoryLayer(3, input=4), "sequence of vectors"),
                        (lambda: GatedRecurrentLayer(3, input=(4, 2), output=(5, 3)), "length"),
                        (lambda: BasicRecurrentLayer(3, input=(4, 2), output=(4, 2)), "size"),
                        (lambda: BasicRecurrentLayer(3, input_weights=np.ones((2, 2))), "rows")]:
        with pytest.raises(NetError) as info:
            make()
        assert info.value.tag == "tyfail" and words in info.value.text


def test_state_ports_in_a_graph():
    """src -> NetPort[layer, "State"] gives s_0; NetPort[layer, "CellState"] -> dst the
    final cell state."""
    graph = Graph({"lstm": LongShortTermMemoryLayer(2), "out": LinearLayer(1)},
                  [(("port", "init"), ("node", "lstm", "State")),
                   (("node", "lstm", "CellState"), "out")], ports={"Input": ("Varying", 3)})
    assert graph.input_ports() == {"init": (2,), "Input": ("Varying", 3)}
    graph = moved(graph)
    lstm = graph.children()["lstm"]
    rng = np.random.default_rng(0)
    x, s0 = rng.standard_normal((1, 4, 3)), rng.standard_normal((1, 2))
    out = compile(graph, np.float64).forward({"Input": x, "init": s0})
    _, _, c = by_hand(lstm, x[0], s0[0])
    w = {p[-1]: a for p, a in graph.arrays().items() if p[0] == "out"}
    np.testing.assert_allclose(out["Output2"][0], w["Weights"] @ c + w["Biases"], rtol=1e-10)


def test_inside_map_and_fold_operators():
    rng = np.random.default_rng(0)
    mapped = moved(MapOp(GatedRecurrentLayer(2), input=(3, 4, 2)))
    x = rng.standard_normal((2, 3, 4, 2))
    out = compile(mapped, np.float64).forward({"Input": x})["Output"]
    inner = mapped.children()["Net"]
    np.testing.assert_allclose(out[1, 2], by_hand(inner, x[1, 2])[0], rtol=1e-12)
    body = Graph({"rnn": BasicRecurrentLayer(2), "last": SequenceLastLayer(),
                  "plus": LinearLayer(2)},
                 [("rnn", "last"), (("port", "State"), ("node", "rnn", "State")),
                  ("last", "plus"), ("plus", ("port", "Output"))])
    fold = moved(Fold(body, input=(5, 3, 2)))
    check_fold = compile(fold, np.float64)
    xs = rng.standard_normal((2, 5, 3, 2))
    out = check_fold.forward({"Input": xs})["Output"]
    assert out.shape == (2, 5, 2)
    from .conftest import check_gradients
    check_gradients(fold, {"Input": xs})


def test_training_reaches_a_learnable_target():
    rng = np.random.default_rng(0)
    net = moved(Chain([LongShortTermMemoryLayer(8), SequenceLastLayer(), LinearLayer(1)],
                      {"Input": (6, 2)}), 1)
    x = rng.uniform(-1, 1, (64, 6, 2))
    y = x[:, -3:, :1].mean(axis=1)
    from wlnet.nets.layers.losses import MeanSquaredLossLayer
    from wlnet.train.loop import train
    from wlnet.train.optimizers import Adam
    graph = Graph({"net": net, "loss": MeanSquaredLossLayer()},
                  [("net", ("node", "loss", "Input")), (("port", "Target"), ("node", "loss",
                                                                              "Target"))])
    plan = compile(graph)
    first = plan.forward({"Input": x, "Target": y})["Loss"].mean()
    train(plan, {"Input": x.astype(np.float32), "Target": y.astype(np.float32)},
          batch_size=16, rounds=60, optimizer=Adam(0.01), rates={p: 1.0 for p in plan.arrays},
          rng=np.random.default_rng(0))
    assert plan.forward({"Input": x, "Target": y})["Loss"].mean() < first / 5


def test_memory_is_linear_in_the_length():
    """A forward and backward pass at 4x the length takes at most ~4x the memory."""
    import tracemalloc

    def peak(length):
        net = moved(Chain([LongShortTermMemoryLayer(16), SequenceLastLayer()],
                          {"Input": (length, 4)}))
        plan = compile(net)
        x = np.random.default_rng(0).standard_normal((8, length, 4)).astype(np.float32)
        tracemalloc.start()
        plan.forward({"Input": x}, training=True, rng=np.random.default_rng(0))
        plan.backward({"Output": np.ones((8, 16), np.float32)})
        used = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return used
    assert peak(800) < 4.5 * peak(200)
