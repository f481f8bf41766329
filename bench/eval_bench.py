"""Net evaluation benchmark (a script, not a test): wlnet vs PyTorch eager on the CPU.

    python bench/eval_bench.py [--repeat N]

Two workloads, each timed as a user runs it (``net[data]`` through the evaluator, data
already a packed array, result converted back to a packed list) and as the same
computation in PyTorch (eager, ``torch.no_grad``, float32, one thread setting left as
PyTorch chooses):

- a 784-256-10 NetChain (LinearLayer, Ramp, LinearLayer) on a batch of 10,000 inputs;
- the seed session's NetFoldOperator on 1,000 sequences of length 50.

Prints the best time of ``--repeat`` runs for each and the ratio torch/wlnet (above 1
means wlnet is faster). Without torch it prints wlnet alone and says so.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wlnet.expr import Expr, PackedArray  # noqa: E402
from wlnet.kernel.session import Session  # noqa: E402

CHAIN = 'NetInitialize[NetChain[{256, Ramp, 10}, "Input" -> 784]]'
FOLD = """NetInitialize[NetFoldOperator[NetGraph[<|"l1" -> TotalLayer[],
    "l2" -> LinearLayer[2, "Input" -> 2],
    "l3" -> LinearLayer[2, "Weights" -> {{1., 0.5}, {0., 1.}}, "Biases" -> None]|>,
    {{NetPort["Input"], NetPort["State"]} -> "l1" -> "l2" -> "l3"}],
    "Input" -> {"Varying", 2}]]"""


def best(fn, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def wlnet_case(session, net_code, data):
    """A timing function for net[data] evaluated as a top-level input, and its result."""
    net = session.evaluate(net_code)[-1].value
    call = Expr(net, PackedArray(data))

    def run():
        out = session.evaluate_expr(call)
        assert not out.messages, out.messages
        return out.value
    return net, run


def torch_chain(net, x):
    import torch
    arr = {p: torch.from_numpy(np.array(a)) for p, a in net.payload.arrays().items()}
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(),
                                torch.nn.Linear(256, 10))
    with torch.no_grad():
        model[0].weight.copy_(arr[(1, "Weights")])
        model[0].bias.copy_(arr[(1, "Biases")])
        model[2].weight.copy_(arr[(3, "Weights")])
        model[2].bias.copy_(arr[(3, "Biases")])
    tx = torch.from_numpy(x.copy())      # PackedArray data is read-only

    def run():
        with torch.no_grad():
            return model(tx).numpy()
    return run


def torch_fold(net, xs):
    import torch
    arr = {p: torch.from_numpy(np.array(a)) for p, a in net.payload.arrays().items()}
    w2, b2 = arr[("Net", "l2", "Weights")], arr[("Net", "l2", "Biases")]
    w3 = arr[("Net", "l3", "Weights")]
    tx = torch.from_numpy(xs.copy())

    def run():
        with torch.no_grad():
            s = torch.zeros(tx.shape[0], 2)
            out = []
            for t in range(tx.shape[1]):
                s = torch.nn.functional.linear(
                    torch.nn.functional.linear(tx[:, t] + s, w2, b2), w3)
                out.append(s)
            return torch.stack(out, 1).numpy()
    return run


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    try:
        import torch
        torch_version = torch.__version__
    except ImportError:
        torch = None
        torch_version = None
    rng = np.random.default_rng(0)
    session = Session(seed=1)
    cases = [
        ("NetChain 784-256-10, batch 10000", CHAIN,
         rng.standard_normal((10_000, 784)).astype(np.float32), torch_chain),
        ("seed NetFoldOperator, 1000 x 50 x 2", FOLD,
         rng.standard_normal((1_000, 50, 2)).astype(np.float32), torch_fold),
    ]
    print(f"numpy {np.__version__}; torch {torch_version or 'missing (pip install torch)'}")
    print(f"{'workload':40s} {'wlnet s':>10s} {'torch s':>10s} {'torch/wlnet':>12s}")
    for name, code, data, make_torch in cases:
        net, run = wlnet_case(session, code, data)
        result = run()
        t_wl = best(run, args.repeat)
        if torch is None:
            print(f"{name:40s} {t_wl:10.4f} {'-':>10s} {'-':>12s}")
            continue
        trun = make_torch(net, data)
        np.testing.assert_allclose(np.asarray(result.array), trun(), rtol=1e-4, atol=1e-4)
        t_torch = best(trun, args.repeat)
        print(f"{name:40s} {t_wl:10.4f} {t_torch:10.4f} {t_torch / t_wl:12.2f}")


if __name__ == "__main__":
    main()
