"""The compiled fold (straight-line code over (T, B, ...) buffers) against the generic
per-step path, the kernels' gradient flags, and what the plan hands out."""
import numpy as np
import pytest

from wlnet.nets.layers.elementwise import ElementwiseLayer
from wlnet.nets.operators import Fold
from wlnet.nets.fold import FoldKernel
from wlnet.nets.graph import Graph
from wlnet.nets.initialize import initialize
from wlnet.nets.layers.dropout import DropoutLayer
from wlnet.nets.layers.linear import LinearKernel, LinearLayer
from wlnet.nets.layers.sequence import SequenceLastLayer
from wlnet.nets.layers.threading import TotalLayer
from wlnet.nets.layers.losses import MeanSquaredLossLayer
from wlnet.nets.plan import compile

FIXED_W = [[1., .5], [0., 1.]]


def seed_core(n=2):
    return Graph({"l1": TotalLayer(), "l2": LinearLayer(n, input=n),
                  "l3": LinearLayer(n, biases=None)},
                 [([("port", "Input"), ("port", "State")], "l1"), ("l1", "l2"), ("l2", "l3")])


def rich_core():
    """Tanh, Ramp, a three-input sum using State twice over, two linear layers."""
    return Graph({"add": TotalLayer(), "lin": LinearLayer(3, input=3),
                  "act": ElementwiseLayer("Tanh"), "lin2": LinearLayer(3),
                  "r": ElementwiseLayer("Ramp"), "sum": TotalLayer()},
                 [([("port", "Input"), ("port", "State")], "add"), ("add", "lin"),
                  ("lin", "act"), ("act", "lin2"), ("lin2", "r"),
                  (["r", "add", ("port", "State")], "sum"), ("sum", ("port", "Output"))])


def folds(plan):
    return [k for k in plan._steps if isinstance(k, FoldKernel)]


CASES = {
    "seed": (Fold(seed_core(), input=("Varying", 2)), {"Input": (4, 6, 2), "State": (4, 2)}),
    "seed-loss": (Graph({"fold": Fold(seed_core(), input=("Varying", 2)),
                         "last": SequenceLastLayer(), "loss": MeanSquaredLossLayer()},
                        [("fold", "last"), ("last", ("node", "loss", "Input"))]),
                  {"Input": (5, 7, 2), "Target": (5, 2)}),
    "rich": (Fold(rich_core(), input=("Varying", 3)), {"Input": (3, 5, 3)}),
    "three-linear": (Fold(Graph({"l1": TotalLayer(), "a": LinearLayer(4, input=4),
                                 "b": LinearLayer(4), "c": LinearLayer(4)},
                                [([("port", "Input"), ("port", "State")], "l1"),
                                 ("l1", "a"), ("a", "b"), ("b", "c")]),
                          input=("Varying", 4)), {"Input": (3, 6, 4)}),
    "final-state": (Graph({"fold": Fold(seed_core(), input=(3, 2)), "out": LinearLayer(1)},
                          [(("node", "fold", "State"), "out"), ("fold", ("port", "Seq"))]),
                    {"Input": (2, 3, 2)}),
}


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("merged", [True, False])
def test_compiled_fold_matches_the_generic_path(name, dtype, merged):
    net, shapes = CASES[name]
    net = initialize(net, np.random.default_rng(1))
    fast, slow = compile(net, dtype), compile(net, dtype)
    assert folds(fast) and all(k.program is not None for k in folds(fast))
    for k in folds(fast):
        if not merged:
            k.fused = None
        elif name in ("seed", "three-linear"):
            assert k.fused is not None
    for k in folds(slow):
        k.program = None
    rng = np.random.default_rng(2)
    tol = dict(rtol=1e-4, atol=1e-5) if dtype == np.float32 else dict(rtol=1e-10, atol=1e-12)
    for training in (False, True):
        if training:  # only the first array's gradient, none for the inputs
            for plan in (fast, slow):
                plan.require_grads({next(iter(plan.arrays))}, input_grads=False)
        for _ in range(2):  # the second call reuses the buffers
            x = {p: rng.standard_normal(s) for p, s in shapes.items()}
            a, b = fast.forward(x), slow.forward(x)
            for p in b:
                np.testing.assert_allclose(a[p], b[p], **tol)
            seeds = {p: rng.standard_normal(v.shape) for p, v in a.items()}
            ga = {p: g.copy() for p, g in fast.backward(seeds).items()}
            gb = slow.backward(seeds)
            for p in gb:
                np.testing.assert_allclose(ga[p], gb[p], **tol)
            assert set(fast.input_grads) == set(slow.input_grads)
            for p in slow.input_grads:
                np.testing.assert_allclose(fast.input_grads[p], slow.input_grads[p], **tol)
        if training:
            first = next(iter(fast.arrays))
            assert all(not g.any() for p, g in fast.grads.items() if p != first)
            assert fast.input_grads == {}


def test_compiled_fold_gradients(gradcheck):
    fold = Fold(rich_core(), input=("Varying", 3))
    rng = np.random.default_rng(5)
    plan = gradcheck(fold, {"Input": rng.standard_normal((2, 4, 3)),
                            "State": rng.standard_normal((2, 3))})
    assert all(k.program is not None for k in folds(plan))


def test_unsupported_bodies_and_nested_folds_run_generically():
    drop = Graph({"add": TotalLayer(), "d": DropoutLayer(0.5), "lin": LinearLayer(2, input=2)},
                 [([("port", "Input"), ("port", "State")], "add"), ("add", "d"), ("d", "lin")])
    plan = compile(initialize(Fold(drop, input=("Varying", 2)), np.random.default_rng(0)))
    assert folds(plan)[0].program is None
    inner = Fold(seed_core(), input=("Varying", 2))
    outer = Graph({"f": inner, "last": SequenceLastLayer(), "add": TotalLayer()},
                  [("f", "last"), (["last", ("port", "State")], "add"),
                   ("add", ("port", "Output"))])
    nested = initialize(Fold(outer, input=("Varying", 4, 2)), np.random.default_rng(0))
    plan = compile(nested, np.float64)
    out = plan.forward({"Input": np.ones((2, 3, 4, 2))})["Output"]
    assert out.shape == (2, 3, 2) and folds(plan)[0].program is None


def test_outputs_are_not_changed_by_a_later_call():
    plan = compile(initialize(Fold(seed_core(), input=("Varying", 2)),
                              np.random.default_rng(0)))
    x = np.ones((3, 4, 2), np.float32)
    out = plan.forward({"Input": x})
    kept = {p: v.copy() for p, v in out.items()}
    state = plan.final_states["State"].copy()
    plan.forward({"Input": 2 * x})
    assert all(np.array_equal(out[p], kept[p]) for p in out)
    plan.forward({"Input": x})
    assert np.array_equal(plan.final_states["State"], state)


def test_linear_kernel_gradient_flags():
    net = initialize(Graph({"a": LinearLayer(3, input=2), "b": LinearLayer(2)},
                           [("a", "b")]), np.random.default_rng(0))
    plan = compile(net, np.float64)
    kernels = [k for k in plan._steps if isinstance(k, LinearKernel)]
    assert type(kernels[0]) is LinearKernel  # no subclass swapped in
    x = np.random.default_rng(1).standard_normal((4, 2))
    plan.forward({"Input": x})
    full = {p: g.copy() for p, g in plan.backward({"Output": np.ones((4, 2))}).items()}
    assert set(plan.input_grads) == {"Input"}
    plan.require_grads({("a", "Weights"), ("b", "Biases")}, input_grads=False)
    assert (kernels[0].want_x, kernels[0].want_w, kernels[0].want_b) == (False, True, False)
    assert (kernels[1].want_x, kernels[1].want_w, kernels[1].want_b) == (True, False, True)
    plan.forward({"Input": x})
    part = plan.backward({"Output": np.ones((4, 2))})
    for p in full:
        wanted = p in {("a", "Weights"), ("b", "Biases")}
        assert np.allclose(part[p], full[p] if wanted else 0)
    assert plan.input_grads == {}
    plan.require_grads()
    assert kernels[0].want_x and kernels[1].want_w


def test_fold_memory_is_buffers_reused_across_calls():
    plan = compile(initialize(Fold(seed_core(), input=("Varying", 2)),
                              np.random.default_rng(0)))
    k = folds(plan)[0]
    x = np.ones((2, 5, 2), np.float32)
    plan.forward({"Input": x})
    plan.backward({"Output": np.ones((2, 5, 2), np.float32)})
    runs = {**k.program.runs, **k.fused.runs}
    plan.forward({"Input": 3 * x})
    plan.backward({"Output": np.ones((2, 5, 2), np.float32)})
    assert {**k.program.runs, **k.fused.runs} == runs and len(runs) == 1


def biased_core(n_in, n_mid, n_out, first_bias=True, second_bias=True):
    """The seed's cell with any widths: (input + state) -> linear -> linear."""
    return Graph({"l1": TotalLayer(), "l2": LinearLayer(n_mid, input=n_in, biases=first_bias or None),
                  "l3": LinearLayer(n_out, biases=second_bias or None)},
                 [([("port", "Input"), ("port", "State")], "l1"), ("l1", "l2"), ("l2", "l3")])


def test_seed_cell_merges_its_two_linear_layers_when_it_pays():
    plan = compile(initialize(Fold(seed_core(8), input=("Varying", 8)),
                              np.random.default_rng(0)))
    k = folds(plan)[0]
    assert [kind for kind, _ in k.program.ops] == ["add", "linear", "linear"]
    assert [kind for kind, _ in k.fused.ops] == ["add", "pair"]
    assert not k.fused.pays_off(1) and k.fused.pays_off(64)
    plan.forward({"Input": np.ones((1, 1, 8), np.float32)})  # 1 row: two products
    assert k.program.runs and not k.fused.runs
    plan.forward({"Input": np.ones((4, 16, 8), np.float32)})
    assert k.fused.runs


def test_a_narrow_middle_or_a_value_read_twice_is_not_merged():
    narrow = compile(initialize(Fold(biased_core(16, 2, 16), input=("Varying", 16)),
                                np.random.default_rng(0)))
    assert folds(narrow)[0].fused is None
    assert folds(compile(initialize(Fold(rich_core(), input=("Varying", 3)),
                                    np.random.default_rng(0))))[0].fused is None


@pytest.mark.parametrize("biases", [(True, True), (True, False), (False, True), (False, False)])
def test_merged_pair_gradients_for_every_choice_of_trained_arrays(biases):
    net = initialize(Fold(biased_core(4, 5, 4, *biases), input=("Varying", 4)),
                     np.random.default_rng(3))
    rng = np.random.default_rng(4)
    net = net.with_arrays({p: 0.5 * rng.standard_normal(a.shape)  # biases not zero
                           for p, a in net.arrays().items()})
    x, gy = rng.standard_normal((3, 6, 4)), rng.standard_normal((3, 6, 4))
    paths = list(net.arrays())
    for wanted in [None] + [{p} for p in paths]:
        merged, generic = compile(net, np.float64), compile(net, np.float64)
        assert folds(merged)[0].fused.pays_off(18)
        for k in folds(generic):
            k.program = None
        for plan in (merged, generic):
            plan.require_grads(wanted, input_grads=wanted is None)
            plan.forward({"Input": x})
        got = merged.backward({"Output": gy})
        want = generic.backward({"Output": gy})
        assert any(np.any(g) for g in want.values())
        for p in paths:
            np.testing.assert_allclose(got[p], want[p], rtol=1e-10, atol=1e-12)
        if wanted is None:
            np.testing.assert_allclose(merged.input_grads["Input"],
                                       generic.input_grads["Input"], rtol=1e-10)
