"""The benchmark's report (Markdown) from what bench/run.py measured: wlnet against
PyTorch eager, the JAX references, the compiled path's targets, W5's test accuracy and
the other figures. A figure whose side did not pass the correctness check is never shown:
its cell says DISAGREE; a wlnet side that cannot build its net says why, in wlnet's words.
"""

from __future__ import annotations

# Ratio to PyTorch eager (and fraction of the GEMM floor) that wlnet must reach.
TARGETS = {"W1-b1": (5.0, None), "W1-b64": (5.0, None), "W2-n128": (1.5, 0.8),
           "W2-n512": (1.1, 0.8), "W3-b64": (1.3, None), "W3-b1": (1.2, None),
           "W4": (1.5, None), "W5": (1.0, None)}
# wlnet's compiled path against JAX (issue 16): (JAX figure, fraction of it).
COMPILED_TARGETS = {"W1-b1": ("jax_epoch", 0.4), "W3-b64": ("jax", 0.9),
                    "W3-b1": ("jax", 0.9), "W4": ("jax", 0.9)}
SIDES = {"wlnet": "wlnet", "wlnet_compiled": "wlnet compiled", "torch": "PyTorch",
         "jax": "JAX per batch", "jax_epoch": "JAX whole epoch"}
NO_JAX = "JAX not installed (`pip install -e '.[jax]'`): no JAX figures in this run."


def fmt(x, digits=0):
    return "–" if x is None else f"{x:,.{digits}f}"


def agrees(c: dict | None, side: str) -> bool:
    """May ``side``'s figure be shown: it agreed with the reference, or is it."""
    return c is None or side == c["reference"] or (side in c and c[side]["ok"])


def unavailable(c: dict | None, r: dict, side: str = "wlnet") -> str:
    """Why a wlnet side has no figure: the missing layers, in wlnet's own messages (the
    probes of wl_side.PROBES), or the message the workload's net gave; for the compiled
    path, that there is none yet."""
    missing = (c or {}).get("missing") or []
    if missing:
        return "not yet available: " + "; ".join(missing)
    error = (c or {}).get("errors", {}).get(side) or r.get("errors", {}).get(side)
    if error is None:
        return "not yet available"
    return "FAILED: " + error.replace("|", "/")


def figure(side: str, r: dict, c: dict | None) -> str:
    if side not in r["rates"]:
        return "–"
    return fmt(r["rates"][side]) if agrees(c, side) else "DISAGREE"


def ratio(a: str, b: str, r: dict, c: dict | None) -> float | None:
    """rate(a) / rate(b), when both are measured and both passed their check."""
    rates = r["rates"]
    if a in rates and b in rates and agrees(c, a) and agrees(c, b):
        return rates[a] / rates[b]
    return None


def check_text(c: dict | None, side: str) -> str:
    if c is None:
        return "not run"
    if c["reference"] != "wlnet" and side == "torch":
        return "– (no wlnet side)"
    r = c.get(side)
    if r is None:
        return "–"
    if not r["ok"]:
        return (f"DISAGREE: max diff {r['max_diff']:.2e}, frozen {r['frozen']}, "
                f"moved {r['moved']}")
    return f"ok {r['max_diff']:.1e}" + (", bit-identical" if r["frozen"] else "")


def accuracy_met(r: dict) -> bool:
    acc = r.get("accuracy", {})
    return "wlnet" in acc and "torch" in acc and acc["wlnet"] >= acc["torch"]


def torch_table(results, checks, floors) -> list[str]:
    lines = ["| workload | check: wlnet vs PyTorch (max diff, frozen) | batches | wlnet | "
             "PyTorch | ratio | target | GEMM floor | wlnet / floor | NetTrain call "
             "overhead | met |", "|---|---|---:|---:|---:|---:|---|---:|---:|---:|---|"]
    for name, r in results.items():
        c, floor = checks.get(name), floors.get(name)
        target, floor_target = TARGETS[name]
        tgt = f"≥{target}x" + (f", ≥{floor_target:.0%} floor" if floor_target else "") + \
            (", accuracy ≥ PyTorch's" if "accuracy" in r else "")
        wl = figure("wlnet", r, c) if "wlnet" in r["rates"] else unavailable(c, r)
        q = ratio("wlnet", "torch", r, c)
        frac = r["rates"]["wlnet"] / floor if floor and "wlnet" in r["rates"] else None
        met = q is not None and q >= target and \
            (floor_target is None or (frac or 0) >= floor_target) and \
            ("accuracy" not in r or accuracy_met(r))
        overhead = f"{r['overhead_s'] * 1e3:.1f} ms" if "overhead_s" in r else "–"
        lines.append(f"| {name} | {check_text(c, 'torch')} | {r['batches']} | {wl} | "
                     f"{figure('torch', r, c)} | {'–' if q is None else f'{q:.2f}x'} | "
                     f"{tgt} | {fmt(floor)} | "
                     f"{'–' if frac is None else f'{frac:.0%}'} | {overhead} | "
                     f"{'yes' if met else 'no'} |")
    return lines


def jax_table(results, checks) -> list[str]:
    lines = ["| workload | check: JAX per batch / whole epoch | JAX per "
             "batch | compile | JAX whole epoch | compile | wlnet / JAX per batch | "
             "wlnet / JAX whole epoch |", "|---|---|---:|---:|---:|---:|---:|---:|"]
    for name, r in results.items():
        c = checks.get(name)
        ref = "wlnet" if c is None or c["reference"] == "wlnet" else "PyTorch (no wlnet side)"
        comp = r.get("compile_s", {})
        per_batch, epoch = ratio("wlnet", "jax", r, c), ratio("wlnet", "jax_epoch", r, c)
        lines.append(
            f"| {name} | {check_text(c, 'jax')} / {check_text(c, 'jax_epoch')} vs {ref} | "
            f"{figure('jax', r, c)} | {fmt(comp.get('per_batch'), 2)} s | "
            f"{figure('jax_epoch', r, c)} | {fmt(comp.get('epoch'), 2)} s | "
            f"{'–' if per_batch is None else f'{per_batch:.2f}x'} | "
            f"{'–' if epoch is None else f'{epoch:.2f}x'} |")
    return lines


def compiled_table(results, checks) -> list[str]:
    lines = ["| workload | wlnet compiled | compile | JAX reference | ratio | target | met |",
             "|---|---:|---:|---:|---:|---|---|"]
    for name, r in results.items():
        c = checks.get(name)
        if name not in COMPILED_TARGETS and "wlnet_compiled" not in r["rates"]:
            continue
        side, target = COMPILED_TARGETS.get(name, ("jax", None))
        wl = figure("wlnet_compiled", r, c) if "wlnet_compiled" in r["rates"] else \
            unavailable(c, r, "wlnet_compiled")
        q = ratio("wlnet_compiled", side, r, c)
        met = q is not None and target is not None and q >= target
        lines.append(f"| {name} | {wl} | {fmt(r.get('wl_compile_s'), 2)} s | "
                     f"{SIDES[side]} {figure(side, r, c)} | "
                     f"{'–' if q is None else f'{q:.2f}x'} | "
                     f"{'–' if target is None else f'≥{target:.0%} of {SIDES[side]}'} | "
                     f"{'–' if target is None else 'yes' if met else 'no'} |")
    return lines


def accuracy_table(r: dict) -> list[str]:
    acc = r["accuracy"]
    sides = [s for s in SIDES if s in acc or s == "wlnet"]
    rounds = f"{r['rounds']} round" + ("s" if r["rounds"] != 1 else "")
    lines = [f"| test accuracy after {rounds} | "
             + " | ".join(SIDES[s] for s in sides) + " | target | met |",
             "|---|" + "---:|" * len(sides) + "---|---|"]
    cells = [f"{acc[s]:.3f}" if s in acc else "not yet available" for s in sides]
    lines.append(f"| W5 (last 297 digits) | {' | '.join(cells)} | wlnet ≥ PyTorch | "
                 f"{'yes' if accuracy_met(r) else 'no'} |")
    return lines


def extra_table(extra: dict) -> list[str]:
    lines = ["| other | value | target | met |", "|---|---:|---|---|"]
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
    return lines


def report(results: dict, checks: dict, floors: dict, extra: dict, info: dict,
           skipped: dict | None = None) -> str:
    lines = ["# wlnet vs PyTorch eager and JAX: latest run", ""]
    lines += [f"- date: {info['date']}", f"- cpu: {info.get('cpu', '?')}, "
              f"{info['cpu_count']} cores, load average before the run "
              f"{', '.join(f'{x:.2f}' for x in info['loadavg'])}",
              f"- python {info['python']}, numpy {info['numpy']}, torch {info.get('torch')} "
              f"({info.get('torch_threads', '?')} threads, BLAS {info.get('torch_blas', '?')}, "
              f"{info.get('torch_cpu_capability', '?')}), jax {info.get('jax')}",
              f"- BLAS env: {', '.join(f'{k}={v}' for k, v in sorted(info['env'].items()))}",
              "", "Steps per second (a step = one batch: forward, backward, ADAM update), "
              "medians of the repeats; wlnet is one NetTrain call per repeat (Wolfram code "
              "through `Session.evaluate`), PyTorch eager with its default `torch.optim.Adam`.",
              ""]
    lines += torch_table(results, checks, floors)
    lines += ["", "The GEMM floor counts the five products per step of the straightforward "
              "implementation (`workloads.Spec.gemm_shapes`); for the folds wlnet merges "
              "the cell's two linear layers into one product per step, so it can run "
              "above that floor.", ""]
    if skipped:
        lines += [f"- {name}: skipped, {why}" for name, why in skipped.items()] + [""]
    has_jax = any("jax" in r["rates"] for r in results.values())
    lines += ["## JAX (same run)", ""]
    if has_jax:
        lines += ["JAX on the CPU with Wolfram's ADAM, compiled ahead of time (compile time "
                  "apart): one jit call per batch, and one call per round (`lax.scan` over "
                  "the round's batches).", ""] + jax_table(results, checks)
    else:
        lines.append(NO_JAX)
    lines += ["", "## wlnet's compiled path (issue 16)", ""] + compiled_table(results, checks)
    if "W5" in results and "accuracy" in results["W5"]:
        lines += ["", "## W5 test accuracy", ""] + accuracy_table(results["W5"])
    lines += ["", "Every repeat (steps/s): " + "; ".join(
        f"{name}: " + ", ".join(f"{SIDES[s]} " + "/".join(
            f"{r['steps'][s] / t:,.0f}" for t in ts) for s, ts in r["times"].items())
        for name, r in results.items()), ""]
    if extra:
        lines += extra_table(extra) + [""]
    return "\n".join(lines)
