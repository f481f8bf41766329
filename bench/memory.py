"""Peak memory of NetTrain on the W1 fold with a long sequence (run in its own process
by bench/run.py): python bench/memory.py T  ->  one JSON line.

The fold (width 2, batch 64, 64 examples of length T) is trained for 2 batches; the
figure is tracemalloc's peak during the NetTrain call above what was allocated before it
(NumPy reports its buffers to tracemalloc), so it is the memory backpropagation through
time needs, which must grow linearly in T.
"""

from __future__ import annotations

import dataclasses
import json
import resource
import sys
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import numpy as np  # noqa: E402

import workloads as W  # noqa: E402
from wl_side import WlTrainer  # noqa: E402


def main():
    T = int(sys.argv[1])
    spec = dataclasses.replace(W.SPECS["W1-b64"], steps_T=T)
    init = W.make_init(spec, np.float32)
    batches = W.make_batches(spec, np.float32, n_batches=1)
    wl = WlTrainer(spec, init, batches)
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    wl.train(2)
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    print(json.dumps({"T": T, "peak_bytes": peak,
                      "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


if __name__ == "__main__":
    main()
