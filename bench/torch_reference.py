"""PyTorch eager (CPU) trainers, written the way a PyTorch user would:
nn.Module / nn.Linear / nn.LSTM / nn.Conv2d, F.mse_loss or F.cross_entropy,
torch.optim.Adam, zero_grad(set_to_none), loss.backward(), opt.step().  The frozen W3
(learning-rate multiplier 0) is ``requires_grad_(False)`` and not given to the optimizer.

Implementations:
* ``torch``        -- torch.optim.Adam with defaults (on CPU that is the
                      single-tensor for-loop path: foreach and fused are off).
* ``torch_fused``  -- torch.optim.Adam(fused=True): one fused CPU kernel per
                      parameter tensor.
* ``torch_wolfram`` -- the same model with ``WolframAdam`` below: ADAM as Wolfram
                      (MXNet's adam_update) computes it, epsilon 1e-5 added to the
                      UNCORRECTED sqrt(v) and the bias correction folded into the step
                      size. This is the side the correctness check compares with wlnet;
                      the timed baseline is ``torch`` (PyTorch's default Adam). For the
                      LSTM it also holds ``bias_hh_l0`` at zero: Wolfram has one bias per
                      gate, and two biases trained apart move their sum twice as far.

Threads: the caller sets torch.set_num_threads (run.py uses 2).
"""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from workloads import BETA1, BETA2, EPS, LR, WOLFRAM_EPS, Spec, lstm_pack, lstm_unpack


class WolframAdam(torch.optim.Optimizer):
    """Wolfram's ADAM (MXNet adam_update) as a torch optimizer:
    m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
    w -= lr_t m / (sqrt(v) + eps),  lr_t = lr sqrt(1 - b2^t) / (1 - b1^t)
    with the same float32 operation order as wlnet.train.optimizers.Adam."""

    def __init__(self, params, lr=LR, betas=(BETA1, BETA2), eps=WOLFRAM_EPS):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps))
        self.t = 0

    @torch.no_grad()
    def step(self):
        self.t += 1
        for group in self.param_groups:
            b1, b2 = group["betas"]
            lr_t = group["lr"] * math.sqrt(1.0 - b2 ** self.t) / (1.0 - b1 ** self.t)
            for p in group["params"]:
                if p.grad is None:
                    continue
                st = self.state[p]
                if not st:
                    st["m"] = torch.zeros_like(p)
                    st["v"] = torch.zeros_like(p)
                m, v, g = st["m"], st["v"], p.grad
                m.mul_(b1).add_(g * (1.0 - b1))
                v.mul_(b2).add_(g.square() * (1.0 - b2))
                s = v.sqrt().add_(group["eps"])
                s = torch.div(m, s).mul_(lr_t)
                p.sub_(s)


class Workload(nn.Module):
    """A workload's model; its arrays under the workload's names (``workloads.make_init``)."""

    def named_arrays(self) -> dict:
        raise NotImplementedError

    def load(self, init: dict) -> None:
        for name, p in self.named_arrays().items():
            p.copy_(torch.from_numpy(init[name]))

    def arrays(self) -> dict:
        return {name: p.detach().numpy().copy() for name, p in self.named_arrays().items()}


class FoldNet(Workload):
    def __init__(self, spec: Spec):
        super().__init__()
        n = spec.width
        self.lin2 = nn.Linear(n, n, bias=True)
        self.lin3 = nn.Linear(n, n, bias=False)
        self.lin3.weight.requires_grad_(False)       # LR multiplier 0

    def forward(self, X):                             # X: (B, T, n)
        B, T, n = X.shape
        s = X.new_zeros(B, n)
        for t in range(T):
            s = self.lin3(self.lin2(X[:, t] + s))
        return s

    def named_arrays(self):
        return {"W2": self.lin2.weight, "b2": self.lin2.bias, "W3": self.lin3.weight}


class MLPNet(Workload):
    def __init__(self, spec: Spec):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(spec.n_in, spec.n_hidden), nn.Tanh(),
                                 nn.Linear(spec.n_hidden, spec.n_out))

    def forward(self, X):
        return self.net(X)

    def named_arrays(self):
        return {"W1": self.net[0].weight, "b1": self.net[0].bias,
                "W2": self.net[2].weight, "b2": self.net[2].bias}


class LSTMNet(Workload):
    """nn.LSTM, its last state, a linear head (W4). Its gates are packed (i, f, g, o):
    ``load`` and ``arrays`` translate from and to Wolfram's named arrays."""

    def __init__(self, spec: Spec):
        super().__init__()
        self.lstm = nn.LSTM(spec.n_in, spec.n_hidden, batch_first=True)
        self.head = nn.Linear(spec.n_hidden, spec.n_out)

    def forward(self, X):                             # X: (B, T, k)
        out, _ = self.lstm(X)
        return self.head(out[:, -1])

    def load(self, init: dict):
        w_ih, w_hh, b = lstm_pack(init)
        for p, a in ((self.lstm.weight_ih_l0, w_ih), (self.lstm.weight_hh_l0, w_hh),
                     (self.lstm.bias_ih_l0, b), (self.head.weight, init["W2"]),
                     (self.head.bias, init["b2"])):
            p.copy_(torch.from_numpy(a))
        self.lstm.bias_hh_l0.zero_()

    def arrays(self) -> dict:
        lstm = self.lstm
        out = lstm_unpack(*(t.detach().numpy() for t in (
            lstm.weight_ih_l0, lstm.weight_hh_l0, lstm.bias_ih_l0 + lstm.bias_hh_l0)))
        out.update(W2=self.head.weight.detach().numpy().copy(),
                   b2=self.head.bias.detach().numpy().copy())
        return out


class ConvNet(Workload):
    """W5: Conv2d(1, c, 3) -> ReLU -> MaxPool2d(2) -> Flatten -> Linear; the softmax is
    inside F.cross_entropy (logits out)."""

    def __init__(self, spec: Spec):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(1, spec.n_hidden, 3), nn.ReLU(), nn.MaxPool2d(2),
                                 nn.Flatten(), nn.Linear(spec.conv_features(), spec.n_out))

    def forward(self, X):
        return self.net(X)

    def named_arrays(self):
        return {"W1": self.net[0].weight, "b1": self.net[0].bias,
                "W2": self.net[4].weight, "b2": self.net[4].bias}


MODELS = {"fold": FoldNet, "mlp": MLPNet, "lstm": LSTMNet, "conv": ConvNet}


class TorchTrainer:
    def __init__(self, spec: Spec, dtype, init, batches, fused: bool = False,
                 wolfram: bool = False):
        if dtype is not np.float32:
            raise ValueError("the benchmark runs in float32, Wolfram's precision")
        self.spec, self.init, self.fused, self.wolfram = spec, init, fused, wolfram
        self.loss = F.cross_entropy if spec.kind == "conv" else F.mse_loss
        self.model = MODELS[spec.kind](spec)
        self.batches = [(torch.from_numpy(X.copy()), torch.from_numpy(Y.copy()))
                        for X, Y in batches]
        self.nb = len(self.batches)
        self.reset()

    def reset(self) -> None:
        """The initial arrays, a fresh optimizer and the first batch next."""
        with torch.no_grad():
            self.model.load(self.init)
        if isinstance(self.model, LSTMNet) and self.wolfram:
            self.model.lstm.bias_hh_l0.requires_grad_(False)
        trainable = [p for p in self.model.parameters() if p.requires_grad]
        if self.wolfram:
            self.opt = WolframAdam(trainable)
        else:
            kw = {"fused": True} if self.fused else {}
            self.opt = torch.optim.Adam(trainable, lr=LR, betas=(BETA1, BETA2),
                                        eps=EPS, **kw)
        self.feed = self._feed()

    def _feed(self):
        """The batches of the timed run: the pool in order, again and again; or (W5)
        rounds over the training set, reshuffled each round as a PyTorch user does."""
        if not self.spec.shuffled:
            while True:
                yield from self.batches
        X = torch.cat([x for x, _ in self.batches])
        Y = torch.cat([y for _, y in self.batches])
        g = torch.Generator().manual_seed(0)
        B = self.spec.batch
        while True:
            perm = torch.randperm(len(X), generator=g)
            for i in range(0, len(X), B):
                idx = perm[i:i + B]
                yield X[idx], Y[idx]

    def _step(self, X, Y) -> None:
        self.opt.zero_grad(set_to_none=True)
        loss = self.loss(self.model(X), Y)
        loss.backward()
        self.opt.step()

    # interface ---------------------------------------------------------
    def step(self, k: int) -> None:
        self._step(*self.batches[k % self.nb])

    def run(self, n: int) -> None:
        feed = self.feed
        for _ in range(n):
            self._step(*next(feed))

    def params(self) -> dict[str, np.ndarray]:
        return self.model.arrays()

    def accuracy(self, x: np.ndarray, y: np.ndarray) -> float:
        """W5: the fraction of (x, y) the net classifies right."""
        with torch.no_grad():
            return float((self.model(torch.from_numpy(x)).argmax(1).numpy() == y).mean())


def make(impl: str, spec: Spec, dtype, init, batches):
    if impl == "torch":
        return TorchTrainer(spec, dtype, init, batches, fused=False)
    if impl == "torch_fused":
        return TorchTrainer(spec, dtype, init, batches, fused=True)
    if impl == "torch_wolfram":
        return TorchTrainer(spec, dtype, init, batches, wolfram=True)
    raise KeyError(impl)


IMPLS = ("torch", "torch_fused", "torch_wolfram")
