"""Workload definitions shared by every benchmark script.

A workload is a small training problem (network + data + ADAM settings).
All initial weights and data are generated here, deterministically, in
float64 with NumPy and then cast, so every implementation starts from
bit-identical arrays.

Workloads
---------
W1 "seed fold"  : recurrent fold, width 2, T=10, batch 1 / 64
W2 "wide fold"  : same cell, width 128 / 512, T=50, batch 64
W3 "MLP"        : Linear(784->256) -> Tanh -> Linear(256->10), batch 64 / 1

Fold cell (one step, state s, input x_t, all row-vectors in a batch):
    h  = x_t + s
    u  = h @ W2.T + b2          (LinearLayer, W2: n x n, b2: n)
    s' = u @ W3.T               (LinearLayer without bias, W3 frozen)
The fold starts at s = 0 and outputs the final state.  Loss: mean squared
error over batch and elements (Wolfram MeanSquaredLossLayer averaged over
the batch == torch.nn.functional.mse_loss(reduction="mean")).
W3 is initialised to I + 0.5*superdiagonal (for n=2: {{1,0.5},{0,1}}) and
has learning-rate multiplier 0 (frozen).

Interface every implementation ("trainer") provides
-------------------------------------------------
    tr = factory(spec, dtype, init, batches)
    tr.step(k)      one training step (fwd + bwd + ADAM) on batch k % len(batches)
    tr.run(n)       n steps, cycling over the batches (the timed call)
    tr.params()     {name: np.ndarray copy}   current weights
    tr.grads(k)     {name: np.ndarray}        loss gradient on batch k, no update
Optional phase methods (used for the overhead breakdown):
    tr.forward(k), tr.backward(), tr.update()
"""

from __future__ import annotations

import dataclasses
import math
import os
import platform

import numpy as np

# ADAM settings. Wolfram's default epsilon is 1e-5 added to the uncorrected sqrt(v); PyTorch adds eps to the corrected one. Match them before comparing weights.
LR = 1e-3
BETA1 = 0.9
BETA2 = 0.999
EPS = 1e-8            # PyTorch's default (the timed baseline)
WOLFRAM_EPS = 1e-5    # Wolfram's ADAM "Epsilon" (the correctness check uses this on both sides)

N_BATCHES = 4          # distinct batches in the pool; steps cycle over them
SEED = 20240611


@dataclasses.dataclass(frozen=True)
class Spec:
    name: str           # e.g. "W1-b1"
    kind: str           # "fold" or "mlp"
    batch: int
    width: int = 0      # fold: state width n
    steps_T: int = 0    # fold: sequence length
    n_in: int = 0       # mlp
    n_hidden: int = 0   # mlp
    n_out: int = 0      # mlp

    # ---- analytic cost model -------------------------------------------
    def gemm_flops(self) -> int:
        """FLOPs of the GEMMs in one training step (2*m*n*k each)."""
        B = self.batch
        if self.kind == "fold":
            n, T = self.width, self.steps_T
            # per time step: fwd h@W2^T, u@W3^T ; bwd dU=dS@W3, dW2+=dU^T h,
            # dS=dU@W2   -> 5 GEMMs of B x n x n
            return 5 * 2 * B * n * n * T
        i, h, o = self.n_in, self.n_hidden, self.n_out
        fwd = 2 * B * (i * h + h * o)
        bwd = 2 * B * (h * o)      # dW2
        bwd += 2 * B * (o * h)     # dA = dZ2 @ W2
        bwd += 2 * B * (h * i)     # dW1 (no dX: input)
        return fwd + bwd

    def gemm_shapes(self) -> list[tuple[str, int, int, int, str, int]]:
        """(label, M, N, K, layout, count per step) of the GEMMs in one step,
        as the straightforward implementation issues them. layout is how the
        operands are passed to np.matmul: "NN", "NT" (B transposed view),
        "TN" (A transposed view)."""
        B = self.batch
        if self.kind == "fold":
            n, T = self.width, self.steps_T
            return [
                ("fwd h@W2^T", B, n, n, "NT", T),
                ("fwd u@W3^T", B, n, n, "NT", T),
                ("bwd dS@W3", B, n, n, "NN", T),
                ("bwd dU^T@H (dW2)", n, n, B, "TN", T),
                ("bwd dU@W2", B, n, n, "NN", T),
            ]
        i, h, o = self.n_in, self.n_hidden, self.n_out
        return [
            ("fwd X@W1^T", B, h, i, "NT", 1),
            ("fwd A@W2^T", B, o, h, "NT", 1),
            ("bwd dZ2^T@A (dW2)", o, h, B, "TN", 1),
            ("bwd dZ2@W2", B, h, o, "NN", 1),
            ("bwd dZ1^T@X (dW1)", h, i, B, "TN", 1),
        ]

    def n_trainable(self) -> int:
        if self.kind == "fold":
            return self.width * self.width + self.width
        i, h, o = self.n_in, self.n_hidden, self.n_out
        return i * h + h + h * o + o


SPECS = {
    "W1-b1": Spec("W1-b1", "fold", batch=1, width=2, steps_T=10),
    "W1-b64": Spec("W1-b64", "fold", batch=64, width=2, steps_T=10),
    "W2-n128": Spec("W2-n128", "fold", batch=64, width=128, steps_T=50),
    "W2-n512": Spec("W2-n512", "fold", batch=64, width=512, steps_T=50),
    "W3-b64": Spec("W3-b64", "mlp", batch=64, n_in=784, n_hidden=256, n_out=10),
    "W3-b1": Spec("W3-b1", "mlp", batch=1, n_in=784, n_hidden=256, n_out=10),
}

# Which weights are trained (LearningRateMultipliers 1) and which are frozen (0).
TRAINABLE = {"fold": ["W2", "b2"], "mlp": ["W1", "b1", "W2", "b2"]}
FROZEN = {"fold": ["W3"], "mlp": []}


def make_init(spec: Spec, dtype) -> dict[str, np.ndarray]:
    """Deterministic initial weights (float64 draws cast to dtype)."""
    rng = np.random.default_rng([SEED, spec.width, spec.n_in, spec.n_hidden])
    if spec.kind == "fold":
        n = spec.width
        a = 1.0 / math.sqrt(n)
        W2 = rng.uniform(-a, a, size=(n, n))
        b2 = rng.uniform(-0.1, 0.1, size=(n,))
        W3 = np.eye(n) + 0.5 * np.eye(n, k=1)
        d = {"W2": W2, "b2": b2, "W3": W3}
    else:
        i, h, o = spec.n_in, spec.n_hidden, spec.n_out
        a1, a2 = 1.0 / math.sqrt(i), 1.0 / math.sqrt(h)
        d = {
            "W1": rng.uniform(-a1, a1, size=(h, i)),
            "b1": rng.uniform(-a1, a1, size=(h,)),
            "W2": rng.uniform(-a2, a2, size=(o, h)),
            "b2": rng.uniform(-a2, a2, size=(o,)),
        }
    return {k: np.ascontiguousarray(v.astype(dtype)) for k, v in d.items()}


def make_batches(spec: Spec, dtype, n_batches: int = N_BATCHES):
    """List of (X, Y) batches.  Fold: X (B, T, n) Wolfram layout, Y (B, n).
    MLP: X (B, 784) in [0,1), Y (B, 10) one-hot."""
    rng = np.random.default_rng([SEED, 7, spec.batch, spec.width, spec.n_in])
    out = []
    for _ in range(n_batches):
        B = spec.batch
        if spec.kind == "fold":
            X = rng.normal(0.0, 0.5, size=(B, spec.steps_T, spec.width))
            Y = rng.normal(0.0, 1.0, size=(B, spec.width))
        else:
            X = rng.uniform(0.0, 1.0, size=(B, spec.n_in))
            Y = np.zeros((B, spec.n_out))
            Y[np.arange(B), rng.integers(0, spec.n_out, size=B)] = 1.0
        out.append((np.ascontiguousarray(X.astype(dtype)),
                    np.ascontiguousarray(Y.astype(dtype))))
    return out


DTYPES = {"f32": np.float32, "f64": np.float64}


# ---------------------------------------------------------------------------
def env_report() -> dict:
    """Everything that affects the numbers: versions, BLAS, env variables."""
    info: dict = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "loadavg": os.getloadavg(),
        "numpy": np.__version__,
    }
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    keys = ("OPENBLAS", "OMP_", "MKL", "NVPL", "GOTO", "BLIS", "KMP_", "TORCH")
    info["env"] = {k: v for k, v in os.environ.items() if k.startswith(keys)}
    for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS",
              "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        info["env"].setdefault(k, "<unset>")
    try:
        import threadpoolctl
        info["threadpools"] = [
            {k: d.get(k) for k in ("internal_api", "prefix", "version",
                                   "num_threads", "architecture",
                                   "threading_layer")}
            for d in threadpoolctl.threadpool_info()
        ]
    except ImportError:
        info["threadpools"] = "threadpoolctl not installed"
    try:
        import torch
        cfg = torch.__config__.show()
        info["torch"] = torch.__version__
        info["torch_blas"] = next(
            (p.split("=", 1)[1] for p in cfg.replace(",", " ").split()
             if p.startswith("BLAS_INFO=")), "?")
        info["torch_cpu_capability"] = next(
            (l.split(":", 1)[1].strip() for l in cfg.splitlines()
             if "CPU capability" in l), "?")
        info["torch_threads"] = torch.get_num_threads()
    except ImportError:
        info["torch"] = None
    return info
