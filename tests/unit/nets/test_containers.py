"""Chain, Graph and the operators: structure, values and gradients."""
import numpy as np

from wlnet.nets.layers.elementwise import ElementwiseLayer
from wlnet.nets.operators import Fold, MapOp, NestOp
from wlnet.nets.graph import Chain, Graph
from wlnet.nets.initialize import initialize
from wlnet.nets.layers.catenate import CatenateLayer
from wlnet.nets.layers.linear import LinearLayer
from wlnet.nets.layers.sequence import SequenceLastLayer
from wlnet.nets.layers.threading import TotalLayer
from wlnet.nets.layers.losses import MeanSquaredLossLayer
from wlnet.nets.plan import compile

RNG = np.random.default_rng(3)
FIXED_W = [[1., .5], [0., 1.]]


def seed_core():
    fixed = LinearLayer(2, weights=FIXED_W, biases=None)
    return Graph({"l1": TotalLayer(), "l2": LinearLayer(2, input=2), "l3": fixed},
                 [([("port", "Input"), ("port", "State")], "l1"), ("l1", "l2"), ("l2", "l3")])


def test_seed_fold_structure():
    fold = initialize(Fold(seed_core(), input=("Varying", 2)), np.random.default_rng(0))
    assert fold.array_paths() == [("Net", "l2", "Biases"), ("Net", "l2", "Weights"),
                                  ("Net", "l3", "Weights")]
    assert [a.shape for a in fold.arrays().values()] == [(2,), (2, 2), (2, 2)]
    assert np.array_equal(fold.arrays()[("Net", "l2", "Biases")], [0, 0])
    assert fold.extract(("Net", "l3", "Weights")).tolist() == FIXED_W
    assert fold.input_ports() == {"Input": ("Varying", 2)}
    assert fold.output_ports() == {"Output": ("Varying", 2)}
    assert fold.state_ports() == {"State": (2,)}
    assert fold.net.input_ports() == {"Input": (2,), "State": (2,)}


def test_seed_list_graph_structure():
    fixed = LinearLayer(2, weights=FIXED_W, biases=None)
    core = initialize(Graph([LinearLayer(2, input=2), fixed], [(("port", "Input"), 1), (1, 2)]),
                      np.random.default_rng(0))
    assert core.array_paths() == [(1, "Biases"), (1, "Weights"), (2, "Weights")]
    assert core.input_ports() == {"Input": (2,)} and core.output_ports() == {"Output": (2,)}
    assert core.extract((2, "Weights")).tolist() == FIXED_W


def test_fold_values_match_a_numpy_loop():
    fold = initialize(Fold(seed_core(), input=("Varying", 2)), np.random.default_rng(1))
    a = {p[1:]: v.astype(np.float64) for p, v in fold.arrays().items()}
    x, s0 = RNG.standard_normal((3, 5, 2)), RNG.standard_normal((3, 2))
    plan = compile(fold, np.float64)
    out = plan.forward({"Input": x, "State": s0})["Output"]
    s, want = s0, []
    for t in range(5):
        s = ((x[:, t] + s) @ a[("l2", "Weights")].T + a[("l2", "Biases")]) @ a[("l3", "Weights")].T
        want.append(s)
    assert np.allclose(out, np.stack(want, 1))
    assert np.allclose(plan.final_states["State"], s)
    zero = plan.forward({"Input": x})["Output"]
    assert np.allclose(zero[:, 0], (x[:, 0] @ a[("l2", "Weights")].T + a[("l2", "Biases")])
                       @ a[("l3", "Weights")].T)


def test_fold_gradients_with_state_and_final_state(gradcheck):
    fold = Fold(seed_core(), input=("Varying", 2))
    plan = gradcheck(fold, {"Input": RNG.standard_normal((3, 4, 2)),
                            "State": RNG.standard_normal((3, 2))})
    assert set(plan.input_grads) == {"Input", "State"}


def test_fold_with_a_weight_used_twice(gradcheck):
    shared = ElementwiseLayer("Tanh")
    inner = Graph({"add": TotalLayer(), "lin": LinearLayer(2, input=2), "act": shared,
                   "lin2": LinearLayer(2), "sum": TotalLayer()},
                  [([("port", "Input"), ("port", "State")], "add"), ("add", "lin"),
                   ("lin", "act"), ("act", "lin2"), (["lin2", "add"], "sum"),
                   ("sum", ("port", "Output"))])
    fold = initialize(Fold(inner, input=(5, 2)), np.random.default_rng(2))
    tied = fold.with_arrays({("Net", "lin2", "Weights"): fold.arrays()[("Net", "lin", "Weights")]})
    gradcheck(tied, {"Input": RNG.standard_normal((2, 5, 2))})


def test_fold_inside_a_chain_with_sequence_last_and_loss(gradcheck):
    net = Graph({"fold": Fold(seed_core(), input=("Varying", 2)), "last": SequenceLastLayer(),
                 "loss": MeanSquaredLossLayer()},
                [("fold", "last"), ("last", ("node", "loss", "Input"))])
    assert net.input_ports() == {"Input": ("Varying", 2), "Target": (2,)}
    assert net.output_ports() == {"Loss": ()}
    gradcheck(net, {"Input": RNG.standard_normal((3, 4, 2)), "Target": RNG.standard_normal((3, 2))})


def test_fold_final_state_port_in_a_graph():
    net = Graph({"fold": Fold(seed_core(), input=(3, 2)), "out": LinearLayer(1)},
                [(("node", "fold", "State"), "out"), ("fold", ("port", "Seq"))])
    assert net.output_ports() == {"Output": (1,), "Seq": (3, 2)}
    plan = compile(initialize(net, np.random.default_rng(0)), np.float64)
    out = plan.forward({"Input": RNG.standard_normal((2, 3, 2))})
    w = plan.arrays[("out", "Weights")]
    assert np.allclose(out["Output"], out["Seq"][:, -1] @ w.T + plan.arrays[("out", "Biases")])


def test_varying_lengths_run_by_length():
    fold = initialize(Fold(seed_core(), input=("Varying", 2)), np.random.default_rng(1))
    plan = compile(fold, np.float64)
    seqs = [RNG.standard_normal((n, 2)) for n in (3, 5, 3, 1)]
    out = plan.forward({"Input": seqs})["Output"]
    assert [o.shape for o in out] == [(3, 2), (5, 2), (3, 2), (1, 2)]
    for s, o in zip(seqs, out):
        assert np.allclose(plan.forward({"Input": s[None]})["Output"][0], o)
    plan.forward({"Input": seqs})
    grads = {p: g.copy() for p, g in plan.backward({"Output": [np.ones_like(o) for o in out]}).items()}
    total = {p: 0 for p in grads}
    for s in seqs:
        plan.forward({"Input": s[None]})
        for p, g in plan.backward({"Output": np.ones((1,) + s.shape)}).items():
            total[p] = total[p] + g
    assert all(np.allclose(grads[p], total[p]) for p in grads)


def test_chain_forms_and_values(gradcheck):
    chain = Chain([LinearLayer(3, input=2), "Tanh", [4, "Ramp"], 1])
    assert chain.input_ports() == {"Input": (2,)} and chain.output_ports() == {"Output": (1,)}
    assert [p for p in chain.array_paths() if p[0] == 3] == [(3, 1, "Biases"), (3, 1, "Weights")]
    net = initialize(chain, np.random.default_rng(0))
    a = {p: v.astype(np.float64) for p, v in net.arrays().items()}
    x = RNG.standard_normal((5, 2))
    h = np.tanh(x @ a[(1, "Weights")].T + a[(1, "Biases")])
    h = np.maximum(h @ a[(3, 1, "Weights")].T + a[(3, 1, "Biases")], 0)
    want = h @ a[(4, "Weights")].T + a[(4, "Biases")]
    assert np.allclose(compile(net, np.float64).forward({"Input": x})["Output"], want)
    gradcheck(net, {"Input": x})
    named = Chain({"a": LinearLayer(2), "b": "Tanh"}, ports={"Input": 3})
    assert named.array_paths() == [("a", "Biases"), ("a", "Weights")]
    assert named.output_ports() == {"Output": (2,)}


def test_graph_free_ports_are_named_as_wolfram(gradcheck):
    net = Graph([LinearLayer(2, input=3), LinearLayer(2, input=3), CatenateLayer(),
                 LinearLayer(1), LinearLayer(4, input=2)],
                [([1, 2], 3), (3, 4)])
    assert list(net.input_ports()) == ["Input1", "Input2", "Input3"]
    assert net.output_ports() == {"Output1": (1,), "Output2": (4,)}
    assert net.extract((3,)).output_ports() == {"Output": (4,)}
    gradcheck(net, {p: RNG.standard_normal((2,) + s) for p, s in net.input_ports().items()})


def test_map_and_nest_operators(gradcheck):
    mapped = initialize(MapOp(LinearLayer(3, input=2), input=("Varying", 2)),
                        np.random.default_rng(0))
    assert mapped.array_paths() == [("Net", "Biases"), ("Net", "Weights")]
    assert mapped.output_ports() == {"Output": ("Varying", 3)}
    x = RNG.standard_normal((2, 4, 2))
    w, b = mapped.arrays()[("Net", "Weights")], mapped.arrays()[("Net", "Biases")]
    assert np.allclose(compile(mapped, np.float64).forward({"Input": x})["Output"],
                       x @ w.T.astype(np.float64) + b)
    gradcheck(mapped, {"Input": x})
    nest = NestOp(Chain([LinearLayer(2, input=2), "Tanh"]), 3)
    assert nest.array_paths() == [("Net", 1, "Biases"), ("Net", 1, "Weights")]
    gradcheck(nest, {"Input": RNG.standard_normal((3, 2))})


def test_float32_by_default_and_to_net():
    net = initialize(Chain([LinearLayer(2, input=2)]), np.random.default_rng(0))
    plan = compile(net)
    assert plan.forward({"Input": [[1, 2]]})["Output"].dtype == np.float32
    plan.arrays[(1, "Biases")][:] = 5
    again = plan.to_net()
    assert again.arrays()[(1, "Biases")].tolist() == [5, 5]
    assert net.arrays()[(1, "Biases")].tolist() == [0, 0]


def test_initialize_fills_only_missing_and_is_reproducible():
    fold = Fold(seed_core(), input=("Varying", 2))
    a = initialize(fold, np.random.default_rng(5))
    b = initialize(fold, np.random.default_rng(5))
    assert all(np.array_equal(a.arrays()[p], b.arrays()[p]) for p in a.array_paths())
    again = initialize(a, np.random.default_rng(9))
    assert all(again.arrays()[p] is a.arrays()[p] for p in a.array_paths())
    redone = initialize(a, np.random.default_rng(9), overwrite=True)
    assert not np.array_equal(redone.arrays()[("Net", "l3", "Weights")], FIXED_W)
    for method in ("Xavier", "Random"):
        w = initialize(LinearLayer(200, input=100), np.random.default_rng(0), method)
        std = w.arrays()[("Weights",)].std()
        assert abs(std - {"Xavier": np.sqrt(2 / 300), "Random": 1}[method]) < 0.05 * std
