"""PyTorch eager (CPU) trainers, written the way a PyTorch user would:
nn.Module / nn.Linear, F.mse_loss, torch.optim.Adam, zero_grad(set_to_none),
loss.backward(), opt.step().  The frozen W3 (learning-rate multiplier 0) is
``requires_grad_(False)`` and not given to the optimizer.

Implementations:
* ``torch``        -- torch.optim.Adam with defaults (on CPU that is the
                      single-tensor for-loop path: foreach and fused are off).
* ``torch_fused``  -- torch.optim.Adam(fused=True): one fused CPU kernel per
                      parameter tensor.
* ``torch_wolfram`` -- the same model with ``WolframAdam`` below: ADAM as Wolfram
                      (MXNet's adam_update) computes it, epsilon 1e-5 added to the
                      UNCORRECTED sqrt(v) and the bias correction folded into the step
                      size. This is the side the correctness check compares with wlnet;
                      the timed baseline is ``torch`` (PyTorch's default Adam).

Threads: the caller sets torch.set_num_threads (run_bench.py uses 2).
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

import math

from workloads import BETA1, BETA2, EPS, LR, WOLFRAM_EPS, Spec


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

TORCH_DTYPE = {np.float32: torch.float32, np.float64: torch.float64}


class FoldNet(nn.Module):
    def __init__(self, n: int, dtype):
        super().__init__()
        self.lin2 = nn.Linear(n, n, bias=True, dtype=dtype)
        self.lin3 = nn.Linear(n, n, bias=False, dtype=dtype)
        self.lin3.weight.requires_grad_(False)       # LR multiplier 0

    def forward(self, X):                             # X: (B, T, n)
        B, T, n = X.shape
        s = X.new_zeros(B, n)
        for t in range(T):
            s = self.lin3(self.lin2(X[:, t] + s))
        return s


class MLPNet(nn.Module):
    def __init__(self, i: int, h: int, o: int, dtype):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(i, h, dtype=dtype), nn.Tanh(),
                                 nn.Linear(h, o, dtype=dtype))

    def forward(self, X):
        return self.net(X)


# name in wl.make_init  <->  torch parameter
def _param_map(spec: Spec, model: nn.Module) -> dict[str, torch.Tensor]:
    if spec.kind == "fold":
        return {"W2": model.lin2.weight, "b2": model.lin2.bias,
                "W3": model.lin3.weight}
    return {"W1": model.net[0].weight, "b1": model.net[0].bias,
            "W2": model.net[2].weight, "b2": model.net[2].bias}


class TorchTrainer:
    def __init__(self, spec: Spec, dtype, init, batches, fused: bool = False,
                 wolfram: bool = False):
        tdt = TORCH_DTYPE[dtype]
        self.spec = spec
        if spec.kind == "fold":
            self.model = FoldNet(spec.width, tdt)
        else:
            self.model = MLPNet(spec.n_in, spec.n_hidden, spec.n_out, tdt)
        self.pmap = _param_map(spec, self.model)
        with torch.no_grad():
            for name, p in self.pmap.items():
                p.copy_(torch.from_numpy(init[name]))
        trainable = [p for p in self.model.parameters() if p.requires_grad]
        if wolfram:
            self.opt = WolframAdam(trainable)
        else:
            kw = {"fused": True} if fused else {}
            self.opt = torch.optim.Adam(trainable, lr=LR, betas=(BETA1, BETA2),
                                        eps=EPS, **kw)
        self.batches = [(torch.from_numpy(X.copy()), torch.from_numpy(Y.copy()))
                        for X, Y in batches]
        self.nb = len(self.batches)
        self.k = 0

    # phases ------------------------------------------------------------
    def forward(self, k):
        X, Y = self.batches[k]
        self.opt.zero_grad(set_to_none=True)
        self.loss = F.mse_loss(self.model(X), Y)

    def backward(self):
        self.loss.backward()

    def update(self):
        self.opt.step()

    # interface ---------------------------------------------------------
    def step(self, k: int) -> None:
        X, Y = self.batches[k]
        self.opt.zero_grad(set_to_none=True)
        loss = F.mse_loss(self.model(X), Y)
        loss.backward()
        self.opt.step()

    def run(self, n: int) -> None:
        k = self.k
        for _ in range(n):
            self.step(k % self.nb)
            k += 1
        self.k = k

    def grads(self, k: int) -> dict[str, np.ndarray]:
        self.forward(k)
        self.backward()
        return {name: p.grad.detach().numpy().copy()
                for name, p in self.pmap.items() if p.grad is not None}

    def params(self) -> dict[str, np.ndarray]:
        return {name: p.detach().numpy().copy() for name, p in self.pmap.items()}


def make(impl: str, spec: Spec, dtype, init, batches):
    if impl == "torch":
        return TorchTrainer(spec, dtype, init, batches, fused=False)
    if impl == "torch_fused":
        return TorchTrainer(spec, dtype, init, batches, fused=True)
    if impl == "torch_wolfram":
        return TorchTrainer(spec, dtype, init, batches, wolfram=True)
    raise KeyError(impl)


IMPLS = ("torch", "torch_fused", "torch_wolfram")
