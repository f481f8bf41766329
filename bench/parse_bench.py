"""Parser benchmark (a script, not a test): throughput, big literal, start-up time.

    python bench/parse_bench.py

Prints short-expression throughput, long-expression throughput, the time to parse a
1 MB numeric list literal, and the wall time of a fresh interpreter that imports the
parser and parses ``1+1`` (cold: Lark's grammar cache removed first; warm: cache present).
"""

from __future__ import annotations

import glob
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wlnet.syntax.parser import parse  # noqa: E402

SHORT = [
    "f[x_] := x^2 + 1",
    "{1, 2, 3}[[2]]",
    "a -> b",
    'NetTrain[net, data, LearningRateMultipliers -> {{"Net", "l3"} -> 0, _ -> 1}]',
]

LONG = (
    'net = NetChain[{ConvolutionLayer[16, {3, 3}], BatchNormalizationLayer[], Ramp, '
    'PoolingLayer[{2, 2}], FlattenLayer[], LinearLayer[64], Ramp, DropoutLayer[0.5], '
    'LinearLayer[10], SoftmaxLayer[]}, "Input" -> NetEncoder[{"Image", {28, 28}, '
    '"Grayscale"}], "Output" -> NetDecoder[{"Class", Range[0, 9]}]]; '
    'trained = NetTrain[net, trainingData, ValidationSet -> Scaled[0.1], '
    'MaxTrainingRounds -> 10, BatchSize -> 64, Method -> {"ADAM", "LearningRate" -> 0.001}, '
    'LearningRateMultipliers -> {{"Net", "l3"} -> 0, _ -> 1}, '
    'TrainingProgressReporting -> None]; '
    'f[x_?NumericQ, y_:1] /; x > 0 := Module[{s = x^2 + y}, If[s > 10, s/2, -s]]'
)


def rate(texts, seconds=1.0):
    """Expressions parsed per CPU second (process time, so other load on the machine
    matters less), cycling through ``texts`` for about ``seconds``."""
    n, start = 0, time.process_time()
    while time.process_time() - start < seconds:
        for t in texts:
            parse(t)
        n += len(texts)
    return n / (time.process_time() - start)


def startup(runs=5):
    code = "import wlnet.syntax.parser as p; p.parse('1+1')"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        times.append(time.perf_counter() - t)
    return min(times)


def baseline(runs=5):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import numpy"], check=True)
        times.append(time.perf_counter() - t)
    return min(times)


def main():
    parse("1")
    for text in SHORT:
        print(f"short  {rate([text]):>9,.0f} expr/s   {text}")
    print(f"short  {rate(SHORT):>9,.0f} expr/s   (mix of the above)")
    print(f"long   {rate([LONG]):>9,.0f} expr/s   ({len(LONG)} characters)")

    rng = random.Random(0)
    big = "{" + ", ".join(f"{rng.random():.3f}" for _ in range(1_000_000 // 7)) + "}"
    t = time.process_time()
    parse(big)
    print(f"1 MB numeric list literal ({len(big):,} chars): {time.process_time() - t:.3f} s")
    mixed = big.replace("0.5", "x", 1)           # one symbol: no PackedArray fast path
    t = time.process_time()
    parse(mixed)
    print(f"same list with one symbol (general path): {time.process_time() - t:.3f} s")

    for cache in glob.glob(os.path.join(tempfile.gettempdir(), ".lark_cache_*")):
        os.remove(cache)
    cold = startup(runs=1)
    print(f"python -c 'import wlnet.syntax.parser; parse(\"1+1\")': cold (no grammar cache) "
          f"{cold:.3f} s, warm {startup():.3f} s; python -c 'import numpy' {baseline():.3f} s")


if __name__ == "__main__":
    main()
