"""Two linear layers in a row in a fold body, merged into one product per step."""
import numpy as np


class Pair:
    """Two linear layers in a row inside a fold body, with nothing else reading the value
    between them (the seed's l2 -> l3): y = (x.W1^T + b1).W2^T + b2 = x.W^T + c with
    W = W2.W1 and c = W2.b1 + b2, made once per forward call, so each step needs one
    product instead of two. The weight gradients still come from one product each after
    the loop: dW1 = W2^T.(G^T.X), db1 = (1^T.G).W2, dW2 = G^T.U with U = X.W1^T + b1
    (computed then, only when W2 is trained), db2 = 1^T.G. Exact arithmetic is unchanged;
    float rounding differs in the last bits."""

    def __init__(self, first, second):
        self.first, self.second = first, second
        self.ins, self.outs = first.ins, second.outs
        n_out, n_mid = second.w.shape
        n_in = first.w.shape[1]
        self.dims = n_in, n_mid, n_out
        self.has_bias = first.b is not None or second.b is not None

    @property
    def want_x(self):
        return self.first.want_x

    @property
    def flags(self):
        return self.first.flags + self.second.flags

    @property
    def wants_arrays(self):
        return self.first.wants_arrays or self.second.wants_arrays

    def combine(self, w, wt, c):
        """The product's weights (and their transpose) and bias from the current arrays."""
        first, second = self.first, self.second
        np.dot(second.w, first.w, out=w)
        np.copyto(wt, w.T)
        if c is not None:
            if first.b is not None:
                np.dot(second.w, first.b, out=c)
            else:
                c.fill(0)
            if second.b is not None:
                c += second.b


def merge_pairs(ops, k):
    """The ops with each pair of linear layers that pays to merge (see Pair) merged;
    None when there is no such pair."""
    readers = {}
    for _, kk in ops:
        for reg in kk.ins:
            readers[reg] = readers.get(reg, 0) + 1
    outputs = {k.feed_reg, k.state_reg, *k.out_regs}
    made = {kk.outs[0]: i for i, (kind, kk) in enumerate(ops) if kind == "linear"}
    fused, dropped = list(ops), set()
    for j, (kind, kk) in enumerate(ops):
        i = made.get(kk.ins[0])  # (a linear layer is the first of at most one pair:
        # its value has one reader; one that is already the second of a pair is not)
        if kind != "linear" or i is None or fused[i][0] != "linear" or \
                readers[kk.ins[0]] != 1 or kk.ins[0] in outputs:
            continue
        n_out, n_mid = kk.w.shape
        n_in = ops[i][1].w.shape[1]
        if n_in * n_out >= n_mid * (n_in + n_out):
            continue  # a narrow middle: two thin products cost less than one product
        fused[j] = ("pair", Pair(ops[i][1], kk))
        dropped.add(i)
    if not dropped:
        return None
    return [op for i, op in enumerate(fused) if i not in dropped]
