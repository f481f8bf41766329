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
W4 "LSTM"       : LSTM(16->64) over T=50, last state -> Linear(64->1), batch 32
W5 "digits"     : Conv(1->16, 3x3) -> Ramp -> MaxPool(2x2, stride 2) -> Flatten
                  -> Linear(144->10) -> Softmax, on scikit-learn's 8x8 digits, batch 64

Fold cell (one step, state s, input x_t, all row-vectors in a batch):
    h  = x_t + s
    u  = h @ W2.T + b2          (LinearLayer, W2: n x n, b2: n)
    s' = u @ W3.T               (LinearLayer without bias, W3 frozen)
The fold starts at s = 0 and outputs the final state.  Loss: mean squared
error over batch and elements (Wolfram MeanSquaredLossLayer averaged over
the batch == torch.nn.functional.mse_loss(reduction="mean")).
W3 is initialised to I + 0.5*superdiagonal (for n=2: {{1,0.5},{0,1}}) and
has learning-rate multiplier 0 (frozen).

W4 (from ../shared/bench/sequence_and_image.py): Wolfram's LSTM, i, f, o =
LogisticSigmoid[Wx.x + Ws.s + b], m = Tanh[...] (the "memory" gate), c' = f*c + i*m,
s' = o*Tanh[c'], its arrays named as Wolfram names them (``LSTM_ARRAYS``); the target is
the mean of the input's first feature over the last 10 steps (learnable). Mean squared
loss. PyTorch packs the gates as i, f, g (= memory), o: ``lstm_pack``/``lstm_unpack``.

W5: the first 1,500 of scikit-learn's 1,797 digits (pixels / 16) train, the last 297
test; cross-entropy on class indices; the rounds are shuffled (as NetTrain does).

Interface every implementation ("trainer") provides
-------------------------------------------------
    tr = factory(spec, dtype, init, batches)
    tr.step(k)      one training step (fwd + bwd + ADAM) on batch k % len(batches)
    tr.run(n)       n steps: cycling over the batches, or for W5 over shuffled rounds of
                    the training set (the timed call)
    tr.reset()      back to the initial arrays and a fresh optimizer
    tr.params()     {name: np.ndarray copy}   current weights
"""

from __future__ import annotations

import dataclasses
import functools
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
SEED_W45 = 20261206    # the seed of ../shared/bench/sequence_and_image.py
DIGITS_TRAIN = 1500    # the first 1,500 digits train, the last 297 test

# Wolfram's LSTM arrays, gate by gate, in PyTorch's packing order (i, f, g, o).
GATES = ("InputGate", "ForgetGate", "MemoryGate", "OutputGate")
LSTM_ARRAYS = tuple(g + part for g in GATES
                    for part in ("InputWeights", "StateWeights", "Biases"))


@dataclasses.dataclass(frozen=True)
class Spec:
    name: str           # e.g. "W1-b1"
    kind: str           # "fold", "mlp", "lstm" or "conv"
    batch: int
    width: int = 0      # fold: state width n
    steps_T: int = 0    # fold, lstm: sequence length
    n_in: int = 0       # mlp, lstm: input size
    n_hidden: int = 0   # mlp: hidden size; lstm: state size; conv: filters
    n_out: int = 0      # mlp, lstm: outputs; conv: classes
    pool: int = N_BATCHES   # batches in the data pool (conv: the training set instead)

    @property
    def shuffled(self) -> bool:
        """Trained in shuffled rounds over a training set (W5), not over a batch pool."""
        return self.kind == "conv"

    def gemm_shapes(self) -> list[tuple[str, int, int, int, str, int]]:
        """(label, M, N, K, layout, count per step) of the GEMMs in one step,
        as the straightforward implementation issues them. layout is how the
        operands are passed to np.matmul: "NN", "NT" (B transposed view),
        "TN" (A transposed view). Empty where no floor is computed (W4, W5)."""
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
        if self.kind != "mlp":
            return []
        i, h, o = self.n_in, self.n_hidden, self.n_out
        return [
            ("fwd X@W1^T", B, h, i, "NT", 1),
            ("fwd A@W2^T", B, o, h, "NT", 1),
            ("bwd dZ2^T@A (dW2)", o, h, B, "TN", 1),
            ("bwd dZ2@W2", B, h, o, "NN", 1),
            ("bwd dZ1^T@X (dW1)", h, i, B, "TN", 1),
        ]

    def conv_features(self) -> int:
        """Inputs of the W5 LinearLayer: filters x 3 x 3 (8x8 -> conv 6x6 -> pool 3x3)."""
        return self.n_hidden * 3 * 3


SPECS = {
    "W1-b1": Spec("W1-b1", "fold", batch=1, width=2, steps_T=10),
    "W1-b64": Spec("W1-b64", "fold", batch=64, width=2, steps_T=10),
    "W2-n128": Spec("W2-n128", "fold", batch=64, width=128, steps_T=50),
    "W2-n512": Spec("W2-n512", "fold", batch=64, width=512, steps_T=50),
    "W3-b64": Spec("W3-b64", "mlp", batch=64, n_in=784, n_hidden=256, n_out=10),
    "W3-b1": Spec("W3-b1", "mlp", batch=1, n_in=784, n_hidden=256, n_out=10),
    "W4": Spec("W4", "lstm", batch=32, steps_T=50, n_in=16, n_hidden=64, n_out=1, pool=8),
    "W5": Spec("W5", "conv", batch=64, n_hidden=16, n_out=10),
}

# Which weights are trained (LearningRateMultipliers 1) and which are frozen (0).
TRAINABLE = {"fold": ["W2", "b2"], "mlp": ["W1", "b1", "W2", "b2"],
             "lstm": [*LSTM_ARRAYS, "W2", "b2"], "conv": ["W1", "b1", "W2", "b2"]}
FROZEN = {"fold": ["W3"], "mlp": [], "lstm": [], "conv": []}


def make_init(spec: Spec, dtype) -> dict[str, np.ndarray]:
    """Deterministic initial weights (float64 draws cast to dtype). W4 and W5 are drawn
    as PyTorch's default initialisation draws them: uniform in +-1/sqrt(fan in)."""
    rng = np.random.default_rng([SEED, spec.width, spec.n_in, spec.n_hidden])

    def uniform(bound, shape):
        return rng.uniform(-bound, bound, size=shape)

    if spec.kind == "fold":
        n = spec.width
        a = 1.0 / math.sqrt(n)
        W2 = rng.uniform(-a, a, size=(n, n))
        b2 = rng.uniform(-0.1, 0.1, size=(n,))
        W3 = np.eye(n) + 0.5 * np.eye(n, k=1)
        d = {"W2": W2, "b2": b2, "W3": W3}
    elif spec.kind == "mlp":
        i, h, o = spec.n_in, spec.n_hidden, spec.n_out
        a1, a2 = 1.0 / math.sqrt(i), 1.0 / math.sqrt(h)
        d = {
            "W1": rng.uniform(-a1, a1, size=(h, i)),
            "b1": rng.uniform(-a1, a1, size=(h,)),
            "W2": rng.uniform(-a2, a2, size=(o, h)),
            "b2": rng.uniform(-a2, a2, size=(o,)),
        }
    elif spec.kind == "lstm":
        k, n, a = spec.n_in, spec.n_hidden, 1.0 / math.sqrt(spec.n_hidden)
        shapes = {"InputWeights": (n, k), "StateWeights": (n, n), "Biases": (n,)}
        d = {name: uniform(a, shapes[name[name.index("Gate") + 4:]])
             for name in LSTM_ARRAYS}
        d.update(W2=uniform(a, (spec.n_out, n)), b2=uniform(a, (spec.n_out,)))
    else:
        c, f = spec.n_hidden, spec.conv_features()
        d = {"W1": uniform(1 / 3, (c, 1, 3, 3)), "b1": uniform(1 / 3, (c,)),
             "W2": uniform(1 / math.sqrt(f), (spec.n_out, f)),
             "b2": uniform(1 / math.sqrt(f), (spec.n_out,))}
    return {k: np.ascontiguousarray(v.astype(dtype)) for k, v in d.items()}


def make_batches(spec: Spec, dtype, n_batches: int | None = None):
    """List of (X, Y) batches.  Fold: X (B, T, n) Wolfram layout, Y (B, n).
    MLP: X (B, 784) in [0,1), Y (B, 10) one-hot. LSTM: X (B, T, 16) in [-1, 1), Y (B, 1).
    Conv: the digits training set cut into consecutive batches (the last one shorter),
    X (B, 1, 8, 8), Y (B,) class indices (int64)."""
    n_batches = n_batches or spec.pool
    if spec.kind == "conv":
        (x, y), _ = digits()
        return [(x[i:i + spec.batch].astype(dtype), y[i:i + spec.batch])
                for i in range(0, len(x), spec.batch)]
    if spec.kind == "lstm":
        rng = np.random.default_rng(SEED_W45)
        x = rng.uniform(-1, 1, (n_batches, spec.batch, spec.steps_T, spec.n_in))
        y = x[:, :, -10:, :1].mean(axis=2)
        return [(np.ascontiguousarray(a.astype(dtype)), np.ascontiguousarray(b.astype(dtype)))
                for a, b in zip(x, y)]
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


@functools.lru_cache(maxsize=1)
def digits():
    """scikit-learn's 8x8 digits as ((x_train, y_train), (x_test, y_test)): x float32
    (N, 1, 8, 8) = pixels / 16, y int64 class indices (the class labels 0-9 themselves).
    Read once; callers copy before they write."""
    try:
        from sklearn.datasets import load_digits
    except ImportError as error:
        raise ImportError("W5 needs scikit-learn: pip install -e '.[digits]'") from error
    dg = load_digits()
    x = (dg.images / 16.0).astype(np.float32)[:, None, :, :]
    y = dg.target.astype(np.int64)
    return (x[:DIGITS_TRAIN], y[:DIGITS_TRAIN]), (x[DIGITS_TRAIN:], y[DIGITS_TRAIN:])


def lstm_pack(arrays: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Wolfram's LSTM arrays as PyTorch packs them: weight_ih (4n, k), weight_hh (4n, n)
    and one bias (4n) (PyTorch's bias_ih + bias_hh), gates in the order i, f, g, o."""
    return tuple(np.concatenate([arrays[g + part] for g in GATES])
                 for part in ("InputWeights", "StateWeights", "Biases"))


def lstm_unpack(weight_ih, weight_hh, bias) -> dict[str, np.ndarray]:
    """The inverse of ``lstm_pack``: PyTorch's packed arrays as Wolfram's named arrays."""
    out = {}
    for part, packed in (("InputWeights", weight_ih), ("StateWeights", weight_hh),
                         ("Biases", bias)):
        for g, block in zip(GATES, np.split(np.asarray(packed), 4)):
            out[g + part] = np.ascontiguousarray(block)
    return out


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
    keys = ("OPENBLAS", "OMP_", "MKL", "NVPL", "GOTO", "BLIS", "KMP_", "TORCH", "XLA_",
            "JAX_")
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
    try:
        import jax
        info["jax"] = f"{jax.__version__} ({jax.default_backend()}, " \
                      f"{jax.device_count()} device(s))"
    except ImportError:
        info["jax"] = None
    return info
