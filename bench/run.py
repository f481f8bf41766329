"""wlnet against PyTorch eager, side by side: the one benchmark command.

    python bench/run.py                 # everything (a few minutes)
    python bench/run.py --quick         # fewer batches and repeats (a smoke run)
    python bench/run.py --only W1-b1,W3-b64 --repeats 5

See bench/README.md for what is measured and how. Writes bench/results/latest.md.
"""

from __future__ import annotations

import argparse
import datetime
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
from wl_side import WlTrainer  # noqa: E402

TORCH_THREADS = 2
CHECK_STEPS = 20
TOLERANCE = 1e-5

# Batches per timed run (one NetTrain call; the same number of PyTorch steps): at least
# 200 where a step is fast; the wide folds take ~0.1 s a step, so fewer there.
BATCHES = {"W1-b1": 1000, "W1-b64": 1000, "W2-n128": 200, "W2-n512": 40,
           "W3-b64": 400, "W3-b1": 1000}
TARGETS = {"W1-b1": (5.0, None), "W1-b64": (5.0, None), "W2-n128": (1.5, 0.8),
           "W2-n512": (1.1, 0.8), "W3-b64": (1.3, None), "W3-b1": (1.2, None)}


# -- correctness -----------------------------------------------------------------------
def check(name: str, steps: int = CHECK_STEPS) -> dict:
    """Train ``steps`` steps on the first batch on both sides, from the same arrays;
    compare. PyTorch uses WolframAdam (Wolfram's ADAM, epsilon 1e-5 on the uncorrected
    sqrt(v)); wlnet uses NetTrain with BatchSize = the batch, so every round is that one
    batch (its examples shuffled, which only reorders the batch sums)."""
    import torch_reference as TR
    spec = W.SPECS[name]
    init = W.make_init(spec, np.float32)
    batches = W.make_batches(spec, np.float32)[:1]
    wl = WlTrainer(spec, init, batches)
    wl.train(steps)
    got = wl.params()
    tr = TR.make("torch_wolfram", spec, np.float32, init, batches)
    for _ in range(steps):
        tr.step(0)
    want = tr.params()
    diffs = {k: float(np.max(np.abs(got[k].astype(np.float64) - want[k]))) for k in want}
    frozen = {k: bool(np.array_equal(got[k], init[k]) and np.array_equal(want[k], init[k]))
              for k in W.FROZEN[spec.kind]}
    moved = {k: bool(not np.array_equal(got[k], init[k])) for k in W.TRAINABLE[spec.kind]}
    ok = all(d <= TOLERANCE for d in diffs.values()) and all(frozen.values()) \
        and all(moved.values())
    return {"ok": ok, "max_diff": max(diffs.values()), "diffs": diffs, "frozen": frozen,
            "moved": moved}


# -- timing ------------------------------------------------------------------------------
def time_workload(name: str, repeats: int, batches_override: int | None = None) -> dict:
    import torch_reference as TR
    spec = W.SPECS[name]
    init = W.make_init(spec, np.float32)
    batches = W.make_batches(spec, np.float32)
    n = batches_override or BATCHES[name]
    wl = WlTrainer(spec, init, batches)
    per_round = wl.batches_per_round()
    rounds = max(1, n // per_round)
    n = rounds * per_round
    tr = TR.make("torch", spec, np.float32, init, batches)

    # NetTrain's own cost per call: a call that trains one batch.
    one = WlTrainer(spec, init, batches[:1])
    one.train(1)
    overhead = statistics.median(one.train(1) for _ in range(5))

    wl.train(1)                                # warm-up, both sides
    warm = max(1, min(n // 4, 50))
    tr.run(warm)
    wl_rates, torch_rates = [], []
    for _ in range(repeats):                   # alternating
        t = wl.train(rounds)
        wl_rates.append(n / t)
        t = time.perf_counter()
        tr.run(n)
        torch_rates.append(n / (time.perf_counter() - t))
    return {"batches": n, "wlnet": statistics.median(wl_rates),
            "torch": statistics.median(torch_rates), "wlnet_all": wl_rates,
            "torch_all": torch_rates, "overhead_s": overhead}


def gemm_floor(spec: W.Spec, repeats: int = 5) -> float:
    """Steps/s if a step did nothing but its GEMMs, as NumPy runs them here (each shape
    timed in a loop with a preallocated output; the best of ``repeats``)."""
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
    times = []
    for _ in range(runs + 1):                 # the first run warms the file cache
        t = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True)
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


# -- report ------------------------------------------------------------------------------
def fmt(x, digits=0):
    return "–" if x is None else f"{x:,.{digits}f}"


def report(results: dict, checks: dict, floors: dict, extra: dict, info: dict) -> str:
    lines = ["# wlnet vs PyTorch eager: latest run", ""]
    lines += [f"- date: {info['date']}", f"- cpu: {info.get('cpu', '?')}, "
              f"{info['cpu_count']} cores, load average before the run "
              f"{', '.join(f'{x:.2f}' for x in info['loadavg'])}",
              f"- python {info['python']}, numpy {info['numpy']}, torch {info.get('torch')} "
              f"({TORCH_THREADS} threads, BLAS {info.get('torch_blas', '?')}, "
              f"{info.get('torch_cpu_capability', '?')})",
              f"- BLAS env: {', '.join(f'{k}={v}' for k, v in sorted(info['env'].items()))}",
              "", "Steps per second (a step = one batch: forward, backward, ADAM update), "
              "medians of the repeats; wlnet is one NetTrain call per repeat (Wolfram code "
              "through `Session.evaluate`), PyTorch eager with its default `torch.optim.Adam`.",
              ""]
    lines += ["| workload | check (max diff, frozen) | batches | wlnet | PyTorch | "
              "ratio | target | GEMM floor | wlnet / floor | NetTrain call overhead | met |",
              "|---|---|---:|---:|---:|---:|---|---:|---:|---:|---|"]
    for name, r in results.items():
        c = checks.get(name)
        floor = floors.get(name)
        target, floor_target = TARGETS[name]
        tgt = f"≥{target}x" + (f", ≥{floor_target:.0%} floor" if floor_target else "")
        if c is not None and not c["ok"]:
            lines.append(f"| {name} | DISAGREE: max diff {c['max_diff']:.2e}, frozen "
                         f"{c['frozen']}, moved {c['moved']} | {r['batches']} | "
                         f"{fmt(r['wlnet'])} | {fmt(r['torch'])} | (no ratio: the two sides "
                         f"differ) | {tgt} | {fmt(floor)} | – | "
                         f"{r['overhead_s'] * 1e3:.1f} ms | no |")
            continue
        ratio = r["wlnet"] / r["torch"]
        frac = r["wlnet"] / floor if floor else None
        met = ratio >= target and (floor_target is None or (frac or 0) >= floor_target)
        chk = "not run" if c is None else \
            f"ok {c['max_diff']:.1e}" + (", bit-identical" if c["frozen"] else "")
        lines.append(f"| {name} | {chk} | {r['batches']} | {fmt(r['wlnet'])} | "
                     f"{fmt(r['torch'])} | {ratio:.2f}x | {tgt} | {fmt(floor)} | "
                     f"{fmt(None if frac is None else frac * 100)}% | "
                     f"{r['overhead_s'] * 1e3:.1f} ms | {'yes' if met else 'no'} |")
    lines.append("")
    lines.append("The GEMM floor counts the five products per step of the straightforward "
                 "implementation (`workloads.Spec.gemm_shapes`); for the folds wlnet merges "
                 "the cell's two linear layers into one product per step, so it can run "
                 "above that floor.")
    lines.append("")
    lines.append("Every repeat (steps/s, wlnet / PyTorch): " + "; ".join(
        f"{n}: " + ", ".join(f"{a:,.0f}/{b:,.0f}" for a, b in zip(r["wlnet_all"], r["torch_all"]))
        for n, r in results.items()))
    lines.append("")
    if extra:
        lines += ["| other | value | target | met |", "|---|---:|---|---|"]
        if "startup_s" in extra:
            v = extra["startup_s"]
            lines.append(f"| start-up `wlnet -c '1+1'` (median of 7) | {v:.3f} s | < 0.35 s | "
                         f"{'yes' if v < 0.35 else 'no'} |")
        if "parse" in extra:
            p = extra["parse"]
            lines.append(f"| parse, short expressions | {p['short_per_s']:,.0f} /s | "
                         f"≥ 25,000 /s | {'yes' if p['short_per_s'] >= 25000 else 'no'} |")
            lines.append(f"| parse, 1 MB numeric list literal ({p['big_literal_chars']:,} "
                         f"chars) | {p['big_literal_s']:.3f} s | – | – |")
        if "eval" in extra:
            e = extra["eval"]
            lines.append(f"| evaluation, short expressions via `Session.evaluate` | "
                         f"{e['expr_per_s']:,.0f} /s | – | – |")
            lines.append(f"| evaluation, W3 MLP `net[x]` on a batch of 64 | "
                         f"{e['net_examples_per_s']:,.0f} examples/s | – | – |")
        if "memory" in extra:
            m = extra["memory"]
            a, b = m[1000]["peak_bytes"], m[4000]["peak_bytes"]
            lines.append(f"| fold memory, NetTrain W1 fold T=1000 / T=4000 (tracemalloc "
                         f"peak) | {a / 2**20:.2f} MiB / {b / 2**20:.2f} MiB ({b / a:.3f}x) | "
                         f"T=4000 < 4x T=1000 | {'yes' if b < 4 * a else 'no'} |")
        for key, text in extra.get("failed", {}).items():
            lines.append(f"| {key} | FAILED: {text.splitlines()[-1][:200]} | – | no |")
        lines.append("")
    return "\n".join(lines)


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
    names = args.only.split(",") if args.only else list(W.SPECS)
    checks, results, floors = {}, {}, {}
    for name in names:
        checks[name] = check(name)
        print(f"{name}: check {'ok' if checks[name]['ok'] else 'DISAGREE'} "
              f"(max diff {checks[name]['max_diff']:.2e}, frozen {checks[name]['frozen']})",
              flush=True)
    for name in names:
        floors[name] = gemm_floor(W.SPECS[name])
        results[name] = time_workload(
            name, 1 if args.quick else args.repeats,
            max(8, BATCHES[name] // 20) if args.quick else None)
        r = results[name]
        print(f"{name}: wlnet {r['wlnet']:,.1f}/s, torch {r['torch']:,.1f}/s, ratio "
              f"{r['wlnet'] / r['torch']:.2f}, floor {floors[name]:,.1f}/s", flush=True)
    extra = {}
    if not args.no_extra:
        for key, fn in (("startup_s", startup), ("parse", parse_figures),
                        ("eval", evaluation_figures),
                        ("memory", lambda: {T: memory(T) for T in (1000, 4000)})):
            try:
                extra[key] = fn()
            except Exception as error:  # report it in the table, keep the rest
                extra.setdefault("failed", {})[key] = f"{type(error).__name__}: {error}"
    text = report(results, checks, floors, extra, info)
    print(text)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    print(f"written to {out}")


if __name__ == "__main__":
    main()
