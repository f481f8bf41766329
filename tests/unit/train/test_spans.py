"""Optimizers over a plan's flat layout: neighbouring arrays with one rate are updated
as one span, with exactly the results of updating them one by one."""
import numpy as np
import pytest

from wlnet.nets.plan import _flat_views
from wlnet.train.optimizers import SGD, Adam, RMSProp

SHAPES = {("a",): (3,), ("b",): (4, 5), ("c",): (7,), ("d",): (2, 3)}


def layout(flat):
    rng = np.random.default_rng(0)
    init = {p: rng.standard_normal(s).astype(np.float32) for p, s in SHAPES.items()}
    if flat:
        arrays, _ = _flat_views(init, np.dtype(np.float32))
        grads, _ = _flat_views(init, np.dtype(np.float32), zero=True)
    else:
        arrays = {p: a.copy() for p, a in init.items()}
        grads = {p: np.zeros_like(a) for p, a in init.items()}
    return arrays, grads


@pytest.mark.parametrize("make", [Adam, lambda: Adam(l2=0.1, gradient_clipping=0.2,
                                                      weight_clipping=0.5),
                                  lambda: SGD(schedule=None, l2=0.1), RMSProp])
def test_spans_give_the_per_array_results_bit_for_bit(make):
    rates = {("a",): 1.0, ("b",): 1.0, ("c",): 0.0, ("d",): 0.5}
    results = []
    for flat in (True, False):
        arrays, grads = layout(flat)
        opt = make()
        rng = np.random.default_rng(1)
        for t in range(1, 6):
            for p, g in grads.items():
                g[...] = rng.standard_normal(g.shape)
            opt.step(arrays, grads, {p: r for p, r in rates.items() if r}, t)
        results.append((arrays, opt))
    (fast, opt), (slow, _) = results
    for p in SHAPES:
        assert fast[p].tobytes() == slow[p].tobytes(), p
    spans = opt._spans(fast, *layout(True)[1:], {p: r for p, r in rates.items() if r})
    assert [paths for paths, *_ in spans][0] == (("a",), ("b",))  # c (frozen) splits
    assert opt.has_state(("b",)) and not opt.has_state(("c",))


def test_frozen_array_between_is_untouched():
    arrays, grads = layout(True)
    before = arrays[("c",)].copy()
    for g in grads.values():
        g[...] = 1
    opt = Adam(0.1)
    opt.step(arrays, grads, {("a",): 1.0, ("b",): 1.0, ("d",): 1.0}, 1)
    assert arrays[("c",)].tobytes() == before.tobytes()
    assert not opt.has_state(("c",))
