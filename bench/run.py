"""wlnet against PyTorch eager and JAX, side by side: the one benchmark command.

    python bench/run.py                 # everything (several minutes)
    python bench/run.py --quick         # fewer batches and repeats (a smoke run)
    python bench/run.py --only W1-b1,W3-b64 --repeats 5

See bench/README.md for what is measured and how. Writes bench/results/latest.md.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

import workloads as W  # noqa: E402
import wl_side  # noqa: E402
from report import SIDES, report  # noqa: E402
from wl_side import WlTrainer, WolframError  # noqa: E402

TORCH_THREADS = 2
CHECK_STEPS = 20
TOLERANCE = 1e-5

# Batches per timed run (one NetTrain call; the same number of PyTorch steps): at least
# 200 where a step is fast; the wide folds take ~0.1 s a step, so fewer there. W5's 720
# are its 30 rounds of 24 batches over the 1,500 training digits.
BATCHES = {"W1-b1": 1000, "W1-b64": 1000, "W2-n128": 200, "W2-n512": 40,
           "W3-b64": 400, "W3-b1": 1000, "W4": 200, "W5": 720}


def has_jax() -> bool:
    return importlib.util.find_spec("jax") is not None


# -- correctness -----------------------------------------------------------------------
def compare(got: dict, want: dict, init: dict, kind: str) -> dict:
    """Two sides' arrays after the same training: the largest difference of each array,
    the frozen arrays bit-identical to their initial value on both sides, and the
    trainable arrays moved on both."""
    diffs = {k: float(np.max(np.abs(got[k].astype(np.float64) - want[k]))) for k in want}
    frozen = {k: got[k].tobytes() == init[k].tobytes() == want[k].tobytes()
              for k in W.FROZEN[kind]}
    moved = {k: not (np.array_equal(got[k], init[k]) or np.array_equal(want[k], init[k]))
             for k in W.TRAINABLE[kind]}
    ok = all(d <= TOLERANCE for d in diffs.values()) and all(frozen.values()) \
        and all(moved.values())
    return {"ok": ok, "max_diff": max(diffs.values()), "diffs": diffs, "frozen": frozen,
            "moved": moved}


def trained_arrays(spec: W.Spec, steps: int = CHECK_STEPS, jax: bool = True) -> dict:
    """Every side trains ``steps`` steps on the first batch from the same arrays: wlnet
    (NetTrain with BatchSize = that batch, so every round is that one batch, its examples
    shuffled, which only reorders the batch sums; and the compiled path when wlnet has
    one), PyTorch with WolframAdam, JAX per batch and JAX in one scanned call. The
    arrays each side ends with; "errors" {side: wlnet's messages} for a wlnet side that
    fails, and then "missing", the messages of the layers wlnet lacks (``wl_side.missing``)."""
    import torch_reference as TR
    init = W.make_init(spec, np.float32)
    batches = W.make_batches(spec, np.float32)[:1]
    out = {"init": init, "errors": {}, "missing": []}
    for side, options in wl_side.variants().items():
        try:
            wl = WlTrainer(spec, init, batches, options)
            wl.train(steps)
            out[side] = wl.params()
        except WolframError as error:
            out["errors"][side] = str(error)
            out["missing"] = wl_side.missing(spec.kind)
    tr = TR.make("torch_wolfram", spec, np.float32, init, batches)
    for _ in range(steps):
        tr.step(0)
    out["torch"] = tr.params()
    if jax:
        from jax_reference import JaxTrainer
        jx = JaxTrainer(spec, init, batches)
        for _ in range(steps):
            jx.step(0)
        out["jax"] = jx.params()
        jx.reset()
        jx.scan_steps(0, steps)
        out["jax_epoch"] = jx.params()
    return out


def verdicts(spec: W.Spec, trained: dict) -> dict:
    """Each side compared with wlnet; while wlnet cannot build the net, JAX is compared
    with PyTorch instead (so the references are still checked against each other).
    {"reference": "wlnet" or "torch", side: compare(...), "errors", "missing"}."""
    trained = dict(trained)
    init = trained.pop("init")
    result = {"reference": "wlnet" if "wlnet" in trained else "torch",
              "errors": trained.pop("errors"), "missing": trained.pop("missing")}
    want = trained[result["reference"]]
    for side, got in trained.items():
        if side != result["reference"]:
            result[side] = compare(got, want, init, spec.kind)
    return result


def check(spec: W.Spec, steps: int = CHECK_STEPS, jax: bool = True) -> dict:
    return verdicts(spec, trained_arrays(spec, steps, jax))


# -- timing ------------------------------------------------------------------------------
def median_rate(steps: int, times: list[float]) -> float:
    return statistics.median(steps / t for t in times)


def time_workload(spec: W.Spec, repeats: int, n_batches: int, jax: bool = True) -> dict:
    """Per repeat, alternating: one wlnet NetTrain call of ``rounds`` rounds (and the
    compiled path's, when there is one), then the same rounds in PyTorch, JAX per batch
    and JAX whole epoch, each from the initial arrays; ``rounds`` = ``n_batches`` / the
    batches of a round. Steps/s are medians; W5 also gives each side's test accuracy
    after those rounds."""
    import torch_reference as TR
    init = W.make_init(spec, np.float32)
    batches = W.make_batches(spec, np.float32)
    per_round = len(batches)
    rounds = max(1, n_batches // per_round)
    n = rounds * per_round
    out = {"batches": n, "rounds": rounds, "times": {}, "steps": {}, "errors": {}}

    wl = {}
    for side, options in wl_side.variants().items():
        try:
            wl[side] = WlTrainer(spec, init, batches, options)
        except WolframError as error:
            out["errors"][side] = str(error)
    if "wlnet" in wl:
        # NetTrain's own cost per call: a call that trains one batch.
        one = WlTrainer(spec, init, batches[:1])
        one.train(1)
        out["overhead_s"] = statistics.median(one.train(1) for _ in range(5))

    tr = TR.make("torch", spec, np.float32, init, batches)
    trainers = {**wl, "torch": tr}
    runs = {side: (lambda t=t: t.train(rounds), n) for side, t in wl.items()}
    runs["torch"] = (lambda: tr.run(n), n)
    for side, t in wl.items():
        first = t.train(1)                         # warm-up (the compiled path compiles)
        if side == "wlnet_compiled":               # its compile time: the first call
            out["wl_compile_s"] = first - min(t.train(1) for _ in range(3))  # less a warm one
    tr.run(max(1, min(n // 4, 50)))
    if jax:
        from jax_reference import JaxTrainer
        jx = trainers["jax"] = trainers["jax_epoch"] = JaxTrainer(spec, init, batches)
        out["compile_s"] = jx.compile()
        jx_n = rounds * jx.steps_per_round
        runs["jax"] = (lambda: jx.run(jx_n), jx_n)
        runs["jax_epoch"] = (lambda: jx.run_epochs(rounds), jx_n)
        jx.run(max(1, min(jx_n // 4, 50)))         # warm-up
        jx.run_epochs(1)
    for _ in range(repeats):                       # alternating
        for side, (fn, steps) in runs.items():
            if side not in wl:                     # a NetTrain call starts from net
                trainers[side].reset()
            t = time.perf_counter()
            fn()
            out["times"].setdefault(side, []).append(time.perf_counter() - t)
            out["steps"][side] = steps
            if spec.shuffled:
                out.setdefault("accuracy", {})[side] = accuracy(trainers[side])
    out["rates"] = {side: median_rate(out["steps"][side], ts)
                    for side, ts in out["times"].items()}
    return out


def accuracy(trainer) -> float:
    """W5: the test accuracy (the last 297 digits) of a trainer's net as it is now."""
    _, (x, y) = W.digits()
    return trainer.accuracy(x, y)


def gemm_floor(spec: W.Spec, repeats: int = 5) -> float | None:
    """Steps/s if a step did nothing but its GEMMs, as NumPy runs them here (each shape
    timed in a loop with a preallocated output; the best of ``repeats``); None for the
    workloads without a GEMM model (W4, W5)."""
    if not spec.gemm_shapes():
        return None
    rng = np.random.default_rng(0)
    total = 0.0
    for _label, m, n_, k, layout, count in spec.gemm_shapes():
        a = rng.standard_normal((k, m) if layout == "TN" else (m, k)).astype(np.float32)
        b = rng.standard_normal((n_, k) if layout == "NT" else (k, n_)).astype(np.float32)
        a = a.T if layout == "TN" else a
        b = b.T if layout == "NT" else b
        out = np.empty((m, n_), np.float32)
        loops = max(1, int(2e6 // max(1, m * n_ * k)))
        best = float("inf")
        for _ in range(repeats):
            t = time.perf_counter()
            for _ in range(loops):
                np.matmul(a, b, out=out)
            best = min(best, (time.perf_counter() - t) / loops)
        total += best * count
    return 1.0 / total


# -- the rest of the table ---------------------------------------------------------------
def parse_figures() -> dict:
    import random

    import parse_bench as pb
    pb.parse("1")
    short = pb.rate(pb.SHORT)
    rng = random.Random(0)
    big = "{" + ", ".join(f"{rng.random():.3f}" for _ in range(1_000_000 // 7)) + "}"
    t = time.perf_counter()
    pb.parse(big)
    return {"short_per_s": short, "big_literal_s": time.perf_counter() - t,
            "big_literal_chars": len(big)}


def startup(runs: int = 7) -> float:
    exe = Path(sys.executable).with_name("wlnet")
    cmd = [str(exe), "-c", "1+1"] if exe.exists() else \
        [sys.executable, "-m", "wlnet", "-c", "1+1"]
    # An installed wlnet has its bytecode compiled by pip; a checkout run with
    # PYTHONDONTWRITEBYTECODE would compile every module from source at each start.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "wlnet")],
                   check=True, capture_output=True)
    times = []
    for _ in range(runs + 1):                 # the first run warms the file cache
        t = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        times.append(time.perf_counter() - t)
        if done.returncode != 0 or done.stdout.strip() != "2":
            raise RuntimeError(f"{' '.join(cmd)} failed: {done.stderr.strip()[-300:]}")
    return statistics.median(times[1:])


def evaluation_figures() -> dict:
    """Interpreter throughput (short expressions through Session.evaluate) and net
    evaluation throughput (the W3 MLP applied to a batch of 64, net[x])."""
    from wlnet import Session
    s = Session(seed=1)
    exprs = ["1 + 1", "Table[i^2, {i, 10}]", "f[x_] := x^2; f[3]", "Total[Range[100]]"]
    s.evaluate(exprs[0])
    n, t = 0, time.perf_counter()
    while time.perf_counter() - t < 1.0:
        for e in exprs:
            s.evaluate(e)
        n += len(exprs)
    expr_rate = n / (time.perf_counter() - t)
    spec = W.SPECS["W3-b64"]
    wl = WlTrainer(spec, W.make_init(spec, np.float32), W.make_batches(spec, np.float32)[:1])
    wl.run_code("x64 = xs;")
    wl.run_code("net[x64];")
    n, t = 0, time.perf_counter()
    while time.perf_counter() - t < 1.0:
        wl.run_code("net[x64];")
        n += 1
    net_rate = n * spec.batch / (time.perf_counter() - t)
    return {"expr_per_s": expr_rate, "net_examples_per_s": net_rate}


def memory(T: int) -> dict:
    out = subprocess.run([sys.executable, str(HERE / "memory.py"), str(T)], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine() -> dict:
    info = W.env_report()
    info["date"] = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    return info


def check_line(name: str, c: dict) -> str:
    parts = [f"{side} {'ok' if r['ok'] else 'DISAGREE'} ({r['max_diff']:.1e}"
             + (f", frozen {r['frozen']})" if r["frozen"] else ")")
             for side, r in ((s, c[s]) for s in SIDES if s in c)]
    head = f"{name}: against {c['reference']}: " + ", ".join(parts)
    for side, error in c["errors"].items():
        head += f"; {side}: {'; '.join(c['missing']) or error[:200]}"
    return head


def timing_line(name: str, r: dict, floor: float | None) -> str:
    rates = ", ".join(f"{side} {rate:,.1f}/s" for side, rate in r["rates"].items())
    acc = "".join(f", accuracy {side} {a:.3f}" for side, a in r.get("accuracy", {}).items())
    return f"{name}: {rates}" + (f", floor {floor:,.1f}/s" if floor else "") + acc


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", help="comma-separated workloads (default: all)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="few batches, 1 repeat")
    ap.add_argument("--no-extra", action="store_true",
                    help="skip parse, start-up, evaluation and memory")
    ap.add_argument("--output", default=str(HERE / "results" / "latest.md"))
    args = ap.parse_args(argv)
    import torch
    torch.set_num_threads(TORCH_THREADS)
    info = machine()
    jax = has_jax()
    names = args.only.split(",") if args.only else list(W.SPECS)
    skipped = {}
    if "W5" in names and importlib.util.find_spec("sklearn") is None:
        names.remove("W5")
        skipped["W5"] = "needs scikit-learn (pip install -e '.[digits]')"
    checks, results, floors = {}, {}, {}
    for name in names:
        checks[name] = check(W.SPECS[name], jax=jax)
        print(check_line(name, checks[name]), flush=True)
    for name in names:
        floors[name] = gemm_floor(W.SPECS[name])
        results[name] = time_workload(
            W.SPECS[name], 1 if args.quick else args.repeats,
            max(8, BATCHES[name] // 20) if args.quick else BATCHES[name], jax=jax)
        print(timing_line(name, results[name], floors[name]), flush=True)
    extra = {}
    if not args.no_extra:
        for key, fn in (("startup_s", startup), ("parse", parse_figures),
                        ("eval", evaluation_figures),
                        ("memory", lambda: {T: memory(T) for T in (1000, 4000)})):
            try:
                extra[key] = fn()
            except Exception as error:  # report it in the table, keep the rest
                extra.setdefault("failed", {})[key] = f"{type(error).__name__}: {error}"
    text = report(results, checks, floors, extra, info, skipped)
    print(text)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    print(f"written to {out}")


if __name__ == "__main__":
    main()
